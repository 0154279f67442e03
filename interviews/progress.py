"""A user's practice progress: per-category counts, streaks, recent activity, readiness."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from careers.models import Role
from careers.selectors import RoleRef

from .bank import Catalogue, CatalogueQuestion, bank_catalogue, practised_catalogue
from .models import CardState, Category, FreshCycle, PracticeDay, PracticeSummary, Rating, ReviewLog
from .status import (
    MASTERED_INTERVAL_DAYS,
    Card,
    cards_for,
    is_due,
    is_mastered,
    is_new,
    practice_version,
)

CHART_DAYS = 30
WEAK_CATEGORY_DAYS = 30
# The progress page's figures in its words, from the rules' own numbers.
PAGE_FIGURES = {
    "mastered_days": MASTERED_INTERVAL_DAYS,
    "chart_days": CHART_DAYS,
    "weak_days": WEAK_CATEGORY_DAYS,
}
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
    role: Role | RoleRef
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
    role: Role | RoleRef | None = None,
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
        tally = counts.setdefault(question.category, Counter())
        card = cards.get(question.pk)
        tally["total"] += 1
        if is_new(card):
            tally["new"] += 1
            continue
        if is_mastered(card):
            tally["mastered"] += 1
        if is_due(card, now=now):
            tally["due_today"] += 1
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


class DueSpan(NamedTuple):
    """Days on which a question was due: from its due day until the day it was next rated or
    a fresh cycle made it new (``until`` excluded); ``until`` is None while it is still due."""

    start: date
    until: date | None
    ended_by_fresh_cycle: bool


class History(NamedTuple):
    """A user's whole review history, read in full: what the kept summary is rebuilt from."""

    ratings: Counter  # (day, category) -> ratings
    agains: Counter  # (day, category) -> "Again" ratings
    spans: list[DueSpan]


def _fresh_cycle_finder(*, user, now: datetime | None, cards: dict[int, Card]):
    """``first_after(question_id, category, moment)``: the first fresh cycle from ``moment``
    on that restarted the question, or None."""
    by_category: dict[str, list[datetime]] = defaultdict(list)  # "" for the whole bank
    cycles = FreshCycle.objects.filter(user=user).order_by("started_at")
    if now is not None:
        cycles = cycles.filter(started_at__lte=now)
    for category, started_at in cycles.values_list("category", "started_at"):
        by_category[category].append(started_at)
    # Fresh cycles from before they were recorded: each card remembers its latest one.
    by_question = {
        question_id: [card.cycle_started_at]
        for question_id, card in cards.items()
        if card.cycle > 1
        and card.cycle_started_at is not None
        and (now is None or card.cycle_started_at <= now)
    }

    def first_after(question_id: int, category: str, moment: datetime) -> datetime | None:
        found = []
        for times in (by_category.get(""), by_category.get(category), by_question.get(question_id)):
            if times and (index := bisect_left(times, moment)) < len(times):
                found.append(times[index])
        return min(found, default=None)

    return first_after


def _logs(*, user):
    return (
        ReviewLog.objects.for_user(user)
        .order_by("question_id", "rated_at", "pk")
        .values_list("question_id", "question__category", "rating", "rated_at", "due", "cycle")
    )


