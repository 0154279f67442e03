"""Browsing the question bank: filters, the count behind every filter value, and a page of 25."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from careers.models import Role

from .models import Question, Status, bookmarked_by, status_q

PAGE_SIZE = 25


@dataclass(frozen=True)
class BankFilters:
    text: str = ""
    category: str = ""
    role: Role | None = None
    difficulty: int | None = None
    status: str = ""
    bookmarked: bool = False


@dataclass
class BankPage:
    page: Page
    category_counts: dict[str, int] = field(default_factory=dict)
    difficulty_counts: dict[int, int] = field(default_factory=dict)
    role_counts: dict[int, int] = field(default_factory=dict)
    status_counts: dict[str, int] = field(default_factory=dict)
    bookmarked_count: int = 0


def _filtered(
    questions: QuerySet, filters: BankFilters, *, user, now: datetime, skip: Iterable[str]
) -> QuerySet:
    skip = set(skip)
    if filters.text and "text" not in skip:
        questions = questions.filter(
            Q(prompt__icontains=filters.text)
            | Q(key_points__icontains=filters.text)
            | Q(follow_ups__icontains=filters.text)
        )
    if filters.category and "category" not in skip:
        questions = questions.filter(category=filters.category)
    if filters.difficulty and "difficulty" not in skip:
        questions = questions.filter(difficulty=filters.difficulty)
    if filters.role and "role" not in skip:
        questions = questions.filter(roles=filters.role)
    if user.is_authenticated:
        if filters.status and "status" not in skip:
            questions = questions.filter(status_q(filters.status, now=now))
        if filters.bookmarked and "bookmarked" not in skip:
            questions = questions.filter(bookmarked_by(user))
    return questions


def browse_bank(*, user, filters: BankFilters, page_number: object, now: datetime) -> BankPage:
    """One page of published questions and, for each filter, how many each value would show.

    A value's count applies every *other* filter, so it says what choosing it would give.
    Five queries whatever the size of the bank or of the user's history.
    """
    personal = user.is_authenticated
    questions = Question.objects.published()
    if personal:
        questions = questions.with_card_for(user)

    def narrowed(*skip: str) -> QuerySet:
        return _filtered(questions, filters, user=user, now=now, skip=skip)

    listing = narrowed().with_status(user, now=now) if personal else narrowed()
    result = BankPage(page=Paginator(listing, PAGE_SIZE).get_page(page_number))

    # Category and difficulty in one grouped query; each total honours the other's filter.
    grid = narrowed("category", "difficulty").values("category", "difficulty")
    for row in grid.annotate(total=Count("pk")).order_by():
        if not filters.difficulty or row["difficulty"] == filters.difficulty:
            category = row["category"]
            result.category_counts[category] = (
                result.category_counts.get(category, 0) + row["total"]
            )
        if not filters.category or row["category"] == filters.category:
            level = row["difficulty"]
            result.difficulty_counts[level] = result.difficulty_counts.get(level, 0) + row["total"]

    links = Question.roles.through.objects.filter(question__in=narrowed("role").values("pk"))
    result.role_counts = dict(
        links.values("role_id").annotate(total=Count("question_id")).values_list("role_id", "total")
    )

    if personal:
        # Status and bookmarks in one aggregate; each side keeps the other's filter.
        in_status = status_q(filters.status, now=now) if filters.status else Q()
        in_bookmarks = Q(bookmarked_by(user)) if filters.bookmarked else Q()
        totals = narrowed("status", "bookmarked").aggregate(
            **{
                status.value: Count("pk", filter=status_q(status, now=now) & in_bookmarks)
                for status in Status
            },
            bookmarked=Count("pk", filter=Q(bookmarked_by(user)) & in_status),
        )
        result.bookmarked_count = totals.pop("bookmarked")
        result.status_counts = totals
    return result
