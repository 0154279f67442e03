"""Every cache behind the interviews pages serves what changed the moment it changes.

The published bank and the roles (kept per content version), the progress figures and the
fragments drawn from them (kept per user, practice version, day and bank version): for each,
a second user, a changed filter and a new rating each change what is served.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from interviews import scheduling
from interviews.models import Rating

User = get_user_model()


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_question_heading_follows_an_editors_change(alice_client, question):
    url = reverse("interviews:question", args=[question.pk])
    assert "You find bias in a model. What now?" in text(alice_client.get(url))

    question.prompt = "You find bias in a deployed model. What now?"
    question.save()

    assert "You find bias in a deployed model. What now?" in text(alice_client.get(url))


def test_the_notes_box_shows_each_users_own_latest_draft(alice_client, alice, question):
    url = reverse("interviews:question", args=[question.pk])
    note_url = reverse("interviews:note", args=[question.pk])
    assert "First draft" not in text(alice_client.get(url))

    alice_client.post(note_url, {"body": "First draft"})
    assert "First draft" in text(alice_client.get(url))
    alice_client.post(note_url, {"body": "Second draft"})
    page = text(alice_client.get(url))
    assert "Second draft" in page and "First draft" not in page

    bob = User.objects.create_user("bob-notes", password="a-long-unusual-passphrase")
    alice_client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    assert "Second draft" not in text(alice_client.get(url))


def test_the_notes_box_carries_a_fresh_csrf_token_each_time(alice_client, question):
    url = reverse("interviews:question", args=[question.pk])
    first = text(alice_client.get(url))
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', first)
    assert tokens and len(set(tokens)) == 1  # one masked token per response
    second = text(alice_client.get(url))
    assert re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', second)[0] != tokens[0]


def test_the_progress_page_changes_with_the_next_rating(alice_client, alice, question):
    url = reverse("interviews:progress")
    before = text(alice_client.get(url))
    assert "Nothing scheduled yet" in before

    scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=timezone.now())

    after = text(alice_client.get(url))
    assert "Nothing scheduled yet" not in after
    assert question.prompt in after


def test_the_bank_list_follows_a_bookmark_and_a_filter_error(alice_client, question):
    url = reverse("interviews:bank")
    assert "Bookmarked only (0)" in text(alice_client.get(url))

    alice_client.post(reverse("interviews:bookmark", args=[question.pk]), {"bookmarked": "1"})

    page = text(alice_client.get(url))
    assert "Bookmarked only (1)" in page
    assert '<span class="badge">Bookmarked</span>' in page
    bad = alice_client.get(url, {"difficulty": "nine"})
    assert 'aria-invalid="true"' in text(bad)
    assert 'aria-invalid="true"' not in text(alice_client.get(url))
    # The filter form's fields are shared between requests: nothing of Alice's stays in them.
    bob = User.objects.create_user("bob-bank", password="a-long-unusual-passphrase")
    alice_client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    assert "Bookmarked only (0)" in text(alice_client.get(url))


def test_the_progress_figures_follow_a_fresh_cycle_and_an_unpublished_question(
    alice_client, alice, question, question_factory
):
    other = question_factory(category=question.category)
    url = reverse("interviews:progress")
    scheduling.rate(user=alice, question=question, rating=Rating.EASY, now=timezone.now())
    row = re.compile(r"<tr>\s*<th scope=\"row\">.*?</tr>", re.S)

    def category_row() -> str:
        page = text(alice_client.get(url))
        return next(
            m.group(0) for m in row.finditer(page) if question.get_category_display() in m.group(0)
        )

    assert re.findall(r'"num">(\d+)<', category_row()) == ["1", "1", "0", "0", "2"]

    alice_client.post(reverse("interviews:fresh_cycle"), {"category": question.category})
    assert re.findall(r'"num">(\d+)<', category_row()) == ["2", "0", "0", "0", "2"]

    other.is_published = False
    other.save()
    assert re.findall(r'"num">(\d+)<', category_row()) == ["1", "0", "0", "0", "1"]


def test_the_bank_counts_follow_a_bookmark_on_another_page(alice_client, question_factory):
    questions = question_factory.create_batch(26)
    url = reverse("interviews:bank")
    assert "Bookmarked only (0)" in text(alice_client.get(url))

    last = questions[-1]  # on page 2: page 1 lists the same questions before and after
    alice_client.post(reverse("interviews:bookmark", args=[last.pk]), {"bookmarked": "1"})

    page = text(alice_client.get(url))
    assert "Bookmarked only (1)" in page
    assert last.prompt not in page


def test_the_bank_serves_each_user_their_own_statuses(alice_client, bob, question):
    url = reverse("interviews:bank")
    scheduling.rate(user=bob, question=question, rating=Rating.GOOD, now=timezone.now())
    assert "Learning (0)" in text(alice_client.get(url))

    alice_client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")

    assert "Learning (1)" in text(alice_client.get(url))


def test_the_bank_follows_a_changed_filter_and_a_new_rating(alice_client, alice, question_factory):
    algorithms = question_factory(category="algorithms", prompt="Reverse a linked list.")
    question_factory(category="ethics", prompt="Is this model fair?")
    url = reverse("interviews:bank")
    assert "Is this model fair?" in text(alice_client.get(url, {"category": "ethics"}))
    page = text(alice_client.get(url, {"category": "algorithms"}))
    assert "Is this model fair?" not in page and "Reverse a linked list." in page

    scheduling.rate(user=alice, question=algorithms, rating=Rating.GOOD, now=timezone.now())

    page = text(alice_client.get(url, {"category": "algorithms"}))
    assert "Learning (1)" in page
    assert "status-learning" in page


@pytest.mark.template_context
def test_the_progress_figures_are_each_users_own(alice_client, alice, bob, question):
    url = reverse("interviews:progress")
    scheduling.rate(user=alice, question=question, rating=Rating.AGAIN, now=timezone.now())
    mine = alice_client.get(url)
    assert mine.context["weakest"]

    alice_client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    theirs = alice_client.get(url)

    assert theirs.context["weakest"] == ()
    assert theirs.context["history_key"] != mine.context["history_key"]
    assert '1 "Again" rating.' not in theirs.content.decode()


@pytest.mark.template_context
def test_the_drawn_progress_chart_follows_a_new_rating(alice_client, alice, question_factory):
    questions = question_factory.create_batch(2)
    url = reverse("interviews:progress")
    scheduling.rate(user=alice, question=questions[0], rating=Rating.GOOD, now=timezone.now())
    before = alice_client.get(url)

    scheduling.rate(user=alice, question=questions[1], rating=Rating.AGAIN, now=timezone.now())
    after = alice_client.get(url)

    assert after.context["history_key"] != before.context["history_key"]
    assert sum(row["value"] for row in after.context["chart_rows"]) == 2
    assert '1 "Again" rating.' in after.content.decode()