def read_history(*, user, now: datetime | None, cards: dict[int, Card]) -> History:
    """Everything the progress figures come from, read from the review logs and fresh cycles
    (up to ``now``, or all of it), with days in the current time zone. Reads every log: for
    rebuilding the kept summary, never for a page."""
    zone = timezone.get_current_timezone()
    fresh_cycle_after = _fresh_cycle_finder(user=user, now=now, cards=cards)
    ratings: Counter = Counter()
    agains: Counter = Counter()
    spans: list[DueSpan] = []

    def end_span(previous: tuple, following: tuple | None) -> None:
        """End the span of ``previous`` at the next rating of its question (``following``) or at
        the fresh cycle that restarted it in between; a log's cycle says if one did, since
        a fresh cycle and a rating can carry the same moment."""
        question_id, category, rated_at, due_day, cycle = previous
        card = cards.get(question_id)
        later_cycle = following[1] if following else (card.cycle if card else cycle)
        restart = (
            fresh_cycle_after(question_id, category, rated_at) if later_cycle > cycle else None
        )
        if restart is not None and (following is None or restart <= following[0]):
            until, by_fresh_cycle = restart.astimezone(zone).date(), True
        elif following is not None:
            until, by_fresh_cycle = following[0].astimezone(zone).date(), False
        else:
            until, by_fresh_cycle = None, False
        if until is None or due_day < until:
            spans.append(DueSpan(due_day, until, by_fresh_cycle))

    previous = None  # the log before, as (question id, category, rated at, due day, cycle)
    logs = _logs(user=user).iterator(5000)
    for question_id, category, rating, rated_at, due, cycle in logs:
        if now is not None and rated_at > now:
            continue  # only what had happened by ``now``
        day = rated_at.astimezone(zone).date()
        ratings[day, category] += 1
        agains[day, category] += rating == Rating.AGAIN
        if previous is not None:
            same_question = previous[0] == question_id
            end_span(previous, (rated_at, cycle) if same_question else None)
        previous = (question_id, category, rated_at, due.astimezone(zone).date(), cycle)
    if previous is not None:
        end_span(previous, None)
    return History(ratings=ratings, agains=agains, spans=spans)


def read_activity(*, user, now: datetime, cards: dict[int, Card] | None = None) -> Activity:
    """The figures' inputs recomputed from the whole history: the definition the kept
    summary must always agree with (see ``rebuild_summary``)."""
    cards = cards_for(user=user) if cards is None else cards
    history = read_history(user=user, now=now, cards=cards)
    today = _day(now)
    # Whole days, like the chart: today and the 29 days before it.
    weak_since = today - timedelta(days=WEAK_CATEGORY_DAYS - 1)
    practice_days: Counter = Counter()
    for (day, _category), count in history.ratings.items():
        practice_days[day] += count
    again_by_category: Counter = Counter()
    for (day, category), count in history.agains.items():
        if day >= weak_since and count:
            again_by_category[category] += count
    tomorrow = today + timedelta(days=1)
    due_spans = [
        (span.start, span.until or tomorrow)
        for span in history.spans
        if span.start < (span.until or tomorrow)
    ]
    return Activity(
        practice_days=practice_days, due_spans=due_spans, again_by_category=again_by_category
    )


# The kept summary. Every rating and fresh cycle updates it in its own transaction, under a
# row lock on the summary, and adds to its practice version as it does to the cards'; what
# it cannot add on (another time zone, a rating dated before the last practice day) leaves
# the versions apart, and the next reader rebuilds the summary from the logs.


def _zone_name() -> str:
    return timezone.get_current_timezone_name()


def _locked_summary(*, user) -> PracticeSummary:
    """The user's summary, made if missing, row-locked until the transaction ends."""
    PracticeSummary.objects.bulk_create([PracticeSummary(user=user)], ignore_conflicts=True)
    return PracticeSummary.objects.select_for_update().get(user=user)


def _summary_to_add_to(*, user, day: date) -> PracticeSummary | None:
    """The user's summary, row-locked, when a rating or fresh cycle on ``day`` can be added to
    it; otherwise None and nothing is written: the summary is missing, kept in another time
    zone, or past ``day`` (two tabs around midnight). Its practice version then falls behind
    the cards', and its next reader rebuilds it from the logs. So a rating's cost never
    depends on the history."""
    summary = PracticeSummary.objects.select_for_update().filter(user=user).first()
    if summary is None or summary.time_zone != _zone_name():
        return None
    if summary.last_day is not None and day < summary.last_day:
        return None
    return summary


