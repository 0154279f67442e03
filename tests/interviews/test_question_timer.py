"""The answer timer on a question's own page: the practice timer's rules, in one place."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interviews.models import Rating, ReviewLog
from interviews.timer import QuestionTimers


def url(question, name="question"):
    return reverse(f"interviews:{name}", args=[question.pk])


def move_start_back(client, question, seconds):
    """As if the timer had been started ``seconds`` ago (the clock runs on the server)."""
    store = client.session
    store[QuestionTimers.SESSION_KEY][str(question.pk)] = (
        timezone.now() - timedelta(seconds=seconds)
    ).isoformat()
    store.save()


def test_it_offers_the_timer_off_by_default_and_keeps_no_time(alice_client, alice, question):
    content = alice_client.get(url(question)).content.decode()

    assert "Time my answer</button>" in content
    assert "Suggested time: 6 min" in content  # an algorithms question
    assert "data-timer-start" not in content
    alice_client.post(url(question, "rate"), {"rating": "3"})
    assert ReviewLog.objects.get(user=alice).seconds_taken is None


def test_it_records_the_time_between_starting_and_rating_without_javascript(
    alice_client, alice, question
):
    response = alice_client.post(url(question, "question_timer"))
    assert response.status_code == 302
    content = alice_client.get(url(question)).content.decode()
    assert "data-timer-start" in content and 'data-timer-limit="360"' in content
    move_start_back(alice_client, question, 90)

    checked = alice_client.get(url(question), {"show": "1", "suggest": "1", "covered": "0"})
    assert "1 min 3" in checked.content.decode()  # 90-odd seconds against 6 min
    alice_client.post(url(question, "rate"), {"rating": "4", "covered": ["0", "1", "2"]})

    log = ReviewLog.objects.get(user=alice)
    assert 90 <= log.seconds_taken <= 100
    assert log.suggested_rating == Rating.EASY
    # Rated: the timer stops, and the next attempt is untimed until started again.
    assert "data-timer-start" not in alice_client.get(url(question)).content.decode()


def test_it_caps_the_suggestion_at_good_when_the_answer_ran_over_time(
    alice_client, alice, question
):
    alice_client.post(url(question, "question_timer"))
    move_start_back(alice_client, question, 7 * 60)

    alice_client.post(url(question, "rate"), {"rating": "4", "covered": ["0", "1", "2"]})

    log = ReviewLog.objects.get(user=alice)
    assert log.seconds_taken >= 7 * 60
    assert log.suggested_rating == Rating.GOOD


@pytest.mark.parametrize(
    "bad", ["-5", "1e309", "99999999999999999999999", "ninety", "", "2026-13-45T99:00"]
)
@pytest.mark.parametrize("timed", [True, False])
def test_it_ignores_any_time_field_posted_and_never_fails(
    alice_client, alice, question, bad, timed
):
    if timed:
        alice_client.post(url(question, "question_timer"))
    fields = {"seconds": bad, "seconds_taken": bad, "started_at": bad, "elapsed": bad}

    started = alice_client.post(url(question, "question_timer"), fields) if timed else None
    response = alice_client.post(url(question, "rate"), {"rating": "3", **fields})

    assert started is None or started.status_code == 302
    assert response.status_code == 302
    seconds = ReviewLog.objects.get(user=alice).seconds_taken
    # Only the server's clock counts: a few seconds at most, or nothing when untimed.
    assert (seconds is not None and 0 <= seconds < 60) if timed else seconds is None


@pytest.mark.parametrize("stored", ["-5", "never", "2999-01-01T00:00:00+00:00", 12, None])
def test_it_restarts_a_timer_whose_kept_start_makes_no_sense(alice_client, alice, question, stored):
    alice_client.post(url(question, "question_timer"))
    store = alice_client.session
    store[QuestionTimers.SESSION_KEY][str(question.pk)] = stored
    store.save()

    response = alice_client.post(url(question, "rate"), {"rating": "3"})

    assert response.status_code == 302
    assert ReviewLog.objects.get(user=alice).seconds_taken is None


def test_it_asks_visitors_to_log_in_and_is_a_404_for_unknown_questions(alice_client, question):
    login = Client().post(url(question, "question_timer"))
    assert login.status_code == 302 and "login" in login["Location"]
    missing = alice_client.post(reverse("interviews:question_timer", args=[999_999]))
    assert missing.status_code == 404


def test_it_keeps_a_few_timers_at_most(alice_client, question_factory):
    questions = [question_factory() for _ in range(QuestionTimers.MAX_KEPT + 3)]
    for question in questions:
        alice_client.post(url(question, "question_timer"))

    kept = alice_client.session[QuestionTimers.SESSION_KEY]
    assert len(kept) == QuestionTimers.MAX_KEPT
    assert str(questions[-1].pk) in kept and str(questions[0].pk) not in kept


@pytest.mark.parametrize("bad", ["-5", "1e309", "ninety"])
def test_practice_ignores_any_time_field_posted_too(alice_client, alice, question, bad):
    alice_client.post(reverse("interviews:practice"), {"size": "1", "timed": "on"})
    alice_client.get(reverse("interviews:practice"))
    fields = {"seconds": bad, "seconds_taken": bad, "started_at": bad, "shown": bad}

    response = alice_client.post(
        reverse("interviews:practice_rate"), {"question": question.pk, "rating": "3", **fields}
    )

    assert response.status_code == 302
    assert 0 <= ReviewLog.objects.get(user=alice).seconds_taken < 60


def test_a_timed_question_page_reads_four_queries_with_everything_on_it(
    alice_client, alice, question, role_factory, django_assert_max_num_queries
):
    question.roles.set([role_factory(), role_factory()])
    alice_client.post(url(question, "question_timer"))
    alice_client.post(url(question, "bookmark"), {"bookmarked": "1"})
    alice_client.post(url(question, "rate"), {"rating": "3"})
    alice_client.post(url(question, "question_timer"))
    # A draft of this attempt (one from before the rating would not be shown: recall).
    alice_client.post(url(question, "note"), {"body": "My answer"})
    alice_client.get(url(question))  # shows (and so clears) the saved-note message

    # Session, user, the question with the user's card, draft and bookmark, its roles.
    with django_assert_max_num_queries(4):
        response = alice_client.get(url(question), {"show": "1"})
    content = response.content.decode()
    assert "data-timer-start" in content and "My answer" in content
