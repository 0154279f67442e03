"""How ``load_guide`` brings content rows up to date with the data files, field by field.

The loader remembers what it last wrote into each field (``LoadedValue``). On the next run,
for each field of a row that already exists:

- the file and the database agree: nothing to do;
- the database still holds what the loader last wrote: staff have not touched the field, so
  the file's new value is written ("changed");
- the database differs from what the loader wrote: a staff edit, which is kept. If the file
  changed too, the two disagree and the field is reported as a conflict for an editor;
- the loader never wrote the field (rows loaded before it remembered): if the admin's log
  shows no staff change to the row, its value is the loader's and the file's is written;
  otherwise the staff value is kept and the difference reported.

``reset`` writes the file's values over everything. Content corrections are therefore edits
of the data files plus this command, never data migrations.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from .models import LoadedValue
from .provenance import Provenance, guide_facts

ModelT = TypeVar("ModelT", bound=models.Model)


@dataclass
class LoadReport:
    """What the loaders changed and could not apply, for the command to print; and what they
    wrote, remembered in ``LoadedValue`` by ``save()``."""

    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    _records: dict[tuple[int, int, str], str] = field(default_factory=dict, repr=False)
    _read_types: set[int] = field(default_factory=set, repr=False)
    _pending: dict[tuple[int, int, str], str] = field(default_factory=dict, repr=False)
    _staff_edited: dict[int, set[str]] = field(default_factory=dict, repr=False)

    def recorded(self, content_type: ContentType, object_id: int, name: str) -> str | None:
        if content_type.pk not in self._read_types:
            self._read_types.add(content_type.pk)
            for object_pk, field_name, value in LoadedValue.objects.filter(
                content_type=content_type
            ).values_list("object_id", "field", "value"):
                self._records[(content_type.pk, object_pk, field_name)] = value
        return self._records.get((content_type.pk, object_id, name))

    def edited_by_staff(self, content_type: ContentType, object_id: int) -> bool:
        """Whether the admin logged a staff change to the row (read once per model)."""
        if content_type.pk not in self._staff_edited:
            self._staff_edited[content_type.pk] = set(
                LogEntry.objects.filter(content_type=content_type).values_list(
                    "object_id", flat=True
                )
            )
        return str(object_id) in self._staff_edited[content_type.pk]

    def remember(self, content_type: ContentType, object_id: int, name: str, value: str) -> None:
        key = (content_type.pk, object_id, name)
        if self._records.get(key) != value:
            self._records[key] = value
            self._pending[key] = value

    def save(self) -> None:
        """Write what the loader wrote, in one upsert."""
        LoadedValue.objects.bulk_create(
            [
                LoadedValue(content_type_id=type_pk, object_id=object_pk, field=name, value=value)
                for (type_pk, object_pk, name), value in self._pending.items()
            ],
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "field"],
            update_fields=["value"],
        )
        self._pending.clear()


def canonical(model_field: models.Field, value: Any) -> str:
    """One text form for a field's value, equal for equal values whichever way they came."""
    if isinstance(value, models.Model):
        value = value.pk
    if value is not None:
        value = model_field.to_python(value)
    if isinstance(value, Decimal) and isinstance(model_field, models.DecimalField):
        value = value.quantize(Decimal(1).scaleb(-(model_field.decimal_places or 0)))
    if isinstance(value, Decimal | datetime.date):
        value = str(value)
    return json.dumps(value, sort_keys=True)


def blank_value(model: type[models.Model], name: str) -> Any:
    """What a field holds when the data file leaves it out."""
    model_field = _concrete(model, name)
    return None if model_field.null else model_field.get_default()


def _concrete(model: type[models.Model], name: str) -> models.Field:
    model_field = model._meta.get_field(name)
    if (
        not isinstance(model_field, models.Field)
        or model_field.many_to_many
        or not model_field.concrete
    ):
        raise ValueError(f"{model.__name__}.{name} is not a field the loader can write.")
    return model_field


def sync_row(
    model: type[ModelT],
    lookup: dict[str, Any],
    values: dict[str, Any],
    *,
    reset: bool,
    report: LoadReport,
    loader_owned: dict[str, Any] | None = None,
) -> tuple[ModelT, str]:
    """Create the row if missing, else update it field by field as the module says.

    ``loader_owned`` fields are the loader's alone (staff never edit them, e.g. the guide's
    own values kept beside an editable figure): they always take the file's value.
    Returns the row and what happened to it: "created", "restored" (reset), "changed"
    (at least one field brought up to date) or "kept".
    """
    content_type = ContentType.objects.get_for_model(model)
    fields = {name: _concrete(model, name) for name in values}
    loader_owned = loader_owned or {}
    if issubclass(model, Provenance):
        # The guide's own figures beside the row, so pages tell an edited figure from the
        # guide's; a figure the file leaves out is the field's blank, as written here.
        given = {
            name: values[name] if name in values else blank_value(model, name)
            for name in model.FACT_FIELDS
        }
        loader_owned = {"guide_value": guide_facts(model, given), **loader_owned}
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values, **loader_owned)
        instance.full_clean(validate_unique=False)
        instance.save()
        status = "created"
    elif reset:
        for name, value in {**values, **loader_owned}.items():
            setattr(instance, name, value)
        instance.full_clean(validate_unique=False)
        instance.save()
        status = "restored"
    else:
        stale = [name for name, value in loader_owned.items() if getattr(instance, name) != value]
        for name in stale:
            setattr(instance, name, loader_owned[name])
        status = _update_fields(instance, fields, values, content_type, report, also=stale)
    for name, model_field in fields.items():
        report.remember(
            content_type,
            instance.pk,
            name,
            canonical(model_field, getattr(instance, model_field.name)),
        )
    return instance, status


def _update_fields(
    instance: models.Model,
    fields: dict[str, models.Field],
    values: dict[str, Any],
    content_type: ContentType,
    report: LoadReport,
    *,
    also: list[str],
) -> str:
    label = f"{instance._meta.verbose_name} “{instance}”"
    updates: list[str] = []
    for name, model_field in fields.items():
        in_file = canonical(model_field, values[name])
        in_database = canonical(model_field, getattr(instance, model_field.name))
        if in_file == in_database:
            continue
        last_written = report.recorded(content_type, instance.pk, name)
        if last_written is None and not report.edited_by_staff(content_type, instance.pk):
            last_written = in_database
        if last_written == in_database:
            setattr(instance, name, values[name])
            updates.append(name)
            report.changed.append(f"{label}: {name} updated from the data file")
        elif last_written is None:
            report.conflicts.append(
                f"{label}: {name} differs from the data file and staff have changed the row; "
                "kept as it is (an editor can set it in the admin)"
            )
        elif last_written != in_file:
            report.conflicts.append(
                f"{label}: {name} was edited by staff and the data file changed too; "
                "the staff edit is kept"
            )
    if updates:
        try:
            instance.full_clean(validate_unique=False)
        except ValidationError as error:
            # The file's new values do not fit what staff kept (e.g. evidence lines for key
            # points staff rewrote): none of them is written, and an editor is told why.
            instance.refresh_from_db(fields=updates)
            del report.changed[-len(updates) :]
            report.conflicts.append(
                f"{label}: {', '.join(updates)} not updated, as the data file's values do not "
                f"fit the row as staff left it ({' '.join(error.messages)})"
            )
            updates = []
    if updates or also:
        instance.save(update_fields=[*updates, *also])
    return "changed" if updates else "kept"
