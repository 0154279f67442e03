"""Where a question stands for one user: new, learning, due or mastered. The one rule.

Every page and count that says where a user stands (the bank's badges, filter and
counts; the practice queue; the progress page and readiness) reads it from here, so they
cannot disagree. A user's standing comes from their card state on the question:

- **new**: no card, or a card a fresh cycle made new again (``CardState.State.NEW``);
- **due**: rated, and its review day has come: due by the end of today, in the site's time
  zone (``due_by(now)``), so a question the scheduler brings back at 14:00 is due all morning
  and "due today" on every page means the same questions;
- **mastered**: rated, not due, and its last rating sent it 21 or more days out;
- **learning**: any other rated card (including one with no review date, which cannot
  come due).

``status_of`` gives the one status a question shows. ``is_mastered`` is the mastery on its
own: the progress page and readiness count a mastered question as mastered even on the
day it comes back (it is then due as well).

API, kept small on purpose:

    cards = cards_for(user=user)              # {question_id: Card}, one query
    status_of(cards.get(question_id), now=now)  # -> Status
    is_due(card, now=now); is_mastered(card); is_new(card)
    practice_version(cards)                   # for keys of caches of the user's figures

The functions take a ``Card``, a ``CardState`` or None (never practised): anything with
``state``, ``due`` and ``interval_days``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple, Protocol

from django.db import models
from django.utils import timezone

from .models import CardState

# A question the scheduler has sent this many days (or more) into the future counts as mastered.
MASTERED_INTERVAL_DAYS = 21


class Status(models.TextChoices):
    NEW = "new", "New"
    LEARNING = "learning", "Learning"
    DUE = "due", "Due for review"
    MASTERED = "mastered", "Mastered"


class CardFacts(Protocol):
    @property
    def state(self) -> int: ...
    @property
    def due(self) -> datetime | None: ...
    @property
    def interval_days(self) -> int: ...


class Card(NamedTuple):
    """One of the user's card states, as plain values (what every reader of cards needs)."""

    state: int
    due: datetime | None
    interval_days: int
    review_count: int
    cycle: int
    cycle_started_at: datetime | None
    # The question is one of the user's own; otherwise it is in the bank (a card can be
    # made on no other question), so pages need not read the own questions to know.
    own: bool = False


_CARD_STATE_FIELDS = Card._fields[:-1]


def cards_for(*, user) -> dict[int, Card]:
    """The user's cards by question id, in one query (an empty dict for a visitor)."""
    if not user.is_authenticated:
        return {}
    rows = CardState.objects.for_user(user).values_list(
        "question_id", *_CARD_STATE_FIELDS, "question__owner_id"
    )
    return {row[0]: Card._make((*row[1:-1], row[-1] is not None)) for row in rows}


def practice_version(cards: dict[int, Card]) -> int:
    """A number that grows with every rating and every fresh cycle of the user's cards.

    A rating adds one to its card's review count (a first rating creates the card), a
    fresh cycle one to the cycle of each card it restarts, and nothing lowers either:
    so a cache of figures worked out from the cards, keyed by the user's id and this
    version, is never served after they change.
    """
    return sum(card.review_count + card.cycle for card in cards.values())


def is_new(card: CardFacts | None) -> bool:
    return card is None or card.state == CardState.State.NEW


def start_of_tomorrow(now: datetime) -> datetime:
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


def due_by(now: datetime) -> datetime:
    """The last moment of ``now``'s day: a card due by then is due today."""
    return start_of_tomorrow(now) - timedelta(microseconds=1)


def is_due(card: CardFacts | None, *, now: datetime) -> bool:
    return (
        card is not None and not is_new(card) and card.due is not None and card.due <= due_by(now)
    )


def is_mastered(card: CardFacts | None) -> bool:
    return card is not None and not is_new(card) and card.interval_days >= MASTERED_INTERVAL_DAYS


def status_of(card: CardFacts | None, *, now: datetime) -> Status:
    """The one status a question shows; a mastered question whose day has come is due."""
    if is_new(card):
        return Status.NEW
    if is_due(card, now=now):
        return Status.DUE
    if is_mastered(card):
        return Status.MASTERED
    return Status.LEARNING
