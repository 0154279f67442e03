"""Send each subscribed member the e-mail digest of the current period, once; run from cron."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from careers.reminders import send_digests


class Command(BaseCommand):
    help = (
        "Send the daily and weekly digests that are due. Safe to run often and from two "
        "schedulers at once: a member gets at most one digest per period; a failed send is "
        "retried on the next run."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now", help="The moment to send as, in ISO 8601 (for tests and catching up)."
        )

    def handle(self, *args, now: str | None = None, **options) -> None:
        moment = timezone.now()
        if now:
            try:
                moment = datetime.datetime.fromisoformat(now)
            except ValueError as error:
                raise CommandError(f"--now must be an ISO 8601 date and time: {error}") from error
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        report = send_digests(now=moment)
        self.stdout.write(f"Sent {report.sent}, failed {report.failed}, skipped {report.skipped}.")
