"""Where the other apps plug into features careers owns, so careers never imports them.

Three registries:
- content models: editable by the "Content editors" group, and any change to them
  invalidates the cached public pages;
- guide loaders: called by ``manage.py load_guide`` in registration order;
- data exporters: each contributes a section to the user's "Download my data" file.
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
