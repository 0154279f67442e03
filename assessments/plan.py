"""The milestone plan built from a path's skills, and the finish date re-estimated from progress.

Plain functions over plain data. The hours come from the timeline: the path's core hours
(the target role's own skills) and the hours of each gap dimension. Core hours are split
over the role's core skills; each gap's hours over the role's skills that build that
dimension. So the plan's hours add up to the timeline's.
"""

from __future__ import annotations

import calendar
import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .timeline import month_of_hour

# Shares of the plan's hours set aside for the steps that pull the skills together. They come
# out of every gap's hours alike, so the plan still adds up to the timeline.
CAPSTONE_SHARE = 0.12
EXAM_SHARE = 0.08
INTERVIEW_SHARE = 0.06
# Below this a milestone is too thin to be worth its own step; its hours go to the others.
MIN_MILESTONE_HOURS = 6
# Plans smaller than this are only skill milestones: a capstone would crowd them out.
MIN_HOURS_FOR_EXTRAS = 40

# The pace re-estimate needs this much evidence before it moves the finish date.
MIN_PACE_DAYS = 14
MIN_PACE_MILESTONES = 2
# The rule above in the plan pages' words, from its own numbers.
PACE_RULE = {"days": MIN_PACE_DAYS, "milestones": MIN_PACE_MILESTONES}

LEVELS = {1: "A foundation", 2: "An intermediate", 3: "An advanced"}


@dataclass(frozen=True)
class ResourceLink:
    title: str
    provider: str
    url: str
    hours: int
    is_free: bool
    format: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "provider": self.provider,
            "url": self.url,
            "hours": self.hours,
            "is_free": self.is_free,
            "format": self.format,
        }


@dataclass(frozen=True)
class SkillToLearn:
    """A core skill of the target role, in the role's teaching order."""

    slug: str
    name: str
    level: int
    dimensions: tuple[str, ...]
    deliverable: str
    typical_hours: int
    resources: tuple[ResourceLink, ...]
    prerequisites: tuple[str, ...] = ()
    # One of the role's own skills, paid for by the path's core hours.
    core: bool = False
    # Its resources guide the portfolio project that pulls the plan together.
    capstone: bool = False
    # (question slug, minimum score) pairs: an answer this high shows it is already done.
    shown_by: tuple[tuple[str, int], ...] = ()

    def already_done(self, answer_scores: Mapping[str, int]) -> bool:
        return any(
            answer_scores.get(question, -1) >= minimum for question, minimum in self.shown_by
        )


@dataclass(frozen=True)
class ExamToSit:
    """A proctored exam the plan schedules after the skills it tests."""

    slug: str
    name: str
    provider: str
    url: str
    tests: tuple[str, ...]
    exam_code: str = ""
    cost_usd: int | None = None
    instead_of: str = ""


@dataclass(frozen=True)
class Milestone:
    key: str
    kind: str  # "skill", "exam", "portfolio" or "interviews"
    title: str
    skill: str
    detail: str
    hours: int
    deliverable: str
    resources: tuple[ResourceLink, ...]
    start_month: int = 1
    end_month: int = 1
    dimensions: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "title": self.title,
            "skill": self.skill,
            "detail": self.detail,
            "hours": self.hours,
            "deliverable": self.deliverable,
            "resources": [resource.as_dict() for resource in self.resources],
            "start_month": self.start_month,
            "end_month": self.end_month,
            # The month it starts in, for grouping by month on the page.
            "month": self.start_month,
            "dimensions": list(self.dimensions),
        }


CORE = "core"


