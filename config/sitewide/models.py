"""The content version: one counter that keys every cache of content; and the forms that
must take effect once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F


class ContentVersion(models.Model):
    """A single counter bumped on every content change; content caches are keyed on it.

    Kept in the database (not a per-process cache) so that every server process
    sees an admin edit on its next request.
    """

    version = models.PositiveBigIntegerField(default=1)

    def __str__(self) -> str:
        return f"Content version {self.version}"

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("version", flat=True).first() or 0

    @classmethod
    def bump(cls) -> None:
        updated = cls.objects.filter(pk=1).update(version=F("version") + 1)
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"version": 2})


class SubmittedForm(models.Model):
    """A form a member sent, by the random key drawn into it (config.sitewide.submissions).

    The same form arriving again (a double click, a retry, a second tab) finds its key here
    and records nothing; ``outcome`` is where the first arrival led, so the repeat goes
    there too. Kept a day (``manage.py prune_submitted_forms``).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    outcome = models.CharField(max_length=200, blank=True)
    # Indexed for the daily prune.
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="submittedform_once_per_user")
        ]

    def __str__(self) -> str:
        return f"Form {self.key} of {self.user_id}"
