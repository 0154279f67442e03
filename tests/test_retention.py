"""Issue 24 item 5: the README's cron commands prune what nobody can use any more, and only that."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from config.sitewide.models import ThrottleCount
from config.sitewide.throttling import allow
from tests.e2e.live_site import ROOT

HOUR = 60 * 60


def cron_commands() -> list[str]:
    """The manage.py commands the README says to run daily, in its order."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("# daily, from cron", 1)[1].split(".venv/bin/gunicorn", 1)[0]
    return re.findall(r"manage\.py (\w+)", section)


def log_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302
    return client


def fail_login(username: str) -> int:
    response = Client().post(reverse("login"), {"username": username, "password": "a guess"})
    return response.status_code


def run_cron() -> str:
    out = StringIO()
    for command in cron_commands():
        call_command(command, stdout=out)
    return out.getvalue()


def test_the_readme_lists_every_prune_command():
    # Every test below runs all of them, so a command added to the README is run too.
    assert {"clearsessions", "prune_visitor_assessments", "prune_login_attempts"} <= set(
        cron_commands()
    )


def test_it_prunes_failed_logins_past_the_cool_off_and_keeps_a_lockout(alice, settings):
    fail_login("someone-long-ago")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        fail_login("alice")
    # Aged after alice's failures: each failure makes django-axes drop expired rows itself.
    AccessAttempt.objects.filter(username="someone-long-ago").update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2
    )

    output = run_cron()

    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["alice"]
    assert "Deleted 1 expired failed-login record and 0 expired request counts." in output
    assert fail_login("alice") == 429


def test_it_prunes_request_counts_whose_window_is_over(db):
    allow("signup", "203.0.113.7", limit=3, seconds=HOUR)
    ThrottleCount.objects.update(window_ends_at=timezone.now() - timedelta(seconds=1))
    for _ in range(3):
        allow("signup-email", "alice@example.com", limit=3, seconds=HOUR)

    run_cron()

    assert list(ThrottleCount.objects.values_list("scope", flat=True)) == ["signup-email"]
    assert not allow("signup-email", "alice@example.com", limit=3, seconds=HOUR)


def test_it_keeps_sign_in_history_for_the_stated_period_and_no_longer(alice, password, settings):
    log_in("alice", password)
    kept_for = timedelta(days=settings.LOGIN_LOG_RETENTION_DAYS)
    AccessLog.objects.update(attempt_time=timezone.now() - kept_for + timedelta(hours=1))

    run_cron()
    assert AccessLog.objects.filter(username="alice").count() == 1

    AccessLog.objects.update(attempt_time=timezone.now() - kept_for - timedelta(hours=1))
    run_cron()
    assert not AccessLog.objects.filter(username="alice").exists()


def test_it_prunes_a_lost_visitor_assessment_and_never_a_members(alice):
    long_ago = timezone.now() - timedelta(days=2 * 365)
    lost = Assessment.objects.create(user=None)
    members = Assessment.objects.create(user=alice)
    Assessment.objects.update(created_at=long_ago, updated_at=long_ago)

    run_cron()

    assert list(Assessment.objects.values_list("pk", flat=True)) == [members.pk]
    assert not Assessment.objects.filter(pk=lost.pk).exists()


def test_it_ends_only_sessions_that_have_expired(alice, password):
    member = log_in("alice", password)
    lapsed = SessionStore()
    lapsed["note"] = "from last year"
    lapsed.set_expiry(timezone.now() + timedelta(seconds=1))
    lapsed.create()
    Session.objects.filter(session_key=lapsed.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )

    run_cron()

    assert not Session.objects.filter(session_key=lapsed.session_key).exists()
    assert Session.objects.count() == 1
    assert member.get(reverse("accounts:profile")).status_code == 200
