"""A user's practice progress: per-category counts, streaks, recent activity, readiness."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.core.cache import cache
from django.utils import timezone

from careers.selectors import RoleRef

from .bank import Catalogue, CatalogueQuestion, bank_catalogue, practised_catalogue
from .models import Category, Rating, ReviewLog
from .status import (
    Card,
    cards_for,
    is_due,
    is_mastered,
    is_new,
    practice_version,
)

CHART_DAYS = 30
WEAK_CATEGORY_DAYS = 30
HISTORY_TTL_SECONDS = 600


@dataclass(frozen=True)
class CategoryProgress:
    category: str
    label: str
    total: int
    new: int
    learning: int
    mastered: int
    due_today: int


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int


@dataclass(frozen=True)
class WeakCategory:
    category: str
    label: str
    again_count: int


@dataclass(frozen=True)
class Readiness:
    role: RoleRef
    mastered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.mastered / self.total) if self.total else 0


@dataclass(frozen=True)
class Activity:
    """What the user's review history says, read in one query."""

    practice_days: Counter  # date -> number of ratings
    due_spans: list[tuple[date, date]]  # [first, last) days on which something was due
    again_by_category: Counter


def _day(moment: datetime) -> date:
    return timezone.localdate(moment)


def due_today_ids(
    *,
    user,
    now: datetime,
    cards: dict[int, Card] | None = None,
    role: RoleRef | None = None,
    catalogue: Catalogue | None = None,
) -> list[int]:
    """The questions the user practises (``practised_catalogue``) that are due
    (``status.is_due``: by the end of today), for one role if given, most overdue first.

    Every due count (home, progress, practice, a role's page) is the length of this list,
    and every "Practise now" serves exactly these questions.

    Only a question with a card can be due, and a card says whether its question is the
    user's own, so the published ``catalogue`` is enough: own questions need no query here,
    unless a role is asked for and the caller passes ``practised_catalogue`` (own questions
    can be tagged with roles).
    """
    cards = cards_for(user=user) if cards is None else cards
    listed = {
        question.pk
        for question in (catalogue or bank_catalogue()).questions
        if role is None or role.pk in question.role_ids
    }
    due = [
        pk
        for pk, card in cards.items()
        if is_due(card, now=now) and (pk in listed or (card.own and role is None))
    ]
    return sorted(due, key=lambda pk: (cards[pk].due, pk))


def _logs(*, user):
    return (
        ReviewLog.objects.for_user(user)
        .order_by("question_id", "rated_at", "pk")
        .values_list("question_id", "question__category", "rating", "rated_at", "due")
    )


def category_progress(
    *,
    user,
    now: datetime,
    cards: dict[int, Card] | None = None,
    catalogue: Catalogue | None = None,
) -> list[CategoryProgress]:
    """New / learning / mastered per category (they add up to the total), and due today.

    Mastered means the scheduler last sent the question 21 or more days out; it stays
    mastered when that day comes, and then it is also due. Counted here from the questions
    the user practises (``practised_catalogue``) and their cards: no aggregate query.
    """
    cards = cards_for(user=user) if cards is None else cards
    counts: dict[str, Counter] = {}
    for question in (catalogue or practised_catalogue(user=user)).questions:
        row = counts.setdefault(question.category, Counter())
        card = cards.get(question.pk)
        row["total"] += 1
        if is_new(card):
            row["new"] += 1
            continue
        if is_mastered(card):
            row["mastered"] += 1
        if is_due(card, now=now):
            row["due_today"] += 1
    return [
        CategoryProgress(
            category=category.value,
            label=category.label,
            total=row["total"],
            new=row["new"],
            learning=row["total"] - row["new"] - row["mastered"],
            mastered=row["mastered"],
            due_today=row["due_today"],
        )
        for category in Category
        if (row := counts.get(category.value))
    ]


def read_activity(*, user, now: datetime, cards: dict[int, Card] | None = None) -> Activity:
    cards = cards_for(user=user) if cards is None else cards
    restarted = {
        question_id: card.cycle_started_at
        for question_id, card in cards.items()
        if card.cycle > 1 and card.cycle_started_at is not None
    }
    # Hundreds of dates per page: convert with the zone in hand, not timezone.localdate().
    zone = timezone.get_current_timezone()
    today = _day(now)
    # Whole days, like the chart: today and the 29 days before it.
    weak_since = today - timedelta(days=WEAK_CATEGORY_DAYS - 1)
    practice_days: Counter = Counter()
    again_by_category: Counter = Counter()
    # Per question: (day rated, rated at, due day), in rating order.
    chains: dict[int, list[tuple[date, datetime, date]]] = defaultdict(list)
    for question_id, category, rating, rated_at, due in _logs(user=user):
        if rated_at > now:
            continue  # only what had happened by ``now``
        rated_day = rated_at.astimezone(zone).date()
        practice_days[rated_day] += 1
        if rating == Rating.AGAIN and rated_day >= weak_since:
            again_by_category[category] += 1
        chains[question_id].append((rated_day, rated_at, due.astimezone(zone).date()))

    # A question is due from its due day until the day it is next rated (or started afresh).
    due_spans = []
    for question_id, chain in chains.items():
        for index, (_rated_day, _rated_at, due_day) in enumerate(chain):
            if index + 1 < len(chain):
                until = chain[index + 1][0]
            else:
                restart = restarted.get(question_id)
                until = (
                    _day(restart) if restart and restart >= chain[-1][1] else today + timedelta(1)
                )
            if due_day < until:
                due_spans.append((due_day, until))
    return Activity(
        practice_days=practice_days, due_spans=due_spans, again_by_category=again_by_category
    )


