"""Opt-in reminders: the e-mail digest (sent once per member and period) and the calendar feed."""

from __future__ import annotations

import datetime
import secrets
import smtplib
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from icalendar import Calendar, Event

from config.sitewide import registry

from .models import Application, DigestSend, ReminderSettings

Frequency = ReminderSettings.Frequency
UNSUBSCRIBE_SALT = "careers.reminders.unsubscribe"


def settings_for(user) -> ReminderSettings:
    settings_row, _ = ReminderSettings.objects.get_or_create(user=user)
    return settings_row


# -- the private calendar feed ---------------------------------------------------------------


def reset_calendar_token(*, user) -> str:
    """A new secret for the member's feed; the old address stops working at once."""
    token = secrets.token_urlsafe(32)
    ReminderSettings.objects.update_or_create(user=user, defaults={"calendar_token": token})
    return token


def calendar_owner(token: str):
    """The member whose feed this secret opens, or None."""
    row = ReminderSettings.objects.select_related("user").filter(calendar_token=token).first()
    return row.user if row and row.user.is_active else None


def calendar_feed(*, user, now: datetime.datetime) -> bytes:
    """Every app's entries for the member (plan milestones, rounds, follow-ups) as iCalendar."""
    calendar = Calendar()
    calendar.add("prodid", "-//AI Careers Compass//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "AI Careers Compass")
    for provider in registry.calendar_providers:
        for entry in provider(user=user, now=now):
            event = Event()
            event.add("uid", f"{entry.uid}@ai-careers-compass")
            event.add("dtstamp", now)
            event.add("summary", entry.summary)
            event.add("dtstart", entry.starts)
            event.add("dtend", entry.ends)
            event.add("description", entry.description)
            event.add("url", absolute(entry.path))
            calendar.add_component(event)
    return calendar.to_ical()


def follow_up_entries(*, user, now: datetime.datetime) -> list[registry.CalendarEntry]:
    """Each open application's next action, as an all-day event on its day."""
    applications = (
        Application.objects.for_user(user)
        .filter(next_action_on__isnull=False)
        .exclude(stage__in=["accepted", "rejected", "withdrawn"])
    )
    return [
        registry.CalendarEntry(
            uid=f"follow-up-{application.pk}",
            summary=f"{application.next_action or 'Follow up'}: {application.company}",
            starts=application.next_action_on,
            ends=application.next_action_on + datetime.timedelta(days=1),
            description=f"Your application for {application.title} at {application.company}.",
            path=application.get_absolute_url(),
        )
        for application in applications
    ]


# -- the e-mail digest -----------------------------------------------------------------------


def absolute(path: str) -> str:
    return urljoin(settings.SITE_URL, path)


def unsubscribe_url(user) -> str:
    """A signed address that turns the digest off without signing in (RFC 8058)."""
    token = signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)
    return absolute(reverse("applications:unsubscribe", args=[token]))


def unsubscribe(token: str) -> bool:
    """Turn the digest off for the member the signed token names; False if it is not ours."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return False
    ReminderSettings.objects.filter(user_id=user_id).update(digest=Frequency.OFF)
    return True


def period_of(frequency: str, now: datetime.datetime) -> str:
    """The period a digest belongs to: one digest per member per period, at most."""
    day = now.date()
    if frequency == Frequency.WEEKLY:
        year, week, _ = day.isocalendar()
        return f"weekly:{year}-W{week:02d}"
    return f"daily:{day.isoformat()}"


def follow_ups_section(*, user, now: datetime.datetime) -> registry.DigestSection | None:
    """Next actions due today or overdue on open applications."""
    applications = (
        Application.objects.for_user(user)
        .filter(next_action_on__lte=now.date())
        .exclude(stage__in=["accepted", "rejected", "withdrawn"])
        .order_by("next_action_on", "pk")
    )
    lines = tuple(
        f"{a.next_action or 'Follow up'} — {a.company} (due {a.next_action_on:%a %d %b})"
        for a in applications[:10]
    )
    if not lines:
        return None
    return registry.DigestSection(30, "Follow-ups due", lines, reverse("applications:board"))


@dataclass(frozen=True)
class Digest:
    subject: str
    text: str
    html: str


def compose_digest(*, user, now: datetime.datetime) -> Digest | None:
    """The member's digest, or None when nothing is due (then nothing is sent)."""
    found = (provider(user=user, now=now) for provider in registry.digest_providers)
    sections = sorted((s for s in found if s is not None), key=lambda s: s.order)
    if not sections:
        return None
    context = {
        "user": user,
        "sections": [(section, absolute(section.path)) for section in sections],
        "unsubscribe_url": unsubscribe_url(user),
        "settings_url": absolute(reverse("applications:reminders")),
    }
    return Digest(
        subject="Your AI Careers Compass digest",
        text=render_to_string("careers/email/digest.txt", context),
        html=render_to_string("careers/email/digest.html", context),
    )


def _claim(*, user, period: str, now: datetime.datetime) -> bool:
    """Take this member's digest for this period; False if another run has it or sent it.

    The unique row is the lock: two schedulers racing both try the insert and one fails. A
    send that failed is taken again by flipping its status, which only one run can do.
    """
    try:
        with transaction.atomic():
            DigestSend.objects.create(user=user, period=period, claimed_at=now)
        return True
    except IntegrityError:
        retried = DigestSend.objects.filter(
            user=user, period=period, status=DigestSend.Status.FAILED
        ).update(status=DigestSend.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now)
        return retried == 1


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0


def send_digests(*, now: datetime.datetime) -> SendReport:
    """Send each subscribed member the digest of the current period, once."""
    report = SendReport()
    subscribers = (
        ReminderSettings.objects.exclude(digest=Frequency.OFF)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    # A repeated run skips who already has this period's digest without composing it again;
    # the claim below still decides a race.
    periods = {period_of(frequency, now) for frequency in (Frequency.DAILY, Frequency.WEEKLY)}
    done = set(
        DigestSend.objects.filter(period__in=periods)
        .exclude(status=DigestSend.Status.FAILED)
        .values_list("user_id", "period")
    )
    connection = get_connection()
    for row in subscribers.iterator():
        user = row.user
        period = period_of(row.digest, now)
        if (user.pk, period) in done:
            report.skipped += 1
            continue
        digest = compose_digest(user=user, now=now)
        if digest is None or not _claim(user=user, period=period, now=now):
            report.skipped += 1
            continue
        message = EmailMultiAlternatives(
            subject=digest.subject,
            body=digest.text,
            to=[user.email],
            connection=connection,
            headers={
                # RFC 8058: a mail client may POST here to unsubscribe in one click.
                "List-Unsubscribe": f"<{unsubscribe_url(user)}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(digest.html, "text/html")
        sends = DigestSend.objects.filter(user=user, period=period)
        try:
            message.send()
        except (smtplib.SMTPException, OSError):
            sends.update(status=DigestSend.Status.FAILED)
            report.failed += 1
        else:
            sends.update(status=DigestSend.Status.SENT, sent_at=now)
            report.sent += 1
    return report
