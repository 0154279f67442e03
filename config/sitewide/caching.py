"""Caching on Django's cache framework: content kept per content version, public pages for visitors.

Two mechanisms, both standard:

- ``cached_content(name, build)`` keeps a value derived from content (never from one
  user's data) in the default cache, passing the content version as the cache's
  ``version=``. Every content change bumps the version (``ContentVersion``, in the
  database so every server process sees it), so an edit shows at once. Values are
  pickled by the cache: build plain immutable values (tuples, NamedTuples, frozen
  dataclasses), never model instances.
- ``VisitorPageCacheMiddleware`` keeps whole public pages (views marked with
  ``cached_for_visitors``) for requests that carry no cookies, on Django's own
  ``Vary``-aware cache keys (``get_cache_key`` / ``learn_cache_key``). It sits first in
  ``MIDDLEWARE`` so it sees each response as it leaves: one that sets a cookie (a CSRF
  token was used, a session began) or is marked private is never kept. Keys use the
  URL with only the query parameters the page reads, sorted, so tracking tags and junk
  parameters do not multiply them (a page is only kept from a request without such
  parameters, so no cached link carries them); each path keeps at most
  ``MAX_VARIANTS_PER_PATH`` variants per content version, in a cache alias of its own
  with a bounded size.

Hits and misses are counted per process in ``stats`` (the benchmark reports them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from copy import copy
from typing import TypeVar
from urllib.parse import urlencode

from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_cache_key, learn_cache_key

from .models import ContentVersion

PAGE_CACHE = "pages"
PAGE_TIMEOUT = 600
CONTENT_TIMEOUT = 24 * 60 * 60
MAX_VARIANTS_PER_PATH = 40
MAX_QUERY_CHARS = 400

T = TypeVar("T")

# Per process: "<cache>:hit" / "<cache>:miss" counts, read by the benchmark at worker exit.
stats: Counter = Counter()


# Within a request (``content_version_per_request``), the version read by its first use.
_request_scope: ContextVar[dict | None] = ContextVar("content_version_scope", default=None)


def content_version() -> int:
    """The current content version: one small query, remembered for the rest of a request."""
    scope = _request_scope.get()
    if scope is None:
        return ContentVersion.current()
    if "version" not in scope:
        scope["version"] = ContentVersion.current()
    return scope["version"]


# Inside ``one_content_version_bump``: saves leave the version alone until the block ends.
_bumps_held: ContextVar[bool] = ContextVar("content_version_bumps_held", default=False)


@contextmanager
def one_content_version_bump() -> Iterator[None]:
    """Content written in the block (``load_guide``'s thousand rows) bumps the version once,
    when the block succeeds, instead of once a save."""
    token = _bumps_held.set(True)
    try:
        yield
    finally:
        _bumps_held.reset(token)
    bump_content_version()


def bump_content_version() -> None:
    if _bumps_held.get():
        return
    ContentVersion.bump()
    scope = _request_scope.get()
    if scope is not None:
        scope.pop("version", None)


def content_version_per_request(get_response):
    """Middleware: each request reads the content version at most once, however many cached
    things its page uses; the next request reads it afresh, so an edit shows at once."""

    def middleware(request: HttpRequest) -> HttpResponse:
        token = _request_scope.set({})
        try:
            return get_response(request)
        finally:
            _request_scope.reset(token)

    return middleware


def cached_content(
    name: str, build: Callable[[], T], *, version: int | None = None, timeout: int = CONTENT_TIMEOUT
) -> T:
    """``build()``'s value, kept under ``name`` until the content version changes."""
    version = content_version() if version is None else version
    value = cache.get(name, version=version)
    if value is None:
        stats["content:miss"] += 1
        value = build()
        cache.set(name, value, timeout, version=version)
    else:
        stats["content:hit"] += 1
    return value


def cached_for_visitors(*params: str):
    """Let the page cache keep this view's pages for visitors (see the module docstring).

    ``params``: the query parameters the page reads; one ending in "-" names a prefix
    (a formset's fields). Others are left out of the cache key, so ``?utm_source=x``
    gets the page kept for the bare URL.
    """

    def decorator(view):
        view.visitor_page_params = frozenset(params)
        return view

    return decorator


def _reads(params: frozenset[str], name: str) -> bool:
    return name in params or any(p.endswith("-") and name.startswith(p) for p in params)


def canonical_query(request: HttpRequest, params: frozenset[str]) -> str:
    """The query string with only ``params``, sorted by name (each name's values in order)."""
    kept = sorted((name, values) for name, values in request.GET.lists() if _reads(params, name))
    return urlencode([(name, value) for name, values in kept for value in values])


class VisitorPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        canonical = self._canonical_request(request)
        if canonical is None:
            return self.get_response(request)
        pages = caches[PAGE_CACHE]
        prefix = f"content-{content_version()}"
        # A HEAD is answered from the GET page (without its body), as Django's own does.
        key = get_cache_key(canonical, prefix, "GET", cache=pages)
        response = pages.get(key) if key is not None else None
        if response is not None:
            stats["pages:hit"] += 1
            return response
        stats["pages:miss"] += 1
        response = self.get_response(request)
        if request.method == "GET" and self._clean(request) and self._shareable(response):
            variants = f"variants:{prefix}:{request.path}"
            pages.add(variants, 0, PAGE_TIMEOUT)
            if pages.incr(variants) <= MAX_VARIANTS_PER_PATH:
                key = learn_cache_key(canonical, response, PAGE_TIMEOUT, prefix, cache=pages)
                pages.set(key, response, PAGE_TIMEOUT)
        return response

    @staticmethod
    def _canonical_request(request: HttpRequest) -> HttpRequest | None:
        """The request as the cache sees it, or None when the page cache does not apply."""
        # Any cookie may mean a session (a signed-in user, a flash message) or a CSRF
        # token in the page: personal. Pages vary on Cookie, so this also bounds the keys.
        if request.method not in ("GET", "HEAD") or request.META.get("HTTP_COOKIE"):
            return None
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            return None
        params = getattr(view, "visitor_page_params", None)
        if params is None:
            return None
        query = canonical_query(request, params)
        if len(query) > MAX_QUERY_CHARS:
            return None
        canonical = copy(request)
        canonical.META = {**request.META, "QUERY_STRING": query}
        return canonical

    @staticmethod
    def _clean(request: HttpRequest) -> bool:
        """No query parameter the page does not read: the page links carry no junk."""
        params: frozenset[str] = getattr(
            resolve(request.path_info).func, "visitor_page_params", frozenset()
        )
        return all(_reads(params, name) for name in request.GET)

    @staticmethod
    def _shareable(response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )
