"""Loads the careers part of the guide (careers/data/*.json) into the database for load_guide.

Rows are matched by slug (salary bands by role and level). A missing row is created; an
existing one is brought up to date field by field where staff have not edited it
(``config.sitewide.loading``), unless ``reset`` asks for the guide's values everywhere.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType

from config.sitewide.loading import LoadReport, ModelT, blank_value, sync_row
from config.sitewide.provenance import Provenance

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
    model: type[ModelT],
    lookup: dict[str, Any],
    values: dict[str, Any],
    *,
    reset: bool,
    report: LoadReport,
) -> tuple[ModelT, str]:
    """``sync_row``; a reset also takes away the editor's source of a row's figures."""
    owned: dict[str, Any] = {}
    if issubclass(model, Provenance) and reset:
        owned.update(source_title="", source_url="", checked_on=None)
    return sync_row(model, lookup, values, reset=reset, report=report, loader_owned=owned)


def load_careers_guide(*, reset: bool = False, report: LoadReport | None = None) -> dict[str, int]:
    """Load roles, salary bands, hubs, markets, market facts and guide entries."""
    counts = _Counts()
    report = report or LoadReport()
    sync = partial(_sync, report=report)

    for position, row in enumerate(read_data("roles.json"), start=1):
        values = {field: row.get(field, blank_value(Role, field)) for field in ROLE_FIELDS}
        role, status = sync(
            Role, {"slug": row["slug"]}, {**values, "sort_order": position}, reset=reset
        )
        counts.add("roles", status)
        for band in row.get("salary_bands", []):
            _, status = sync(
                SalaryBand,
                {"role": role, "level": band["level"]},
                {key: band[key] for key in ("min_usd", "max_usd", "basis")},
                reset=reset,
            )
            counts.add("salary bands", status)

    hubs = {}
    for position, row in enumerate(read_data("hubs.json"), start=1):
        values = {key: value for key, value in row.items() if key != "slug"}
        hubs[row["slug"]], status = sync(
            Hub, {"slug": row["slug"]}, {**values, "sort_order": position}, reset=reset
        )
        counts.add("hubs", status)

    for position, row in enumerate(read_data("markets.json"), start=1):
        values = {key: value for key, value in row.items() if key not in ("slug", "hub")}
        values["hub"] = hubs.get(row["hub"]) if row["hub"] else None
        _, status = sync(
            Market, {"slug": row["slug"]}, {**values, "sort_order": position}, reset=reset
        )
        counts.add("markets", status)

    for position, row in enumerate(read_data("market_facts.json"), start=1):
        values = {key: value for key, value in row.items() if key != "slug"}
        values["value_min"], values["value_max"] = (
            Decimal(row["value_min"]),
            Decimal(row["value_max"]),
        )
        _, status = sync(
            MarketFact, {"slug": row["slug"]}, {**values, "sort_order": position}, reset=reset
        )
        counts.add("market facts", status)

    # Numbered within each section, so tactics and FAQ entries keep the guide's order.
    positions: dict[str, int] = {}
    for row in read_data("guide_entries.json"):
        positions[row["section"]] = positions.get(row["section"], 0) + 1
        values = {key: value for key, value in row.items() if key != "slug"}
        _, status = sync(
            GuideEntry,
            {"slug": row["slug"]},
            {**values, "sort_order": positions[row["section"]]},
            reset=reset,
        )
        counts.add("guide entries", status)

    # Our own example notes (not the guide's), each found by its figure and its source.
    for row in read_data("editor_notes.json"):
        content_type = ContentType.objects.get_by_natural_key("careers", row["model"])
        target = content_type.get_all_objects_for_this_type(slug=row["slug"]).first()
        if target is None:
            continue
        values = {key: row[key] for key in ("body", "source_title")}
        values["checked_on"] = datetime.date.fromisoformat(row["checked_on"])
        lookup = {"content_type": content_type, "object_id": target.pk}
        _, status = sync(
            EditorNote, {**lookup, "source_url": row["source_url"]}, values, reset=reset
        )
        counts.add("editor's notes", status)

    report.save()
    return dict(counts)
