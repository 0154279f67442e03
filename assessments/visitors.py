"""Assessments taken without an account: kept in the session, claimed at sign-up or login.

A visitor's assessment is an ordinary Assessment with no user; the session holds its id,
so only that browser can reach it. When the visitor signs up or logs in, Django's
``user_logged_in`` signal (sent by both) moves the session's assessments into the account.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Q

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
        moved = Assessment.objects.filter(visiting).update(user=user)
    session.pop(SESSION_KEY, None)
    return moved


def on_login(sender, request, user, **kwargs) -> None:
    """Receiver for ``user_logged_in``: sign-up and login both keep what the visitor did."""
    if request is not None and hasattr(request, "session"):
        claim_visitor_assessments(user=user, session=request.session)