class HistoryFigures(NamedTuple):
    """The progress figures that change only when the user's cards do or the day turns."""

    categories: tuple[CategoryProgress, ...]
    streaks: Streaks
    chart_rows: tuple[dict, ...]
    weakest: tuple[WeakCategory, ...]
    key: str  # names everything the figures depend on: for caching what is drawn from them


def history_figures(
    *, user, now: datetime, cards: dict[int, Card], catalogue: Catalogue
) -> HistoryFigures:
    """Categories, streaks, the 30-day chart and the weakest categories, kept until they change.

    Every rating writes its review log together with its card's next review count, and a
    fresh cycle moves the cards it restarts to their next cycle; so the user, their
    practice version, the day, the published bank's version and which own questions the
    user has identify everything these are worked out from.
    """
    today = _day(now)
    version = practice_version(cards)
    key = f"interviews:history:{user.pk}:{today}:{catalogue.version}:{catalogue.own_key}"
    figures = cache.get(key, version=version)
    if figures is None:
        activity = read_activity(user=user, now=now, cards=cards)
        figures = HistoryFigures(
            categories=tuple(
                category_progress(user=user, now=now, cards=cards, catalogue=catalogue)
            ),
            streaks=streaks(activity=activity, today=today),
            chart_rows=tuple(practice_chart_rows(activity=activity, today=today)),
            weakest=tuple(weakest_categories(activity=activity)),
            key=f"{key}:{version}",
        )
        cache.set(key, figures, HISTORY_TTL_SECONDS, version=version)
    return figures


def streaks(*, activity: Activity, today: date) -> Streaks:
    """Daily practice streaks, where only a missed day with something due breaks a streak.

    Today never breaks the current streak: there is still time to practise.
    """
    if not activity.practice_days:
        return Streaks(current=0, longest=0)
    first = min(activity.practice_days)
    due_days: set[date] = set()
    covered_until = first
    # Spans overlap a lot (every card of a lapsed week); sorted, each day is visited once.
    for start, until in sorted(activity.due_spans):
        day = max(start, covered_until)
        while day < until and day <= today:
            due_days.add(day)
            day += timedelta(days=1)
        covered_until = max(covered_until, day)

    longest = run = 0
    day = first
    while day <= today:
        if activity.practice_days[day]:
            run += 1
            longest = max(longest, run)
        elif day in due_days and day != today:
            run = 0
        day += timedelta(days=1)
    return Streaks(current=run, longest=longest)


def practice_chart_rows(*, activity: Activity, today: date) -> list[dict]:
    """Ratings per day over the last 30 days, oldest first, for the column chart."""
    days = [today - timedelta(days=offset) for offset in range(CHART_DAYS - 1, -1, -1)]
    return [{"label": f"{day.day} {day:%b}", "value": activity.practice_days[day]} for day in days]


def weakest_categories(*, activity: Activity, limit: int = 3) -> list[WeakCategory]:
    """The categories with the most "Again" ratings lately, worst first."""
    ranked = sorted(
        activity.again_by_category.items(),
        key=lambda item: (-item[1], list(Category.values).index(item[0])),
    )
    return [
        WeakCategory(category=category, label=Category(category).label, again_count=count)
        for category, count in ranked[:limit]
        if count
    ]


def readiness(
    *,
    user,
    role: RoleRef | None,
    cards: dict[int, Card] | None = None,
    catalogue: Catalogue | None = None,
) -> Readiness | None:
    """The share of the role's published questions the user has mastered."""
    if role is None:
        return None
    cards = cards_for(user=user) if cards is None else cards
    total = mastered = 0
    for question in (catalogue or bank_catalogue()).questions:
        if role.pk in question.role_ids:
            total += 1
            card = cards.get(question.pk)
            mastered += is_mastered(card)
    return Readiness(role=role, mastered=mastered, total=total)


class UpcomingReview(NamedTuple):
    question: CatalogueQuestion
    due: datetime


def upcoming_reviews(
    *, cards: dict[int, Card], catalogue: Catalogue, limit: int = 10
) -> list[UpcomingReview]:
    """The practised questions in the order they come back, soonest (or overdue) first."""
    questions = {question.pk: question for question in catalogue.questions}
    reviews = [
        UpcomingReview(questions[question_id], card.due)
        for question_id, card in cards.items()
        if not is_new(card) and card.due is not None and question_id in questions
    ]
    return sorted(reviews, key=lambda review: (review.due, review.question.pk))[:limit]
