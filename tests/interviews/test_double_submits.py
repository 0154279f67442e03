"""Issue 10, item 9: a rating arriving twice (double click, retry, two tabs) counts once."""

import re

import pytest
from django.urls import reverse

from interviews.loader import load_mock_rounds
from interviews.models import CardState, Category, MockInterview, Question, ReviewLog
from interviews.practice_session import PracticeSession
from tests.concurrency import ACCEPTED, send_together


def rate_url(question):
    return reverse("interviews:rate", args=[question.pk])


def test_the_rating_form_carries_the_review_count_it_was_drawn_at(alice_client, question):
    page = alice_client.get(question.get_absolute_url() + "?show=1").content.decode()
    assert 'name="seen" value="0"' in page
    alice_client.post(rate_url(question), {"rating": "3", "seen": "0"})
    page = alice_client.get(question.get_absolute_url() + "?show=1").content.decode()
    assert 'name="seen" value="1"' in page


def test_a_retried_rating_is_recorded_once(alice_client, question):
    first = alice_client.post(rate_url(question), {"rating": "3", "seen": "0"})
    retry = alice_client.post(rate_url(question), {"rating": "3", "seen": "0"}, follow=True)
    assert first.status_code == 302
    assert "That rating was already recorded" in retry.content.decode()
    assert ReviewLog.objects.count() == 1
    assert CardState.objects.get().review_count == 1


def test_a_repeat_under_htmx_says_it_was_already_recorded(alice_client, question):
    alice_client.post(rate_url(question), {"rating": "4", "seen": "0"})
    response = alice_client.post(
        rate_url(question), {"rating": "4", "seen": "0"}, headers={"HX-Request": "true"}
    )
    assert "Already recorded: rated Easy" in response.content.decode()
    assert ReviewLog.objects.count() == 1


def test_the_next_rating_of_the_card_still_counts(alice_client, question):
    alice_client.post(rate_url(question), {"rating": "1", "seen": "0"})
    alice_client.post(rate_url(question), {"rating": "3", "seen": "1"})
    assert list(ReviewLog.objects.order_by("pk").values_list("review_number", flat=True)) == [1, 2]


@pytest.mark.parametrize("seen", ["-1", "9223372036854775808", "abc"])
def test_a_bad_review_count_is_refused(alice_client, question, seen):
    response = alice_client.post(rate_url(question), {"rating": "3", "seen": seen})
    assert response.status_code == 400
    assert not ReviewLog.objects.exists()


@pytest.mark.parametrize("already_rated", [False, True])
def test_simultaneous_ratings_of_a_question_record_one(
    alice_client, question, transactional_db, already_rated
):
    seen = 0
    if already_rated:  # the compare-and-set path, not the first-rating row lock
        alice_client.post(rate_url(question), {"rating": "3", "seen": "0"})
        seen = 1
    statuses = send_together(alice_client, rate_url(question), {"rating": "2", "seen": seen})
    assert set(statuses) <= ACCEPTED
    assert ReviewLog.objects.filter(rating=2).count() == 1
    assert CardState.objects.get().review_count == seen + 1


def test_simultaneous_practice_ratings_record_one(alice_client, question, transactional_db):
    alice_client.post(reverse("interviews:practice"), {"size": "1"})
    assert PracticeSession.from_store(alice_client.session).current_id == question.pk
    data = {"rating": "3", "question": question.pk, "seen": "0"}
    statuses = send_together(alice_client, reverse("interviews:practice_rate"), data)
    assert set(statuses) <= ACCEPTED
    assert ReviewLog.objects.count() == 1


# --- Issue 26, What to build 3: a key drawn into each form makes a repeat record once --------


def submission_key(page: str) -> str:
    match = re.search(r'name="submission" value="([0-9a-f-]{36})"', page)
    assert match, "the form carries no submission key"
    return match.group(1)


def test_a_rating_sent_twice_without_the_review_count_is_recorded_once(alice_client, question):
    page = alice_client.get(question.get_absolute_url() + "?show=1").content.decode()
    data = {"rating": "3", "submission": submission_key(page)}

    first = alice_client.post(rate_url(question), data)
    retry = alice_client.post(rate_url(question), data, follow=True)
    htmx = alice_client.post(rate_url(question), data, headers={"HX-Request": "true"})

    assert first.status_code == 302
    assert "That rating was already recorded" in retry.content.decode()
    assert "Already recorded: rated Good" in htmx.content.decode()
    assert ReviewLog.objects.count() == 1
    # The page drawn after it carries a new key: the next rating counts.
    page = alice_client.get(question.get_absolute_url() + "?show=1").content.decode()
    alice_client.post(rate_url(question), {"rating": "1", "submission": submission_key(page)})
    assert ReviewLog.objects.count() == 2


def test_simultaneous_ratings_with_one_key_record_one(alice_client, question, transactional_db):
    page = alice_client.get(question.get_absolute_url() + "?show=1").content.decode()
    data = {"rating": "2", "submission": submission_key(page)}

    statuses = send_together(alice_client, rate_url(question), data)

    assert set(statuses) <= ACCEPTED
    assert ReviewLog.objects.count() == 1


def test_an_own_question_sent_twice_is_saved_once(alice_client, alice):
    url = reverse("interviews:own_questions")
    data = {
        "prompt": "Tell me about a model you shipped.",
        "category": "behavioural",
        "key_points": "The problem\nThe result",
        "submission": submission_key(alice_client.get(url).content.decode()),
    }

    first = alice_client.post(url, data)
    again = alice_client.post(url, data)

    assert Question.objects.filter(owner=alice).count() == 1
    assert again.status_code == 302
    assert again["Location"] == first["Location"]


def test_simultaneous_own_questions_with_one_key_save_one(alice_client, alice, transactional_db):
    url = reverse("interviews:own_questions")
    data = {
        "prompt": "Tell me about a model you shipped.",
        "category": "behavioural",
        "key_points": "The problem\nThe result",
        "submission": submission_key(alice_client.get(url).content.decode()),
    }

    statuses = send_together(alice_client, url, data)

    assert set(statuses) <= ACCEPTED
    assert Question.objects.filter(owner=alice).count() == 1


def test_a_mock_start_sent_twice_starts_one(alice_client, alice, question_factory, shapes):
    load_mock_rounds()
    for category in Category.values:
        question_factory(category=category)
    url = reverse("interviews:mock")
    key = submission_key(alice_client.get(url).content.decode())
    data = {"loop_size": "4", "per_round": "1", "submission": key}

    first = alice_client.post(url, data)
    again = alice_client.post(url, data)

    assert MockInterview.objects.filter(user=alice).count() == 1
    assert again["Location"] == first["Location"] == MockInterview.objects.get().get_absolute_url()


def test_a_keyed_rating_costs_a_few_queries_more(
    alice_client, question, django_assert_max_num_queries
):
    page = alice_client.get(question.get_absolute_url() + "?show=1").content.decode()
    # The unkeyed rating's 12, plus claiming the key (an INSERT in its own savepoint: 3
    # statements), the outer transaction's savepoint pair, and the kept progress row's read.
    with django_assert_max_num_queries(17):
        alice_client.post(rate_url(question), {"rating": "3", "submission": submission_key(page)})
    assert ReviewLog.objects.count() == 1
