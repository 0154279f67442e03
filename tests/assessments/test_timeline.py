"""The timeline rule: study hours from the gaps, months from the weekly hours, never clamped."""

import pytest

from assessments import timeline
from assessments.loader import read_data

HOURS_PER_POINT = {d["slug"]: d["study_hours_per_point"] for d in read_data("dimensions")}
PATHS = {p["slug"]: p for p in read_data("paths")}


def gap(dimension, score, required):
    return timeline.Gap(dimension=dimension, name=dimension.title(), score=score, required=required)


def test_it_costs_each_gap_by_its_dimensions_hours_per_point():
    hours = timeline.study_hours(
        core_hours=100,
        gaps=[gap("programming", 40, 80), gap("maths", 50, 60), gap("risk", 0, 50)],
        hours_per_point={"programming": 5, "maths": 4, "risk": 0},
    )
    assert [(g.dimension, g.hours) for g in hours.gaps] == [("programming", 200), ("maths", 40)]
    assert hours.total == 100 + 200 + 40
    assert hours.as_dict()["total"] == 340


def test_it_leaves_planning_constraints_out_of_the_study_hours():
    assert HOURS_PER_POINT["risk-tolerance"] == 0
    hours = timeline.study_hours(
        core_hours=0, gaps=[gap("risk-tolerance", 10, 70)], hours_per_point=HOURS_PER_POINT
    )
    assert hours.gaps == () and hours.total == 0


def test_it_divides_the_hours_by_the_weekly_hours():
    # 325 hours at 5 a week is 65 weeks: 15 months of 52/12 weeks, rounded up.
    estimate = timeline.make_timeline(
        total_hours=325, weekly_hours=5, guide_min_months=3, guide_max_months=6
    )
    assert estimate.months == 15
    assert estimate.summary == (
        "The guide says 3–6 months; at 5 hours a week, yours is about 15 months "
        "(325 hours of study)."
    )


def test_it_never_clamps_to_the_guides_range():
    """The bug: a nurse at 5 hours a week got the same 6 months as an experienced developer."""
    path = PATHS["non-tech-to-prompt-engineer"]
    nurse_hours = timeline.study_hours(
        core_hours=path["core_study_hours"],
        gaps=[gap("programming-readiness", 0, 25), gap("mathematical-foundations", 0, 20)],
        hours_per_point=HOURS_PER_POINT,
    )
    slow = timeline.make_timeline(
        total_hours=nurse_hours.total,
        weekly_hours=5,
        guide_min_months=path["timeline_min_months"],
        guide_max_months=path["timeline_max_months"],
    )
    fast = timeline.make_timeline(
        total_hours=path["core_study_hours"],
        weekly_hours=20,
        guide_min_months=path["timeline_min_months"],
        guide_max_months=path["timeline_max_months"],
    )
    assert slow.months > path["timeline_max_months"] and slow.against_guide == "longer"
    assert fast.months < slow.months
    assert fast.against_guide in {"shorter", "within"}


def test_it_gets_longer_as_hours_fall_and_shorter_as_they_rise():
    months = [
        timeline.make_timeline(
            total_hours=400, weekly_hours=w, guide_min_months=6, guide_max_months=12
        ).months
        for w in (40, 20, 10, 5, 2, 1)
    ]
    assert months == sorted(months) and len(set(months)) == len(months)


@pytest.mark.parametrize("weekly_hours", [0, -1])
def test_it_refuses_less_than_one_hour_a_week(weekly_hours):
    with pytest.raises(ValueError, match="at least 1 hour"):
        timeline.make_timeline(
            total_hours=100, weekly_hours=weekly_hours, guide_min_months=1, guide_max_months=2
        )


def test_it_says_when_the_plan_outlasts_the_runway():
    estimate = timeline.make_timeline(
        total_hours=400, weekly_hours=5, guide_min_months=6, guide_max_months=12, runway_months=3
    )
    assert estimate.exceeds_runway
    no_limit = timeline.make_timeline(
        total_hours=400, weekly_hours=5, guide_min_months=6, guide_max_months=12
    )
    assert not no_limit.exceeds_runway


@pytest.mark.parametrize("weekly_hours", [1, 3, 7, 10, 40])
def test_the_last_hour_of_study_falls_in_the_timelines_last_month(weekly_hours):
    for total in (1, 43, 100, 217, 1000):
        estimate = timeline.make_timeline(
            total_hours=total, weekly_hours=weekly_hours, guide_min_months=1, guide_max_months=2
        )
        assert timeline.month_of_hour(hour=total, weekly_hours=weekly_hours) == estimate.months
        assert timeline.month_of_hour(hour=0, weekly_hours=weekly_hours) == 1
