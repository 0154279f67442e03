"""What the assessments app adds to the member's reminders (config.sitewide.registry): the
next plan milestone in the digest, and the plan's milestones in the private calendar feed."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from config.sitewide.registry import CalendarEntry, DigestSection, Panel

from .panels import latest_result
from .result_page import ResultPage, next_milestone, read_result_page


def _plan(user, now: datetime.datetime) -> tuple[int, ResultPage] | None:
    latest = latest_result(user)
    if latest is None:
        return None
    page = read_result_page(assessment=latest, today=timezone.localdate(now))
    if page.recommended is None or page.progress is None:
        return None
    return latest.pk, page


def milestone_section(*, user, now: datetime.datetime) -> DigestSection | None:
    plan = _plan(user, now)
    step = next_milestone(plan[1]) if plan else None
    if plan is None or step is None:
        return None
    line = f"{step['title']} (planned to finish by {step['ends_on']:%a %d %b})"
    path = reverse("assessments:result", args=[plan[0]]) + "#plan"
    return DigestSection(15, "Your next milestone", (line,), path)


def milestone_entries(*, user, now: datetime.datetime) -> list[CalendarEntry]:
    plan = _plan(user, now)
    if plan is None:
        return []
    assessment_pk, page = plan
    path = reverse("assessments:result", args=[assessment_pk]) + "#plan"
    return [
        CalendarEntry(
            uid=f"plan-{assessment_pk}-{step['key']}",
            summary=step["title"],
            starts=step["starts_on"],
            # DTEND of an all-day event is the day after the last one.
            ends=step["ends_on"] + datetime.timedelta(days=1),
            description=step["deliverable"],
            path=path,
        )
        for step in (page.progress.steps if page.progress else [])
        if not step["done"] and not step["withdrawn"]
    ]


def gaps_panel(*, user, now: datetime.datetime, application) -> Panel | None:
    """A link to what the posting asks against what the member has, when there is a text."""
    if not application.posting_text.strip():
        return None
    return Panel(5, "assessments/_gaps_link.html", {"application": application})