def build_plan(
    *,
    core_hours: int,
    gap_hours: Mapping[str, int],
    skills: Sequence[SkillToLearn],
    weekly_hours: int,
    exam: ExamToSit | None,
    capstone: str,
    interview_practice: ResourceLink,
    role_name: str,
) -> list[Milestone]:
    """Milestones whose hours add up to ``core_hours + sum(gap_hours.values())``.

    Core hours go to the role's core skills; each gap dimension's hours to the role's skills
    that build it, foundations first: a small gap gets one skill, a large one all of them.
    Skills come in prerequisite order, an exam right after the last skill it tests, then a
    capstone project and interview practice.
    """
    budgets = {CORE: core_hours, **gap_hours}
    total = sum(budgets.values())
    if total <= 0 or not skills:
        return []
    extras = _extra_shares(total, exam is not None)
    skill_budget = total - sum(extras.values())
    skill_hours = _split_over_skills(budgets, skills, skill_budget)
    chosen = [skill for skill in _in_prerequisite_order(skills) if skill.slug in skill_hours]
    milestones = [
        Milestone(
            key=f"skill-{skill.slug}",
            kind="skill",
            title=skill.name,
            skill=skill.name,
            detail=f"{LEVELS.get(skill.level, 'A')} step for this role.",
            hours=skill_hours[skill.slug],
            deliverable=skill.deliverable,
            resources=skill.resources,
            dimensions=tuple(d for d in skill.dimensions if d in gap_hours),
        )
        for skill in chosen
    ]
    if "exam" in extras and exam is not None:
        tested = [i for i, m in enumerate(milestones) if m.key.removeprefix("skill-") in exam.tests]
        position = tested[-1] + 1 if tested else len(milestones)
        milestones.insert(position, _exam_milestone(exam, extras["exam"]))
    if "portfolio" in extras:
        guide = next((s for s in skills if s.capstone), None) or max(skills, key=_depth)
        milestones.append(
            Milestone(
                key="portfolio",
                kind="portfolio",
                title="Build a portfolio project",
                skill="All of the above, together",
                detail="One project that uses the skills of this plan end to end.",
                hours=extras["portfolio"],
                deliverable=capstone,
                resources=guide.resources,
            )
        )
    if "interviews" in extras:
        milestones.append(
            Milestone(
                key="interviews",
                kind="interviews",
                title=f"Practise interviews for {role_name}",
                skill="Interviewing",
                detail="Answer the role's questions aloud, then check them against the key points.",
                hours=extras["interviews"],
                deliverable=(
                    f"Pass 20 {role_name} questions from the bank in practice, each rated "
                    "Good or Easy."
                ),
                resources=(interview_practice,),
            )
        )
    return schedule(milestones, weekly_hours=weekly_hours)


def _depth(skill: SkillToLearn) -> tuple[int, int]:
    return (skill.level, skill.typical_hours)


def _extra_shares(total: int, has_exam: bool) -> dict[str, int]:
    if total < MIN_HOURS_FOR_EXTRAS:
        return {}
    shares = {"portfolio": CAPSTONE_SHARE, "interviews": INTERVIEW_SHARE}
    if has_exam:
        shares["exam"] = EXAM_SHARE
    return {key: max(MIN_MILESTONE_HOURS, round(total * share)) for key, share in shares.items()}


def _split_over_skills(
    budgets: Mapping[str, int], skills: Sequence[SkillToLearn], budget: int
) -> dict[str, int]:
    """Each budget's share of ``budget`` over the skills it pays for, in whole hours."""
    total = sum(budgets.values())
    shares: dict[str, float] = {}
    orphaned = 0.0
    for dimension, hours in budgets.items():
        if hours <= 0:
            continue
        dimension_budget = budget * hours / total
        candidates = sorted(
            (s for s in skills if (s.core if dimension == CORE else dimension in s.dimensions)),
            key=lambda s: (s.level, skills.index(s)),
        )
        picked = _fitting_prefix(candidates, dimension_budget)
        if not picked:
            # Nothing in this role builds the dimension: its hours strengthen the other skills.
            orphaned += dimension_budget
            continue
        weight = sum(s.typical_hours for s in picked)
        for skill in picked:
            shares[skill.slug] = (
                shares.get(skill.slug, 0) + dimension_budget * skill.typical_hours / weight
            )
    if not shares:
        return {}
    if orphaned:
        spread = sum(shares.values())
        shares = {slug: hours + orphaned * hours / spread for slug, hours in shares.items()}
    return _whole_hours(shares, budget)


