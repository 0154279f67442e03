"""Staff keep the question bank in the admin: list, filters, bulk publishing, CSV in and out."""

import csv
import io
import tempfile

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from config.sitewide.models import ContentVersion
from interviews.admin import QuestionResource
from interviews.models import Bookmark, CardState, Note, Question, ReviewLog

CHANGELIST = reverse("admin:interviews_question_changelist")


@pytest.fixture
def editor(user_factory):
    user = user_factory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


def test_it_lists_questions_with_category_difficulty_roles_and_published(
    admin_client, question_factory, role_factory, django_assert_max_num_queries
):
    role = role_factory(name="NLP Engineer")
    for _ in range(30):
        question_factory(roles=[role])

    with django_assert_max_num_queries(15):
        response = admin_client.get(CHANGELIST)

    content = response.content.decode()
    assert response.status_code == 200
    for column in (
        "column-category",
        "column-difficulty",
        "column-role_list",
        "column-is_published",
    ):
        assert column in content
    assert "NLP Engineer" in content


def test_it_filters_and_searches(admin_client, question_factory):
    question_factory(prompt="Design a recommendation system", category="system-design")
    question_factory(prompt="Explain gradient descent")

    by_search = admin_client.get(CHANGELIST, {"q": "recommendation"}).content.decode()
    by_category = admin_client.get(CHANGELIST, {"category__exact": "algorithms"}).content.decode()

    assert "Design a recommendation system" in by_search
    assert "Explain gradient descent" not in by_search
    assert "Explain gradient descent" in by_category
    assert "Design a recommendation system" not in by_category


def test_it_chooses_roles_with_a_horizontal_filter(admin_client, question):
    content = admin_client.get(
        reverse("admin:interviews_question_change", args=[question.pk])
    ).content.decode()

    assert "selectfilter" in content


def test_it_publishes_and_unpublishes_in_bulk_and_refreshes_cached_pages(
    admin_client, question_factory
):
    questions = [question_factory(is_published=False) for _ in range(3)]
    version = ContentVersion.current()

    admin_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [q.pk for q in questions[:2]]},
    )
    assert Question.objects.published().count() == 2
    assert ContentVersion.current() > version

    # Unpublishing asks first (it says how many members practised them), then applies.
    confirm = {"action": "unpublish", "_selected_action": [questions[0].pk]}
    admin_client.post(CHANGELIST, confirm)
    assert Question.objects.published().count() == 2
    admin_client.post(CHANGELIST, {**confirm, "apply": "1"})
    assert Question.objects.published().count() == 1


def test_it_lets_content_editors_edit_questions(client, editor, question):
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")

    assert client.get(CHANGELIST).status_code == 200
    assert editor.has_perm("interviews.change_question")
    assert not editor.has_perm("interviews.view_note")
    assert not editor.has_perm("interviews.view_cardstate")


def test_it_keeps_users_practice_out_of_the_admin():
    registered = admin.site._registry
    for model in (Note, CardState, ReviewLog, Bookmark):
        assert model not in registered


def test_it_exports_questions_as_csv_with_role_slugs(question_factory, role_factory):
    roles = [role_factory(slug="nlp-engineer"), role_factory(slug="prompt-engineer")]
    question_factory(slug="explain-attention", roles=roles)

    exported = QuestionResource().export().csv

    (row,) = csv.DictReader(io.StringIO(exported))
    assert row["slug"] == "explain-attention"
    assert set(row["roles"].split(",")) == {"nlp-engineer", "prompt-engineer"}
    assert row["key_points"] == "States the idea\nGives the trade-offs\nNames a metric"
    assert "id" not in row


def csv_upload(rows: list[dict]) -> io.BytesIO:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    upload = io.BytesIO(buffer.getvalue().encode())
    upload.name = "questions.csv"
    return upload


def row(**overrides):
    data = {
        "slug": "rag-explained",
        "prompt": "Explain retrieval-augmented generation.",
        "category": "recent-techniques",
        "difficulty": "2",
        "roles": "nlp-engineer,prompt-engineer",
        "key_points": "Retriever\nGenerator\nEvaluation",
        "follow_ups": "",
        "from_guide": "0",
        "is_published": "1",
    }
    return {**data, **overrides}


def import_through_admin(client, rows):
    response = client.post(
        reverse("admin:interviews_question_import"),
        {"import_file": csv_upload(rows), "format": "0", "resource": "0"},
    )
    assert response.status_code == 200
    confirm = response.context.get("confirm_form") if response.context else None
    if confirm is None:
        return response
    return client.post(
        reverse("admin:interviews_question_process_import"), confirm.initial, follow=True
    )


@pytest.mark.template_context
def test_it_imports_a_csv_of_questions_through_the_admin(client, editor, role_factory, question):
    role_factory(slug="nlp-engineer")
    role_factory(slug="prompt-engineer")
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    existing = row(slug=question.slug, prompt="Edited in a spreadsheet", roles="nlp-engineer")

    import_through_admin(client, [row(), existing])

    imported = Question.objects.get(slug="rag-explained")
    assert imported.key_point_list == ["Retriever", "Generator", "Evaluation"]
    assert {r.slug for r in imported.roles.all()} == {"nlp-engineer", "prompt-engineer"}
    question.refresh_from_db()
    assert question.prompt == "Edited in a spreadsheet"
    assert [r.slug for r in question.roles.all()] == ["nlp-engineer"]


