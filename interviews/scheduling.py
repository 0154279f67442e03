"""Spaced-repetition scheduling of interview questions, wrapping the fsrs package.

Everything fsrs-specific stays in this module, so the scheduler can be tuned or replaced
without touching views or templates.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import fsrs
from django.db import transaction
from django.db.models import F, Min

from config.sitewide.submissions import claim_submission

from . import progress
from .models import (
    CardState,
    Category,
    Question,
    Rating,
    ReviewLog,
    interval_days_between,
)

# Learning steps for essay questions, not flashcards: an answer takes minutes to give, so
# one forgotten ("Again") is tried once more later in the day, and one answered well
# ("Good") comes back the next day, not ten minutes later (fsrs's defaults are 1 and 10
# minutes). A forgotten review relearns the same way.
LEARNING_STEPS = (timedelta(minutes=10), timedelta(days=1))

# Fuzzing only spreads the load of huge decks; a bank of dozens of questions gains nothing and
# predictable "comes back on" dates are easier to plan an interview around (and to test).
SCHEDULER = fsrs.Scheduler(
    enable_fuzzing=False, learning_steps=LEARNING_STEPS, relearning_steps=LEARNING_STEPS
)


def _plain(step: timedelta) -> str:
    if step >= timedelta(days=1):
        days = step.days
        return "the next day" if days == 1 else f"in {days} days"
    minutes = int(step.total_seconds() // 60)
    if minutes >= 60:
        hours = minutes // 60
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    return f"in {minutes} minute{'s' if minutes != 1 else ''}"


def learning_steps_text() -> str:
    """The learning steps in the member's words, read from the scheduler's own settings."""
    first = SCHEDULER.learning_steps[0]
    good = SCHEDULER.learning_steps[1] if len(SCHEDULER.learning_steps) > 1 else first
    return (
        f"A new question you rate Again returns {_plain(first)}; rated Good, {_plain(good)}; "
        "after that the gaps grow with each good answer."
    )


class InvalidRating(ValueError):
    """A rating that is not one of Again, Hard, Good or Easy."""


@dataclass(frozen=True)
class Attempt:
    """How the rated attempt went, kept with its review: the key points the user ticked as
    covered (out of how many), the rating that suggested, and the seconds it took if timed."""

    covered_points: list[str] | None = None
    key_point_total: int | None = None
    suggested_rating: int | None = None
    seconds_taken: int | None = None

    def log_fields(self) -> dict:
        return {
            "covered_points": self.covered_points,
            "key_point_total": self.key_point_total,
            "suggested_rating": self.suggested_rating,
            "seconds_taken": self.seconds_taken,
        }


@dataclass(frozen=True)
class RatingResult:
    card_state: CardState
    # The rating recorded; for a repeat, the card's latest one (None if it has none).
    review_log: ReviewLog | None
    # False for a repeat: the card had moved past the review count the form was drawn at.
    recorded: bool = True


def _repeat(card_state: CardState) -> RatingResult:
    """A rating already recorded (a double click, a retry, a second tab): nothing is written."""
    latest = ReviewLog.objects.filter(
        user_id=card_state.user_id, question_id=card_state.question_id
    ).first()
    return RatingResult(card_state=card_state, review_log=latest, recorded=False)


def parse_rating(value: object) -> Rating:
    try:
        return Rating(int(value))  # type: ignore[call-overload]  # junk is refused below
    except (TypeError, ValueError):
        raise InvalidRating("Rate the attempt Again, Hard, Good or Easy.") from None


def _utc(moment: datetime) -> datetime:
    # fsrs insists on datetime.timezone.utc itself, not an equivalent zone object.
    return moment.astimezone(timezone.utc)


def _locked_card_state(*, user, question: Question, missing: bool = False) -> CardState:
    """The user's card for the question, row-locked until the surrounding transaction ends.

    Two tabs rating at once both get here: the INSERT ... ON CONFLICT DO NOTHING makes the row
    exist exactly once, and SELECT ... FOR UPDATE makes the second rating wait for the first.
    ``missing``: the caller just found no card, so try the insert first.
    """
    cards = CardState.objects.select_for_update().filter(user=user, question=question)
    card_state = None if missing else cards.first()
    if card_state is None:
        CardState.objects.bulk_create(
            [CardState(user=user, question=question)], ignore_conflicts=True
        )
        card_state = cards.get()
    return card_state


def apply_rating(card_state: CardState, *, rating: Rating | int, now: datetime) -> dict:
    """Schedule one rating on ``card_state`` in memory; returns the review log's fields.

    No queries: ``rate`` saves both (compare-and-set, else under a row lock), and the demo
    seeder replays whole histories through it in bulk. A rating is never dated before the
    card's previous one: two tabs whose clocks were read a moment apart are applied one
    after the other, and their logs' times keep that order.
    """
    rating = parse_rating(rating)
    now = _utc(now)
    if card_state.last_rated_at is not None:
        now = max(now, _utc(card_state.last_rated_at))
    if card_state.is_new:
        card = fsrs.Card(card_id=card_state.question_id, due=now)
    else:
        card = fsrs.Card.from_dict(card_state.card)
    card, _ = SCHEDULER.review_card(card, fsrs.Rating(int(rating)), review_datetime=now)

    state_before = card_state.state
    card_state.state = int(card.state)
    card_state.card = card.to_dict()
    card_state.due = card.due
    card_state.interval_days = interval_days_between(now, card.due)
    card_state.last_rated_at = now
    card_state.review_count += 1
    if card_state.first_rating is None:
        card_state.first_rating = int(rating)
        card_state.first_rated_at = now
    return {
        "user_id": card_state.user_id,
        "question_id": card_state.question_id,
        "rating": int(rating),
        "rated_at": now,
        "state_before": state_before,
        "state_after": card_state.state,
        "due": card.due,
        "interval_days": card_state.interval_days,
        "cycle": card_state.cycle,
        "review_number": card_state.review_count,
    }


# The columns a rating changes on a card state.
RATED_FIELDS = [
    "state",
    "card",
    "due",
    "interval_days",
    "last_rated_at",
    "review_count",
    "first_rating",
    "first_rated_at",
]


def card_state_for(*, user, question: Question) -> CardState | None:
    """The user's card on the question, if they have one."""
    return CardState.objects.for_user(user).filter(question=question).first()


