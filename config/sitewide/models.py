"""Site-wide state every server process shares: the content version, the request counts,
what the loader wrote, and the forms that must take effect once."""

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


class LoadedValue(models.Model):
    """What ``load_guide`` last wrote into one field of one content row.

    A field whose value still equals this was not edited by staff since, so the loader may
    bring it up to date with the data file; one that differs is a staff edit and is kept.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=100)
    value = models.TextField(help_text="The value as the loader wrote it, in canonical text.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], name="loaded_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} #{self.object_id}.{self.field}"


class ThrottleCount(models.Model):
    """How often one key (an address, an email digest) was seen in a scope's current window.

    In the database, not a per-process cache: every worker and every server counts against
    the same row (``config.sitewide.throttling.allow``).
    """

    scope = models.CharField(max_length=100)
    digest = models.CharField(max_length=64)
    count = models.PositiveIntegerField()
    # Used by the prune_login_attempts command to drop windows that are over.
    window_ends_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("scope", "digest"), name="throttle_one_count_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope}: {self.count} until {self.window_ends_at:%Y-%m-%d %H:%M}"


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
