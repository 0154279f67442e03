"""Browsing the question bank: filters, the count behind every filter value, and a page of 25.

The published bank (a few hundred short rows at most) is content: it is read once per
content version and kept in the cache (``config.sitewide.caching.cached_content``), so
an edit shows at once. A request then reads only what is personal — the user's card
states, and their own questions with their bookmarks, two small queries — and, for a
text search, the matching ids. Filtering and counting happen here, in Python, on that data.

``practised_catalogue`` is the one set of questions every status and count covers (the
bank, practice, progress and the home panel): the published bank and the user's own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from careers.selectors import RoleRef, role_refs
from config.sitewide.caching import cached_content, content_version

from .models import Bookmark, Category, Difficulty, Question
from .search import ranked_ids
from .shapes import shape_for
from .status import Status, cards_for, status_of

PAGE_SIZE = 25


class CatalogueQuestion(NamedTuple):
    """One published question, as the bank lists it."""

    pk: int
    prompt: str
    category: str
    category_label: str
    difficulty: int
    difficulty_label: str
    from_guide: bool
    role_ids: frozenset[int]
    url: str
    own: bool = False  # one of the user's own (private) questions


class Catalogue(NamedTuple):
    # Ordered by pk, as the bank lists them (a user's own questions after the published ones).
    questions: tuple[CatalogueQuestion, ...]
    roles: tuple[RoleRef, ...]  # every role, in the roles' own order
    version: int  # the content version it was read at
    own_key: str = ""  # which of a user's own questions it holds; "" for the published bank


def _build_catalogue(version: int) -> Catalogue:
    # One row per question and role (role None for a question of no role): one query.
    rows = Question.objects.published().order_by("pk").values_list(*_CATALOGUE_FIELDS, "roles")
    fields: dict[int, tuple] = {}
    role_ids: dict[int, set[int]] = {}
    for *question, role_id in rows:
        fields[question[0]] = tuple(question)
        if role_id is not None:
            role_ids.setdefault(question[0], set()).add(role_id)
    questions = _catalogue_questions(fields.values(), role_ids)
    return Catalogue(questions=questions, roles=role_refs(version=version), version=version)


_CATALOGUE_FIELDS = ("pk", "prompt", "category", "difficulty", "from_guide")


def _catalogue_questions(
    rows, role_ids: dict[int, set[int]], *, own: bool = False
) -> tuple[CatalogueQuestion, ...]:
    """Catalogue entries from (pk, prompt, category, difficulty, from_guide) rows."""
    categories = dict(Category.choices)
    difficulties = dict(Difficulty.choices)
    return tuple(
        CatalogueQuestion(
            pk=pk,
            prompt=prompt,
            category=category,
            category_label=categories.get(category, category),
            difficulty=difficulty,
            difficulty_label=difficulties.get(difficulty, str(difficulty)),
            from_guide=from_guide,
            role_ids=frozenset(role_ids.get(pk, ())),
            url=reverse("interviews:question", args=[pk]),
            own=own,
        )
        for pk, prompt, category, difficulty, from_guide in rows
    )


def bank_catalogue(*, version: int | None = None) -> Catalogue:
    """The published bank and the roles, read once per content version."""
    version = content_version() if version is None else version
    return cached_content(
        "interviews:bank-catalogue", lambda: _build_catalogue(version), version=version
    )


class Shelf(NamedTuple):
    """What the user keeps of the questions: their own (private) ones and their bookmarks."""

    own: tuple[CatalogueQuestion, ...]
    bookmarked: frozenset[int]


def shelf_of(*, user) -> Shelf:
    """The user's own questions and bookmarked ids, in one query (none for a visitor)."""
    if not user.is_authenticated:
        return Shelf(own=(), bookmarked=frozenset())
    # One row per question and role (None for no role): the roles an own question is
    # tagged with put it in those roles' queues. Still one query.
    rows = (
        Question.objects.annotate(
            bookmarked=Exists(Bookmark.objects.for_user(user).filter(question=OuterRef("pk")))
        )
        .filter(Q(owner=user) | Q(bookmarked=True))
        .order_by("pk")
        .values_list(*_CATALOGUE_FIELDS, "owner_id", "bookmarked", "roles")
    )
    own: dict[int, tuple] = {}
    role_ids: dict[int, set[int]] = {}
    bookmarked = set()
    for *fields, owner_id, is_bookmarked, role_id in rows:
        if owner_id == user.pk:
            own[fields[0]] = tuple(fields)
            if role_id is not None:
                role_ids.setdefault(fields[0], set()).add(role_id)
        if is_bookmarked:
            bookmarked.add(fields[0])
    return Shelf(
        own=_catalogue_questions(own.values(), role_ids, own=True),
        bookmarked=frozenset(bookmarked),
    )


def practised_catalogue(
    *, user, catalogue: Catalogue | None = None, shelf: Shelf | None = None
) -> Catalogue:
    """The questions the user practises, and that every status and count covers: the
    published bank (kept per content version) and the user's own questions (one query,
    unless the ``shelf`` is already read; none for a visitor)."""
    catalogue = catalogue or bank_catalogue()
    own = (shelf or shelf_of(user=user)).own
    if not own:
        return catalogue
    # Own questions are only added and deleted, never edited: their ids say which they are.
    ids = ",".join(str(question.pk) for question in own)
    own_key = f"{user.pk}-{hashlib.sha256(ids.encode()).hexdigest()[:16]}"
    return catalogue._replace(questions=catalogue.questions + own, own_key=own_key)


