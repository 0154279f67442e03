"""Whole-page caching of public content pages for visitors who are not signed in.

Keys carry the content version, so an admin edit makes every cached page stale at
once in every server process, without any process having to be told.

A hit costs one tiny query (the version, read on every request: that is what makes an
edit show at once everywhere) and one cache read of the page's bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.core.cache import cache
from django.http import HttpResponse

from .models import ContentVersion

PAGE_TTL_SECONDS = 600

T = TypeVar("T")


def content_version() -> int:
    """The current content version, read from the database on every call."""
    return ContentVersion.current()


# name -> (content version, value); see content_cached.
_content_values: dict[str, tuple[int, object]] = {}


def content_cached(name: str, build: Callable[[], T], *, version: int | None = None) -> T:
    """``build()``'s result, kept in this process until the content version changes.

    For data derived from content models only (never from one user's data): every
    content change bumps the version, so the next call anywhere rebuilds it. The value is
    kept as the object itself, not a copy (a copy costs an unpickling on every request),
    so callers must not change it.
    """
    version = content_version() if version is None else version
    kept = _content_values.get(name)
    if kept is not None and kept[0] == version:
        return kept[1]
    value = build()
    if value is not None:
        _content_values[name] = (version, value)
    return value


def forget_content_values() -> None:
    """Drop every kept value (for tests, whose rolled-back content reuses version numbers)."""
    _content_values.clear()


def fingerprint(value: object) -> str:
    """A cache key for a rendered fragment, from everything it is drawn from.

    ``value`` must be made of plain data with a faithful ``repr`` (numbers, strings, dates,
    tuples, dataclasses): equal fingerprints then mean the fragment renders the same.
    """
    return hashlib.sha256(repr(value).encode()).hexdigest()


def _cache_key(request, version: int) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    # htmx asks for the whole page when restoring history, so that is a "page" too.
    variant = "htmx" if request.htmx and not request.htmx.history_restore_request else "page"
    return f"page:{version}:{variant}:{path}"


def _frozen(response: HttpResponse) -> tuple[int, list[tuple[str, str]], bytes]:
    """What a cache entry holds: status, headers and body (cheaper to store than the response)."""
    return response.status_code, list(response.headers.items()), response.content


def _thawed(entry: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, content = entry
    return HttpResponse(content, status=status, headers=dict(headers))


def cached_for_visitors(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # Signed-in pages and pending flash messages are personal: never shared.
        if (
            request.method != "GET"
            or request.user.is_authenticated
            or request.session.get("_messages")
        ):
            return view(request, *args, **kwargs)
        key = _cache_key(request, content_version())
        entry = cache.get(key)
        if entry is not None:
            return _thawed(entry)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, _frozen(response), PAGE_TTL_SECONDS)
        return response

    return wrapper
