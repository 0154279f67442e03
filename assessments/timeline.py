"""The one timeline rule: study hours from the gaps, months from the weekly hours.

A path's study is its core work (the target role's own skills, which no dimension
score measures: machine learning for a developer, AI product practice for a
business person) plus the hours to close each dimension gap. Both figures are
ours, not the guide's, and staff edit them in the admin:
``TransitionPath.core_study_hours`` and ``Dimension.study_hours_per_point``.

The guide's range for the path is shown beside the result, never used to clamp it.

Functions (all keyword-only, plain data in and out, no database):

``study_hours(*, core_hours: int, gaps: Sequence[Gap], hours_per_point: Mapping[str, int])
-> StudyHours``
    The hours of study for one path: ``core_hours`` plus, for each ``Gap`` (a
    dimension slug, its name, the score and the level required), the points short
    times that dimension's hours per point. ``StudyHours.gaps`` keeps the order of
    ``gaps``; dimensions that cost no hours (a planning constraint, or nothing short)
    are left out. ``StudyHours.total`` is ``core_hours`` plus every gap's hours: a
    plan whose milestones split ``core_hours`` and each ``GapHours.hours`` adds up
    to it exactly.

``make_timeline(*, total_hours: int, weekly_hours: int, guide_min_months: int,
guide_max_months: int, runway_months: int | None = None) -> Timeline``
    Months at ``weekly_hours`` (rounded up, at least one), with the guide's range and
    the runway beside it. Raises ``ValueError`` below ``MIN_WEEKLY_HOURS``; forms
    refuse such input with a message before it gets here.

``months_for(*, total_hours: int, weekly_hours: int) -> int``
    The same months without a guide range (the foundations plan has none).

``pacing_advice(*, timeline: Timeline, keeps_income: bool, safer_route: str = "",
entry_pay: str = "") -> list[str]``
    Risk tolerance and runway as planning constraints: how to pace the move, never a
    milestone; with "no income drop", what is known of the role's entry pay.

``month_of_hour(*, hour: float, weekly_hours: int) -> int``
    The plan month (1-based) in which the given cumulative hour of study falls, so
    milestones laid out over ``StudyHours.total`` end in ``Timeline.months``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

MIN_WEEKLY_HOURS = 1
# Our estimate, not the guide's: the months of job search after the study months. The guide
# gives none; it is shown beside every timeline, labelled as ours.
JOB_SEARCH_MONTHS = (3, 6)
# Exact, so 65 weeks is 15 months and not 15.000000001 rounded up to 16.
WEEKS_PER_MONTH = Fraction(52, 12)


@dataclass(frozen=True)
class Gap:
    dimension: str
    name: str
    score: int
    required: int

    @property
    def points(self) -> int:
        return max(0, self.required - self.score)


@dataclass(frozen=True)
class GapHours:
    dimension: str
    name: str
    score: int
    required: int
    hours: int


@dataclass(frozen=True)
class StudyHours:
    core_hours: int
    gaps: tuple[GapHours, ...]

    @property
    def total(self) -> int:
        return self.core_hours + sum(gap.hours for gap in self.gaps)

    def as_dict(self) -> dict:
        return {
            "core": self.core_hours,
            "total": self.total,
            "gaps": [
                {
                    "dimension": g.dimension,
                    "name": g.name,
                    "score": g.score,
                    "required": g.required,
                    "hours": g.hours,
                }
                for g in self.gaps
            ],
        }


@dataclass(frozen=True)
class Timeline:
    months: int
    total_hours: int
    weekly_hours: int
    guide_min_months: int
    guide_max_months: int
    runway_months: int | None = None

    @property
    def against_guide(self) -> str:
        """ "shorter", "within" or "longer" than the guide's range for the path."""
        if self.months < self.guide_min_months:
            return "shorter"
        if self.months > self.guide_max_months:
            return "longer"
        return "within"

    @property
    def exceeds_runway(self) -> bool:
        return self.runway_months is not None and self.months > self.runway_months

    @property
    def summary(self) -> str:
        """The sentence the result shows, e.g. "The guide says 3–6 months; at 5 hours a
        week, yours is about 14."""
        unit = "month" if self.months == 1 else "months"
        hour_unit = "hour" if self.weekly_hours == 1 else "hours"
        return (
            f"The guide says {self.guide_min_months}–{self.guide_max_months} months; "
            f"at {self.weekly_hours} {hour_unit} a week, yours is about {self.months} {unit} "
            f"({self.total_hours} hours of study)."
        )

    def as_dict(self) -> dict:
        return {
            "months": self.months,
            "total_hours": self.total_hours,
            "weekly_hours": self.weekly_hours,
            "min": self.guide_min_months,
            "max": self.guide_max_months,
            "runway_months": self.runway_months,
            "against_guide": self.against_guide,
            "exceeds_runway": self.exceeds_runway,
            "summary": self.summary,
            "job_search_months": list(JOB_SEARCH_MONTHS),
        }


