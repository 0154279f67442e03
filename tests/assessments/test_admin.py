"""Staff edit the questionnaire and paths in admin; users' answers show only as counts."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from assessments.models import AnswerOption, Assessment, TransitionPath
from tests import factories

pytestmark = pytest.mark.usefixtures("guide_for_module")

CONTENT_MODELS = (
    "dimension",
    "question",
    "answeroption",
    "certification",
    "transitionpath",
    "pathcertification",
    "requirementlevel",
    "prerequisite",
    "skill",
    "roleskill",
    "learningresource",
)


@pytest.fixture
def editor_client(client, content):
    editor = factories.UserFactory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_it_gives_content_editors_the_questionnaire_and_paths_but_not_answers(db):
    codenames = set(
        Group.objects.get(name="Content editors").permissions.values_list("codename", flat=True)
    )
    for model in CONTENT_MODELS:
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= codenames
    assert not {"view_assessment", "view_answer", "view_pathdismissal", "view_milestonetick"} & (
        codenames
    )


@pytest.mark.template_context
@pytest.mark.parametrize("model", ["dimension", "question", "certification", "transitionpath"])
def test_it_lets_editors_list_and_open_content(editor_client, model):
    response = editor_client.get(reverse(f"admin:assessments_{model}_changelist"))
    assert response.status_code == 200
    model_class = response.context["cl"].model
    first = model_class.objects.first()
    url = reverse(f"admin:assessments_{model}_change", args=[first.pk])
    assert editor_client.get(url).status_code == 200


def test_it_edits_a_question_with_its_answers_inline(editor_client):
    question = AnswerOption.objects.filter(question__slug="prog-python").first().question
    content = editor_client.get(
        reverse("admin:assessments_question_change", args=[question.pk])
    ).content.decode()
    assert "I write Python most days" in content


def test_it_edits_a_path_with_requirement_levels_and_certifications_inline(editor_client):
    path = TransitionPath.objects.get(slug="developer-to-ml-engineer")
    content = editor_client.get(
        reverse("admin:assessments_transitionpath_change", args=[path.pk])
    ).content.decode()
    assert "requirement_levels-TOTAL_FORMS" in content
    assert "certification_links-TOTAL_FORMS" in content
    assert "prerequisites-TOTAL_FORMS" in content


def test_it_keeps_assessments_away_from_editors(editor_client):
    url = reverse("admin:assessments_assessment_changelist")
    assert editor_client.get(url).status_code == 403


def test_it_shows_superusers_counts_but_never_the_answers(admin_client, alice, take_assessment):
    assessment = take_assessment(alice, answers={"prog-python": 3})
    response = admin_client.get(reverse("admin:assessments_assessment_changelist"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "21" in content  # the number of answers
    assert "I write Python most days" not in content
    assert "alice" not in content
    change = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    assert admin_client.get(change).status_code == 403
    assert (
        not admin_client.get(reverse("admin:index")).content.decode().count("assessments/answer/")
    )
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize(
    "query,shown,hidden",
    [
        ("status__exact=active", "Google Professional ML Engineer", "AWS ML Specialty"),
        ("status__exact=retired", "AWS ML Specialty", "Google Professional ML Engineer"),
        ("status__exact=not-real", "Partnership on AI certification", "IAPP Artificial"),
        ("kind__exact=course", "IBM AI Engineering", "AWS ML Specialty"),
    ],
)
def test_it_filters_certifications_by_status_and_kind(editor_client, query, shown, hidden):
    response = editor_client.get(
        reverse("admin:assessments_certification_changelist") + "?" + query
    )
    content = response.content.decode()
    assert shown in content and hidden not in content


def test_it_filters_resources_by_format_and_level(editor_client):
    url = reverse("admin:assessments_learningresource_changelist")
    content = editor_client.get(url + "?format__exact=book&level__exact=2").content.decode()
    assert "Mathematics for Machine Learning" in content
    assert "Kaggle Learn: Python" not in content


def test_it_shows_which_plans_change_before_retiring_a_certification(
    editor_client, alice, take_assessment
):
    from assessments.models import Certification

    take_assessment(alice, background="developer", answers={"prog-experience": 4})
    exam = Certification.objects.get(slug="aws-ml-engineer-associate")
    changelist = reverse("admin:assessments_certification_changelist")
    preview = editor_client.post(changelist, {"action": "retire", "_selected_action": [exam.pk]})
    content = preview.content.decode()
    assert "Developer → ML Engineer" in content
    assert "scheduled as an exam in 1 saved plan." in content
    exam.refresh_from_db()
    assert exam.status == "active"
    successor = Certification.objects.get(slug="google-professional-ml-engineer")
    editor_client.post(
        changelist,
        {
            "action": "retire",
            "_selected_action": [exam.pk],
            "apply": "1",
            "retired_on": "2027-01-31",
            "successor": successor.pk,
        },
    )
    exam.refresh_from_db()
    assert (exam.status, str(exam.retired_on), exam.successor) == (
        "retired",
        "2027-01-31",
        successor,
    )


def test_a_retirement_in_admin_shows_at_once_on_saved_plans(editor_client, alice, take_assessment):
    from django.test import Client

    from assessments.models import Certification

    saved = take_assessment(
        alice,
        background="developer",
        answers={"prog-experience": 4},
        interested=["machine-learning-engineer"],
    )
    owner = Client()
    owner.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    result = reverse("assessments:result", args=[saved.pk])
    assert 'id="tick-exam-aws-ml-engineer-associate"' in owner.get(result).content.decode()
    exam = Certification.objects.get(slug="aws-ml-engineer-associate")
    editor_client.post(
        reverse("admin:assessments_certification_changelist"),
        {
            "action": "retire",
            "_selected_action": [exam.pk],
            "apply": "1",
            "retired_on": "2027-01-31",
            "successor": Certification.objects.get(slug="google-professional-ml-engineer").pk,
        },
    )
    content = owner.get(result).content.decode()
    assert "Retired on 31 January 2027 — take Google Professional ML Engineer instead." in content
    assert 'id="tick-exam-aws-ml-engineer-associate"' not in content


def test_it_refuses_to_retire_without_a_date(editor_client):
    from assessments.models import Certification

    exam = Certification.objects.get(slug="google-professional-ml-engineer")
    response = editor_client.post(
        reverse("admin:assessments_certification_changelist"),
        {"action": "retire", "_selected_action": [exam.pk], "apply": "1", "retired_on": "soon"},
    )
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    exam.refresh_from_db()
    assert exam.status == "active"
