"""Interview rounds on real dates: what practice brings forward and what the home page says."""

from __future__ import annotations

import datetime

from django.utils import timezone

from careers.applications import CLOSED

from .models import Category, InterviewRound

Kind = InterviewRound.Kind

# The bank's categories each kind of round asks about, most telling first.
KIND_CATEGORIES: dict[str, tuple[str, ...]] = {
    Kind.SCREEN: (Category.BEHAVIOURAL,),
    Kind.TECHNICAL: (
        Category.ALGORITHMS,
        Category.DATA_PREPROCESSING,
        Category.DEBUGGING,
        Category.MODEL_EVALUATION,
    ),
    Kind.SYSTEM_DESIGN: (Category.SYSTEM_DESIGN,),
    Kind.BEHAVIOURAL: (Category.BEHAVIOURAL,),
    Kind.ETHICS: (Category.ETHICS, Category.BEHAVIOURAL),
    Kind.ONSITE: tuple(Category.values),
}
# Rounds this close change what practice serves and what the home page and digest say.
SOON = datetime.timedelta(days=14)
# From this many days out, a full mock is worth the time today.
MOCK_DAYS = 3


def upcoming_rounds(*, user, now: datetime.datetime, within=SOON) -> list[InterviewRound]:
    """The member's rounds from now until ``within`` ahead, of applications still open."""
    return list(
        InterviewRound.objects.for_user(user)
        .filter(starts_at__gte=now, starts_at__lt=now + within)
        .exclude(application__stage__in=CLOSED)
        .select_related("application__role")[:10]
    )


def categories_first(*, user, now: datetime.datetime) -> list[str]:
    """The categories of the rounds coming up, the nearest round's first."""
    categories: list[str] = []
    for interview_round in upcoming_rounds(user=user, now=now):
        for category in KIND_CATEGORIES[interview_round.kind]:
            if category not in categories:
                categories.append(category)
    return categories


def days_until(interview_round: InterviewRound, now: datetime.datetime) -> int:
    day = timezone.localtime(interview_round.starts_at).date()
    return (day - timezone.localtime(now).date()).days


def countdown(interview_round: InterviewRound, now: datetime.datetime) -> str:
    """e.g. "Technical interview with Acme AI on Tuesday — 3 days: run a mock today"."""
    days = days_until(interview_round, now)
    day = timezone.localtime(interview_round.starts_at)
    what = f"{interview_round.get_kind_display()} with {interview_round.application.company}"
    if days <= 0:
        return f"{what} today at {day:%H:%M}: a short warm-up review, then go well"
    if days == 1:
        when, left = "tomorrow", "1 day"
    else:
        when = f"on {day:%A}" if days < 7 else f"on {day:%A} {day.day} {day:%B}"
        left = f"{days} days"
    advice = "run a mock today" if days <= MOCK_DAYS else "practise its questions this week"
    return f"{what} {when} — {left}: {advice}"
