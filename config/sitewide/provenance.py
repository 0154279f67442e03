"""Where an editable figure or passage comes from: the guide, or a named source checked on a date.

One rule (``source_of``) decides the label every page shows beside such a figure: "(guide)"
only while the row still holds the guide's value, otherwise "(source, date)".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format


def _plain(value: Any) -> Any:
    # JSON keeps numbers and text; a Decimal is kept as its shortest text, so the data
    # file's 85 and the database's 85.0 are the same figure.
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value


class Provenance(models.Model):
    """Source fields for a content model. Subclasses name the fields the guide gives.

    ``guide_value`` holds the guide's own values of those fields, written by ``load_guide``
    from the data files; editors never edit it.
    """

    FACT_FIELDS: tuple[str, ...] = ()

    source_title = models.CharField(
        "source",
        max_length=200,
        blank=True,
        help_text="Leave blank while this holds the guide's value; "
        "name the source when you change it.",
    )
    source_url = models.URLField(
        "source address", max_length=500, blank=True, help_text="Where the source is published."
    )
    checked_on = models.DateField(
        "checked on", null=True, blank=True, help_text="When an editor last checked the source."
    )
    guide_value = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def facts(self) -> dict[str, Any]:
        return {field: _plain(getattr(self, field)) for field in self.FACT_FIELDS}

    def holds_guide_value(self) -> bool:
        return self.guide_value is not None and self.facts() == self.guide_value

    def states_figures(self) -> bool:
        """Whether the row gives any figure at all: one with none has nothing to source."""
        return any(value not in (None, "") for value in self.facts().values())

    def changes_figures(self) -> bool:
        """Whether this save changes a figure (a new row gives its figures for the first time).

        Only a change needs its source: the loader's update of another field, or an edit of a
        row changed before sources were asked for, is not refused for a source nobody gave."""
        if self.pk is None:
            return True
        stored = type(self)._default_manager.filter(pk=self.pk).values(*self.FACT_FIELDS).first()
        if stored is None:
            return True
        return {field: _plain(value) for field, value in stored.items()} != self.facts()

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.checked_on and self.checked_on > timezone.localdate():
            errors["checked_on"] = "This date is in the future: give the day you checked it."
        if self.states_figures() and not self.holds_guide_value() and self.changes_figures():
            if not self.source_title.strip():
                errors["source_title"] = (
                    "This no longer holds the guide's value: name the source of the new one."
                )
            if not self.checked_on:
                errors.setdefault("checked_on", "Give the day you checked the source.")
        if errors:
            raise ValidationError(errors)


def guide_facts(model: type[Provenance], values: dict[str, Any]) -> dict[str, Any]:
    """The guide's values of a model's facts, from a data file's row, as ``guide_value``."""
    return {field: _plain(values[field]) for field in model.FACT_FIELDS}


@dataclass(frozen=True)
class Source:
    """What a page says about where a figure comes from."""

    from_guide: bool
    title: str = ""
    url: str = ""
    checked_on: datetime.date | None = None

    @property
    def date_text(self) -> str:
        return f", {date_format(self.checked_on, 'j M Y')}" if self.checked_on else ""

    @property
    def label(self) -> str:
        if self.from_guide:
            return "guide"
        return f"{self.title or 'ours'}{self.date_text}"


GUIDE = Source(from_guide=True)


def source_of(obj: Provenance) -> Source:
    """The one rule for a figure's label: the guide's while it holds the guide's value."""
    if obj.holds_guide_value():
        return GUIDE
    return Source(
        from_guide=False, title=obj.source_title, url=obj.source_url, checked_on=obj.checked_on
    )
