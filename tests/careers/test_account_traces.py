"""Issue 10, item 11: deleting an account leaves no login history or session behind."""

import datetime

from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.sitewide import keyset


def log_in(username, password):
    client = Client()
    assert (
        client.post(reverse("login"), {"username": username, "password": password}).status_code
        == 302
    )
    return client


def test_the_export_includes_the_login_history(alice, password, download_my_data):
    client = log_in("alice", password)
    data = download_my_data(client)
    (entry,) = data["login_history"]
    assert entry["ip_address"] == "127.0.0.1"
    assert entry["signed_in_at"]


def test_a_long_login_history_is_written_newest_first_each_sign_in_once(
    alice, password, download_my_data, monkeypatch
):
    start = timezone.now() - datetime.timedelta(days=30)
    # Sign-ins in threes at one moment, so pages of four end inside a group.
    AccessLog.objects.bulk_create(
        AccessLog(
            username="alice",
            ip_address=f"10.0.0.{number}",
            user_agent="browser",
            attempt_time=start + datetime.timedelta(hours=number // 3),
        )
        for number in range(20)
    )
    monkeypatch.setattr(keyset, "PAGE_ROWS", 4)
    client = log_in("alice", password)

    history = download_my_data(client)["login_history"]

    expected = AccessLog.objects.filter(username="alice").order_by("-attempt_time", "-pk")
    assert [entry["ip_address"] for entry in history] == [log.ip_address for log in expected]
    assert len(history) == 21
    assert history[0]["ip_address"] == "127.0.0.1"  # this sign-in, the newest


def test_deleting_an_account_removes_its_login_history_and_every_session(alice, bob, password):
    laptop, phone, other = (
        log_in("alice", password),
        log_in("alice", password),
        log_in("bob", password),
    )
    Client().post(reverse("login"), {"username": "alice", "password": "a wrong guess"})
    assert AccessLog.objects.filter(username="alice").count() == 2
    assert Session.objects.count() == 3

    response = laptop.post(reverse("accounts:delete_account"), {"password": password})

    assert response.status_code == 302
    assert not AccessLog.objects.filter(username="alice").exists()
    assert not AccessAttempt.objects.filter(username="alice").exists()
    signed_in_as = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(alice.pk) not in signed_in_as
    assert str(bob.pk) in signed_in_as
    assert phone.get(reverse("accounts:profile")).status_code == 302
    assert other.get(reverse("accounts:profile")).status_code == 200
    assert AccessLog.objects.filter(username="bob").count() == 1
