"""Issue 10, items 1-2: import/export needs permissions; users' data outlives content edits."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from careers.models import Profile, Role
from interviews import scheduling
from interviews.admin import QuestionResource
from interviews.models import Bookmark, CardState, Note, Question, ReviewLog
from tests.interviews.test_admin import csv_upload, row

IMPORT = reverse("admin:interviews_question_import")
PROCESS_IMPORT = reverse("admin:interviews_question_process_import")
EXPORT = reverse("admin:interviews_question_export")


@pytest.fixture
def bare_staff_client(client, user_factory):
    staff = user_factory(username="staff", is_staff=True)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    return client, staff


def grant(user, *codenames):
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="interviews", codename__in=codenames)
    )


def test_staff_without_permissions_cannot_import_or_export(bare_staff_client, question):
    client, _ = bare_staff_client
    upload = {"import_file": csv_upload([row(slug=question.slug)]), "format": "0"}
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, upload).status_code == 403
    assert client.post(PROCESS_IMPORT, {"import_file_name": "x", "format": "0"}).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert client.post(EXPORT, {"format": "0"}).status_code == 403


def test_import_needs_both_add_and_change(bare_staff_client):
    client, staff = bare_staff_client
    grant(staff, "view_question", "change_question")
    assert client.get(IMPORT).status_code == 403
    grant(staff, "add_question")
    staff = type(staff).objects.get(pk=staff.pk)  # fresh permission cache
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(IMPORT).status_code == 200


def test_export_needs_the_view_permission(bare_staff_client, question):
    client, staff = bare_staff_client
    grant(staff, "view_question")
    assert client.get(EXPORT).status_code == 200


def test_export_neutralises_cells_a_spreadsheet_would_run(question_factory):
    question_factory(
        slug="formulae",
        prompt='=HYPERLINK("http://evil.example","x")',
        key_points="+1+2\n- a bullet",
        follow_ups="@SUM(A1)",
    )
    (exported,) = csv.DictReader(io.StringIO(QuestionResource().export().csv))
    for column in ("prompt", "key_points", "follow_ups"):
        assert exported[column].startswith("'"), column
    assert exported["prompt"] == "'" + '=HYPERLINK("http://evil.example","x")'


def test_a_neutralised_export_imports_back_unchanged(question_factory):
    question_factory(slug="bullets", prompt="Plain", key_points="- one\n- two\n- three")
    dataset = QuestionResource().export()
    Question.objects.all().update(key_points="changed")
    result = QuestionResource().import_data(dataset, raise_errors=True)
    assert not result.has_validation_errors()
    assert Question.objects.get(slug="bullets").key_points == "- one\n- two\n- three"


@pytest.fixture
def practised(question, user_factory, note_factory, bookmark_factory):
    """A question that a user practised: a card, a review, a note and a bookmark."""
    user = user_factory(username="practising-user")
    scheduling.rate(user=user, question=question, rating=3, now=timezone.now())
    note_factory(user=user, question=question, body="my private draft")
    bookmark_factory(user=user, question=question)
    return question


def test_deleting_a_practised_question_is_refused_without_listing_anyone(admin_client, practised):
    url = reverse("admin:interviews_question_delete", args=[practised.pk])
    page = admin_client.get(url).content.decode()
    assert "cannot be deleted" in page
    assert "Unpublish it instead" in page
    assert "practising-user" not in page
    assert "my private draft" not in page
    admin_client.post(url, {"post": "yes"})
    assert Question.objects.filter(pk=practised.pk).exists()
    for model in (CardState, ReviewLog, Note, Bookmark):
        assert model.objects.filter(question=practised).exists()


def test_bulk_delete_of_practised_questions_is_refused(admin_client, practised, question_factory):
    spare = question_factory()
    changelist = reverse("admin:interviews_question_changelist")
    data = {"action": "delete_selected", "_selected_action": [practised.pk, spare.pk]}
    page = admin_client.post(changelist, data).content.decode()
    assert "cannot be deleted" in page
    assert "practising-user" not in page
    admin_client.post(changelist, {**data, "post": "yes"})
    assert Question.objects.count() == 2


def test_a_question_nobody_practised_can_still_be_deleted(admin_client, question):
    url = reverse("admin:interviews_question_delete", args=[question.pk])
    admin_client.post(url, {"post": "yes"})
    assert not Question.objects.filter(pk=question.pk).exists()


def test_code_cannot_delete_a_practised_question_either(practised):
    with pytest.raises(ProtectedError):
        practised.delete()


def test_a_role_someone_targets_is_not_deleted_from_under_them(admin_client, alice, role_factory):
    role = role_factory(name="Target role")
    Profile.objects.filter(user=alice).update(target_role=role)
    url = reverse("admin:careers_role_delete", args=[role.pk])
    page = admin_client.get(url).content.decode()
    assert "cannot be deleted" in page
    assert "alice" not in page
    admin_client.post(url, {"post": "yes"})
    assert Role.objects.filter(pk=role.pk).exists()
