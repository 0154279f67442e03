"""The month-by-month milestone plan for a path, and the finish date the pace so far suggests."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass

# Ticking two milestones in the first week says little about the months ahead,
# so the pace is measured over at least this many days.
MIN_PACE_DAYS = 30


@dataclass(frozen=True)
class GapToClose:
    dimension: str
    name: str
    score: int
    required: int
    advice: str


@dataclass(frozen=True)
class CertificationToEarn:
    slug: str
    name: str


@dataclass(frozen=True)
class Milestone:
    key: str
    month: int
    kind: str
    title: str
    detail: str

    def as_dict(self) -> dict[str, str | int]:
        return {
            "key": self.key,
            "month": self.month,
            "kind": self.kind,
            "title": self.title,
            "detail": self.detail,
        }


def build_plan(
    *,
    months: int,
    gaps: Sequence[GapToClose],
    certifications: Sequence[CertificationToEarn],
    portfolio_project: str,
    role_name: str,
) -> list[Milestone]:
    """Milestones spread over ``months``: close each gap, earn each certification still
    to do, build a portfolio project, then practise interviews in the last month."""
    items = [
        (
            f"gap-{gap.dimension}",
            "gap",
            f"Close the gap in {gap.name.lower()}",
            f"From {gap.score} to {gap.required}. {gap.advice}",
        )
        for gap in gaps
    ]
    items += [
        (f"cert-{cert.slug}", "certification", f"Earn: {cert.name}", "") for cert in certifications
    ]
    items.append(("portfolio", "portfolio", "Build a portfolio project", portfolio_project))
    items.append(
        (
            "interviews",
            "interviews",
            f"Practise interviews for {role_name}",
            "Work through the interview questions for the role until each feels routine.",
        )
    )
    months = max(1, months)
    last = len(items) - 1
    milestones = []
    for index, (key, kind, title, detail) in enumerate(items):
        # The first milestone falls in month 1 and the last in the final month.
        month = 1 + round(index * (months - 1) / last) if last else months
        milestones.append(Milestone(key=key, month=month, kind=kind, title=title, detail=detail))
    return milestones


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def estimate_finish(
    *,
    started_on: datetime.date,
    today: datetime.date,
    planned_months: int,
    total: int,
    done: int,
) -> datetime.date:
    """When the plan will be finished at the pace of the milestones ticked so far.

    Before anything is ticked the planned finish stands; once all are ticked it is today.
    """
    if total <= 0 or done <= 0:
        return add_months(started_on, planned_months)
    if done >= total:
        return today
    elapsed_days = max((today - started_on).days, MIN_PACE_DAYS)
    days_per_milestone = elapsed_days / done
    return today + datetime.timedelta(days=round(days_per_milestone * (total - done)))
