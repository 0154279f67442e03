"""Reads for the careers pages, each choosing its joins so a page costs a fixed few queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Prefetch, Q, QuerySet

from config.sitewide.caching import cached_content

from .models import EditorNote, GuideEntry, Hub, Market, MarketFact, PageReview, Role, SalaryBand


class RoleRef(NamedTuple):
    """A role as other pages name and link it."""

    pk: int
    slug: str
    name: str


def role_refs(*, version: int | None = None) -> tuple[RoleRef, ...]:
    """Every role, in the roles' order, read once per content version.

    For pages that name or filter by roles on every request (the bank, practice,
    progress): the role list is content, shared by every user until staff change it.
    """

    def build() -> tuple[RoleRef, ...]:
        return tuple(RoleRef(*row) for row in Role.objects.values_list("pk", "slug", "name"))

    return cached_content("careers:roles", build, version=version)


def role_by(*, pk: int | None = None, slug: str | None = None) -> RoleRef | None:
    return next((role for role in role_refs() if role.pk == pk or role.slug == slug), None)


def roles_with_bands() -> QuerySet[Role]:
    # One extra query for every role's bands, instead of one per role on list pages.
    bands = SalaryBand.objects.order_by("role_id", "level")
    return Role.objects.order_by("sort_order", "name").prefetch_related(
        Prefetch("salary_bands", queryset=bands)
    )


def role_profiles() -> QuerySet[Role]:
    """Roles with their bands, plus what the other apps attach to a role.

    The transition paths leading to the role and its published interview questions are
    reverse relations named by those apps; careers reads them by name and imports neither.
    """
    published = Q(interview_questions__is_published=True)
    return (
        roles_with_bands()
        .annotate(question_count=Count("interview_questions", filter=published, distinct=True))
        .prefetch_related("transition_paths")
    )


def markets() -> QuerySet[Market]:
    return Market.objects.select_related("hub").order_by("sort_order", "name")


def facts(*slugs: str) -> dict[str, MarketFact]:
    """The named market facts by slug; a fact staff deleted is simply absent."""
    return {fact.slug: fact for fact in MarketFact.objects.filter(slug__in=slugs)}


@dataclass(frozen=True)
class Headlines:
    top_role: Role | None
    fastest_hub: Hub | None
    remote_share: MarketFact | None


def headline_figures() -> Headlines:
    """The home page's figures, computed from the current content rather than typed in."""
    top_role = (
        Role.objects.filter(active_postings__isnull=False)
        .order_by("-active_postings", "name")
        .first()
    )
    fastest_hub = (
        Hub.objects.filter(growth_percent__isnull=False).order_by("-growth_percent", "name").first()
    )
    return Headlines(
        top_role=top_role,
        fastest_hub=fastest_hub,
        remote_share=facts("remote-share").get("remote-share"),
    )


def passages(*slugs: str) -> dict[str, GuideEntry]:
    """The guide's passages (and any other entries) placed on a page, by slug."""
    return {entry.slug: entry for entry in GuideEntry.objects.filter(slug__in=slugs)}


def page_reviewed_on(path: str) -> datetime.date | None:
    """When staff last reviewed the page at this address, if they have recorded it."""
    return PageReview.objects.filter(path=path).values_list("reviewed_on", flat=True).first()


@dataclass(frozen=True)
class Note:
    body: str
    source_url: str
    source_title: str
    checked_on: datetime.date


def _editor_notes() -> dict[tuple[int, int], tuple[Note, ...]]:
    index: dict[tuple[int, int], list[Note]] = {}
    for note in EditorNote.objects.order_by("pk"):
        index.setdefault((note.content_type_id, note.object_id), []).append(
            Note(note.body, note.source_url, note.source_title, note.checked_on)
        )
    return {key: tuple(notes) for key, notes in index.items()}


def editor_notes() -> dict[tuple[int, int], tuple[Note, ...]]:
    """Every editor's note keyed by (content type id, object id), read once per content version.

    Notes sit beside figures on many pages; one shared read keeps each page's query count flat.
    """
    return cached_content("careers:editor-notes", _editor_notes)
