"""Reads for the careers pages, each choosing its joins so a page costs a fixed few queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from django.db.models import Count, Prefetch, Q, QuerySet

from config.sitewide.caching import cached_content
from config.sitewide.provenance import GUIDE, Source, source_of

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


class Linked(NamedTuple):
    """A role or hub as a headline names it: its name, address and the figure shown."""

    name: str
    url: str
    figure: int | float
    source: Source = GUIDE


@dataclass(frozen=True)
class FactFigure:
    """A market fact's figure as pages show it (``fact_value``); notes find it by model and pk."""

    pk: int
    value_min: object
    value_max: object
    qualifier: str
    unit: str
    source: Source = GUIDE
    content_model: ClassVar[type] = MarketFact


class Headlines(NamedTuple):
    top_role: Linked | None
    fastest_hub: Linked | None
    remote_share: FactFigure | None


def headline_figures() -> Headlines:
    """The home page's figures, computed from the current content rather than typed in, and
    read once per content version."""

    def build() -> Headlines:
        role = (
            Role.objects.filter(active_postings__isnull=False)
            .order_by("-active_postings", "name")
            .first()
        )
        hub = (
            Hub.objects.filter(growth_percent__isnull=False)
            .order_by("-growth_percent", "name")
            .first()
        )
        fact = facts("remote-share").get("remote-share")
        return Headlines(
            top_role=Linked(
                role.name, role.get_absolute_url(), role.active_postings, source_of(role)
            )
            if role and role.active_postings is not None
            else None,
            fastest_hub=Linked(hub.name, hub.get_absolute_url(), hub.growth_percent, source_of(hub))
            if hub and hub.growth_percent is not None
            else None,
            remote_share=FactFigure(
                fact.pk, fact.value_min, fact.value_max, fact.qualifier, fact.unit, source_of(fact)
            )
            if fact
            else None,
        )

    return cached_content("careers:headlines", build)


class Passage(NamedTuple):
    slug: str
    title: str
    body: str
    source: Source


def passages(*slugs: str) -> dict[str, Passage]:
    """The guide's passages (and any other entries) placed on a page, by slug.

    Read once per content version for each set of slugs a page asks for.
    """

    def build() -> dict[str, Passage]:
        entries = (
            GuideEntry.objects.published().filter(slug__in=slugs).defer("section", "sort_order")
        )
        return {
            entry.slug: Passage(entry.slug, entry.title, entry.body, source_of(entry))
            for entry in entries
        }

    return cached_content(f"careers:passages:{','.join(sorted(slugs))}", build)


def page_reviewed_on(path: str) -> datetime.date | None:
    """When staff last reviewed the page at this address, if they have recorded it.

    Every page's footer asks, so all review dates are read once per content version.
    """

    def build() -> dict[str, datetime.date]:
        return dict(PageReview.objects.values_list("path", "reviewed_on"))

    return cached_content("careers:page-reviews", build).get(path)


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
