"""A user's practice progress: per-category counts, streaks, recent activity, readiness."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from careers.models import Role

from .models import CardState, Category, Question, Rating, ReviewLog, mastered_q, rated_q, status_q

CHART_DAYS = 30
WEAK_CATEGORY_DAYS = 30


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
    role: Role
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


def start_of_tomorrow(now: datetime) -> datetime:
    tomorrow = _day(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


def category_progress(*, user, now: datetime) -> list[CategoryProgress]:
    """New / learning / mastered per category (they add up to the total), and due today.

    Mastered means the scheduler last sent the question 21 or more days out; it stays
    mastered when that day comes, and then it is also due.
    """
    rows = (
        Question.objects.published()
        .with_card_for(user)
        .values("category")
        .annotate(
            total=Count("pk"),
            new=Count("pk", filter=status_q("new", now=now)),
            mastered=Count("pk", filter=mastered_q()),
            due_today=Count("pk", filter=rated_q() & Q(my_card__due__lt=start_of_tomorrow(now))),
        )
        .order_by()
    )
    by_category = {row["category"]: row for row in rows}
    result = []
    for category in Category:
        row = by_category.get(category.value)
        if row is None:
            continue
        result.append(
            CategoryProgress(
                category=category.value,
                label=category.label,
                total=row["total"],
                new=row["new"],
                learning=row["total"] - row["new"] - row["mastered"],
                mastered=row["mastered"],
                due_today=row["due_today"],
            )
        )
    return result


def read_activity(*, user, now: datetime) -> Activity:
    logs = (
        ReviewLog.objects.for_user(user)
        .filter(rated_at__lte=now)
        .order_by("question_id", "rated_at", "pk")
        .values_list("question_id", "question__category", "rating", "rated_at", "due", "cycle")
    )
    restarted = dict(
        CardState.objects.for_user(user)
        .filter(cycle__gt=1, cycle_started_at__isnull=False)
        .values_list("question_id", "cycle_started_at")
    )
    today = _day(now)
    weak_since = now - timedelta(days=WEAK_CATEGORY_DAYS)
    practice_days: Counter = Counter()
    again_by_category: Counter = Counter()
    chains: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for question_id, category, rating, rated_at, due, _cycle in logs:
        practice_days[_day(rated_at)] += 1
        if rating == Rating.AGAIN and rated_at >= weak_since:
            again_by_category[category] += 1
        chains[question_id].append((rated_at, due))

    # A question is due from its due day until the day it is next rated (or started afresh).
    due_spans = []
    for question_id, chain in chains.items():
        for index, (_rated_at, due) in enumerate(chain):
            if index + 1 < len(chain):
                until = _day(chain[index + 1][0])
            else:
                restart = restarted.get(question_id)
                until = (
                    _day(restart) if restart and restart >= chain[-1][0] else today + timedelta(1)
                )
            if _day(due) < until:
                due_spans.append((_day(due), until))
    return Activity(
        practice_days=practice_days, due_spans=due_spans, again_by_category=again_by_category
    )


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


def readiness(*, user, role: Role | None) -> Readiness | None:
    """The share of the role's published questions the user has mastered."""
    if role is None:
        return None
    totals = (
        Question.objects.published()
        .filter(roles=role)
        .with_card_for(user)
        .aggregate(total=Count("pk"), mastered=Count("pk", filter=mastered_q()))
    )
    return Readiness(role=role, mastered=totals["mastered"], total=totals["total"])
