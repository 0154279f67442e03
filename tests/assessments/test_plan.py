"""The milestone plan and the finish date re-estimated from the pace so far (no database)."""

import datetime

from assessments.plan import (
    CertificationToEarn,
    GapToClose,
    add_months,
    build_plan,
    estimate_finish,
)

GAPS = [
    GapToClose("mathematical-foundations", "Mathematical foundations", 40, 65, "Study."),
    GapToClose("programming-readiness", "Programming readiness", 70, 85, "Code."),
]
CERTIFICATIONS = [CertificationToEarn("aws-ml-specialty", "AWS ML Specialty")]


def plan(months=6, gaps=GAPS, certifications=CERTIFICATIONS):
    return build_plan(
        months=months,
        gaps=gaps,
        certifications=certifications,
        portfolio_project="Serve a model.",
        role_name="Machine Learning Engineer",
    )


def test_it_plans_each_gap_each_certification_a_project_and_interview_practice_in_order():
    milestones = plan()
    assert [m.key for m in milestones] == [
        "gap-mathematical-foundations",
        "gap-programming-readiness",
        "cert-aws-ml-specialty",
        "portfolio",
        "interviews",
    ]
    assert milestones[0].title == "Close the gap in mathematical foundations"
    assert milestones[0].detail.startswith("From 40 to 65.")
    assert milestones[-1].title == "Practise interviews for Machine Learning Engineer"


def test_it_spreads_milestones_from_the_first_month_to_the_last():
    months = [m.month for m in plan(months=6)]
    assert months[0] == 1 and months[-1] == 6
    assert months == sorted(months)


def test_it_keeps_every_milestone_inside_a_short_plan():
    milestones = plan(months=1)
    assert {m.month for m in milestones} == {1}


def test_it_still_plans_a_project_and_interviews_with_no_gaps_or_certifications():
    milestones = plan(months=4, gaps=[], certifications=[])
    assert [(m.key, m.month) for m in milestones] == [("portfolio", 1), ("interviews", 4)]


def test_it_adds_calendar_months_clamping_to_the_months_end():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)


START = datetime.date(2026, 1, 1)


def test_it_keeps_the_planned_finish_until_something_is_ticked():
    finish = estimate_finish(
        started_on=START, today=datetime.date(2026, 3, 1), planned_months=6, total=10, done=0
    )
    assert finish == datetime.date(2026, 7, 1)


def test_it_moves_the_finish_date_with_the_pace():
    fast = estimate_finish(
        started_on=START, today=datetime.date(2026, 3, 2), planned_months=6, total=10, done=5
    )
    slow = estimate_finish(
        started_on=START, today=datetime.date(2026, 3, 2), planned_months=6, total=10, done=1
    )
    # 60 days for 5 milestones: 60 more for the other 5; for 1, 540 more for 9.
    assert fast == datetime.date(2026, 5, 1)
    assert slow == datetime.date(2026, 3, 2) + datetime.timedelta(days=540)


def test_it_does_not_promise_too_much_from_a_busy_first_week():
    finish = estimate_finish(
        started_on=START, today=datetime.date(2026, 1, 3), planned_months=6, total=4, done=2
    )
    assert finish == datetime.date(2026, 1, 3) + datetime.timedelta(days=30)


def test_it_finishes_today_once_everything_is_ticked():
    today = datetime.date(2026, 2, 1)
    assert (
        estimate_finish(started_on=START, today=today, planned_months=6, total=3, done=3) == today
    )
