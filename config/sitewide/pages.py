"""The one way a view answers with a page or, when htmx asks, a named partial of it."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django_htmx.middleware import HtmxDetails

# The request headers that change which of the two a URL answers with.
HTMX_VARY = ("HX-Request", "HX-History-Restore-Request")


class HtmxHttpRequest(HttpRequest):
    """The request a view sees behind django-htmx's middleware, as its documentation types it."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    """The request a ``@login_required`` view sees: its user is signed in."""

    user: User


def wants_partial(request: HtmxHttpRequest) -> bool:
    """htmx swapping part of the page; restoring history after a cache miss needs it whole."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_page(
    request: HtmxHttpRequest, template: str, context: dict, *, partial: str = "", status: int = 200
) -> HttpResponse:
    """``template`` whole, or its ``{% partialdef partial %}`` when htmx asks for a swap.

    The same URL answers both, so the response varies on the htmx headers: browsers and
    the page cache keep the two apart.
    """
    name = f"{template}#{partial}" if partial and wants_partial(request) else template
    response = render(request, name, context, status=status)
    if partial:
        patch_vary_headers(response, HTMX_VARY)
    return response
