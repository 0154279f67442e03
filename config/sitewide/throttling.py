"""Who is asking (the client's address behind trusted proxies) and how often they may ask."""

from __future__ import annotations

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import ThrottleCount


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

    Fixed windows of ``seconds``, counted in the database so that every worker and every
    server shares one count (a per-process cache would allow ``limit`` per process). The
    key is stored as a keyed hash (with the secret key, which every server shares), so any
    text makes a short row and no address or email can be guessed back from the table.
    Inside a caller's transaction the count is part of it (rolled back with it).
    """
    digest = salted_hmac("throttling.allow", key, algorithm="sha256").hexdigest()
    now = timezone.now()
    counts = ThrottleCount.objects.filter(scope=scope, digest=digest)
    # A flood past the limit is refused on a plain read: no write, no lock taken.
    if counts.filter(count__gt=limit, window_ends_at__gt=now).exists():
        return False
    # The row lock (PostgreSQL) or the write transaction (SQLite's IMMEDIATE mode) makes
    # read-and-count one step, so concurrent requests never both take the last place.
    with transaction.atomic():
        counter, created = ThrottleCount.objects.select_for_update().get_or_create(
            scope=scope,
            digest=digest,
            defaults={"count": 1, "window_ends_at": now + timedelta(seconds=seconds)},
        )
        if created:
            return counter.count <= limit
        if counter.window_ends_at <= now:
            counter.count, counter.window_ends_at = 1, now + timedelta(seconds=seconds)
        elif counter.count <= limit:
            counter.count += 1
        else:
            return False
        counter.save(update_fields=["count", "window_ends_at"])
    return counter.count <= limit
