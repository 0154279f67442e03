"""interviews.scheduling: ratings feed fsrs, the state is stored, history is never lost."""

import threading
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from interviews import scheduling
from interviews.models import CardState, Category, Rating, ReviewLog
from interviews.status import MASTERED_INTERVAL_DAYS, Status, status_of

START = datetime(2026, 3, 2, 9, 0, tzinfo=dt_timezone.utc)


def test_it_creates_one_card_state_and_one_log_on_the_first_rating(alice, question):
    result = scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=START)

    card = CardState.objects.get(user=alice, question=question)
    assert card.state == CardState.State.LEARNING
    assert card.due == result.review_log.due > START
    assert card.last_rated_at == START
    assert card.first_rating == Rating.GOOD
    assert card.first_rated_at == START
    assert card.card["due"] == card.due.isoformat()
    log = ReviewLog.objects.get()
    assert (log.user, log.question, log.rating, log.rated_at) == (alice, question, 3, START)
    assert log.state_before == CardState.State.NEW
    assert log.state_after == CardState.State.LEARNING


def test_a_later_rating_returns_the_log_row_it_wrote_and_the_card_it_stored(alice, question):
    scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=START)

    result = scheduling.rate(
        user=alice, question=question, rating=Rating.HARD, now=START + timedelta(days=2)
    )

    stored = ReviewLog.objects.get(pk=result.review_log.pk)
    for field in ReviewLog._meta.concrete_fields:
        assert getattr(stored, field.attname) == getattr(result.review_log, field.attname)
    assert not result.review_log._state.adding
    card = CardState.objects.get(user=alice, question=question)
    for name in scheduling.RATED_FIELDS:
        assert getattr(card, name) == getattr(result.card_state, name), name
    assert card.review_count == 2


def test_a_rating_read_a_moment_earlier_than_the_last_one_is_dated_after_it(alice, question):
    scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=START)

    late = scheduling.rate(
        user=alice, question=question, rating=Rating.EASY, now=START - timedelta(milliseconds=3)
    )

    assert late.review_log.rated_at == START
    logs = ReviewLog.objects.filter(user=alice).order_by("rated_at", "pk")
    assert [log.rating for log in logs] == [Rating.GOOD, Rating.EASY]
    assert CardState.objects.get(user=alice, question=question).last_rated_at == START


def test_it_brings_again_back_sooner_than_easy(alice, bob, question):
    again = scheduling.rate(user=alice, question=question, rating=Rating.AGAIN, now=START)
    easy = scheduling.rate(user=bob, question=question, rating=Rating.EASY, now=START)

    assert again.card_state.due < easy.card_state.due
    assert easy.card_state.state == CardState.State.REVIEW
    assert easy.card_state.interval_days >= 1


@pytest.mark.parametrize("rating", [0, 5, -1, "", "good", None, "3.5"])
def test_it_rejects_a_rating_outside_the_four_values(alice, question, rating):
    with pytest.raises(scheduling.InvalidRating):
        scheduling.rate(user=alice, question=question, rating=rating, now=START)

    assert not CardState.objects.exists()
    assert not ReviewLog.objects.exists()


def test_it_masters_a_question_rated_good_each_time_it_comes_back(alice, question):
    now = START
    for _ in range(12):
        card = scheduling.rate(
            user=alice, question=question, rating=Rating.GOOD, now=now
        ).card_state
        if card.interval_days >= MASTERED_INTERVAL_DAYS:
            break
        now = card.due
    else:
        pytest.fail("twelve good reviews never scheduled the question three weeks out")

    assert status_of(card, now=now) == Status.MASTERED
    assert status_of(card, now=card.due) == Status.DUE
    assert ReviewLog.objects.filter(user=alice).count() == card.review_count


def test_it_reads_any_time_zone_as_the_same_moment(alice, question):
    paris = START.astimezone(ZoneInfo("Europe/Paris"))

    result = scheduling.rate(user=alice, question=question, rating=Rating.HARD, now=paris)

    assert result.review_log.rated_at == START


def test_it_starts_a_fresh_cycle_without_losing_history(alice, question, question_factory):
    ethics = question_factory(category=Category.ETHICS)
    for item in (question, ethics):
        scheduling.rate(user=alice, question=item, rating=Rating.AGAIN, now=START)
        scheduling.rate(user=alice, question=item, rating=Rating.GOOD, now=START + timedelta(1))

    changed = scheduling.start_fresh_cycle(
        user=alice, category=Category.ALGORITHMS, now=START + timedelta(2)
    )

    assert changed == 1
    card = CardState.objects.get(user=alice, question=question)
    assert card.is_new
    assert card.due is None
    assert card.cycle == 2
    assert card.first_rating == Rating.AGAIN
    assert card.first_rated_at == START
    assert ReviewLog.objects.filter(user=alice, question=question).count() == 2
    assert not CardState.objects.get(user=alice, question=ethics).is_new

    # Rated again, the question starts over as a new card but keeps its first attempt.
    again = scheduling.rate(
        user=alice, question=question, rating=Rating.EASY, now=START + timedelta(3)
    )
    assert again.review_log.cycle == 2
    assert again.review_log.state_before == CardState.State.NEW
    assert again.card_state.first_rating == Rating.AGAIN


def test_it_starts_a_fresh_cycle_of_the_whole_bank_for_one_user_only(
    alice, bob, question, question_factory
):
    other = question_factory(category=Category.BEHAVIOURAL)
    for user in (alice, bob):
        for item in (question, other):
            scheduling.rate(user=user, question=item, rating=Rating.GOOD, now=START)

    assert scheduling.count_started(user=alice, category=None) == 2
    assert scheduling.start_fresh_cycle(user=alice, category=None, now=START) == 2

    assert CardState.objects.filter(user=alice, state=CardState.State.NEW).count() == 2
    assert not CardState.objects.filter(user=bob, state=CardState.State.NEW).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite serialises writers, so two threads cannot race; "
    "CI's PostgreSQL pass runs this test.",
)
@pytest.mark.django_db(transaction=True)
def test_it_lands_two_simultaneous_ratings_from_two_tabs(alice, question):
    from django.db import connections

    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def rate_in_a_tab(rating: Rating) -> None:
        try:
            start.wait(timeout=10)
            scheduling.rate(user=alice, question=question, rating=rating, now=START)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    tabs = [threading.Thread(target=rate_in_a_tab, args=(r,)) for r in (Rating.GOOD, Rating.EASY)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join(timeout=30)

    assert errors == []
    card = CardState.objects.get(user=alice, question=question)
    assert card.review_count == 2
    assert ReviewLog.objects.filter(user=alice, question=question).count() == 2