def _rebuild(summary: PracticeSummary, *, user) -> None:
    """Recompute ``summary`` and the user's practice days from the logs (the summary locked)."""
    cards = cards_for(user=user)
    history = read_history(user=user, now=None, cards=cards)
    PracticeDay.objects.filter(user=user).delete()
    PracticeDay.objects.bulk_create(
        (
            PracticeDay(
                user=user,
                day=day,
                category=category,
                ratings=count,
                agains=history.agains[day, category],
            )
            for (day, category), count in history.ratings.items()
        ),
        batch_size=2000,
    )
    practice_days: Counter = Counter()
    for (day, _category), count in history.ratings.items():
        practice_days[day] += count
    last = max(practice_days, default=None)
    summary.time_zone = _zone_name()
    summary.practice_version = practice_version(cards)
    summary.last_day = last
    summary.current_run = summary.longest_run = 0
    summary.missed_due_day = None
    if last is not None:
        after_last = last + timedelta(days=1)
        spans = [(span.start, span.until or after_last) for span in history.spans]
        on_last_day = streaks(
            activity=Activity(practice_days, spans, Counter()),
            today=last,
        )
        summary.current_run, summary.longest_run = on_last_day.current, on_last_day.longest
        summary.missed_due_day = min(
            (
                max(span.start, after_last)
                for span in history.spans
                if span.ended_by_fresh_cycle and max(span.start, after_last) < span.until
            ),
            default=None,
        )
    summary.save()


def rebuild_summary(*, user) -> PracticeSummary:
    """Recompute the user's kept progress figures from their whole review history."""
    with transaction.atomic():
        summary = _locked_summary(user=user)
        _rebuild(summary, user=user)
    return summary


def _first_missed_due_day(
    summary: PracticeSummary, *, earliest_due: datetime | None
) -> date | None:
    """The first day after the last practice day on which something was due: the streak
    breaks if that day passes without practice. ``earliest_due``: the earliest review date of
    the questions still in play (not made new by a fresh cycle)."""
    candidates = [summary.missed_due_day] if summary.missed_due_day else []
    if earliest_due is not None and summary.last_day is not None:
        candidates.append(max(_day(earliest_due), summary.last_day + timedelta(days=1)))
    return min(candidates, default=None)


def _count_day(*, user, day: date, category: str, agains: int) -> None:
    counted = PracticeDay.objects.filter(user=user, day=day, category=category).update(
        ratings=F("ratings") + 1, agains=F("agains") + agains
    )
    if not counted:
        PracticeDay.objects.create(user=user, day=day, category=category, ratings=1, agains=agains)


def record_rating(
    *,
    user,
    question_id: int,
    category: str,
    rating: int,
    rated_at: datetime,
    review_number: int,
    due_before,
) -> None:
    """Add one rating to the kept summary; call it in the rating's transaction, after its log.

    ``review_number``: the card's review count after it (1 for a new card); ``due_before``:
    the question's review date before it (None if it was new).
    """
    day = _day(rated_at)
    # A new card adds its first review and its first cycle to the practice version.
    step = 2 if review_number == 1 else 1
    agains = int(rating == Rating.AGAIN)
    # Most ratings follow another the same day: one UPDATE checks the summary, locks it and
    # counts the rating. (A first rating of a card may be a new member's: read first.)
    same_day = PracticeSummary.objects.filter(user=user, time_zone=_zone_name(), last_day=day)
    if review_number > 1 and same_day.update(practice_version=F("practice_version") + step):
        _count_day(user=user, day=day, category=category, agains=agains)
        return
    summary = _summary_to_add_to(user=user, day=day)
    if summary is None:
        return
    _count_day(user=user, day=day, category=category, agains=agains)
    summary.practice_version += step
    if summary.last_day == day:
        summary.save(update_fields=["practice_version"])
        return  # the day's streak is already counted
    if summary.last_day is None:
        summary.current_run = 1
    else:
        # The first rating of a new day: did a day since the last one pass with something due?
        others = (
            CardState.objects.for_user(user)
            .exclude(state=CardState.State.NEW)
            .exclude(question_id=question_id)
            .aggregate(earliest=Min("due"))["earliest"]
        )
        earliest = min((due for due in (others, due_before) if due is not None), default=None)
        missed = _first_missed_due_day(summary, earliest_due=earliest)
        summary.current_run = 1 if missed is not None and missed < day else summary.current_run + 1
        summary.missed_due_day = None
    summary.last_day = day
    summary.longest_run = max(summary.longest_run, summary.current_run)
    summary.save()


