"""The content history across models: recent changes, their values, and reverting them.

Every content model keeps its history with django-simple-history; this module reads those
histories together (newest first, with filters) and undoes one change, or a whole bulk
action, as a new change that is itself recorded.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from simple_history.models import HistoricalChanges
from simple_history.utils import bulk_update_with_history, update_change_reason

RECENT_LIMIT = 100
BULK_PREFIX = "Bulk action"


def historical_models() -> list[type[models.Model]]:
    """The history tables of every model that keeps one, in the order of their apps."""
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def historical_model(label: str) -> type[models.Model] | None:
    """A history table named as ``app_label.model_name``; None for anything else."""
    return next((model for model in historical_models() if model._meta.label_lower == label), None)


@dataclass(frozen=True)
class Change:
    """One row of "recent changes": who changed what, when, and the values before and after."""

    record: Any
    diffs: tuple[tuple[str, Any, Any], ...]

    @property
    def label(self) -> str:
        return self.record._meta.label_lower

    @property
    def model_name(self) -> str:
        return self.record.instance_type._meta.verbose_name

    @property
    def action(self) -> str:
        return {"+": "Added", "~": "Changed", "-": "Deleted"}[self.record.history_type]


def _values(record, previous) -> tuple[tuple[str, Any, Any], ...]:
    if previous is None:
        return ()
    delta = record.diff_against(previous)
    return tuple(
        (record.instance_type._meta.get_field(change.field).verbose_name, change.old, change.new)
        for change in delta.changes
    )


def recent_changes(
    *,
    model_label: str = "",
    editor: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    limit: int = RECENT_LIMIT,
) -> list[Change]:
    """The newest content changes across every history, filtered, with their values."""
    filters: dict[str, Any] = {}
    if editor:
        filters["history_user__username"] = editor
    if since:
        filters["history_date__date__gte"] = since
    if until:
        filters["history_date__date__lte"] = until
    tables = historical_models()
    if model_label:
        tables = [table for table in tables if table._meta.label_lower == model_label]
    records = []
    for table in tables:
        records += table.objects.filter(**filters).select_related("history_user")[:limit]
    records.sort(key=lambda record: (record.history_date, record.history_id), reverse=True)
    return [Change(record, _values(record, record.prev_record)) for record in records[:limit]]


def bulk_reason(description: str) -> str:
    """A change reason naming one run of a bulk action, so the run can be reverted whole."""
    return f"{BULK_PREFIX} “{description}” #{uuid.uuid4().hex[:8]}"


def save_in_bulk(objs: list[models.Model], fields: list[str], *, reason: str, user) -> int:
    """Write the changed fields of many rows of one content model, each change recorded."""
    if not objs:
        return 0
    count = bulk_update_with_history(
        objs, type(objs[0]), fields, default_user=user, default_change_reason=reason
    )
    # The admin site imports this module before the models are ready; caching needs them.
    from .caching import bump_content_version

    # A bulk write sends no save signal: bump here, so no bulk action can forget to and
    # leave pages cached on the old content.
    bump_content_version()
    return count


class RevertRefused(Exception):
    """A change that cannot be undone, in words for the editor."""


def _revert_one(record) -> None:
    model = record.instance_type
    reason = f"Revert of change #{record.history_id} ({record._meta.verbose_name})"
    if record.history_type == "-":
        obj = record.instance
        obj.save()
    elif record.history_type == "+":
        obj = model._default_manager.filter(pk=record.instance.pk).first()
        if obj is None:
            return
        try:
            obj.delete()
        except (ProtectedError, RestrictedError) as error:
            raise RevertRefused(
                f"“{obj}” cannot be removed again: members' data or other content uses it."
            ) from error
        return
    else:
        previous = record.prev_record
        obj = model._default_manager.filter(pk=record.instance.pk).first()
        if previous is None or obj is None:
            raise RevertRefused("There is nothing to go back to: the row is gone.")
        # Only the fields this change touched, so later edits to other fields stay.
        for change in record.diff_against(previous).changes:
            setattr(obj, model._meta.get_field(change.field).attname, change.old)
        obj.save()
    update_change_reason(obj, reason)


@transaction.atomic
def revert(record) -> int:
    """Undo one change, or every change of its bulk action run; returns how many.

    Each undo is saved as a new change, so the revert itself is in the history.
    """
    reason = record.history_change_reason or ""
    if reason.startswith(BULK_PREFIX):
        batch = [
            row
            for table in historical_models()
            for row in table.objects.filter(history_change_reason=reason)
        ]
    else:
        batch = [record]
    batch.sort(key=lambda row: row.history_date, reverse=True)
    for row in batch:
        _revert_one(row)
    return len(batch)


def latest_version(obj: models.Model) -> int | None:
    """The id of an object's newest history row: the version an edit form was based on."""
    history = getattr(type(obj), "history", None)
    if history is None or obj.pk is None:
        return None
    return (
        history.model.objects.filter(**{obj._meta.pk.attname: obj.pk})
        .order_by("-history_date", "-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
