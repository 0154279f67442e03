"""Deletes sign-in logs older than the retention period (LOGIN_LOG_RETENTION_DAYS)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from config.sitewide.accounts import prune_login_logs


class Command(BaseCommand):
    help = (
        "Deletes django-axes sign-in and failed-login logs (addresses and browsers) older "
        "than LOGIN_LOG_RETENTION_DAYS (default 90). Run daily from cron."
    )

    def handle(self, *args, **options) -> None:
        count = prune_login_logs(now=timezone.now())
        days = settings.LOGIN_LOG_RETENTION_DAYS
        self.stdout.write(f"Deleted {count} login log row(s) older than {days} days.")
