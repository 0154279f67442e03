"""Where the apps plug into the site-wide features and into careers' pages, so neither the
platform nor careers imports assessments or interviews.

The registries:
- content models: editable by the "Content editors" group, and any change to them
  invalidates the cached public pages;
- guide loaders: called by ``manage.py load_guide`` in registration order;
- data exporters: each contributes a section to the user's "Download my data" file;
- user data links: fields of users' own rows that point at content, so content they
  point at is never deleted from under them (``config.sitewide.user_data_admin``);
- personal panels: what another app knows about the signed-in user, shown on a careers
  page (the home page's "today", a role page's "you and this role", an application's page);
- digest sections and calendar entries: what another app reminds the member of, in the
  e-mail digest and the private calendar feed (``careers.reminders``);
- account erasers: called inside the account deletion's transaction, before the user row
  goes, for the user's rows that plain cascades cannot delete (their own questions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from django.db import models

ContentLoader = Callable[..., dict[str, int]]
DataExporter = Callable[[Any], Any]
AccountEraser = Callable[..., None]

content_models: list[type[models.Model]] = []
guide_loaders: list[tuple[str, ContentLoader]] = []
data_exporters: dict[str, DataExporter] = {}
user_data_links: list[tuple[type[models.Model], str]] = []
account_erasers: list[AccountEraser] = []


class Panel(NamedTuple):
    """A template (drawn with `context`) and its place among the page's panels."""

    order: int
    template: str
    context: dict[str, Any]


PanelProvider = Callable[..., "Panel | None"]
PANEL_PLACES = ("home", "role", "application")
panel_providers: dict[str, list[PanelProvider]] = {place: [] for place in PANEL_PLACES}


def register_content_model(*model_classes: type[models.Model]) -> None:
    for model_class in model_classes:
        if model_class not in content_models:
            content_models.append(model_class)


def register_guide_loader(name: str, loader: ContentLoader) -> None:
    """``loader(*, reset: bool, report: LoadReport)`` loads one app's data files through
    ``config.sitewide.loading.sync_row`` and returns counts by kind."""
    if name not in dict(guide_loaders):
        guide_loaders.append((name, loader))


def register_data_exporter(section: str, exporter: DataExporter) -> None:
    """``exporter(user)`` returns JSON-serialisable data about that user only.

    A section that grows with the member's history should be an iterator (a generator) of
    rows, or a dict of them: the file is streamed, and an iterator is read only as it is
    written. The first line of the exporter's docstring says what the section holds, in the
    file's "about" section.
    """
    data_exporters[section] = exporter


def register_user_data_links(model_class: type[models.Model], *field_names: str) -> None:
    """``model_class`` holds users' data; each named field (FK or M2M) points at content."""
    for name in field_names:
        if (model_class, name) not in user_data_links:
            user_data_links.append((model_class, name))


def register_account_eraser(eraser: AccountEraser) -> None:
    """``eraser(*, user)`` deletes what of the user's data a cascade from the user cannot."""
    if eraser not in account_erasers:
        account_erasers.append(eraser)


def register_personal_panel(place: str, provider: PanelProvider) -> None:
    """``provider(*, user, now, **subject)`` returns a Panel, or None when it has nothing to say.

    "home" providers get no subject; "role" providers get ``role``, and ``path_slug`` on the
    page of a transition path into that role; "application" providers get ``application``.
    """
    if provider not in panel_providers[place]:
        panel_providers[place].append(provider)


def personal_panels(place: str, *, user, now, **subject) -> list[Panel]:
    """The panels every app has for this user at this place, in their order."""
    panels = (provider(user=user, now=now, **subject) for provider in panel_providers[place])
    return sorted((panel for panel in panels if panel is not None), key=lambda panel: panel.order)


class DigestSection(NamedTuple):
    """A part of the e-mail digest: a heading, one line per thing to do, and where to do it."""

    order: int
    title: str
    lines: tuple[str, ...]
    path: str  # a path of this site; the digest makes it a whole address


class CalendarEntry(NamedTuple):
    """One event of the private calendar feed; ``uid`` stays the same across fetches."""

    uid: str
    summary: str
    starts: Any  # a date for an all-day event, an aware datetime otherwise
    ends: Any
    description: str
    path: str


DigestProvider = Callable[..., "DigestSection | None"]
CalendarProvider = Callable[..., "list[CalendarEntry]"]
digest_providers: list[DigestProvider] = []
calendar_providers: list[CalendarProvider] = []


def register_digest_section(provider: DigestProvider) -> None:
    """``provider(*, user, now)`` returns a DigestSection, or None when nothing is due."""
    if provider not in digest_providers:
        digest_providers.append(provider)


def register_calendar_entries(provider: CalendarProvider) -> None:
    """``provider(*, user, now)`` returns the member's CalendarEntry list (maybe empty)."""
    if provider not in calendar_providers:
        calendar_providers.append(provider)
