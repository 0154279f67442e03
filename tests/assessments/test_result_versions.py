"""A stored result is read in one place (Assessment.snapshot), which upgrades an old version
to today's shape; the stored value itself is never rewritten."""

import copy

import pytest
from django.urls import reverse

from assessments.result_versions import (
    ASSUMED_WEEKLY_HOURS,
    GOAL_REASON,
    NO_FIT_WORDS,
    SNAPSHOT_VERSION,
    upgrade,
)

from .test_result import DEVELOPER

pytestmark = pytest.mark.usefixtures("guide_for_module")


def as_version_2(result):
    """A result as version 2 stored it: no fit words, market, goal flags or goal roles, no
    weekly hours, milestones with one month and no hours, credentials without "met", and none
    of version 6's keys (a move inside, where the route starts)."""
    old = copy.deepcopy(result)
    old["version"] = 2
    for key in ("goal_roles", "weekly_study_hours"):
        old.pop(key)
    for path in old["paths"]:
        for key in ("fit_words", "market", "interested", "internal_transfer"):
            path.pop(key)
        for key in ("starts_from_yours", "backgrounds"):
            path.pop(key)
        for milestone in path["plan"]:
            for key in ("start_month", "end_month", "hours", "resources", "deliverable"):
                milestone.pop(key)
        for row in path["certifications"]:
            row.pop("met")
    return old


def test_a_current_result_is_read_as_it_is(alice, take_assessment):
    assessment = take_assessment(alice, background="developer", answers=DEVELOPER)
    assert assessment.snapshot["version"] == SNAPSHOT_VERSION
    assert assessment.snapshot is assessment.result


def test_an_old_result_is_upgraded_once_in_one_place(alice, take_assessment):
    assessment = take_assessment(
        alice, background="developer", answers=DEVELOPER, interested=["machine-learning-engineer"]
    )
    stored = as_version_2(assessment.result)
    goal = next(path for path in stored["paths"] if GOAL_REASON in path["reasons"])
    before = copy.deepcopy(stored)

    upgraded = upgrade(stored)

    assert stored == before  # the stored value is left as it was
    assert upgraded["version"] == SNAPSHOT_VERSION
    assert upgraded["weekly_study_hours"] == ASSUMED_WEEKLY_HOURS
    assert upgraded["goal_roles"] == [goal["role"]["slug"]]
    for path in upgraded["paths"]:
        assert path["fit_words"] == NO_FIT_WORDS
        assert path["market"] == {"postings": None, "pay": []}
        assert path["interested"] == (path["role"]["slug"] == "machine-learning-engineer")
        assert path["internal_transfer"] is None
        assert path["starts_from_yours"] is None  # not known: the route keeps its saved name
        assert path["backgrounds"] == [path["background_label"]]
        for milestone in path["plan"]:
            assert milestone["start_month"] == milestone["end_month"] == milestone["month"]
            assert (milestone["hours"], milestone["resources"], milestone["deliverable"]) == (
                0,
                [],
                "",
            )
        assert all(row["met"] is False for row in path["certifications"])


def test_a_version_2_result_opens_with_its_goal_plan_and_calendar(
    alice_client, alice, take_assessment
):
    assessment = take_assessment(
        alice, background="developer", answers=DEVELOPER, interested=["machine-learning-engineer"]
    )
    old = as_version_2(assessment.result)
    type(assessment).objects.filter(pk=assessment.pk).update(result=old)
    goal = next(path for path in old["paths"] if GOAL_REASON in path["reasons"])

    for name in ("result", "plan_print", "plan_calendar"):
        response = alice_client.get(reverse(f"assessments:{name}", args=[assessment.pk]))
        assert response.status_code == 200, name
    content = alice_client.get(reverse("assessments:result", args=[assessment.pk]))
    assert f"Your goal: {goal['name']}" in content.content.decode()
    assert f"at {ASSUMED_WEEKLY_HOURS} hours a week" in content.content.decode()
