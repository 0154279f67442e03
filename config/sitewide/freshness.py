"""The editors' freshness dashboard: what to check next, gathered from every app.

Apps register sections (``register_freshness_section``); the admin page draws them in order.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

# A fact checked longer ago than this is due for another look.
REVIEW_AGE = datetime.timedelta(days=180)


@dataclass(frozen=True)
class Item:
    label: str
    detail: str
    admin_url: str


@dataclass(frozen=True)
class Section:
    title: str
    explanation: str
    items: tuple[Item, ...]


SectionBuilder = Callable[[datetime.date], Section]
sections: list[SectionBuilder] = []


def register_freshness_section(builder: SectionBuilder) -> SectionBuilder:
    if builder not in sections:
        sections.append(builder)
    return builder


def dashboard(today: datetime.date) -> list[Section]:
    return [build(today) for build in sections]


def change_url(obj) -> str:
    """The admin page where an editor fixes this object."""
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def review_cutoff(today: datetime.date) -> datetime.date:
    """Facts checked before this day are past the review age."""
    return today - REVIEW_AGE
