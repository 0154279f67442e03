"""The plan's rules on plain data: hours, order, months, exams and the pace re-estimate."""

import datetime
from itertools import pairwise

import pytest

from assessments import plan, timeline

WEEKLY = 10


def resource(name="Course"):
    return plan.ResourceLink(
        title=name, provider="Provider", url=f"https://example.com/{name}", hours=5, is_free=True
    )


def skill(slug, level, dimensions, hours=20, prerequisites=(), core=False):
    return plan.SkillToLearn(
        slug=slug,
        name=slug.replace("-", " ").capitalize(),
        level=level,
        dimensions=tuple(dimensions),
        deliverable=f"Something that shows {slug}.",
        typical_hours=hours,
        resources=(resource(slug),),
        prerequisites=tuple(prerequisites),
        core=core,
    )


SKILLS = (
    skill("statistics", 1, ["math"], 35),
    skill("python-data", 1, ["programming", "analysis"], 25),
    skill("training", 2, ["math", "analysis"], 45, ["statistics", "python-data"], core=True),
    skill("deployment", 3, ["programming", "analysis"], 40, ["training"], core=True),
    skill("monitoring", 3, ["analysis"], 20, ["deployment"], core=True),
    skill("writing", 1, ["communication"], 12),
)
EXAM = plan.ExamToSit(
    slug="ml-exam",
    name="ML Exam",
    provider="Cloud",
    url="https://example.com/exam",
    tests=("training", "deployment"),
)


def build(core_hours=150, gap_hours=None, skills=SKILLS, exam=EXAM, weekly=WEEKLY):
    return plan.build_plan(
        core_hours=core_hours,
        gap_hours={"math": 60, "analysis": 30} if gap_hours is None else gap_hours,
        skills=skills,
        weekly_hours=weekly,
        exam=exam,
        capstone="Serve a model and watch it.",
        interview_practice=resource("interviews"),
        role_name="Machine Learning Engineer",
    )


def keys(milestones):
    return [m.key for m in milestones]


@pytest.mark.parametrize(
    "core_hours,gap_hours",
    [(150, {"math": 60, "analysis": 30}), (0, {"math": 7}), (33, {}), (500, {"writing": 1})],
)
def test_it_splits_exactly_the_timelines_hours(core_hours, gap_hours):
    milestones = build(core_hours=core_hours, gap_hours=gap_hours)
    assert sum(m.hours for m in milestones) == core_hours + sum(gap_hours.values())
    assert all(m.hours > 0 for m in milestones)


def test_it_gives_every_milestone_a_skill_resources_hours_and_a_deliverable():
    for milestone in build():
        assert milestone.skill and milestone.deliverable
        assert milestone.resources and all(
            r.url.startswith("https://") for r in milestone.resources
        )


def test_it_orders_skills_after_their_prerequisites_and_the_exam_after_what_it_tests():
    order = keys(build())
    assert order == [
        "skill-statistics",
        "skill-python-data",
        "skill-training",
        "skill-deployment",
        "exam-ml-exam",
        "skill-monitoring",
        "portfolio",
        "interviews",
    ]


def test_it_never_skips_a_month_and_ends_in_the_timelines_last_month():
    milestones = build(weekly=3)
    assert milestones[0].start_month == 1
    for before, after in pairwise(milestones):
        assert after.start_month in (before.end_month, before.end_month + 1)
    total = sum(m.hours for m in milestones)
    assert (
        milestones[-1].end_month
        == timeline.make_timeline(
            total_hours=total, weekly_hours=3, guide_min_months=1, guide_max_months=2
        ).months
    )


def test_a_small_gap_gets_one_foundation_and_a_large_one_every_skill_that_builds_it():
    small = build(core_hours=0, gap_hours={"analysis": 8}, exam=None)
    assert keys(small) == ["skill-python-data"]
    large = build(core_hours=0, gap_hours={"analysis": 400}, exam=None)
    assert {"skill-python-data", "skill-training", "skill-deployment", "skill-monitoring"} <= set(
        keys(large)
    )


def test_core_hours_pay_for_the_roles_own_skills_whatever_the_scores():
    milestones = build(core_hours=120, gap_hours={}, exam=None)
    assert [k for k in keys(milestones) if k.startswith("skill-")] == [
        "skill-training",
        "skill-deployment",
        "skill-monitoring",
    ]


def test_a_gap_no_skill_of_the_role_builds_strengthens_the_others():
    milestones = build(core_hours=60, gap_hours={"risk": 40}, exam=None)
    assert sum(m.hours for m in milestones) == 100
    assert not any("risk" in m.dimensions for m in milestones)


def test_it_plans_nothing_when_there_is_nothing_to_study():
    assert build(core_hours=0, gap_hours={}) == []


START = datetime.date(2026, 12, 1)


def estimate(today, done_hours, remaining_hours, done_count, weekly=WEEKLY):
    return plan.estimate_finish(
        started_on=START,
        today=today,
        weekly_hours=weekly,
        done_hours=done_hours,
        remaining_hours=remaining_hours,
        done_count=done_count,
    )


def test_fast_ticks_in_the_first_minutes_do_not_move_the_finish_date():
    # Four milestones ticked on the first day: the pace says nothing yet.
    assert estimate(START, done_hours=120, remaining_hours=80, done_count=4) is None
    # Two weeks on, but only one milestone done: still too little to go on.
    assert estimate(START + datetime.timedelta(days=14), 60, 140, 1) is None


def test_the_re_estimate_is_never_sooner_than_the_hours_left_at_the_weekly_hours():
    today = START + datetime.timedelta(days=14)
    # Ticking almost everything after two weeks claims 380 hours in 14 days; the hours left
    # (20 at 10 a week) still take two weeks.
    finish = estimate(today, done_hours=380, remaining_hours=20, done_count=9)
    assert finish == today + datetime.timedelta(days=14)


def test_a_slower_pace_than_planned_moves_the_finish_date_later():
    today = START + datetime.timedelta(days=60)
    # 40 hours in 60 days: the 160 left take 240 days at that pace, more than 112 at 10 a week.
    assert estimate(today, 40, 160, 2) == today + datetime.timedelta(days=240)


def test_the_finish_is_today_once_nothing_is_left():
    assert estimate(START, 200, 0, 5) == START
