"""Assessments taken without an account: kept in the session, claimed at sign-up or login.

A visitor's assessment is an ordinary Assessment with no user; the session holds its id,
so only that browser can reach it. When the visitor signs up or logs in, Django's
``user_logged_in`` signal (sent by both) moves the session's assessments into the account.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction

from careers.models import Profile
from config.sitewide.throttling import allow

from .models import Assessment

SESSION_KEY = "assessments:visitor"
HOUR = 60 * 60


class TooManyVisitorAssessments(Exception):
    """This address started as many assessments without an account as an hour allows."""


def visitor_ids(session) -> list[int]:
    return list(session.get(SESSION_KEY, []))


def remember(session, assessment: Assessment) -> None:
    ids = visitor_ids(session)
    if assessment.pk not in ids:
        session[SESSION_KEY] = [*ids, assessment.pk]


def start_visitor_assessment(*, session, client: str) -> Assessment:
    """The visitor's unfinished assessment, or a new one remembered in the session.

    New ones are counted per client address (TooManyVisitorAssessments past the hour's
    limit). A session holding nothing but the new one expires as soon as the unfinished
    assessment would be pruned; completing it gives the session its full life again.
    """
    ids = visitor_ids(session)
    existing = Assessment.objects.filter(user__isnull=True, pk__in=ids).unfinished().first()
    if existing is not None:
        return existing
    limit = settings.VISITOR_ASSESSMENTS_PER_ADDRESS_PER_HOUR
    if not allow("visitor-assessment", client, limit=limit, seconds=HOUR):
        raise TooManyVisitorAssessments
    assessment = Assessment.objects.create(user=None)
    if not ids:
        session.set_expiry(settings.VISITOR_UNFINISHED_DAYS * 24 * HOUR)
    remember(session, assessment)
    return assessment


def keep_visitor_result(session) -> None:
    """A visitor completed an assessment: the session lives as long as any, to keep it."""
    session.set_expiry(None)


def claim_visitor_assessments(*, user, session) -> tuple[int, bool]:
    """Move the session's assessments into ``user``'s account: how many moved, and whether
    an unfinished one was left out.

    The member's own assessments are never touched. A member has at most one unfinished
    assessment: when they have one already, the session's unfinished one stays a visitor's
    (pruned within days), so a session planted in their browser cannot replace their work.
    """
    ids = visitor_ids(session)
    if not ids:
        return 0, False
    with transaction.atomic():
        visiting = Assessment.objects.filter(user__isnull=True, pk__in=ids)
        left_out = False
        if Assessment.objects.for_user(user).unfinished().exists():
            left_out = visiting.unfinished().exists()
            visiting = visiting.completed()
        latest = (
            visiting.exclude(background="")
            .order_by("-updated_at", "-pk")
            .values("background", "weekly_study_hours")
            .first()
        )
        moved = visiting.update(user=user)
        if latest is not None:
            fill_blank_profile(user=user, **latest)
    session.pop(SESSION_KEY, None)
    return moved, left_out


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
        _, left_out = claim_visitor_assessments(user=user, session=request.session)
        if left_out:
            messages.info(
                request,
                "You already had an assessment in progress in your account, so the one "
                "started before you logged in was not added: carry on with yours.",
                fail_silently=True,
            )