# --- Issue 26, item 5: the confirmation step names no file the server did not hand out ------


def upload(client, rows):
    response = client.post(
        reverse("admin:interviews_question_import"),
        {"import_file": csv_upload(rows), "format": "0", "resource": "0"},
    )
    return response.context["confirm_form"].initial


def confirm(client, data):
    return client.post(reverse("admin:interviews_question_process_import"), data, follow=True)


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    # The folder the library's TempFolderStorage reads from, kept inside this test.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.mark.template_context
def test_the_confirmation_never_reads_or_deletes_a_file_the_browser_names(
    client, editor, role_factory, temp_folder
):
    role_factory(slug="nlp-engineer")
    role_factory(slug="prompt-engineer")
    planted = temp_folder / "someone-elses-file"
    planted.write_text(
        "slug,prompt,category,difficulty,roles,key_points,follow_ups,from_guide,"
        "is_published\nplanted,Planted?,behavioural,2,,A\nB,,0,1\n"
    )
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    data = upload(client, [row()])

    response = confirm(client, {**data, "import_file_name": planted.name})

    assert response.status_code == 200
    assert "upload the file again" in response.content.decode()
    assert planted.exists()
    assert not Question.objects.exists()


@pytest.mark.template_context
def test_an_import_is_confirmed_only_by_the_session_that_uploaded_it(
    client, editor, user_factory, role_factory
):
    role_factory(slug="nlp-engineer")
    role_factory(slug="prompt-engineer")
    other = user_factory(username="other-editor", is_staff=True)
    other.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    data = upload(client, [row()])
    stranger = type(client)()
    stranger.force_login(other, backend="django.contrib.auth.backends.ModelBackend")

    refused = confirm(stranger, data)
    assert "upload the file again" in refused.content.decode()
    assert not Question.objects.exists()

    confirm(client, data)
    assert Question.objects.filter(slug="rag-explained").exists()
    # Once confirmed, the same confirmation imports nothing again.
    again = confirm(client, data)
    assert again.status_code == 200
    assert "upload the file again" in again.content.decode()


@pytest.mark.parametrize("name", [None, "", "no-such-import", "../../etc/passwd"])
def test_a_missing_or_unknown_import_name_is_a_clear_message(client, editor, name):
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    data = {"original_file_name": "questions.csv", "format": "0", "resource": "0"}
    if name is not None:
        data["import_file_name"] = name

    response = confirm(client, data)

    assert response.status_code == 200
    assert "upload the file again" in response.content.decode()


@pytest.mark.template_context
@pytest.mark.parametrize(
    "bad",
    [
        {"roles": "nlp-engineer,wizard"},
        {"category": "astrology"},
        {"difficulty": "7"},
        {"slug": "not a slug"},
    ],
)
def test_it_rejects_a_csv_row_it_cannot_hold(client, editor, role_factory, bad):
    role_factory(slug="nlp-engineer")
    role_factory(slug="prompt-engineer")
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")

    response = import_through_admin(client, [row(**bad)])

    assert response.status_code == 200
    assert "confirm_form" not in (response.context or {})
    assert not Question.objects.exists()


def change_form(question, **overrides):
    data = {
        "prompt": question.prompt,
        "slug": question.slug,
        "category": question.category,
        "difficulty": str(question.difficulty),
        "key_points": question.key_points,
        "key_point_evidence": "",
        "follow_ups": question.follow_ups,
        "is_published": "on",
    }
    return {**data, **overrides}


def test_staff_edit_each_key_points_evidence_terms(client, editor, question):
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    change = reverse("admin:interviews_question_change", args=[question.pk])
    assert 'name="key_point_evidence"' in client.get(change).content.decode()

    response = client.post(change, change_form(question, key_point_evidence="idea\nmetric"))

    assert "one line of evidence per key point" in response.content.decode()
    response = client.post(
        change, change_form(question, key_point_evidence="idea; concept\n-\nmetric")
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.key_point_evidence_list == [["idea", "concept"], [], ["metric"]]


def test_it_reports_every_rows_errors_at_once(client, editor, role_factory):
    role_factory(slug="nlp-engineer")
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    rows = [
        row(slug="first", roles="wizard"),
        row(slug="second", category="astrology", difficulty="7"),
        row(slug="third", roles="nlp-engineer,sorcerer", key_points="Only one"),
    ]

    response = import_through_admin(client, rows)

    content = response.content.decode()
    assert "Unknown role slug(s): wizard." in content
    assert "“astrology” is not one of:" in content and "“7” is not one of:" in content
    assert "Unknown role slug(s): sorcerer." in content
    assert "needs 3 to 9 key points, one per line; this one has 1" in content
    assert not Question.objects.exists()


def test_it_exports_labels_and_imports_them_back_unchanged(question_factory, role_factory):
    question = question_factory(
        slug="explain-attention",
        category="system-design",
        difficulty=3,
        roles=[role_factory(slug="nlp-engineer")],
    )
    before = QuestionResource().export()
    (exported,) = csv.DictReader(io.StringIO(before.csv))
    assert (exported["category"], exported["difficulty"]) == ("ML system design", "Advanced")

    Question.objects.filter(pk=question.pk).update(category="ethics", difficulty=1)
    result = QuestionResource().import_data(before, raise_errors=True)
    assert not result.has_validation_errors()
    question.refresh_from_db()
    assert (question.category, question.difficulty) == ("system-design", 3)
    assert QuestionResource().export().csv == before.csv
