"""Staff edit the questionnaire and paths in admin; users' answers show only as counts."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from assessments.models import AnswerOption, Assessment, TransitionPath
from tests import factories

CONTENT_MODELS = (
    "dimension",
    "question",
    "answeroption",
    "certification",
    "transitionpath",
    "pathcertification",
    "requirementlevel",
    "prerequisite",
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
