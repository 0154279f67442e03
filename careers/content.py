"""Loads the careers part of the guide (careers/data/*.json) into the database for load_guide.

Rows are matched by slug (salary bands by role and level). A missing row is created; an
existing one is left as staff edited it, unless ``reset`` asks for the guide's values back.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from config.sitewide.provenance import Provenance, guide_facts

from .models import EditorNote, GuideEntry, Hub, Market, MarketFact, Role, SalaryBand

DATA_DIR = Path(__file__).resolve().parent / "data"

ROLE_FIELDS = (
    "name",
    "kind",
    "active_postings",
    "summary",
    "quoted_salary_min_usd",
    "quoted_salary_max_usd",
    "profile_from_guide",
    *(field for field, _label in Role.ASPECTS),
)


def read_data(name: str) -> list[dict[str, Any]]:
    with (DATA_DIR / name).open(encoding="utf-8") as data_file:
        return json.load(data_file)


class _Counts(dict):
    def add(self, kind: str, status: str) -> None:
        key = f"{kind} {status}"
        self[key] = self.get(key, 0) + 1


def _sync(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], *, reset: bool
) -> tuple[models.Model, str]:
    """Create the row if it is missing; overwrite it only on reset.

    A row with a source keeps the guide's own values beside it, so pages can tell an edited
    figure from the guide's; a reset also takes away the editor's source.
    """
    if issubclass(model, Provenance):
        values = {**values, "guide_value": guide_facts(model, values)}
        if reset:
            values.update(source_title="", source_url="", checked_on=None)
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values), "created"
    if reset:
        for field, value in values.items():
            setattr(instance, field, value)
        instance.save()
        return instance, "restored"
    if isinstance(instance, Provenance) and instance.guide_value != values["guide_value"]:
        instance.guide_value = values["guide_value"]
        instance.save(update_fields=["guide_value"])
    return instance, "kept"


def load_careers_guide(*, reset: bool = False) -> dict[str, int]:
    """Load roles, salary bands, hubs, markets, market facts and guide entries."""
    counts = _Counts()

    for position, row in enumerate(read_data("roles.json"), start=1):
        values = {field: row.get(field, _blank(Role, field)) for field in ROLE_FIELDS}
        role, status = _sync(
            Role, {"slug": row["slug"]}, {**values, "sort_order": position}, reset=reset
        )
        counts.add("roles", status)
        for band in row.get("salary_bands", []):
            _, status = _sync(
                SalaryBand,
                {"role": role, "level": band["level"]},
                {key: band[key] for key in ("min_usd", "max_usd", "basis")},
                reset=reset,
            )
            counts.add("salary bands", status)

    hubs = {}
    for position, row in enumerate(read_data("hubs.json"), start=1):
        values = {key: value for key, value in row.items() if key != "slug"}
        hubs[row["slug"]], status = _sync(
            Hub, {"slug": row["slug"]}, {**values, "sort_order": position}, reset=reset
        )
        counts.add("hubs", status)

    for position, row in enumerate(read_data("markets.json"), start=1):
        values = {key: value for key, value in row.items() if key not in ("slug", "hub")}
        values["hub"] = hubs.get(row["hub"]) if row["hub"] else None
        _, status = _sync(
            Market, {"slug": row["slug"]}, {**values, "sort_order": position}, reset=reset
        )
        counts.add("markets", status)

    for position, row in enumerate(read_data("market_facts.json"), start=1):
        values = {key: value for key, value in row.items() if key != "slug"}
        values["value_min"], values["value_max"] = (
            Decimal(row["value_min"]),
            Decimal(row["value_max"]),
        )
        _, status = _sync(
            MarketFact, {"slug": row["slug"]}, {**values, "sort_order": position}, reset=reset
        )
        counts.add("market facts", status)

    # Numbered within each section, so tactics and FAQ entries keep the guide's order.
    positions: dict[str, int] = {}
    for row in read_data("guide_entries.json"):
        positions[row["section"]] = positions.get(row["section"], 0) + 1
        values = {key: value for key, value in row.items() if key != "slug"}
        _, status = _sync(
            GuideEntry,
            {"slug": row["slug"]},
            {**values, "sort_order": positions[row["section"]]},
            reset=reset,
        )
        counts.add("guide entries", status)

    # Our own example notes (not the guide's), each found by its figure and its source.
    for row in read_data("editor_notes.json"):
        content_type = ContentType.objects.get_by_natural_key("careers", row["model"])
        target = content_type.model_class().objects.filter(slug=row["slug"]).first()
        if target is None:
            continue
        values = {key: row[key] for key in ("body", "source_title")}
        values["checked_on"] = datetime.date.fromisoformat(row["checked_on"])
        lookup = {"content_type": content_type, "object_id": target.pk}
        _, status = _sync(
            EditorNote, {**lookup, "source_url": row["source_url"]}, values, reset=reset
        )
        counts.add("editor's notes", status)

    return dict(counts)


def _blank(model: type[models.Model], field_name: str) -> Any:
    field = model._meta.get_field(field_name)
    return None if field.null else field.get_default()
