"""Deletes the keys of forms sent more than a day ago: no repeat of them comes any more."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from config.sitewide.submissions import prune_submissions


class Command(BaseCommand):
    help = "Deletes the keys of forms sent more than a day ago. Run it daily, beside clearsessions."

    def handle(self, *args, **options) -> None:
        count = prune_submissions(now=timezone.now())
        self.stdout.write(f"Deleted {count} form key{'' if count == 1 else 's'}.")