@dataclass(frozen=True)
class BankFilters:
    text: str = ""
    category: str = ""
    role: RoleRef | None = None
    difficulty: int | None = None
    status: str = ""
    bookmarked: bool = False


class ListedQuestion(NamedTuple):
    """A question on the page, with the signed-in user's status and bookmark."""

    pk: int
    url: str
    prompt: str
    category_label: str
    difficulty_label: str
    from_guide: bool
    own: bool = False
    status: str = ""
    status_label: str = ""
    bookmarked: bool = False


@dataclass
class BankPage:
    page: Page
    category_counts: dict[str, int] = field(default_factory=dict)
    difficulty_counts: dict[int, int] = field(default_factory=dict)
    role_counts: dict[int, int] = field(default_factory=dict)
    status_counts: dict[str, int] = field(default_factory=dict)
    bookmarked_count: int = 0


def browse_bank(
    *,
    user,
    filters: BankFilters,
    page_number: int | str | None,
    now: datetime,
    catalogue: Catalogue | None = None,
) -> BankPage:
    """One page of the questions the user practises (the published bank, and their own
    when signed in) and, for each filter, how many each value would show.

    A value's count applies every *other* filter, so it says what choosing it would give.
    At most three queries whatever the size of the bank or of the user's history (the
    user's cards, their shelf and a text search), plus the catalogue once per content change.
    """
    personal = user.is_authenticated
    shelf = shelf_of(user=user)
    catalogue = practised_catalogue(user=user, catalogue=catalogue, shelf=shelf)
    cards = cards_for(user=user)
    bookmarks = shelf.bookmarked
    # A text search lists its matches best first (interviews/search.py ranks them).
    practised = Question.objects.practised_by(user)
    ranked = (
        ranked_ids(filters.text, questions=practised, version=catalogue.version)
        if filters.text
        else None
    )
    matching = {pk: rank for rank, pk in enumerate(ranked)} if ranked is not None else None
    role_id = filters.role.pk if filters.role else None
    status_filter = filters.status if personal else ""
    bookmark_filter = filters.bookmarked and personal

    listed: list[CatalogueQuestion] = []
    statuses: dict[int, str] = {}
    category_counts: dict[str, int] = {}
    difficulty_counts: dict[int, int] = {}
    role_counts: dict[int, int] = {}
    status_counts = dict.fromkeys(Status.values, 0)
    bookmarked_count = 0
    for question in catalogue.questions:
        if matching is not None and question.pk not in matching:
            continue  # the text filter has no counts of its own
        status = status_of(cards.get(question.pk), now=now) if personal else ""
        bookmarked = question.pk in bookmarks
        # Which filters this question fails: it counts towards a filter's values only
        # when every other filter lets it through.
        misses = []
        if filters.category and question.category != filters.category:
            misses.append("category")
        if filters.difficulty and question.difficulty != filters.difficulty:
            misses.append("difficulty")
        if role_id is not None and role_id not in question.role_ids:
            misses.append("role")
        if status_filter and status != status_filter:
            misses.append("status")
        if bookmark_filter and not bookmarked:
            misses.append("bookmarked")
        if len(misses) > 1:
            continue
        missed = misses[0] if misses else ""
        if not missed:
            listed.append(question)
            statuses[question.pk] = status
        if missed in ("", "category"):
            category_counts[question.category] = category_counts.get(question.category, 0) + 1
        if missed in ("", "difficulty"):
            level = question.difficulty
            difficulty_counts[level] = difficulty_counts.get(level, 0) + 1
        if missed in ("", "role"):
            for linked in question.role_ids:
                role_counts[linked] = role_counts.get(linked, 0) + 1
        if personal and missed in ("", "status"):
            status_counts[status] += 1
        if personal and missed in ("", "bookmarked") and bookmarked:
            bookmarked_count += 1

    if matching is not None:
        listed.sort(key=lambda question: matching[question.pk])
    elif filters.role is not None and (shape := shape_for(filters.role.pk)) is not None:
        # A role's questions in its interview shape's order: a product manager's bank opens
        # with product sense, not serving design (a stable sort keeps the bank's order within).
        listed.sort(key=lambda question: shape.category_rank(question.category))
    # The page's questions are swapped below for their listed form.
    page: Page[Any] = Paginator(listed, PAGE_SIZE).get_page(page_number)
    rows = []
    for question in page.object_list:
        status = statuses[question.pk]
        rows.append(
            ListedQuestion(
                pk=question.pk,
                url=question.url,
                prompt=question.prompt,
                category_label=question.category_label,
                difficulty_label=question.difficulty_label,
                from_guide=question.from_guide,
                own=question.own,
                status=status,
                status_label=Status(status).label if status else "",
                bookmarked=question.pk in bookmarks,
            )
        )
    page.object_list = rows
    result = BankPage(
        page=page,
        category_counts=category_counts,
        difficulty_counts=difficulty_counts,
        role_counts=role_counts,
    )
    if personal:
        result.status_counts = status_counts
        result.bookmarked_count = bookmarked_count
    return result