def study_hours(
    *, core_hours: int, gaps: Sequence[Gap], hours_per_point: Mapping[str, int]
) -> StudyHours:
    """The path's core hours plus each gap's points times its dimension's hours per point."""
    costed = []
    for gap in gaps:
        hours = gap.points * hours_per_point.get(gap.dimension, 0)
        if hours > 0:
            costed.append(
                GapHours(
                    dimension=gap.dimension,
                    name=gap.name,
                    score=gap.score,
                    required=gap.required,
                    hours=hours,
                )
            )
    return StudyHours(core_hours=core_hours, gaps=tuple(costed))


def make_timeline(
    *,
    total_hours: int,
    weekly_hours: int,
    guide_min_months: int,
    guide_max_months: int,
    runway_months: int | None = None,
) -> Timeline:
    """Months of study at the stated pace; the guide's range travels beside it, unclamped."""
    return Timeline(
        months=months_for(total_hours=total_hours, weekly_hours=weekly_hours),
        total_hours=total_hours,
        weekly_hours=weekly_hours,
        guide_min_months=guide_min_months,
        guide_max_months=guide_max_months,
        runway_months=runway_months,
    )


def months_for(*, total_hours: int, weekly_hours: int) -> int:
    """Whole months (at least one) to study ``total_hours`` at ``weekly_hours``."""
    return month_of_hour(hour=total_hours, weekly_hours=weekly_hours)


def pacing_advice(
    *, timeline: Timeline, keeps_income: bool, safer_route: str = "", entry_pay: str = ""
) -> list[str]:
    """How runway and income shape the move; empty when neither constrains it.

    ``entry_pay`` is the role's entry pay as the page states it (with its source), or "" when
    nothing is known: then "no income drop" cannot be promised, and the advice says so.
    """
    advice = []
    if timeline.exceeds_runway:
        advice.append(
            f"At about {timeline.months} months this plan is longer than the "
            f"{timeline.runway_months} months you said you could keep preparing. Keep your "
            "current job and study part-time, or look for an AI-related move inside your "
            "organisation first."
        )
        if safer_route:
            advice.append(f"A safer route for your runway: {safer_route}.")
    if keeps_income:
        advice.append(
            "You said you cannot take a drop in income: keep your job while you study, and "
            "apply for roles at your current level of pay, or move internally first, rather "
            "than resigning to study."
        )
        if entry_pay:
            advice.append(
                f"Entry pay for this role is {entry_pay}. If that is below what you earn now, "
                "starting at entry level means the drop you said you cannot take: aim at roles "
                "at your level, or an internal move."
            )
        else:
            advice.append(
                "We have no pay figure for this role, so nothing here shows it keeps your "
                "income: this recommendation may conflict with that. Find the pay of the roles "
                "you would apply to before you commit."
            )
    return advice


def month_of_hour(*, hour: float, weekly_hours: int) -> int:
    """The 1-based month in which cumulative study hour ``hour`` is reached."""
    if weekly_hours < MIN_WEEKLY_HOURS:
        raise ValueError(f"A timeline needs at least {MIN_WEEKLY_HOURS} hour of study a week.")
    # An hour that ends a month exactly belongs to that month, not the next.
    return max(1, math.ceil(Fraction(hour) / (weekly_hours * WEEKS_PER_MONTH)))
