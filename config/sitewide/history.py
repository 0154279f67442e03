"""The content history across models: recent changes, their values, and reverting them.

Every content model keeps its history with django-simple-history; this module reads those
histories together (newest first, with filters) and undoes one change, or a whole bulk
action, as a new change that is itself recorded.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.apps import apps
from django.db import models, transaction
from django.db.models import OuterRef, ProtectedError, RestrictedError, Subquery
from simple_history.models import HistoricalChanges
from simple_history.utils import (
    bulk_update_with_history,
    get_m2m_reverse_field_name,
    update_change_reason,
)

RECENT_LIMIT = 100
BULK_PREFIX = "Bulk action"


def historical_models() -> list[type[HistoricalChanges]]:
    """The history tables of every model that keeps one, in the order of their apps.

    The tables of many-to-many links are not among them: a link change is listed as a
    change of the row that holds the field (a resource's skills, a path's credentials)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
        and any(field.name == "history_type" for field in model._meta.fields)
    ]


def historical_model(label: str) -> type[HistoricalChanges] | None:
    """A history table named as ``app_label.model_name``; None for anything else."""
    return next((model for model in historical_models() if model._meta.label_lower == label), None)


def tracked_links(table: type[HistoricalChanges]) -> dict[str, type[HistoricalChanges]]:
    """The many-to-many fields a history table records, each with its table of link rows."""
    links = {}
    for model in apps.get_models():
        fields = {field.name for field in model._meta.fields}
        if "m2m_history_id" in fields and model._meta.get_field("history").related_model is table:
            for field in table.instance_type._meta.many_to_many:
                if (
                    field.remote_field.through
                    is cast("type[HistoricalChanges]", model).instance_type
                ):
                    links[field.name] = model
    return links


@dataclass(frozen=True)
class Change:
    """One row of "recent changes": who changed what, when, and the values before and after."""

    record: Any
    title: str
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


def _related_fields(table: type[models.Model]) -> list[str]:
    return [field.name for field in table._meta.fields if field.many_to_one]


def _title(record) -> str:
    """The row's name as the change left it, from the record and the rows read with it."""
    model = record.instance_type
    fields = [field for field in model._meta.concrete_fields if hasattr(record, field.attname)]
    obj = model(**{field.attname: getattr(record, field.attname) for field in fields})
    for field in fields:
        if field.many_to_one:
            setattr(obj, field.name, getattr(record, field.name))
    return str(obj)


def _link_sets(table, links, ids) -> dict[tuple[str, int], frozenset[str]]:
    """Each record's linked rows by name, per field: one query a field, whatever the count."""
    sets: dict[tuple[str, int], set[str]] = {}
    for name, link_table in links.items():
        target = get_m2m_reverse_field_name(table.instance_type._meta.get_field(name))
        for row in link_table.objects.filter(history_id__in=ids).select_related(target):
            linked = getattr(row, target)
            label = str(linked) if linked is not None else f"#{getattr(row, f'{target}_id')}"
            sets.setdefault((name, row.history_id), set()).add(label)
    return {key: frozenset(value) for key, value in sets.items()}


def _changes_of(table, records) -> list[Change]:
    """The records of one table with their values before and after, in a fixed few queries:
    the previous versions in one, and the links of each many-to-many field in one."""
    previous_ids = {record.history_id: record.previous_id for record in records}
    previous = table.objects.in_bulk([pk for pk in previous_ids.values() if pk])
    links = tracked_links(table)
    ids = [*previous_ids, *previous]
    sets = _link_sets(table, links, ids) if links else {}
    opts = table.instance_type._meta
    changes = []
    for record in records:
        before = previous.get(record.previous_id)
        diffs: list[tuple[str, Any, Any]] = []
        if before is not None:
            delta = record.diff_against(before, excluded_fields=list(links))
            diffs = [
                (opts.get_field(change.field).verbose_name, change.old, change.new)
                for change in delta.changes
            ]
            for name in links:
                old = sets.get((name, before.history_id), frozenset())
                new = sets.get((name, record.history_id), frozenset())
                if old != new:
                    diffs.append((opts.get_field(name).verbose_name, _listed(old), _listed(new)))
        changes.append(Change(record, _title(record), tuple(diffs)))
    return changes


def _listed(names: frozenset[str]) -> str:
    return ", ".join(sorted(names)) or "none"


def recent_changes(
    *,
    model_label: str = "",
    editor: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    limit: int = RECENT_LIMIT,
) -> list[Change]:
    """The newest content changes across every history, filtered, with their values.

    Its queries do not grow with the rows listed: one a history table for the newest
    changes, then for each table on the page its previous versions in one."""
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
        pk_name = table.instance_type._meta.pk.attname
        earlier = table.objects.filter(
            **{pk_name: OuterRef(pk_name)}, history_date__lt=OuterRef("history_date")
        ).order_by("-history_date", "-history_id")
        records += (
            table.objects.filter(**filters)
            .select_related(*_related_fields(table))
            .annotate(previous_id=Subquery(earlier.values("history_id")[:1]))
            .order_by("-history_date", "-history_id")[:limit]
        )
    records.sort(key=lambda record: (record.history_date, record.history_id), reverse=True)
    records = records[:limit]
    by_table: dict[type[models.Model], list[Any]] = {}
    for record in records:
        by_table.setdefault(type(record), []).append(record)
    changes = {
        change.record: change
        for table, rows in by_table.items()
        for change in _changes_of(table, rows)
    }
    return [changes[record] for record in records]


def bulk_reason(description: str) -> str:
    """A change reason naming one run of a bulk action, so the run can be reverted whole."""
    return f"{BULK_PREFIX} “{description}” #{uuid.uuid4().hex[:8]}"


def save_in_bulk(objs: Sequence[models.Model], fields: list[str], *, reason: str, user) -> int:
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
        links = tracked_links(type(record))
        changed = record.diff_against(previous).changes
        for change in changed:
            if change.field not in links:
                setattr(obj, model._meta.get_field(change.field).attname, change.old)
        obj.save()
        for change in changed:
            if change.field in links:
                field = model._meta.get_field(change.field)
                target = get_m2m_reverse_field_name(field)
                getattr(obj, change.field).set(
                    getattr(previous, change.field).values_list(f"{target}_id", flat=True)
                )
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


def snapshot_links(apps, app_label: str, fields: tuple[tuple[str, str], ...]) -> None:
    """For a migration that starts recording many-to-many fields: give each row's newest
    history record the links it has now, so the first link change recorded afterwards is
    compared with those, not with none (and a revert of it does not clear them)."""
    for model_name, field_name in fields:
        model = apps.get_model(app_label, model_name)
        link_table = apps.get_model(app_label, f"Historical{model_name}_{field_name}")
        history = apps.get_model(app_label, f"Historical{model_name}")
        through = model._meta.get_field(field_name).remote_field.through
        own = next(f for f in through._meta.fields if f.many_to_one and f.related_model is model)
        newest = {}
        for record in history.objects.order_by("history_date", "history_id"):
            newest[record.id] = record.history_id
        link_table.objects.bulk_create(
            link_table(
                history_id=newest[getattr(row, own.attname)],
                **{f.attname: getattr(row, f.attname) for f in through._meta.fields},
            )
            for row in through.objects.all()
            if getattr(row, own.attname) in newest
        )
