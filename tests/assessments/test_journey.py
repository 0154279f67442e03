"""A new user signs up and takes the whole assessment, with and without htmx."""

import json
import re

import pytest
from django.urls import reverse

from assessments.models import AnswerOption, Assessment
from assessments.questionnaire import load_questionnaire
from careers.models import Profile, Role

pytestmark = pytest.mark.usefixtures("guide_for_module", "content")


def choose_best_answers(step):
    return {
        f"question_{question.pk}": AnswerOption.objects.filter(question=question)
        .order_by("-score")
        .first()
        .pk
        for question in step.questions
    }


@pytest.mark.template_context
@pytest.mark.parametrize("htmx", [False, True], ids=["without-js", "with-htmx"])
def test_it_takes_a_new_user_from_signup_to_a_plan(client, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    client.post(
        reverse("accounts:signup"),
        {
            "username": "carol",
            "email": "carol@example.com",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        },
    )
    client.post(
        reverse("accounts:profile"),
        {"background": "developer", "weekly_study_hours": "15", "years_experience": "6"},
    )
    start = client.post(reverse("assessments:start"))
    url = client.get(start.url).url  # resume → the first open step
    assert url.endswith("/step/1/")
    assessment = Assessment.objects.get(user__username="carol")
    step_one = client.get(url, headers=headers).content.decode()
    assert re.search(r'value="developer"[^>]* checked', step_one)  # from the profile
    questionnaire = load_questionnaire()
    for step in questionnaire.steps[:-1]:
        data = (
            # Several routes start from development: wanting ML engineering picks that one.
            {
                "background": "developer",
                "weekly_study_hours": "15",
                "interested_roles": [Role.objects.get(slug="machine-learning-engineer").pk],
            }
            if step.kind == "background"
            else choose_best_answers(step)
        )
        response = client.post(url, data, headers=headers)
        if htmx:
            location = json.loads(response.headers["HX-Location"])
            assert location["target"] == "#assessment-step"
            url = location["path"]
            page = client.get(url, headers=headers)
            assert "<html" not in page.content.decode()
        else:
            url = response.url
    assert url == reverse("assessments:step", args=[assessment.pk, 9])
    response = client.post(url, headers=headers)
    result_url = reverse("assessments:result", args=[assessment.pk])
    assert (response.headers["HX-Redirect"] if htmx else response.url) == result_url
    result = client.get(result_url)
    page = result.context["page"]
    assert page.recommended["slug"] == "developer-to-ml-engineer"
    assert page.recommended["reasons"] and page.recommended["plan"]
    assert len(page.alternatives) == 2
    client.post(
        reverse("assessments:make_target", args=[assessment.pk]),
        {"path": "developer-to-ml-engineer"},
    )
    assert Profile.objects.get(user__username="carol").target_role.slug == (
        "machine-learning-engineer"
    )


def test_it_serves_the_full_page_when_htmx_restores_history(alice_client, alice):
    alice_client.post(reverse("assessments:start"))
    assessment = Assessment.objects.get(user=alice)
    response = alice_client.get(
        reverse("assessments:step", args=[assessment.pk, 1]),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()
    assert "HX-Request" in response.headers["Vary"]
