"""Issue 10, items 3-5: bounded login input, spraying and proxies, sign-up and reset floods."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from config.sitewide.throttling import client_ip
from tests.settings_probe import settings_in_a_fresh_process


def login(client, username, password="wrong", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_it_refuses_an_over_long_username_before_trying_it(client, db, url_name):
    response = client.post(reverse(url_name), {"username": "x" * 300_000, "password": "pw"})
    assert response.status_code == 200
    assert "A username has at most 150 characters." in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_it_stores_a_bounded_row_for_each_failed_login(client, db):
    for _ in range(3):
        login(client, "u" * 150, junk="j" * 100_000)
    (attempt,) = AccessAttempt.objects.all()
    assert attempt.failures_since_start == 3
    stored = len(attempt.username) + len(attempt.get_data) + len(attempt.post_data)
    assert stored < 150 + 3 * 2 * 1100


def test_it_prunes_attempts_older_than_the_cool_off(client, db, settings):
    login(client, "old-guess")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1))
    login(client, "new-guess")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["new-guess"]


def test_it_throttles_one_address_spraying_many_usernames(client, alice, password, settings):
    for n in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        assert login(client, f"victim{n}").status_code == 200
    response = login(client, "alice", password)
    assert response.status_code == 429
    assert "Too many failed logins from your network" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not affected, and the per-account limit stays lower.
    assert login(client, "alice", password, REMOTE_ADDR="198.51.100.7").status_code == 302
    assert settings.AXES_FAILURE_LIMIT < settings.LOGIN_FAILURES_PER_ADDRESS


def test_a_stranger_cannot_keep_an_account_locked(client, alice, password):
    for _ in range(5):
        login(client, "alice")
    locked_at = AccessAttempt.objects.get().attempt_time
    assert login(client, "alice").status_code == 429
    assert AccessAttempt.objects.get().attempt_time == locked_at


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1", "10.0.0.1"),  # no proxy: the header is anyone's
        (1, "203.0.113.5", "10.0.0.1", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "10.0.0.1", "203.0.113.5"),  # a forged entry is left
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.1", "10.0.0.1"),  # fewer hops than configured
        (1, "not-an-address", "10.0.0.1", "10.0.0.1"),
    ],
)
def test_it_takes_the_client_address_from_trusted_proxies_only(
    rf, settings, proxies, forwarded, remote, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def test_behind_a_proxy_a_strangers_failures_do_not_lock_the_user_out(
    client, alice, password, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(6):
        login(client, "alice", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    response = login(client, "alice", password, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert response.status_code == 302


def test_the_proxy_count_comes_from_the_environment():
    assert settings_in_a_fresh_process("TRUSTED_PROXY_COUNT", DJANGO_TRUSTED_PROXY_COUNT="2") == 2


def signup(client, n, email=None, **extra):
    return client.post(
        reverse("accounts:signup"),
        {
            "username": f"new{n}",
            "email": email or f"new{n}@example.com",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
        **extra,
    )


def test_it_limits_sign_ups_per_address(client, db, settings):
    for n in range(settings.SIGNUPS_PER_ADDRESS_PER_HOUR):
        assert signup(client, n).status_code == 302
        client.post(reverse("logout"))
    response = signup(client, 99)
    assert response.status_code == 429
    assert "Too many sign-ups from your network" in response.content.decode()
    assert signup(client, 98, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_it_limits_sign_ups_per_email_address(client, db, settings):
    for n in range(settings.SIGNUPS_PER_EMAIL_PER_HOUR):
        assert signup(client, n, email="same@example.com").status_code == 302
        client.post(reverse("logout"))
    response = signup(client, 99, email="SAME@example.com", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert "Too many sign-ups with this email address" in response.content.decode()


def test_it_sends_an_inbox_only_a_few_reset_emails(client, alice, settings):
    for n in range(30):
        response = client.post(
            reverse("password_reset"), {"email": alice.email}, REMOTE_ADDR=f"198.51.100.{n}"
        )
        assert response.status_code == 302  # the same answer whether sent or not
    assert len(mail.outbox) == settings.RESETS_PER_EMAIL_PER_HOUR


def test_it_limits_reset_requests_per_address(client, db, settings):
    for n in range(settings.RESETS_PER_ADDRESS_PER_HOUR):
        response = client.post(reverse("password_reset"), {"email": f"nobody{n}@example.com"})
        assert response.status_code == 302
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 429
    assert "Too many password resets from your network" in response.content.decode()


def test_the_lockout_page_says_the_limit_and_wait_the_settings_set(client, alice, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=20)
    for _ in range(3):
        login(client, "alice")
    response = login(client, "alice")
    assert response.status_code == 429
    content = response.content.decode()
    assert "paused for 20 minutes after 3 failed attempts" in content
    assert "15 minutes" not in content
