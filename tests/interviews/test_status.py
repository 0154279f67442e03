"""interviews.status: the one rule for where a question stands, and every page agreeing on it."""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from interviews import practice_queue, progress
from interviews.models import CardState
from interviews.status import (
    MASTERED_INTERVAL_DAYS,
    Status,
    cards_for,
    is_due,
    is_mastered,
    status_of,
)
from tests import factories

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=dt_timezone.utc)
LEARNING, REVIEW = CardState.State.LEARNING, CardState.State.REVIEW

# (state, due, interval_days) -> the status; every edge of the rule.
CASES = [
    ("never practised", None, Status.NEW),
    ("made new by a fresh cycle", (CardState.State.NEW, None, 0), Status.NEW),
    ("fresh cycle, old date kept", (CardState.State.NEW, NOW - timedelta(days=3), 30), Status.NEW),
    ("due a moment ago", (LEARNING, NOW - timedelta(seconds=1), 0), Status.DUE),
    ("due this very moment", (LEARNING, NOW, 0), Status.DUE),
    ("comes back tomorrow", (LEARNING, NOW + timedelta(days=1), 1), Status.LEARNING),
    (
        "one day short of mastered",
        (REVIEW, NOW + timedelta(days=20), MASTERED_INTERVAL_DAYS - 1),
        Status.LEARNING,
    ),
    (
        "sent three weeks out",
        (REVIEW, NOW + timedelta(days=21), MASTERED_INTERVAL_DAYS),
        Status.MASTERED,
    ),
    ("mastered and its day has come", (REVIEW, NOW, MASTERED_INTERVAL_DAYS), Status.DUE),
    ("rated but never dated", (LEARNING, None, 0), Status.LEARNING),
    ("rated, never dated, long interval", (REVIEW, None, 30), Status.MASTERED),
]


@pytest.mark.parametrize(("case", "card", "expected"), CASES, ids=[c[0] for c in CASES])
def test_it_gives_each_card_exactly_one_status(alice, question_factory, case, card, expected):
    question = question_factory()
    if card is not None:
        state, due, interval = card
        factories.CardStateFactory(
            user=alice, question=question, state=state, due=due, interval_days=interval
        )

    read = cards_for(user=alice).get(question.pk)

    assert status_of(read, now=NOW) == expected
    # A mastered question stays mastered on the day it comes back: progress counts it so.
    assert is_mastered(read) == (card is not None and card[0] != 0 and card[2] >= 21)


def test_a_visitor_has_no_cards(db):
    assert cards_for(user=AnonymousUser()) == {}


def test_it_reads_only_the_users_own_cards(alice, bob, question_factory):
    mine, theirs = question_factory(), question_factory()
    factories.CardStateFactory(user=alice, question=mine, state=LEARNING, due=NOW)
    factories.CardStateFactory(user=bob, question=theirs, state=LEARNING, due=NOW)

    assert set(cards_for(user=alice)) == {mine.pk}


@pytest.mark.template_context
def test_bank_practice_and_progress_agree_on_every_edge(alice, alice_client, question_factory):
    """One question per edge case: the bank's counts, the practice queue and the progress
    page's figures all follow status_of, so they cannot disagree."""
    expected: dict[int, Status] = {}
    for _case, card, status in CASES:
        question = question_factory()
        if card is not None:
            state, due, interval = card
            due = due and due - NOW + datetime.now(dt_timezone.utc)  # the same edge, now
            factories.CardStateFactory(
                user=alice, question=question, state=state, due=due, interval_days=interval
            )
        expected[question.pk] = status
    now = datetime.now(dt_timezone.utc)
    cards = cards_for(user=alice)
    # "due this very moment" is due by the time the pages look.
    statuses = {pk: status_of(cards.get(pk), now=now) for pk in expected}
    assert statuses == expected

    response = alice_client.get(reverse("interviews:bank"))
    counts = response.context["form"].fields["status"].choices
    for status in Status:
        wanted = sum(s == status for s in expected.values())
        assert (status.value, f"{status.label} ({wanted})") in counts

    due = [pk for pk, status in expected.items() if status == Status.DUE]
    new = [pk for pk, status in expected.items() if status == Status.NEW]
    assert practice_queue.count_due(user=alice, now=now) == len(due)
    queue = practice_queue.build_queue(user=alice, size=50, categories=[], role=None, now=now)
    assert sorted(queue[: len(due)]) == sorted(due)
    assert sorted(queue[len(due) :]) == sorted(new)

    rows = progress.category_progress(user=alice, now=now)
    assert sum(row.new for row in rows) == len(new)
    assert sum(row.mastered for row in rows) == sum(is_mastered(cards.get(pk)) for pk in expected)
    assert sum(row.due_today for row in rows) >= sum(
        is_due(cards.get(pk), now=now) for pk in expected
    )
