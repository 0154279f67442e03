"""Assessments taken without an account: kept in the session, claimed at sign-up or login.

A visitor's assessment is an ordinary Assessment with no user; the session holds its id,
so only that browser can reach it. When the visitor signs up or logs in, Django's
``user_logged_in`` signal (sent by both) moves the session's assessments into the account.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from careers.models import Profile

from .models import Assessment

SESSION_KEY = "assessments:visitor"


def visitor_ids(session) -> list[int]:
    return list(session.get(SESSION_KEY, []))


def remember(session, assessment: Assessment) -> None:
    ids = visitor_ids(session)
    if assessment.pk not in ids:
        session[SESSION_KEY] = [*ids, assessment.pk]


def start_visitor_assessment(*, session) -> Assessment:
    """The visitor's unfinished assessment, or a new one remembered in the session."""
    existing = (
        Assessment.objects.filter(user__isnull=True, pk__in=visitor_ids(session))
        .unfinished()
        .first()
    )
    if existing is not None:
        return existing
    assessment = Assessment.objects.create(user=None)
    remember(session, assessment)
    return assessment


def claim_visitor_assessments(*, user, session) -> int:
    """Move the session's assessments into ``user``'s account. Returns how many moved.

    A user has at most one unfinished assessment: when both the account and the session
    hold one, the one worked on last is kept and the other, never completed, is dropped.
    """
    ids = visitor_ids(session)
    if not ids:
        return 0
    with transaction.atomic():
        visiting = Q(user__isnull=True, pk__in=ids)
        unfinished = Assessment.objects.filter(visiting | Q(user=user)).unfinished()
        for stale in unfinished.order_by("-updated_at", "-pk")[1:]:
            stale.delete()
        latest = (
            Assessment.objects.filter(visiting)
            .exclude(background="")
            .order_by("-updated_at", "-pk")
            .values("background", "weekly_study_hours")
            .first()
        )
        moved = Assessment.objects.filter(visiting).update(user=user)
        if latest is not None:
            fill_blank_profile(user=user, **latest)
    session.pop(SESSION_KEY, None)
    return moved


def fill_blank_profile(*, user, background: str, weekly_study_hours: int | None) -> None:
    """A new account starts with what the visitor told the assessment; nothing the member set
    themselves is overwritten."""
    profile, _ = Profile.objects.get_or_create(user=user)
    fields = []
    if not profile.background and background:
        profile.background = background
        fields.append("background")
    if profile.weekly_study_hours is None and weekly_study_hours is not None:
        profile.weekly_study_hours = weekly_study_hours
        fields.append("weekly_study_hours")
    if fields:
        profile.save(update_fields=[*fields, "updated_at"])


def on_login(sender, request, user, **kwargs) -> None:
    """Receiver for ``user_logged_in``: sign-up and login both keep what the visitor did."""
    if request is not None and hasattr(request, "session"):
        claim_visitor_assessments(user=user, session=request.session)