def _fitting_prefix(candidates: list[SkillToLearn], budget: float) -> list[SkillToLearn]:
    """The longest run of candidates, foundations first, that each get a worthwhile share."""
    for length in range(len(candidates), 0, -1):
        picked = candidates[:length]
        weight = sum(s.typical_hours for s in picked)
        if all(budget * s.typical_hours / weight >= MIN_MILESTONE_HOURS for s in picked):
            return picked
    return candidates[:1]


def _whole_hours(shares: Mapping[str, float], total: int) -> dict[str, int]:
    """Round to whole hours that still add up to ``total`` (largest remainders win)."""
    floors = {slug: math.floor(hours) for slug, hours in shares.items()}
    left = total - sum(floors.values())
    by_remainder = sorted(shares, key=lambda slug: (floors[slug] - shares[slug], slug))
    for slug in by_remainder[:left]:
        floors[slug] += 1
    return {slug: hours for slug, hours in floors.items() if hours > 0}


def _in_prerequisite_order(skills: Sequence[SkillToLearn]) -> list[SkillToLearn]:
    """Skills with each after its prerequisites; otherwise foundations first, then role order."""
    by_slug = {skill.slug: skill for skill in skills}
    ordered: list[SkillToLearn] = []
    placed: set[str] = set()

    def place(skill: SkillToLearn, seen: frozenset[str]) -> None:
        if skill.slug in placed or skill.slug in seen:
            return
        for slug in skill.prerequisites:
            if slug in by_slug:
                place(by_slug[slug], seen | {skill.slug})
        placed.add(skill.slug)
        ordered.append(skill)

    for skill in sorted(skills, key=lambda s: (s.level, skills.index(s))):
        place(skill, frozenset())
    return ordered


def _exam_milestone(exam: ExamToSit, hours: int) -> Milestone:
    code = f" ({exam.exam_code})" if exam.exam_code else ""
    cost = f" The exam costs ${exam.cost_usd}." if exam.cost_usd else ""
    instead = f" It takes the place of the guide's {exam.instead_of}." if exam.instead_of else ""
    return Milestone(
        key=f"exam-{exam.slug}",
        kind="exam",
        title=f"Sit the {exam.name} exam{code}",
        skill="Exam preparation",
        detail=f"Review the exam guide against the skills above, then book it.{cost}{instead}",
        hours=hours,
        deliverable=f"A pass in the {exam.name} exam: add its verification link.",
        resources=(
            ResourceLink(
                title=f"{exam.name}: official exam page",
                provider=exam.provider,
                url=exam.url,
                hours=hours,
                is_free=False,
                format="guide",
            ),
        ),
    )


def schedule(milestones: Sequence[Milestone], *, weekly_hours: int) -> list[Milestone]:
    """Give each milestone the months it runs over, back to back, so no month is skipped."""
    scheduled, done = [], 0
    for milestone in milestones:
        # The month of its first hour of study, and of its last.
        start = month_of_hour(hour=done + 1, weekly_hours=weekly_hours)
        done += milestone.hours
        end = max(start, month_of_hour(hour=done, weekly_hours=weekly_hours))
        scheduled.append(
            Milestone(**{**milestone.__dict__, "start_month": start, "end_month": end})
        )
    return scheduled


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def estimate_finish(
    *,
    started_on: datetime.date,
    today: datetime.date,
    weekly_hours: int,
    done_hours: int,
    remaining_hours: int,
    done_count: int,
) -> datetime.date | None:
    """When the plan will be finished at the pace so far, or None while it is too early to say.

    The pace counts only after ``MIN_PACE_DAYS`` and ``MIN_PACE_MILESTONES``, so ticking
    several milestones in the first minutes moves nothing; and the estimate is never sooner
    than the remaining hours take at the stated weekly hours.
    """
    if remaining_hours <= 0:
        return today
    elapsed = (today - started_on).days
    if elapsed < MIN_PACE_DAYS or done_count < MIN_PACE_MILESTONES or done_hours <= 0:
        return None
    pace_days = remaining_hours * elapsed / done_hours
    floor_days = remaining_hours * 7 / max(1, weekly_hours)
    return max(today + datetime.timedelta(days=math.ceil(max(pace_days, floor_days))), today)
