"""/interviews/<id>/: one question, its strong-answer points, rating, notes and bookmark."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import scheduling
from interviews.models import Bookmark, CardState, Category, Note, Question, Rating, ReviewLog
from interviews.notebook import STAR_TEMPLATE


def url(question, name="question"):
    return reverse(f"interviews:{name}", args=[question.pk])


@pytest.mark.parametrize("name", ["question", "rate", "note", "bookmark"])
def test_it_is_a_404_for_unpublished_and_unknown_questions(alice_client, question_factory, name):
    draft = question_factory(is_published=False)
    method = alice_client.get if name == "question" else alice_client.post
    data = {} if name == "question" else {"rating": "3", "body": "x", "bookmarked": "1"}

    assert method(url(draft, name), data).status_code == 404
    assert method(reverse(f"interviews:{name}", args=[999_999]), data).status_code == 404
    assert not CardState.objects.exists()
    assert not Note.objects.exists()
    assert not Bookmark.objects.exists()


def test_it_shows_the_question_and_hides_the_answer_until_asked(client, question):
    content = client.get(url(question)).content.decode()

    assert "You find bias in a model. What now?" in content
    assert 'href="?show=1#strong-answer"' in content
    assert "Gives the trade-offs" not in content
    assert "data-rating-key" not in content


def test_it_shows_what_a_strong_answer_covers_without_javascript(client, question):
    content = client.get(url(question), {"show": "1"}).content.decode()

    assert "What a strong answer covers" in content
    assert "<li>Gives the trade-offs</li>" in content
    assert "What would you change at scale?" in content
    assert "Log in</a> or" in content


def test_it_reveals_the_answer_panel_and_rating_buttons_with_htmx(alice_client, question):
    response = alice_client.get(url(question), {"show": "1"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<section id="answer-panel"')
    assert "autofocus" in content
    for key, label in enumerate(["Again", "Hard", "Good", "Easy"], start=1):
        assert f'value="{key}" data-rating-key="{key}"' in content
        assert f"{label} <kbd>{key}</kbd>" in content


def test_it_rates_an_attempt_and_shows_when_it_comes_back(alice_client, alice, question):
    response = alice_client.post(url(question, "rate"), {"rating": "3"})

    assert response.status_code == 302
    assert response["Location"] == f"{url(question)}?show=1&rated=1#rating"
    card = CardState.objects.get(user=alice, question=question)
    assert card.state == CardState.State.LEARNING
    assert ReviewLog.objects.filter(user=alice, question=question, rating=Rating.GOOD).count() == 1
    content = alice_client.get(response["Location"]).content.decode()
    assert "comes back <time" in content
    assert "(in 1 day)" in content


def test_it_answers_an_htmx_rating_with_the_schedule(alice_client, question):
    response = alice_client.post(
        url(question, "rate"), {"rating": "4"}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="rating"')
    assert "Rated Easy. This question comes back <time" in content
    assert "day" in content.split("Rated Easy.")[1].split("</time>")[0]


@pytest.mark.parametrize("rating", ["0", "5", "good", "", "3.0", "-1"])
def test_it_refuses_a_rating_outside_the_four_values(alice_client, alice, question, rating):
    scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=timezone.now())
    before = CardState.objects.get(user=alice, question=question)

    response = alice_client.post(url(question, "rate"), {"rating": rating})

    assert response.status_code == 400
    assert "Rate the attempt Again, Hard, Good or Easy." in response.content.decode()
    after = CardState.objects.get(user=alice, question=question)
    assert (after.due, after.review_count, after.card) == (
        before.due,
        before.review_count,
        before.card,
    )
    assert ReviewLog.objects.count() == 1


def test_it_refuses_a_rating_with_no_value_at_all(alice_client, question):
    response = alice_client.post(url(question, "rate"))

    assert response.status_code == 400
    assert not CardState.objects.exists()


def test_it_asks_visitors_to_log_in_before_rating(client, question):
    response = client.post(url(question, "rate"), {"rating": "3"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not ReviewLog.objects.exists()


def test_it_only_rates_by_post(alice_client, question):
    assert alice_client.get(url(question, "rate")).status_code == 405


def test_it_rates_within_twelve_queries(
    alice_client, alice, question, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        alice_client.post(url(question, "rate"), {"rating": "1"})
    with django_assert_max_num_queries(12):
        alice_client.post(url(question, "rate"), {"rating": "3"}, headers={"HX-Request": "true"})

    assert ReviewLog.objects.filter(user=alice).count() == 2


def test_it_never_shows_one_users_schedule_to_another(client, alice, bob, question):
    scheduling.rate(user=alice, question=question, rating=Rating.EASY, now=timezone.now())
    client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")

    content = client.get(url(question), {"show": "1"}).content.decode()

    assert "comes back" not in content
    assert "Last rated" not in content


def test_it_saves_private_notes(alice_client, alice, question):
    response = alice_client.post(url(question, "note"), {"body": "Check the training data."})

    assert response.status_code == 302
    assert Note.objects.get(user=alice, question=question).body == "Check the training data."
    assert "Check the training data." in alice_client.get(url(question)).content.decode()


def test_it_keeps_a_note_too_long_as_a_draft_with_an_error(alice_client, alice, question):
    too_long = "x" * 10_001

    response = alice_client.post(url(question, "note"), {"body": too_long})

    content = response.content.decode()
    assert "Ensure this value has at most 10000 characters (it has 10001)." in content
    assert too_long in content
    assert not Note.objects.exists()


def test_it_counts_a_line_break_as_one_character(alice_client, alice, question):
    body = ("line\r\n" * 2000)[:-2]  # 9,998 characters as typed; 11,996 bytes as sent

    alice_client.post(url(question, "note"), {"body": body})

    assert Note.objects.get(user=alice).body == body.replace("\r\n", "\n")


def test_it_deletes_a_note_that_is_emptied(alice_client, alice, question, note_factory):
    note_factory(user=alice, question=question)

    alice_client.post(url(question, "note"), {"body": "   "})

    assert not Note.objects.exists()


def test_it_answers_an_htmx_note_save_with_the_notes_partial(alice_client, question):
    response = alice_client.post(
        url(question, "note"), {"body": "Draft"}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert content.lstrip().startswith('<section id="notes"')
    assert "Saved." in content


def test_it_offers_a_star_template_for_behavioural_and_ethics_only(alice_client, question_factory):
    behavioural = question_factory(category=Category.BEHAVIOURAL)
    algorithm = question_factory(category=Category.ALGORITHMS)

    assert "Situation:\n\nTask:" in alice_client.get(url(behavioural)).content.decode()
    assert STAR_TEMPLATE not in alice_client.get(url(algorithm)).content.decode()


def test_it_keeps_notes_private_to_their_author(client, alice, bob, question, note_factory):
    note_factory(user=alice, question=question, body="Alice's secret plan")
    client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")

    assert "Alice&#x27;s secret plan" not in client.get(url(question)).content.decode()
    client.post(url(question, "note"), {"body": "Bob's own"})

    assert Note.objects.get(user=alice).body == "Alice's secret plan"
    assert Note.objects.get(user=bob).body == "Bob's own"


def test_it_bookmarks_and_unbookmarks(alice_client, alice, question):
    response = alice_client.post(url(question, "bookmark"), {"bookmarked": "1"})
    assert response.status_code == 302
    alice_client.post(url(question, "bookmark"), {"bookmarked": "1"})
    assert Bookmark.objects.filter(user=alice, question=question).count() == 1

    response = alice_client.post(
        url(question, "bookmark"), {"bookmarked": "0"}, headers={"HX-Request": "true"}
    )
    assert 'aria-pressed="false"' in response.content.decode()
    assert not Bookmark.objects.exists()


@pytest.mark.parametrize("value", ["", "yes", "2"])
def test_it_refuses_a_bad_bookmark_value(alice_client, question, value):
    assert alice_client.post(url(question, "bookmark"), {"bookmarked": value}).status_code == 400
    assert not Bookmark.objects.exists()


def test_it_shows_a_question_rated_days_ago_as_due_today(alice_client, alice, question):
    scheduling.rate(
        user=alice, question=question, rating=Rating.GOOD, now=timezone.now() - timedelta(days=2)
    )

    content = alice_client.get(url(question)).content.decode()

    assert "Comes back <time" in content
    assert ">now</time>" in content


def test_what_a_member_may_open_is_read_through_their_own_rows_only(alice, question_factory):
    # A join from the bank to the card, note and bookmark tables read every member's rows of
    # a withdrawn question: 1.7 s for the question page at 200,000 members (BENCHMARKS.md).
    question_factory()
    sql = str(Question.objects.reachable_by(alice).query)

    assert "JOIN" not in sql
    assert sql.count(f'"user_id" = {alice.pk}') == 3
