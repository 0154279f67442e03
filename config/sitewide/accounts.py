"""What an account holds beyond its own rows: login history and sessions, exported and erased."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from config.sitewide.keyset import in_pages

from . import registry


def login_history(user) -> Iterator[dict[str, Any]]:
    """The user's sign-ins as django-axes logged them, newest first, yielded as they are read."""
    logs = AccessLog.objects.filter(username=user.get_username())
    for log in in_pages(logs, "-attempt_time", key=lambda log: (log.attempt_time, log.pk)):
        yield {
            "signed_in_at": log.attempt_time.isoformat(),
            "signed_out_at": log.logout_time.isoformat() if log.logout_time else None,
            "ip_address": log.ip_address,
            "user_agent": log.user_agent,
        }


def user_sessions(user):
    """Every unexpired session signed in as the user (found by decoding each: rare use only)."""
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).iterator()
    user_id = str(user.pk)
    return [
        session.session_key
        for session in sessions
        if str(session.get_decoded().get(SESSION_KEY)) == user_id
    ]


def erase_account(*, user) -> None:
    """Delete the user, their data, their login history and every session signed in as them,
    all or nothing."""
    username = user.get_username()
    with transaction.atomic():
        for eraser in registry.account_erasers:
            eraser(user=user)
        Session.objects.filter(session_key__in=user_sessions(user)).delete()
        for model in (AccessLog, AccessAttempt, AccessFailureLog):
            model.objects.filter(username=username).delete()
        user.delete()


def prune_login_logs(*, now: datetime.datetime) -> int:
    """Delete sign-in and failed-login logs older than LOGIN_LOG_RETENTION_DAYS; how many."""
    cutoff = now - datetime.timedelta(days=settings.LOGIN_LOG_RETENTION_DAYS)
    deleted = 0
    for model in (AccessLog, AccessFailureLog):
        count, _ = model.objects.filter(attempt_time__lt=cutoff).delete()
        deleted += count
    return deleted
