"""The home page's first load: small, self-hosted, and cached for a year once fetched."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e

BUDGET_BYTES = 60_000  # "at most 60 KB compressed in total" (HTML, CSS, JS, icons)
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[a-z0-9]+$")
ONE_YEAR = "max-age=31536000"


@pytest.fixture
def first_load(site_page):
    """The home page loaded in a fresh context: (page, finished requests, bytes on the wire).

    Bytes per URL come from Chromium's own network log (encodedDataLength: headers plus the
    body as transferred, i.e. compressed), summed over every request of the load.
    """
    finished = []
    wire: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp = site_page.context.new_cdp_session(site_page)
    cdp.send("Network.enable")
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: wire.__setitem__(
            urls[e["requestId"]], wire.get(urls[e["requestId"]], 0) + int(e["encodedDataLength"])
        ),
    )
    site_page.on("requestfinished", lambda request: finished.append(request))
    site_page.goto("/", wait_until="networkidle")
    return site_page, [(request, request.response()) for request in finished], wire


def test_it_transfers_at_most_60_kb_compressed(first_load):
    _page, requests, wire = first_load
    listing = "\n".join(f"{size:>7} {url}" for url, size in sorted(wire.items()))

    assert sum(wire.values()) <= BUDGET_BYTES, f"{sum(wire.values())} bytes:\n{listing}"
    # Whitenoise serves pre-compressed copies; an uncompressed script would be a regression.
    for request, response in requests:
        if request.resource_type in {"script", "stylesheet"}:
            assert response.header_value("content-encoding") in {"gzip", "br"}, request.url


def test_it_makes_no_request_to_another_host(first_load, live_site):
    _page, requests, _wire = first_load
    own_host = urlsplit(live_site.url).netloc

    foreign = [request.url for request, _response in requests]
    foreign = [url for url in foreign if urlsplit(url).netloc != own_host]

    assert len(requests) >= 3  # the page, its stylesheet and its scripts at least
    assert foreign == []


def test_it_serves_static_files_with_hashed_names_and_a_year_of_cache(first_load):
    _page, requests, _wire = first_load
    static = [(r, response) for r, response in requests if "/static/" in r.url]

    assert static, "the home page loads no static files?"
    for request, response in static:
        path = urlsplit(request.url).path
        cache_control = response.header_value("cache-control") or ""
        assert HASHED_NAME.search(path), f"{path} has no content hash in its name"
        assert ONE_YEAR in cache_control, f"{path}: Cache-Control {cache_control!r}"
        assert "immutable" in cache_control, f"{path}: Cache-Control {cache_control!r}"


def test_it_loads_without_console_errors(first_load):
    page, requests, _wire = first_load

    assert [r.url for r, response in requests if response.status >= 400] == []
    assert page.errors == []
