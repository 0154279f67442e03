"""The opt-in e-mail digest through a real SMTP server, one-click unsubscribe, the calendar feed."""

import asyncio
import datetime
import email
import email.policy
import threading
from datetime import timedelta

import pytest
from aiosmtpd.smtp import SMTP
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.urls import reverse
from icalendar import Calendar

from careers import applications, reminders
from careers.models import DigestSend, ReminderSettings
from interviews.models import InterviewRound

NOW = datetime.datetime(2026, 12, 7, 7, 0, tzinfo=datetime.UTC)  # a Monday


class Mailbox:
    """Keeps what the server accepted; answers 451 to every message while ``failing``."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.failing = False

    async def handle_DATA(self, server, session, envelope):
        if self.failing:
            return "451 Requested action aborted: try again later"
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    """A real SMTP server on a port the OS chose, with Django's SMTP backend pointed at it."""
    mailbox = Mailbox()
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(mailbox), host="127.0.0.1", port=0)
    )
    port = server.sockets[0].getsockname()[1]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=5,
        SITE_URL="https://compass.example",
    ):
        yield mailbox
    loop.call_soon_threadsafe(server.close)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)


@pytest.fixture
def subscribed(alice):
    alice.email = "alice@example.com"
    alice.save(update_fields=["email"])
    ReminderSettings.objects.create(user=alice, digest="daily")
    application = applications.create_application(
        user=alice,
        fields={
            "company": "Acme AI",
            "role_title": "ML engineer",
            "stage": "interviewing",
            "next_action": "Send the thank-you note",
            "next_action_on": NOW.date() - timedelta(days=1),
        },
        on=NOW.date() - timedelta(days=10),
    )
    InterviewRound.objects.create(
        application=application, kind="technical", starts_at=NOW + timedelta(days=1, hours=3)
    )
    return alice


def test_the_digest_is_off_by_default(client, alice, password):
    client.force_login(alice)
    page = client.get(reverse("applications:reminders")).content.decode()
    assert 'value="off" required id="id_digest_0" checked' in page
    assert reminders.send_digests(now=NOW).sent == 0


def test_a_digest_arrives_once_with_text_html_and_one_click_unsubscribe(smtp_server, subscribed):
    call_command("send_digests", now=NOW.isoformat())
    call_command("send_digests", now=(NOW + timedelta(hours=5)).isoformat())  # a repeated run
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "alice@example.com"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("https://compass.example/applications/unsubscribe/")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Send the thank-you note — Acme AI (due Sun 06 Dec)" in text
    assert "Technical interview with Acme AI tomorrow — 1 day: run a mock today" in text
    assert "Acme AI" in html and "<img" not in html
    # RFC 8058: the mail client posts, with no session and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe.removeprefix("https://compass.example"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert ReminderSettings.objects.get(user=subscribed).digest == "off"
    call_command("send_digests", now=(NOW + timedelta(days=1)).isoformat())
    assert len(smtp_server.messages) == 1


def test_two_schedulers_at_once_send_one_digest(smtp_server, subscribed, transactional_db):
    start = threading.Barrier(2)
    results: list[int] = []

    def run() -> None:
        try:
            start.wait()
            results.append(reminders.send_digests(now=NOW).sent)
        except OperationalError:
            # SQLite's shared in-memory test database refuses a locked write at once: that
            # scheduler sends nothing, which is the point.
            results.append(0)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if connection.vendor == "postgresql":
        # Writers wait for each other: exactly one scheduler sends.
        assert sorted(results) == [0, 1]
        assert len(smtp_server.messages) == 1
        assert DigestSend.objects.count() == 1
    else:
        # SQLite's shared in-memory test database refuses a locked write at once (a file
        # database waits up to 3 s), so under load both may fail; never is it sent twice.
        assert sorted(results) in ([0, 1], [0, 0])
        assert len(smtp_server.messages) <= 1
        assert DigestSend.objects.count() <= 1


def test_a_failed_send_is_retried_on_the_next_run_and_never_sent_twice(smtp_server, subscribed):
    smtp_server.failing = True
    assert reminders.send_digests(now=NOW).failed == 1
    assert DigestSend.objects.get().status == "failed"
    smtp_server.failing = False
    assert reminders.send_digests(now=NOW + timedelta(hours=1)).sent == 1
    assert reminders.send_digests(now=NOW + timedelta(hours=2)).sent == 0
    send = DigestSend.objects.get()
    assert (send.status, send.attempts) == ("sent", 2)
    assert len(smtp_server.messages) == 1


def test_a_weekly_digest_goes_once_a_week(smtp_server, subscribed):
    ReminderSettings.objects.filter(user=subscribed).update(digest="weekly")
    for day in range(7):
        reminders.send_digests(now=NOW + timedelta(days=day))
    assert len(smtp_server.messages) == 1
    reminders.send_digests(now=NOW + timedelta(days=7))
    assert len(smtp_server.messages) == 2


def test_nothing_due_sends_nothing(smtp_server, alice):
    alice.email = "alice@example.com"
    alice.save(update_fields=["email"])
    ReminderSettings.objects.create(user=alice, digest="daily")
    assert reminders.send_digests(now=NOW).sent == 0
    assert smtp_server.messages == [] and not DigestSend.objects.exists()


@pytest.mark.parametrize("token", ["nonsense", "MQ:1abc:forged", "x" * 300])
def test_a_forged_unsubscribe_link_changes_nothing(client, subscribed, token):
    response = client.post(reverse("applications:unsubscribe", args=[token]))
    assert response.status_code == 404
    assert ReminderSettings.objects.get(user=subscribed).digest == "daily"


def test_the_settings_form_refuses_an_unknown_frequency(client, alice):
    client.force_login(alice)
    response = client.post(reverse("applications:reminders"), {"digest": "hourly"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_calendar_feed_has_rounds_and_follow_ups_and_a_reset_stops_the_old_address(
    client, subscribed
):
    client.force_login(subscribed)
    client.post(reverse("applications:reset_calendar"))
    token = ReminderSettings.objects.get(user=subscribed).calendar_token
    feed_url = reverse("applications:calendar", args=[token])
    visitor = Client()
    response = visitor.get(feed_url)
    assert response["Content-Type"].startswith("text/calendar")
    summaries = {str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert summaries == {"Technical interview: Acme AI", "Send the thank-you note: Acme AI"}
    client.post(reverse("applications:reset_calendar"))
    assert visitor.get(feed_url).status_code == 404
    assert visitor.get(reverse("applications:calendar", args=["guess"])).status_code == 404


def test_the_export_and_account_deletion_cover_the_job_search(
    client, subscribed, password, download_my_data
):
    from careers.models import Application, Contact

    application = Application.objects.get()
    Contact.objects.create(application=application, name="Priya", how_met="Meetup")
    client.force_login(subscribed)
    data = download_my_data(client)
    assert data["applications"][0]["contacts"] == [
        {"name": "Priya", "role": "", "how_met": "Meetup"}
    ]
    assert data["applications"][0]["stage_changes"][0]["stage"] == "interviewing"
    assert data["interview_rounds"][0]["kind"] == "technical"
    assert data["reminder_settings"]["digest"] == "daily"
    client.post(reverse("accounts:delete_account"), {"password": password})
    assert not Application.objects.exists() and not Contact.objects.exists()
    assert not InterviewRound.objects.exists() and not ReminderSettings.objects.exists()
