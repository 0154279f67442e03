"""Interview shapes: how each family of roles is interviewed (the categories asked first, and
the mock rounds), read once per content version."""

from __future__ import annotations

from dataclasses import dataclass

from config.sitewide.caching import cached_content

from .models import Category, InterviewShape


@dataclass(frozen=True)
class Shape:
    """How a family of roles is interviewed (``InterviewShape``), as plain values."""

    slug: str
    name: str
    categories: tuple[str, ...]
    role_ids: frozenset[int]

    def category_rank(self, category: str) -> int:
        """Where a category comes in this shape: its own first, in order, then the rest."""
        if category in self.categories:
            return self.categories.index(category)
        return len(self.categories) + list(Category.values).index(category)


def _read_shapes() -> tuple[Shape, ...]:
    shapes = InterviewShape.objects.prefetch_related("roles")
    return tuple(
        Shape(
            slug=shape.slug,
            name=shape.name,
            categories=tuple(shape.categories),
            role_ids=frozenset(role.pk for role in shape.roles.all()),
        )
        for shape in shapes
    )


def all_shapes() -> tuple[Shape, ...]:
    """The interview shapes, the default first (kept per content version)."""
    return cached_content("interviews:shapes", _read_shapes)


def shape_for(role_id: int | None) -> Shape | None:
    """The role's interview shape; for no role, or a role of no shape, the first one."""
    shapes = all_shapes()
    chosen = next((shape for shape in shapes if role_id in shape.role_ids), None)
    return chosen or (shapes[0] if shapes else None)
