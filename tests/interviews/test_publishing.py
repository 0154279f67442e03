"""Publishing and unpublishing bank questions: members keep reaching what they practised."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from interviews.models import Question

CHANGELIST = reverse("admin:interviews_question_changelist")


def logged_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def editor(user_factory):
    user = user_factory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


def unpublish(client, *questions, **extra):
    data = {"action": "unpublish", "_selected_action": [q.pk for q in questions], **extra}
    return client.post(CHANGELIST, data)


def test_it_counts_the_members_affected_before_unpublishing(
    editor, question_factory, note_factory, bookmark_factory, user_factory
):
    question = question_factory()
    alice, bob = user_factory(), user_factory()
    note_factory(question=question, user=alice)
    bookmark_factory(question=question, user=alice)
    bookmark_factory(question=question, user=bob)
    content = unpublish(logged_in(editor), question).content.decode()
    assert "<strong>2 members</strong> rated, drafted an answer to or bookmarked" in content
    assert "Withdrawn from the bank on (today); your notes and history are kept." in content
    question.refresh_from_db()
    assert question.is_published


def test_a_member_who_practised_a_withdrawn_question_still_reaches_it_with_a_note(
    editor, question_factory, note_factory, user_factory
):
    question = question_factory(prompt="Explain dropout.")
    alice, bob = user_factory(), user_factory()
    note_factory(question=question, user=alice, body="My dropout answer.")
    unpublish(logged_in(editor), question, apply="1")

    page = logged_in(alice).get(reverse("interviews:question", args=[question.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Withdrawn from the bank on" in content and "your notes and history are kept" in content
    assert "My dropout answer." in content
    assert logged_in(bob).get(reverse("interviews:question", args=[question.pk])).status_code == 404
    assert Client().get(reverse("interviews:question", args=[question.pk])).status_code == 404
    assert question.notes.filter(user=alice).exists()


def test_publishing_refuses_a_question_without_three_to_six_key_points(editor, question_factory):
    draft = question_factory(is_published=False, key_points="Only one point")
    ready = question_factory(is_published=False)
    response = logged_in(editor).post(
        CHANGELIST, {"action": "publish", "_selected_action": [draft.pk, ready.pk]}, follow=True
    )
    assert "needs 3 to 9 key points, one per line; this one has 1" in response.content.decode()
    draft.refresh_from_db()
    ready.refresh_from_db()
    assert (draft.is_published, ready.is_published) == (False, True)


@pytest.mark.template_context
def test_a_new_question_starts_as_a_draft_that_staff_can_preview(editor, question_factory):
    client = logged_in(editor)
    add_page = client.get(reverse("admin:interviews_question_add"))
    assert add_page.context["adminform"].form.initial["is_published"] is False
    draft = question_factory(is_published=False, prompt="A draft prompt.")
    preview = client.get(reverse("interviews:question", args=[draft.pk])).content.decode()
    assert "A draft prompt." in preview and "members cannot open it yet" in preview
    assert reverse("admin:interviews_question_change", args=[draft.pk]) in preview


@pytest.mark.template_context
def test_an_unpublish_run_reverts_whole_from_recent_changes(editor, question_factory):
    questions = [question_factory() for _ in range(3)]
    client = logged_in(editor)
    unpublish(client, *questions, apply="1")
    assert not Question.objects.published().exists()
    change = client.get(reverse("admin:recent_changes")).context["changes"][0]
    assert change.record.history_change_reason.startswith("Bulk action “Unpublish questions”")
    client.post(
        reverse("admin:revert_change"),
        {"table": change.label, "change": change.record.history_id},
    )
    assert Question.objects.published().count() == 3
