"""Who is asking (the client's address behind trusted proxies) and how often they may ask."""

from __future__ import annotations

import hashlib
import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: the connecting peer, or the entry the first trusted proxy added.

    Each proxy appends the address it was connected from to X-Forwarded-For, so with N
    trusted proxies the client is the N-th entry from the right; entries further left are
    whatever the client chose to send. Without trusted proxies the header is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if len(forwarded) >= count:
            try:
                return str(ipaddress.ip_address(forwarded[-count]))
            except ValueError:
                pass
    return remote


def attempted_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The username a failed login tried, cut to the longest a real one can be.

    What django-axes stores per attempt; a megabyte of junk must not become a megabyte row.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else request.POST
    username = source.get(field)
    if username is None:
        return None
    return str(username)[: get_user_model()._meta.get_field("username").max_length]


def allow(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Count one request for ``key`` in ``scope``; False once ``limit`` were seen in the window.

    Fixed windows in Django's cache: enough to stop floods of sign-ups or reset emails.
    The key is hashed, so any text (an email address) makes a short, safe cache key.
    """
    digest = hashlib.sha256(key.encode()).hexdigest()
    cache_key = f"throttle:{scope}:{digest}"
    cache.add(cache_key, 0, timeout=seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this request starts a new window
        cache.set(cache_key, 1, timeout=seconds)
        count = 1
    return count <= limit
