"""Issue 26, items 2 and 3: an own question goes with everything that hangs on it.

Review rows, cards, drafts, bookmarks and mock answers protect a question of the shared
bank; an own question belongs to its member, so deleting it (or the account) deletes them.
"""

import pytest
from django.contrib.sessions.models import Session
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interviews import scheduling
from interviews.models import (
    Bookmark,
    CardState,
    MockAnswer,
    MockInterview,
    Note,
    Question,
    Rating,
    ReviewLog,
)
from interviews.notebook import save_note, set_bookmark
from interviews.own_questions import add_own_question

HANGING = (CardState, ReviewLog, Note, Bookmark, MockAnswer)


def practise(user, question, *, mock=None, position=1):
    """Rate, draft, bookmark and ask the question in a mock interview."""
    now = timezone.now()
    scheduling.rate(user=user, question=question, rating=Rating.GOOD, now=now)
    save_note(user=user, question=question, body="My draft answer")
    set_bookmark(user=user, question=question, bookmarked=True)
    mock = mock or MockInterview.objects.create(user=user, started_at=now)
    MockAnswer.objects.create(
        mock=mock,
        position=position,
        round_number=1,
        round_name="Technical",
        question=question,
        suggested_seconds=120,
        shown_at=now,
    )
    return mock


@pytest.fixture
def mine(alice):
    return add_own_question(
        user=alice,
        prompt="Tell me about the model you shipped.",
        category="behavioural",
        key_points="The problem\nThe result",
    )


def log_in(username, password):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302
    return client


def test_it_deletes_an_own_question_with_its_ratings_drafts_bookmarks_and_mock_answers(
    alice_client, alice, bob, mine, question
):
    mock = practise(alice, mine)
    practise(alice, question, mock=mock, position=2)
    practise(bob, question)

    response = alice_client.post(reverse("interviews:own_question_delete", args=[mine.pk]))

    assert response.status_code == 302
    assert not Question.objects.filter(pk=mine.pk).exists()
    for model in HANGING:
        assert not model.objects.filter(question_id=mine.pk).exists(), model
        # The bank question's rows, alice's and bob's, stay.
        assert model.objects.filter(question=question).count() == 2, model
    assert MockInterview.objects.filter(pk=mock.pk).exists()


def test_a_mock_left_with_only_answered_questions_is_finished(alice_client, alice, mine, question):
    mock = practise(alice, question)
    MockAnswer.objects.filter(mock=mock).update(answered_at=timezone.now(), body="Answered")
    practise(alice, mine, mock=mock, position=2)

    alice_client.post(reverse("interviews:own_question_delete", args=[mine.pk]))

    mock.refresh_from_db()
    assert mock.finished_at is not None
    confirm = reverse("interviews:mock_confirm", args=[mock.pk])
    assert alice_client.post(confirm, {"rating-1": "3"}).status_code == 302
    mock.refresh_from_db()
    assert mock.confirmed_at is not None


def test_a_mock_that_asked_only_the_deleted_question_goes_with_it(alice_client, alice, mine):
    mock = practise(alice, mine)

    alice_client.post(reverse("interviews:own_question_delete", args=[mine.pk]))

    assert not MockInterview.objects.filter(pk=mock.pk).exists()
    assert alice_client.get(reverse("interviews:mock")).status_code == 200


def test_it_deletes_the_account_of_a_member_who_practised_an_own_question(
    alice, bob, mine, question, password
):
    practise(alice, mine)
    practise(alice, question)
    practise(bob, question)
    laptop, phone, other = (
        log_in("alice", password),
        log_in("alice", password),
        log_in("bob", password),
    )

    response = laptop.post(reverse("accounts:delete_account"), {"password": password}, follow=True)

    assert response.status_code == 200
    assert "have been deleted" in response.content.decode()
    assert not type(alice).objects.filter(username="alice").exists()
    assert not Question.objects.filter(pk=mine.pk).exists()
    for model in HANGING:
        assert model.objects.filter(question=question).count() == 1, model
    assert not MockInterview.objects.filter(user_id=alice.pk).exists()
    # Every other session of hers ended; bob's did not.
    signed_in_as = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(alice.pk) not in signed_in_as
    assert phone.get(reverse("accounts:profile")).status_code == 302
    assert other.get(reverse("accounts:profile")).status_code == 200


def test_a_bank_question_someone_practised_still_cannot_be_deleted_by_code(alice, question):
    practise(alice, question)
    with pytest.raises(ProtectedError):
        question.delete()