def _due_before(card_state: CardState):
    return None if card_state.is_new else card_state.due


def _log_rating(*, user, question: Question, log_fields: dict, attempt: Attempt, due_before):
    """Write the review log and add it to the kept progress summary: one transaction."""
    review_log = ReviewLog.objects.create(**log_fields, **attempt.log_fields())
    progress.record_rating(
        user=user,
        question_id=question.pk,
        category=question.category,
        rating=review_log.rating,
        rated_at=review_log.rated_at,
        review_number=log_fields["review_number"],
        due_before=due_before,
    )
    return review_log


def _rate_unlocked(
    *, user, question: Question, rating: Rating, now: datetime, attempt: Attempt, seen: int | None
) -> RatingResult | CardState | None:
    """Schedule from the card as it stands, then write with a compare-and-set.

    Only the UPDATE and the INSERT run inside the write transaction, which matters on
    SQLite, where a write transaction (BEGIN IMMEDIATE) makes every other writer wait.
    Writes nothing and returns None when there is no card yet, or the card as read when
    another rating or a fresh cycle changed it meanwhile.
    """
    card_state = card_state_for(user=user, question=question)
    if card_state is None:
        return None
    if seen is not None and card_state.review_count != seen:
        return _repeat(card_state)
    # The card as read: the update only lands if no other rating or fresh cycle came first.
    unchanged = CardState.objects.filter(
        pk=card_state.pk, review_count=card_state.review_count, cycle=card_state.cycle
    )
    due_before = _due_before(card_state)
    log_fields = apply_rating(card_state, rating=rating, now=now)
    with transaction.atomic():
        if unchanged.update(**{name: getattr(card_state, name) for name in RATED_FIELDS}) != 1:
            return card_state
        review_log = _log_rating(
            user=user,
            question=question,
            log_fields=log_fields,
            attempt=attempt,
            due_before=due_before,
        )
    return RatingResult(card_state=card_state, review_log=review_log)


def rate(
    *,
    user,
    question: Question,
    rating: Rating | int,
    now: datetime,
    attempt: Attempt | None = None,
    seen: int | None = None,
) -> RatingResult:
    """Record one self-rated attempt and schedule the question's next review.

    ``seen``: the card's review count when the form was drawn (0 for a new card). A form
    that arrives again, by a double click, a retry or from a second tab, finds the count
    moved on and records nothing. Without it every call records a rating.
    """
    rating = parse_rating(rating)
    attempt = attempt or Attempt()
    result = _rate_unlocked(
        user=user, question=question, rating=rating, now=now, attempt=attempt, seen=seen
    )
    if isinstance(result, RatingResult):
        return result
    # The first rating, or a race lost to another tab: do it all under the row lock.
    with transaction.atomic():
        card_state = _locked_card_state(user=user, question=question, missing=result is None)
        if seen is not None and card_state.review_count != seen:
            return _repeat(card_state)
        due_before = _due_before(card_state)
        log_fields = apply_rating(card_state, rating=rating, now=now)
        card_state.save(update_fields=RATED_FIELDS)
        review_log = _log_rating(
            user=user,
            question=question,
            log_fields=log_fields,
            attempt=attempt,
            due_before=due_before,
        )
    return RatingResult(card_state=card_state, review_log=review_log)


def _started_cards(*, user, category: str | None):
    cards = CardState.objects.for_user(user).exclude(state=CardState.State.NEW)
    return cards.filter(question__category=category) if category else cards


def count_started(*, user, category: Category | str | None) -> int:
    """How many questions a fresh cycle of this scope would make new again."""
    return _started_cards(user=user, category=category).count()


def start_fresh_cycle(*, user, category: Category | str | None, now: datetime) -> int:
    """Make the user's questions (one category, or all) new again; returns how many changed.

    Nothing is deleted: review logs stay, and so do the first attempt's rating and date.
    """
    started = _started_cards(user=user, category=category)
    with transaction.atomic():
        earliest_due = started.aggregate(earliest=Min("due"))["earliest"]
        count = started.update(
            state=CardState.State.NEW,
            card={},
            due=None,
            interval_days=0,
            cycle=F("cycle") + 1,
            cycle_started_at=_utc(now),
        )
        if count:
            progress.record_fresh_cycle(
                user=user,
                category=category or "",
                started_at=_utc(now),
                restarted=count,
                earliest_due=earliest_due,
            )
    return count


def rate_once(*, user, question: Question, key: uuid.UUID | None, **rating) -> RatingResult:
    """rate() for a form that may arrive twice: its submission key (config.sitewide.
    submissions) is claimed with the rating, so the same form records once even without
    ``seen``."""
    if key is None:
        return rate(user=user, question=question, **rating)
    with transaction.atomic():
        if claim_submission(user=user, key=key) is None:
            return rate(user=user, question=question, **rating)
    card_state = card_state_for(user=user, question=question)
    if card_state is None:  # the key came with another question's form: nothing to show
        return RatingResult(CardState(user=user, question=question), None, recorded=False)
    return _repeat(card_state)
