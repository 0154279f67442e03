"""What the interviews app adds to the member's job search (config.sitewide.registry): rounds
on an application's page and the home page, and due reviews and rounds in the digest and feed."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from careers.models import Application
from config.sitewide.registry import CalendarEntry, DigestSection, Panel

from . import progress
from .models import InterviewRound, Rating, ReviewLog
from .round_forms import RoundForm
from .rounds import countdown, upcoming_rounds
from .status import cards_for

HOME_ORDER = 5
APPLICATION_ORDER = 10
# A round's event in the calendar, when the member gave no end.
ROUND_LENGTH = datetime.timedelta(hours=1)


def home_panel(*, user, now: datetime.datetime) -> Panel | None:
    """The next rounds with their countdown and a mock to run, when any is near."""
    rounds = upcoming_rounds(user=user, now=now)
    if not rounds:
        return None
    lines = [(interview_round, countdown(interview_round, now)) for interview_round in rounds]
    return Panel(HOME_ORDER, "interviews/_rounds_home_panel.html", {"rounds": lines})


def application_panel(*, user, now: datetime.datetime, application: Application) -> Panel:
    rounds = list(application.interview_rounds.all())
    context = {
        "application": application,
        "rounds": [(r, countdown(r, now) if r.starts_at >= now else "") for r in rounds],
        "form": RoundForm(),
    }
    return Panel(APPLICATION_ORDER, "interviews/_rounds_panel.html", context)


def reviews_section(*, user, now: datetime.datetime) -> DigestSection | None:
    cards = cards_for(user=user)
    due = progress.due_today_ids(user=user, now=now, cards=cards) if cards else []
    if not due:
        return None
    line = f"{len(due)} interview question{'s' if len(due) != 1 else ''} due for review today"
    return DigestSection(10, "Reviews due", (line,), reverse("interviews:practice"))


def rounds_section(*, user, now: datetime.datetime) -> DigestSection | None:
    rounds = upcoming_rounds(user=user, now=now)
    if not rounds:
        return None
    lines = tuple(countdown(interview_round, now) for interview_round in rounds)
    return DigestSection(20, "Interviews coming up", lines, reverse("applications:board"))


def round_entries(*, user, now: datetime.datetime) -> list[CalendarEntry]:
    rounds = InterviewRound.objects.for_user(user).select_related("application")
    return [
        CalendarEntry(
            uid=f"interview-round-{r.pk}",
            summary=f"{r.get_kind_display()}: {r.application.company}",
            starts=r.starts_at,
            ends=r.starts_at + ROUND_LENGTH,
            description=f"With {r.with_whom}." if r.with_whom else "",
            path=r.application.get_absolute_url(),
        )
        for r in rounds.filter(starts_at__gte=now - datetime.timedelta(days=30))
    ]


def export_rounds(user) -> list[dict[str, Any]]:
    rounds = InterviewRound.objects.for_user(user).select_related("application")
    return [
        {
            "company": r.application.company,
            "kind": r.kind,
            "starts_at": r.starts_at.isoformat(),
            "with_whom": r.with_whom,
        }
        for r in rounds
    ]


def practised_categories(user) -> frozenset[str]:
    """Bank categories the member has answered well (rated Good or Easy) at least once."""
    logs = ReviewLog.objects.for_user(user).filter(rating__gte=Rating.GOOD)
    return frozenset(logs.values_list("question__category", flat=True).distinct())
