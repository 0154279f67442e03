"""Whole-page caching of public content pages for visitors who are not signed in.

Keys carry the content version, so an admin edit makes every cached page stale at
once in every server process, without any process having to be told.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.core.cache import cache

from .models import ContentVersion

PAGE_TTL_SECONDS = 600


def _cache_key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    # htmx asks for the whole page when restoring history, so that is a "page" too.
    variant = "htmx" if request.htmx and not request.htmx.history_restore_request else "page"
    return f"page:{ContentVersion.current()}:{variant}:{path}"


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
        key = _cache_key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200:
                cache.set(key, response, PAGE_TTL_SECONDS)
        return response

    return wrapper
