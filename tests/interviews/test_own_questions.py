"""/interviews/mine/: a user's own private questions, scheduled like the bank's."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from interviews import practice_queue, scheduling
from interviews.models import CardState, Question, Rating
from interviews.own_questions import add_own_question
from interviews.practice_session import PracticeSession

URL = reverse("interviews:own_questions")
DATA = {
    "prompt": "Walk me through the churn model you shipped at Acme.",
    "category": "behavioural",
    "key_points": "The business problem\n\nThe metric you moved\nWhat you would do differently\n",
    "follow_ups": "Who disagreed with you?",
}


def own(user, **fields):
    return add_own_question(user=user, **{**DATA, **fields})


def test_it_adds_a_private_question_with_its_key_points(alice_client, alice):
    response = alice_client.post(URL, DATA)

    question = Question.objects.get(owner=alice)
    assert response["Location"] == question.get_absolute_url()
    assert question.key_point_list == [
        "The business problem",
        "The metric you moved",
        "What you would do differently",
    ]
    page = alice_client.get(question.get_absolute_url(), {"show": "1"}).content.decode()
    assert "Walk me through the churn model" in page
    assert 'name="covered" value="2"' in page
    assert question.prompt in alice_client.get(URL).content.decode()


def test_it_is_a_404_to_anyone_else_and_never_in_the_bank(client, alice, bob):
    question = own(alice)

    assert client.get(question.get_absolute_url()).status_code == 404
    assert question.prompt not in client.get(reverse("interviews:bank")).content.decode()
    client.force_login(bob)
    assert client.get(question.get_absolute_url()).status_code == 404
    rate_url = reverse("interviews:rate", args=[question.pk])
    assert client.post(rate_url, {"rating": "3"}).status_code == 404
    note_url = reverse("interviews:note", args=[question.pk])
    assert client.post(note_url, {"body": "x"}).status_code == 404
    delete_url = reverse("interviews:own_question_delete", args=[question.pk])
    assert client.post(delete_url).status_code == 404
    assert question.prompt not in client.get(URL).content.decode()
    assert question.prompt not in client.get(reverse("interviews:bank")).content.decode()
    assert Question.objects.filter(pk=question.pk).exists()
    assert not CardState.objects.exists()


def test_it_schedules_own_questions_like_any_other(alice, bob, question):
    mine = own(alice)
    now = timezone.now()

    assert mine.pk in practice_queue.build_queue(
        user=alice, size=5, categories=[], role=None, now=now
    )
    assert mine.pk not in practice_queue.build_queue(
        user=bob, size=5, categories=[], role=None, now=now
    )
    scheduling.rate(user=alice, question=mine, rating=Rating.AGAIN, now=now)
    later = now + timezone.timedelta(minutes=5)
    assert practice_queue.count_due(user=alice, now=later) == 1
    queue = practice_queue.build_queue(user=alice, size=5, categories=[], role=None, now=later)
    assert queue[0] == mine.pk


def test_it_exports_own_questions_and_deletes_them_with_the_account(
    alice_client, alice, bob, download_my_data
):
    mine = own(alice)
    own(bob, prompt="Bob's secret question")

    section = download_my_data(alice_client)["interviews"]

    assert [q["prompt"] for q in section["own_questions"]] == [mine.prompt]
    assert section["own_questions"][0]["key_points"][1] == "The metric you moved"
    alice.delete()
    assert not Question.objects.filter(owner__username="alice").exists()
    assert Question.objects.filter(owner=bob).count() == 1


def test_it_deletes_an_own_question(alice_client, alice):
    mine = own(alice)

    response = alice_client.post(reverse("interviews:own_question_delete", args=[mine.pk]))

    assert response["Location"] == URL
    assert not Question.objects.filter(pk=mine.pk).exists()


def test_it_refuses_a_question_without_key_points_or_category(alice_client, alice):
    response = alice_client.post(URL, {**DATA, "key_points": " \n ", "category": "astrology"})

    content = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in content
    assert "Select a valid choice" in content
    assert not Question.objects.filter(owner=alice).exists()


def test_it_refuses_more_than_ten_key_points(alice_client, alice):
    response = alice_client.post(URL, {**DATA, "key_points": "\n".join("p" * 3 for _ in range(11))})

    assert response.status_code == 400
    assert "one to ten key points" in response.content.decode()


def test_it_keeps_own_questions_out_of_the_staff_admin(client, alice, db):
    mine = own(alice)
    staff = type(alice).objects.create_superuser("staff", "s@example.com", "pw-long-enough-1")
    client.force_login(staff)

    listing = client.get(reverse("admin:interviews_question_changelist")).content.decode()
    change = client.get(reverse("admin:interviews_question_change", args=[mine.pk]))

    assert mine.prompt not in listing
    assert change.status_code == 302  # the admin's "does not exist" redirect


@pytest.mark.template_context
def test_every_page_counts_a_due_own_question_as_practice_then_serves_it(
    alice_client, alice, question_factory
):
    """The progress page, the bank, the home panel and practice read one set of questions:
    the published bank and the user's own."""
    published = question_factory(category="behavioural")
    mine = own(alice)
    week_ago = timezone.now() - timezone.timedelta(days=7)
    for question in (published, mine):
        scheduling.rate(user=alice, question=question, rating=Rating.AGAIN, now=week_ago)

    progress_page = alice_client.get(reverse("interviews:progress")).context
    (behavioural,) = [row for row in progress_page["categories"] if row.category == "behavioural"]
    bank = alice_client.get(reverse("interviews:bank"), {"status": "due"}).content.decode()
    home = alice_client.get(reverse("careers:home")).content.decode()

    assert progress_page["due_today"] == behavioural.due_today == behavioural.total == 2
    assert mine.prompt in bank and "Due for review (2)" in bank
    assert bank.count("Your own question</span>") == 1
    assert 'data-figure="due-today">2<' in home
    assert practice_queue.count_due(user=alice, now=timezone.now()) == 2
    response = alice_client.post(reverse("interviews:practice"), {"due_today": "1", "size": "10"})
    assert response.status_code == 302
    served = PracticeSession.from_store(alice_client.session).question_ids
    assert sorted(served) == sorted([published.pk, mine.pk])


@pytest.mark.template_context
def test_the_progress_page_counts_an_own_question_as_soon_as_it_is_added_or_deleted(
    alice_client, alice, question_factory
):
    question_factory(category="behavioural")
    progress_url = reverse("interviews:progress")

    def new_behavioural():
        rows = alice_client.get(progress_url).context["categories"]
        return sum(row.new for row in rows if row.category == "behavioural")

    assert new_behavioural() == 1
    mine = own(alice)
    assert new_behavioural() == 2
    alice_client.post(reverse("interviews:own_question_delete", args=[mine.pk]))
    assert new_behavioural() == 1


@override_settings(OWN_QUESTIONS_PER_MEMBER=2)
def test_a_member_keeps_a_stated_number_of_own_questions(alice_client, alice, bob):
    own(alice)
    own(bob)
    assert alice_client.post(URL, DATA).status_code == 302

    refused = alice_client.post(URL, {**DATA, "prompt": "One too many"})

    assert refused.status_code == 400
    assert "You have 2 questions of your own, the most one account keeps" in (
        refused.content.decode()
    )
    assert Question.objects.filter(owner=alice).count() == 2
    # Deleting one makes room again.
    mine = Question.objects.filter(owner=alice).first()
    alice_client.post(reverse("interviews:own_question_delete", args=[mine.pk]))
    assert alice_client.post(URL, {**DATA, "prompt": "Now it fits"}).status_code == 302
