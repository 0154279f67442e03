"""Where the other apps plug into features careers owns, so careers never imports them.

Four registries:
- content models: editable by the "Content editors" group, and any change to them
  invalidates the cached public pages;
- guide loaders: called by ``manage.py load_guide`` in registration order;
- data exporters: each contributes a section to the user's "Download my data" file;
- user data links: fields of users' own rows that point at content, so content they
  point at is never deleted from under them (``careers.content_admin``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

ContentLoader = Callable[..., dict[str, int]]
DataExporter = Callable[[Any], Any]

content_models: list[type[models.Model]] = []
guide_loaders: list[tuple[str, ContentLoader]] = []
data_exporters: dict[str, DataExporter] = {}
user_data_links: list[tuple[type[models.Model], str]] = []


def register_content_model(*model_classes: type[models.Model]) -> None:
    for model_class in model_classes:
        if model_class not in content_models:
            content_models.append(model_class)


def register_guide_loader(name: str, loader: ContentLoader) -> None:
    """``loader(*, reset: bool)`` loads one app's data files and returns counts by kind."""
    if name not in dict(guide_loaders):
        guide_loaders.append((name, loader))


def register_data_exporter(section: str, exporter: DataExporter) -> None:
    """``exporter(user)`` returns JSON-serialisable data about that user only."""
    data_exporters[section] = exporter


def register_user_data_links(model_class: type[models.Model], *field_names: str) -> None:
    """``model_class`` holds users' data; each named field (FK or M2M) points at content."""
    for name in field_names:
        if (model_class, name) not in user_data_links:
            user_data_links.append((model_class, name))
