"""Fixtures for tests against the live site: gunicorn in production mode and Chromium.

- `live_site` (session): a fresh database (temp SQLite, or a new database on DATABASE_URL's
  PostgreSQL server), migrated, guide loaded, static files collected, gunicorn with 4 workers.
  `live_site.url`, `.create_users([...])`, `.run_django(code, **data)`, `.client()`.
- `chromium` (package): the distribution's Chromium, started once for the browser tests (a
  start costs 1.5 s of CPU) and stopped after the last of them. Not session-scoped on purpose:
  Playwright's sync API keeps an asyncio loop "running" in this thread while it is started, and
  Django then refuses database access in the ordinary tests that run after it in the same
  process (SynchronousOnlyOperation). For the same reason do not use pytest-playwright's
  `page`/`context`/`browser` fixtures here.
- `open_page(scheme=, width=, user=, javascript=)`: a new context and page per call.
- `site_page`, `no_js_page`: the common cases of `open_page`.
- `member`: a fresh signed-up user (name) per test; `member_page`: a page signed in as one;
  `client_for(name)`: an HttpClient signed in as that user; `unique_name("prefix")`.
- `_no_server_errors` (autouse): a test fails if the server logged a traceback meanwhile.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, WIDTHS, new_page, require_chromium
from tests.e2e.live_site import PASSWORD, HttpClient, LiveSite
from tests.e2e.pages import PERSONAS

_names = itertools.count(1)


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Iterator[LiveSite]:
    site = LiveSite.create(label="e2e", workdir=tmp_path_factory.mktemp("live-site"), workers=4)
    try:
        site.prepare()
        site.start()
        yield site
    finally:
        site.close()


@pytest.fixture(autouse=True)
def _no_server_errors(live_site) -> Iterator[None]:
    # A 500 can hide behind a friendly error page; the server's log cannot.
    mark = live_site.log_mark()
    yield
    new_lines = live_site.log(tail=200, since=mark)
    assert "Traceback" not in new_lines, f"the server logged an error:\n{new_lines}"


@pytest.fixture(scope="session")
def auditors(live_site) -> list[str]:
    """The users pages.PAGES are opened as (pages.PERSONAS), created once per live site."""
    live_site.create_users(PERSONAS)
    return PERSONAS


@pytest.fixture(scope="session")
def unique_name() -> Callable[[str], str]:
    """unique_name("alice") → "alice-3": users made by one test never meet another test's."""
    return lambda prefix: f"{prefix}-{next(_names)}"


@pytest.fixture(scope="session")
def _sessions() -> dict[str, str]:
    """Session keys of users created already signed in (see `member`)."""
    return {}


@pytest.fixture(scope="session")
def _members(live_site, unique_name, _sessions) -> Callable[[], str]:
    # Users are made 16 at a time: each batch is one Django start-up in a subprocess.
    pool: list[str] = []

    def take() -> str:
        if not pool:
            names = [unique_name("member") for _ in range(16)]
            _sessions.update(live_site.create_users(names, sessions=True))
            pool.extend(reversed(names))
        return pool.pop()

    return take


@pytest.fixture
def member(_members) -> str:
    """A signed-up user of this test alone, with an empty profile; password live_site.PASSWORD."""
    return _members()


@pytest.fixture(scope="session")
def storage_state_for(live_site, _sessions) -> Callable[[str], dict]:
    """Browser storage state of a signed-in user (cached per user).

    Users from `member` already have a session; anyone else signs in through the login form.
    """
    cache: dict[str, dict] = {}

    def state(username: str) -> dict:
        if username not in cache:
            cookies = {"sessionid": _sessions[username]} if username in _sessions else None
            if cookies is None:
                client = live_site.client()
                client.login(username, PASSWORD)
                cookies = {cookie.name: cookie.value for cookie in client.cookies}
            cache[username] = {
                "cookies": [
                    {
                        "name": name,
                        "value": value,
                        "domain": "127.0.0.1",
                        "path": "/",
                        "expires": -1,
                        "httpOnly": True,
                        "secure": False,
                        "sameSite": "Lax",
                    }
                    for name, value in cookies.items()
                ],
                "origins": [],
            }
        return cache[username]

    return state


@pytest.fixture(scope="session")
def client_for(live_site, _sessions) -> Callable[[str], HttpClient]:
    """client_for(username) → an HttpClient signed in as that user (no browser needed)."""

    def client(username: str) -> HttpClient:
        http = live_site.client()
        if username in _sessions:
            http.set_cookie("sessionid", _sessions[username])
        else:
            http.login(username, PASSWORD)
        return http

    return client


@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def tab_for(chromium, live_site, storage_state_for) -> Iterator[Callable[[str | None], Page]]:
    """tab_for(username or None) → that user's one tab, reset as a new tab starts (light,
    1280 px, no errors yet), for a module that walks many pages: a person goes from page to
    page in one tab, and a fresh context per page cost 0.6 s more (a new renderer)."""
    tabs: dict[str | None, Page] = {}

    def tab(username: str | None) -> Page:
        if username not in tabs:
            state = storage_state_for(username) if username else None
            tabs[username] = new_page(chromium, live_site.url, storage_state=state)
        page = tabs[username]
        page.set_viewport_size(WIDTHS[1280])
        page.emulate_media(color_scheme="light")
        page.errors.clear()
        return page

    yield tab
    for page in tabs.values():
        page.context.close()


@pytest.fixture
def open_page(chromium, live_site, storage_state_for) -> Iterator[Callable[..., Page]]:
    """open_page(scheme="light", width=1280, user=None, javascript=True) → a fresh Page.

    Each call gets its own context (no shared cache or cookies); `user` signs it in.
    """
    pages: list[Page] = []

    def open_(
        *, scheme: str = "light", width: int = 1280, user: str | None = None, javascript=True
    ) -> Page:
        page = new_page(
            chromium,
            live_site.url,
            scheme=scheme,
            width=width,
            storage_state=storage_state_for(user) if user else None,
            javascript=javascript,
        )
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.context.close()


@pytest.fixture
def site_page(open_page) -> Page:
    """An anonymous visitor, light scheme, 1280 px wide, JavaScript on."""
    return open_page()


@pytest.fixture
def no_js_page(open_page) -> Page:
    """An anonymous visitor with JavaScript disabled: every page must still work."""
    return open_page(javascript=False)


@pytest.fixture
def member_page(open_page, member) -> Page:
    """A page signed in as `member`."""
    return open_page(user=member)
