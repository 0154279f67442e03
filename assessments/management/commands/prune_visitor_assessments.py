"""Deletes visitors' assessments that nobody can reach any more."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from assessments.models import Assessment


class Command(BaseCommand):
    help = (
        "Deletes assessments taken without an account and never claimed, once the session "
        "that could reach them has expired (SESSION_COOKIE_AGE after their last change). "
        "Run it beside Django's clearsessions."
    )

    def handle(self, *args, **options) -> None:
        cutoff = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
        unclaimed = Assessment.objects.filter(user__isnull=True, updated_at__lt=cutoff)
        _, by_model = unclaimed.delete()
        count = by_model.get(Assessment._meta.label, 0)
        self.stdout.write(
            f"Deleted {count} unclaimed visitor assessment{'' if count == 1 else 's'}."
        )
