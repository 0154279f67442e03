"""Issue 21, items 3 and 6: one due number everywhere, "Practise now" serving exactly those,
essay learning steps, recall from an empty box, and "Next question" after rating."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import Profile
from interviews import practice_queue, progress, scheduling
from interviews.models import CardState, Note, Rating
from interviews.practice_session import PracticeSession
from interviews.status import cards_for, start_of_tomorrow
from tests import factories

HOME = reverse("careers:home")
PROGRESS = reverse("interviews:progress")
PRACTICE = reverse("interviews:practice")


def url(question, name="question"):
    return reverse(f"interviews:{name}", args=[question.pk])


@pytest.fixture
def now():
    return timezone.now()


def test_a_new_question_rated_good_returns_the_next_day(alice, question, now):
    result = scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=now)

    assert result.card_state.due - now == timedelta(days=1)


def test_a_new_question_rated_again_returns_later_the_same_day(alice, question, now):
    result = scheduling.rate(user=alice, question=question, rating=Rating.AGAIN, now=now)

    assert result.card_state.due - now == timedelta(minutes=10)


def test_the_learning_steps_are_read_from_the_scheduler_and_shown(alice_client, question):
    text = scheduling.learning_steps_text()
    assert "Again returns in 10 minutes; rated Good, the next day" in text

    alice_client.post(PRACTICE, {"size": "1"})
    assert text in alice_client.get(PRACTICE, {"show": "1"}).content.decode()
    assert text in alice_client.get(url(question), {"show": "1"}).content.decode()


@pytest.fixture
def cards(alice, question_factory, now):
    """Cards due an hour ago, later today, at the day's last moment, tomorrow, and one new."""
    midnight = start_of_tomorrow(now)
    dues = {
        "overdue": now - timedelta(hours=1),
        "later today": now + (midnight - now) / 2,
        "last minute": midnight - timedelta(microseconds=1),
        "tomorrow": midnight + timedelta(hours=1),
    }
    made = {}
    for name, due in dues.items():
        made[name] = question_factory()
        factories.CardStateFactory(
            user=alice, question=made[name], state=CardState.State.REVIEW, due=due, interval_days=3
        )
    made["new"] = question_factory()
    return made


@pytest.mark.template_context
def test_every_due_count_agrees_with_what_practise_now_serves(alice_client, alice, cards, now):
    due = {cards[name].pk for name in ("overdue", "later today", "last minute")}

    home = alice_client.get(HOME).content.decode()
    progress_page = alice_client.get(PROGRESS)
    practice_page = alice_client.get(PRACTICE)

    assert re.search(r'data-figure="due-today">3<', home)
    assert progress_page.context["due_today"] == 3
    assert practice_page.context["due_now"] == 3
    assert practice_queue.count_due(user=alice, now=now) == 3
    assert sum(row.due_today for row in progress.category_progress(user=alice, now=now)) == 3
    # Every "Practise now" posts the due session, of all three.
    for content in (home, progress_page.content.decode(), practice_page.content.decode()):
        assert 'name="due_today" value="1"' in content
        assert 'name="size" value="3"' in content

    response = alice_client.post(PRACTICE, {"due_today": "1", "size": "3"})

    assert response.status_code == 302
    assert set(PracticeSession.from_store(alice_client.session).question_ids) == due


@pytest.mark.template_context
def test_the_bank_calls_due_exactly_what_the_counts_count(alice_client, alice, cards, now):
    statuses = {pk: card.due for pk, card in cards_for(user=alice).items() if card.due is not None}
    response = alice_client.get(reverse("interviews:bank"), {"status": "due"})

    listed = {row.pk for row in response.context["page"].object_list}
    assert listed == set(progress.due_today_ids(user=alice, now=timezone.now()))
    assert cards["tomorrow"].pk not in listed and cards["tomorrow"].pk in statuses


def test_a_review_opens_with_an_empty_box_and_offers_the_last_answer_after_rating(
    alice_client, alice, question
):
    alice_client.post(url(question, "note"), {"body": "Attention weighs every token."})
    alice_client.post(url(question, "rate"), {"rating": "3"})
    CardState.objects.filter(user=alice, question=question).update(
        due=timezone.now() - timedelta(minutes=1)
    )

    review = alice_client.get(url(question)).content.decode()
    assert "Attention weighs every token." not in review

    response = alice_client.post(url(question, "rate"), {"rating": "3", "seen": "1"})
    rated = alice_client.get(response["Location"]).content.decode()
    assert "Show my last answer" in rated
    assert "Attention weighs every token." in rated
    # Not a draft lost: the answer is still the member's note.
    assert Note.objects.get(user=alice, question=question).body == "Attention weighs every token."


def test_a_draft_typed_for_this_attempt_stays_in_the_box(alice_client, alice, question):
    alice_client.post(url(question, "rate"), {"rating": "1"})
    alice_client.post(url(question, "note"), {"body": "A second try."})

    assert "A second try." in alice_client.get(url(question)).content.decode()


def test_a_practice_review_opens_with_an_empty_box(alice_client, alice, question):
    Note.objects.create(user=alice, question=question, body="My old answer")
    # Written for the last attempt, which was rated three days ago.
    Note.objects.update(updated_at=timezone.now() - timedelta(days=3, minutes=5))
    scheduling.rate(
        user=alice, question=question, rating=Rating.GOOD, now=timezone.now() - timedelta(days=3)
    )

    alice_client.post(PRACTICE, {"due_today": "1", "size": "1"})
    content = alice_client.get(PRACTICE).content.decode()

    assert "Question 1 of 1" in content
    assert "My old answer" not in content


def test_after_rating_next_question_stays_in_the_role_queue(
    alice_client, alice, question_factory, role_factory
):
    role = role_factory()
    Profile.objects.filter(user=alice).update(target_role=role)
    rated, *for_role = [question_factory(roles=[role]) for _ in range(3)]
    question_factory()  # another role's question

    response = alice_client.post(
        url(rated, "rate"), {"rating": "3"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    link = re.search(r'href="([^"]+)">Next question<', content)
    assert link, content

    followed = alice_client.get(link.group(1).replace("&amp;", "&"))

    assert followed.status_code == 302
    assert followed["Location"] in {url(question) for question in for_role}


def test_next_question_after_the_last_one_goes_to_progress(alice_client, alice, question):
    scheduling.rate(user=alice, question=question, rating=Rating.EASY, now=timezone.now())

    response = alice_client.get(reverse("interviews:next_question"), {"after": question.pk})

    assert response["Location"] == PROGRESS


@pytest.mark.parametrize("after", ["", "abc", "-1", "99999999999999999999"])
def test_next_question_ignores_a_bad_after_value(alice_client, question, after):
    response = alice_client.get(reverse("interviews:next_question"), {"after": after})

    assert response.status_code == 302
    assert response["Location"] == url(question)
