"""The assessments in "Download my data", and the profile's list of past assessments."""

import pytest
from django.urls import reverse

from assessments.models import Dimension

pytestmark = pytest.mark.usefixtures("guide_for_module")


@pytest.fixture
def two_assessments(alice, take_assessment):
    first = take_assessment(alice, background="developer", answers={"prog-python": 0})
    second = take_assessment(alice, background="developer", answers={"prog-python": 3})
    return first, second


def test_it_exports_answers_results_dismissals_and_ticks(
    alice_client, alice, two_assessments, download_my_data
):
    _, second = two_assessments
    path = second.result["paths"][0]["slug"]
    alice_client.post(
        reverse("assessments:tick", args=[second.pk]),
        {
            "path": path,
            "milestone": "portfolio",
            "done": "1",
            "evidence": "https://example.com/project",
        },
    )
    alice_client.post(
        reverse("assessments:dismiss", args=[second.pk]),
        {"path": second.result["paths"][1]["slug"], "reason": "pay"},
    )
    data = download_my_data(alice_client)["assessments"]
    assert [item["id"] for item in data] == [a.pk for a in two_assessments]
    exported = data[1]
    assert exported["background"] == "developer"
    assert len(exported["answers"]) == 23  # every question
    python = next(a for a in exported["answers"] if "in Python" in a["question"])
    assert python["answer"].startswith("I write Python most days")
    assert exported["result"]["paths"][0]["slug"] == path
    assert exported["plan_ticks"][0]["milestone"] == "portfolio"
    assert exported["plan_ticks"][0]["evidence"] == "https://example.com/project"
    assert exported["not_for_me"][0]["reason"] == "pay"


def test_it_exports_an_unfinished_assessment_too(
    alice_client, alice, take_assessment, download_my_data
):
    take_assessment(alice, complete=False, stop_after=3)
    data = download_my_data(alice_client)["assessments"]
    assert data[0]["completed_at"] is None
    assert len(data[0]["answers"]) == 6


def test_it_lists_past_assessments_on_the_profile_with_how_each_dimension_moved(
    alice_client, two_assessments
):
    first, second = two_assessments
    content = alice_client.get(reverse("accounts:profile")).content.decode()
    assert "Your assessments" in content
    assert reverse("assessments:result", args=[first.pk]) in content
    assert reverse("assessments:result", args=[second.pk]) in content
    before = {d["slug"]: d["score"] for d in first.scores}
    after = {d["slug"]: d["score"] for d in second.scores}
    moved = after["programming-readiness"] - before["programming-readiness"]
    assert moved > 0
    assert f'{after["programming-readiness"]} <span class="change">(up {moved})' in content
    assert "(no change)" in content


def test_it_says_when_no_assessment_is_completed_yet(alice_client, db):
    content = alice_client.get(reverse("accounts:profile")).content.decode()
    assert "You have not completed an assessment yet." in content


def test_it_shows_a_dimension_staff_later_renamed_as_it_was(alice_client, two_assessments):
    Dimension.objects.filter(slug="programming-readiness").update(name="Coding")
    content = alice_client.get(reverse("accounts:profile")).content.decode()
    assert "Programming readiness" in content
