"""Deletes visitors' assessments that nobody can reach any more."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from assessments.models import Assessment


class Command(BaseCommand):
    help = (
        "Deletes assessments taken without an account and never claimed: a completed one once "
        "the session that could reach it has expired (SESSION_COOKIE_AGE after its last "
        "change), an unfinished one after VISITOR_UNFINISHED_DAYS. Run it beside Django's "
        "clearsessions."
    )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        expired = Q(updated_at__lt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE))
        abandoned = Q(
            completed_at__isnull=True,
            updated_at__lt=now - timedelta(days=settings.VISITOR_UNFINISHED_DAYS),
        )
        unclaimed = Assessment.objects.filter(expired | abandoned, user__isnull=True)
        _, by_model = unclaimed.delete()
        count = by_model.get(Assessment._meta.label, 0)
        self.stdout.write(
            f"Deleted {count} unclaimed visitor assessment{'' if count == 1 else 's'}."
        )
