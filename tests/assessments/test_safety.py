"""Another user's assessment is a 404 for every URL and method, and changes nothing."""

import pytest
from django.urls import reverse

from assessments.models import Answer, Assessment, MilestoneTick, PathDismissal
from careers.models import Profile

pytestmark = pytest.mark.usefixtures("guide_for_module")


@pytest.fixture
def bobs_finished(bob, take_assessment):
    return take_assessment(bob, background="developer")


@pytest.fixture
def bobs_unfinished(bob, take_assessment, bobs_finished):
    return take_assessment(bob, background="developer", complete=False, stop_after=3)


def requests_for(assessment):
    path = assessment.result["paths"][0]["slug"] if assessment.result else "x"
    step = lambda n: reverse("assessments:step", args=[assessment.pk, n])  # noqa: E731
    url = lambda name: reverse(f"assessments:{name}", args=[assessment.pk])  # noqa: E731
    return [
        ("get", url("resume"), {}),
        ("get", step(1), {}),
        ("post", step(1), {"background": "sales", "weekly_study_hours": "3"}),
        ("get", step(2), {}),
        ("post", step(2), {}),
        ("get", step(9), {}),
        ("post", step(9), {}),
        ("get", url("result"), {}),
        ("post", url("retake"), {}),
        ("post", url("make_target"), {"path": path}),
        ("post", url("dismiss"), {"path": path, "reason": "pay"}),
        ("post", url("restore"), {"path": path}),
        ("post", url("tick"), {"path": path, "milestone": "portfolio", "done": "1"}),
    ]


def test_it_answers_404_for_every_url_and_method_on_another_users_assessments(
    alice_client, alice, bob, bobs_finished, bobs_unfinished
):
    answers_before = Answer.objects.filter(assessment__user=bob).count()
    for assessment in (bobs_finished, bobs_unfinished):
        for method, url, data in requests_for(assessment):
            response = getattr(alice_client, method)(url, data)
            assert response.status_code == 404, (method, url)
            response = getattr(alice_client, method)(url, data, headers={"HX-Request": "true"})
            assert response.status_code == 404, (method, url, "htmx")
    assert Answer.objects.filter(assessment__user=bob).count() == answers_before
    assert Assessment.objects.filter(user=alice).count() == 0
    assert not PathDismissal.objects.exists()
    assert not MilestoneTick.objects.exists()
    assert Profile.objects.get(user=alice).target_role is None
    bobs_unfinished.refresh_from_db()
    assert bobs_unfinished.background == "developer"


def test_it_sends_visitors_to_log_in_for_every_url_of_a_users_assessment(client, bobs_finished):
    # A visitor may take an assessment of their own now (issue 12); any other id still
    # sends them to log in, the same whether it exists or not.
    for method, url, data in requests_for(bobs_finished):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, (method, url)
        assert response.url.startswith(reverse("login"))
    bobs_finished.refresh_from_db()
    assert bobs_finished.user.username == "bob"


def test_it_never_lists_another_users_assessments(alice_client, bobs_unfinished):
    content = alice_client.get(reverse("assessments:landing")).content.decode()
    assert f"/assessment/{bobs_unfinished.pk}/" not in content
    assert "Start the assessment" in content


def test_it_does_not_export_another_users_assessments(
    alice_client, bobs_finished, download_my_data
):
    data = download_my_data(alice_client)
    assert data["assessments"] == []