def record_fresh_cycle(
    *, user, category: str, started_at: datetime, restarted: int, earliest_due: datetime | None
) -> None:
    """Note a fresh cycle in the kept summary; call it in the fresh cycle's transaction, after
    the ``restarted`` cards are made new. ``earliest_due``: the earliest review date among them.
    """
    FreshCycle.objects.create(user=user, category=category, started_at=started_at)
    restart_day = _day(started_at)
    summary = _summary_to_add_to(user=user, day=restart_day)
    if summary is None:
        return
    summary.practice_version += restarted  # each restarted card moves on a cycle
    if summary.last_day is not None and earliest_due is not None:
        # The restarted questions were due from then until today, if after the last practice.
        first_due = max(_day(earliest_due), summary.last_day + timedelta(days=1))
        if first_due < restart_day:
            summary.missed_due_day = min(filter(None, (summary.missed_due_day, first_due)))
    summary.save(update_fields=["practice_version", "missed_due_day"])


class KeptProgress(NamedTuple):
    streaks: Streaks
    recent: Activity  # the last 30 days: ratings per day, "Again" ratings per category


def kept_progress(*, user, today: date, cards: dict[int, Card]) -> KeptProgress:
    """The streaks and the last 30 days from the kept summary and the cards: a page's worth
    of rows, whatever the length of the history."""
    if not cards:  # no card, no rating
        return KeptProgress(Streaks(current=0, longest=0), Activity(Counter(), [], Counter()))
    summary = PracticeSummary.objects.filter(user=user).first()
    if (
        summary is None
        or summary.time_zone != _zone_name()
        or summary.practice_version != practice_version(cards)
    ):
        # Missing, kept in another zone, or a rating or fresh cycle could not be added to it.
        summary = rebuild_summary(user=user)
    return KeptProgress(
        streaks=_kept_streaks(summary, today=today, cards=cards),
        recent=_recent_activity(user=user, today=today),
    )


def _kept_streaks(summary: PracticeSummary, *, today: date, cards: dict[int, Card]) -> Streaks:
    if summary.last_day is None:
        return Streaks(current=0, longest=0)
    current = summary.current_run
    if today > summary.last_day:
        earliest = min(
            (card.due for card in cards.values() if not is_new(card) and card.due is not None),
            default=None,
        )
        missed = _first_missed_due_day(summary, earliest_due=earliest)
        if missed is not None and missed < today:
            current = 0
    return Streaks(current=current, longest=summary.longest_run)


def _recent_activity(*, user, today: date) -> Activity:
    since = today - timedelta(days=max(CHART_DAYS, WEAK_CATEGORY_DAYS) - 1)
    weak_since = today - timedelta(days=WEAK_CATEGORY_DAYS - 1)
    rows = PracticeDay.objects.filter(user=user, day__gte=since, day__lte=today).values_list(
        "day", "category", "ratings", "agains"
    )
    practice_days: Counter = Counter()
    again_by_category: Counter = Counter()
    for day, category, ratings, agains in rows:
        practice_days[day] += ratings
        if day >= weak_since and agains:
            again_by_category[category] += agains
    return Activity(practice_days=practice_days, due_spans=[], again_by_category=again_by_category)


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

    Read from the cards and the kept summary (never the whole history). Every rating writes
    its review log together with its card's next review count, and a fresh cycle moves the
    cards it restarts to their next cycle; so the user, their practice version, the day, the
    published bank's version and which own questions the user has identify everything these
    are worked out from.
    """
    today = _day(now)
    version = practice_version(cards)
    key = f"interviews:history:{user.pk}:{today}:{catalogue.version}:{catalogue.own_key}"
    figures = cache.get(key, version=version)
    if figures is None:
        kept = kept_progress(user=user, today=today, cards=cards)
        figures = HistoryFigures(
            categories=tuple(
                category_progress(user=user, now=now, cards=cards, catalogue=catalogue)
            ),
            streaks=kept.streaks,
            chart_rows=tuple(practice_chart_rows(activity=kept.recent, today=today)),
            weakest=tuple(weakest_categories(activity=kept.recent)),
            key=f"{key}:{version}",
        )
        cache.set(key, figures, HISTORY_TTL_SECONDS, version=version)
    return figures


def streaks(*, activity: Activity, today: date) -> Streaks:
    """Daily practice streaks, where only a missed day with something due breaks a streak.

    Today never breaks the current streak: there is still time to practise. The definition,
    walked over the whole history; pages read ``kept_progress``.
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
    role: Role | RoleRef | None,
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
