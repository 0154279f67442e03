"""Login logs pruned after the retention period; a superuser deletes a member fully."""

import datetime

from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tests import factories


def log(username, days_ago):
    row = AccessLog.objects.create(
        username=username, ip_address="203.0.113.7", user_agent="Browser", http_accept="*/*"
    )
    AccessLog.objects.filter(pk=row.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return row


@override_settings(LOGIN_LOG_RETENTION_DAYS=30)
def test_it_prunes_login_logs_older_than_the_retention_period(db, capsys):
    log("alice", 31)
    recent = log("alice", 29)
    failure = AccessFailureLog.objects.create(username="bob", ip_address="203.0.113.8")
    AccessFailureLog.objects.filter(pk=failure.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(days=40)
    )
    call_command("prune_login_logs")
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AccessFailureLog.objects.exists()
    assert "Deleted 2 login log row(s) older than 30 days." in capsys.readouterr().out


def test_a_superuser_deletes_a_member_with_their_logs_and_sessions(db, alice):
    boss = factories.UserFactory(username="boss", is_staff=True, is_superuser=True)
    log("alice", 1)
    member = Client()
    member.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    key = member.session.session_key
    admin = Client()
    admin.force_login(boss, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("admin:auth_user_delete", args=[alice.pk])
    assert admin.post(url, {"post": "yes"}).status_code == 302
    assert not get_user_model().objects.filter(username="alice").exists()
    assert not AccessLog.objects.filter(username="alice").exists()
    assert not SessionStore().exists(key)
