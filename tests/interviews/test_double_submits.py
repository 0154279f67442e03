"""Issue 10, item 9: a rating arriving twice (double click, retry, two tabs) counts once."""

import pytest
from django.urls import reverse

from interviews.models import CardState, ReviewLog
from interviews.practice import PracticeSession
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
