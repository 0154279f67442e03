"""The user's "Download my data" file: every app's section, streamed as it is read.

Each app's exporter (``registry.register_data_exporter``) returns its section: plain JSON
data, or an iterator (a generator) of rows, or a dict of either. Iterators are written row by
row as the rows are read, so the file takes the same memory whatever the member's history.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from . import registry
from .accounts import login_history


def _about() -> dict[str, str]:
    """What each section holds: the first line of its exporter's docstring."""
    about = {
        "account": "Your username, e-mail address and when you joined and last signed in.",
        "login_history": "Each sign-in: when, from which address and browser.",
    }
    for section, exporter in registry.data_exporters.items():
        summary = (exporter.__doc__ or "").strip().split("\n")[0]
        about[section] = summary or f"Your {section.replace('_', ' ')}."
    return about


def user_data(user) -> dict[str, Any]:
    """Everything the app stores about one user, from every app that registered a section.

    Sections that are iterators are read only as the file is written (``stream_user_data``).
    """
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "about": _about(),
        "account": {
            "username": user.username,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "login_history": login_history(user),
    }
    for section, exporter in registry.data_exporters.items():
        data[section] = exporter(user)
    return data


CHUNK_CHARS = 64 * 1024


def _json_pieces(value: Any, depth: int = 0) -> Iterator[str]:
    """``value`` as indented JSON, in pieces: dicts key by key, iterators row by row (each row
    is plain JSON data); anything else in one piece."""
    inner = "\n" + "  " * (depth + 1)
    if isinstance(value, dict) and value:
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield ("," if index else "") + inner + json.dumps(key) + ": "
            yield from _json_pieces(item, depth + 1)
        yield "\n" + "  " * depth + "}"
    elif isinstance(value, Iterator):
        yield "["
        empty = True
        for row in value:
            yield ("" if empty else ",") + inner + json.dumps(row, cls=DjangoJSONEncoder)
            empty = False
        yield "]" if empty else "\n" + "  " * depth + "]"
    else:
        yield json.dumps(value, cls=DjangoJSONEncoder)


def stream_user_data(user) -> Iterator[bytes]:
    """The "Download my data" file as UTF-8 JSON, in chunks of about 64 KB as it is read."""
    pieces: list[str] = []
    size = 0
    for piece in _json_pieces(user_data(user)):
        pieces.append(piece)
        size += len(piece)
        if size >= CHUNK_CHARS:
            yield "".join(pieces).encode()
            pieces, size = [], 0
    pieces.append("\n")
    yield "".join(pieces).encode()
