"""Deletes failed-login records and request counts that no longer limit anyone."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from config.sitewide.models import ThrottleCount


class Command(BaseCommand):
    help = (
        "Deletes failed logins older than the lockout cool-off (AXES_COOLOFF_TIME), which no "
        "longer lock or throttle anyone, and sign-up and reset counts whose window is over. "
        "The sign-in history members see in their data export is kept. Run it daily beside "
        "clearsessions."
    )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        # A failure counts only within the cool-off, for django-axes and for
        # config.sitewide.auth_forms.failures_from alike.
        stale = AccessAttempt.objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME)
        attempts, _ = stale.delete()
        counts, _ = ThrottleCount.objects.filter(window_ends_at__lte=now).delete()
        self.stdout.write(
            f"Deleted {attempts} expired failed-login record{'' if attempts == 1 else 's'} "
            f"and {counts} expired request count{'' if counts == 1 else 's'}."
        )
