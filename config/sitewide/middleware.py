"""Site-wide response policies: browser permissions, private caching, and database faults."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import (
    DatabaseError,
    InterfaceError,
    InternalError,
    OperationalError,
    connection,
    transaction,
)
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views import defaults

log = logging.getLogger(__name__)

Handler = Callable[[HttpRequest], HttpResponse]

RETRY_AFTER_SECONDS = 5
# PostgreSQL's "read-only SQL transaction": a standby, or default_transaction_read_only.
READ_ONLY_SQLSTATE = "25006"


def permissions_policy(get_response: Handler) -> Handler:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def refuse_nul_characters(get_response: Handler) -> Handler:
    """A NUL character has no use in any of our URLs or forms, and PostgreSQL cannot store
    or compare text holding one: refuse it with a 400 before any view runs."""

    def middleware(request: HttpRequest) -> HttpResponse:
        for data in (request.GET, request.POST if request.method == "POST" else {}):
            if any("\x00" in key or "\x00" in value for key, value in data.items()):
                raise BadRequest("The request holds a NUL character.")
        return get_response(request)

    return middleware


def private_when_signed_in(get_response: Handler) -> Handler:
    """A signed-in page shows one person's data: no shared cache or back-button copy keeps it."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        # A response no cache may keep (a 503 of a database fault, /healthz) needs no look at
        # who is signed in: that look reads the session, from a database that may have failed.
        if not is_kept_from_every_cache(response) and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


def is_kept_from_every_cache(response: HttpResponse) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def is_database_unavailable(error: BaseException) -> bool:
    """A fault of the database, not of the request: locked, timed out, read-only, gone."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    cause = error.__cause__
    return isinstance(error, InternalError) and (
        getattr(cause, "sqlstate", None) == READ_ONLY_SQLSTATE
    )


def database_busy_response(request: HttpRequest) -> HttpResponse:
    body = render_to_string("503.html")
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _database_fault_response(request: HttpRequest, error: Exception) -> HttpResponse:
    log.warning("Database unavailable for %s %s: %s", request.method, request.path, error)
    # Closed (outside a transaction) so the next request opens a fresh connection.
    if transaction.get_autocommit():
        connection.close()
    return database_busy_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database fault raised outside a view (a middleware reading the content
    version or the session) is a 503 with Retry-After too; anything else the 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError) and is_database_unavailable(error):
        return _database_fault_response(request, error)
    return defaults.server_error(request)


class DatabaseBusyMiddleware:
    """A request the database cannot serve now ends with 503 and Retry-After, not a 500
    (a fault outside the view reaches ``server_error``, the handler500, instead).

    The connection it failed on is closed (outside a transaction), so the next request
    opens a fresh one: a connection opened during a read-only episode would otherwise
    refuse writes until it aged out.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, DatabaseError) or not is_database_unavailable(exception):
            return None
        return _database_fault_response(request, exception)
