"""Issue 10, item 9: ticks and questionnaire steps sent twice at once are saved once."""

import pytest
from django.urls import reverse

from assessments.models import Answer, Assessment, MilestoneTick
from assessments.questionnaire import attach_options, load_questionnaire, start_assessment
from careers.models import Role
from tests.concurrency import ACCEPTED, send_together

# Each thread has its own connection, so the rows must be committed; the guide's content
# refers to content types, which a flush removes and serialized_rollback puts back.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_simultaneous_ticks_save_one(alice_client, alice, take_assessment):
    assessment = take_assessment(alice, background="developer")
    path = assessment.result["paths"][0]["slug"]
    url = reverse("assessments:tick", args=[assessment.pk])
    statuses = send_together(
        alice_client, url, {"path": path, "milestone": "portfolio", "done": "1"}
    )
    assert set(statuses) <= ACCEPTED
    assert MilestoneTick.objects.count() == 1


def test_simultaneous_step_submits_save_one_answer_each(alice_client, alice, content):
    assessment = start_assessment(user=alice)
    background = {
        "background": "developer",
        "weekly_study_hours": "10",
        "interested_roles": [Role.objects.first().pk],
    }
    step_one = reverse("assessments:step", args=[assessment.pk, 1])
    assert set(send_together(alice_client, step_one, background)) <= ACCEPTED
    assert assessment.interested_roles.count() == 1

    step = load_questionnaire().step(2)
    attach_options(step.questions)
    data = {f"question_{q.pk}": q.answer_options[0].pk for q in step.questions}
    url = reverse("assessments:step", args=[assessment.pk, 2])
    assert set(send_together(alice_client, url, data)) <= ACCEPTED
    assert Answer.objects.filter(assessment=assessment).count() == len(step.questions)


def test_simultaneous_review_submits_complete_once(alice_client, alice, take_assessment):
    assessment = take_assessment(alice, complete=False)
    review = load_questionnaire().review_number
    url = reverse("assessments:step", args=[assessment.pk, review])
    statuses = send_together(alice_client, url, {})
    assert set(statuses) <= ACCEPTED
    assert Assessment.objects.for_user(alice).completed().count() == 1
    assert not Assessment.objects.for_user(alice).unfinished().exists()
