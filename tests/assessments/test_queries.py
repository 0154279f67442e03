"""Query budgets: each step, the result and the path pages stay within a fixed number of
queries however much content and history there is."""

import pytest
from django.urls import reverse

from assessments.models import (
    Dimension,
    PathCertification,
    Question,
    RequirementLevel,
    TransitionPath,
)
from tests import factories

pytestmark = pytest.mark.usefixtures("guide_for_module")

BUDGET = 12


@pytest.fixture
def enlarged(content, alice, bob, take_assessment):
    """Many more roles, certifications, paths, questions and past assessments."""
    roles = factories.RoleFactory.create_batch(30)
    certifications = factories.CertificationFactory.create_batch(30)
    dimensions = list(Dimension.objects.all())
    for dimension in dimensions:
        factories.AssessmentQuestionFactory.create_batch(3, dimension=dimension)
    for role in roles[:20]:
        path = factories.TransitionPathFactory(target_role=role)
        factories.SalaryBandFactory(role=role)
        RequirementLevel.objects.bulk_create(
            RequirementLevel(path=path, dimension=d, level=60) for d in dimensions
        )
        PathCertification.objects.bulk_create(
            PathCertification(path=path, certification=c) for c in certifications[:5]
        )
        factories.PrerequisiteFactory.create_batch(
            3, path=path, question=Question.objects.first(), minimum_score=50
        )
    for _ in range(2):
        take_assessment(alice, background="developer")
        take_assessment(bob, background="sales")
    latest = take_assessment(alice, background="developer", complete=False, stop_after=5)
    latest.interested_roles.set(roles[:10])
    latest.held_certifications.set(certifications[:10])
    return latest


def step_url(assessment, number):
    return reverse("assessments:step", args=[assessment.pk, number])


def test_it_renders_each_open_step_within_budget(
    alice_client, enlarged, django_assert_max_num_queries
):
    for number in range(1, 7):  # the background, the five answered steps, the next one
        for headers in ({}, {"HX-Request": "true"}):
            with django_assert_max_num_queries(BUDGET):
                response = alice_client.get(step_url(enlarged, number), headers=headers)
            assert response.status_code == 200, (number, headers)


def test_it_saves_a_step_within_budget(
    alice_client, enlarged, step_post_data, django_assert_max_num_queries
):
    data = step_post_data(6)
    with django_assert_max_num_queries(BUDGET):
        response = alice_client.post(step_url(enlarged, 6), data)
    assert response.status_code == 302


def test_it_saves_step_one_within_budget(alice_client, enlarged, django_assert_max_num_queries):
    data = {"background": "developer", "weekly_study_hours": "8"}
    data["interested_roles"] = list(enlarged.interested_roles.values_list("pk", flat=True))[:5]
    with django_assert_max_num_queries(BUDGET):
        response = alice_client.post(step_url(enlarged, 1), data)
    assert response.status_code == 302


def test_it_renders_the_review_and_completes_within_budget(
    alice_client, enlarged, step_post_data, django_assert_max_num_queries
):
    for number in range(6, 9):
        alice_client.post(step_url(enlarged, number), step_post_data(number))
    with django_assert_max_num_queries(BUDGET):
        assert alice_client.get(step_url(enlarged, 9)).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        assert alice_client.post(step_url(enlarged, 9)).status_code == 302
    enlarged.refresh_from_db()
    assert len(enlarged.result["paths"]) == TransitionPath.objects.count() == 21 + 20


@pytest.mark.template_context
def test_it_renders_the_result_within_budget(
    alice_client, alice, enlarged, django_assert_max_num_queries
):
    completed = alice.assessments.completed().first()
    path = completed.result["paths"][0]["slug"]
    for milestone in completed.result["paths"][0]["plan"][:3]:
        alice_client.post(
            reverse("assessments:tick", args=[completed.pk]),
            {"path": path, "milestone": milestone["key"], "done": "1", "evidence": "A note"},
        )
    with django_assert_max_num_queries(BUDGET):
        response = alice_client.get(reverse("assessments:result", args=[completed.pk]))
    assert response.context["page"].progress.done == 3
    with django_assert_max_num_queries(BUDGET):
        alice_client.post(
            reverse("assessments:tick", args=[completed.pk]),
            {
                "path": path,
                "milestone": "portfolio",
                "done": "1",
                "evidence": "https://example.com/project",
            },
            headers={"HX-Request": "true"},
        )


def test_it_renders_the_landing_and_profile_within_budget(
    alice_client, enlarged, django_assert_max_num_queries
):
    with django_assert_max_num_queries(BUDGET):
        assert alice_client.get(reverse("assessments:landing")).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        assert alice_client.get(reverse("accounts:profile")).status_code == 200


def test_it_renders_the_path_pages_within_budget(client, enlarged, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGET):
        assert client.get(reverse("paths:list")).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("paths:detail", args=["developer-to-ml-engineer"]))
    assert response.status_code == 200
