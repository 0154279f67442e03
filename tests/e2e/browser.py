"""Chromium for the browser tests: where it is, how it starts, and pages in their own contexts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {
    360: {"width": 360, "height": 740},
    390: {"width": 390, "height": 844},  # a current phone
    1280: {"width": 1280, "height": 800},
    1366: {"width": 1366, "height": 768},  # the commonest laptop screen
}
SCHEMES = ("light", "dark")
TIMEOUT_MS = 15_000


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests.", pytrace=False)
    pytest.skip(reason)


def new_page(
    browser: Browser,
    base_url: str,
    *,
    scheme: str = "light",
    width: int = 1280,
    storage_state: dict | None = None,
    javascript: bool = True,
) -> Page:
    """A page in a context of its own (close it with page.context.close()).

    The page collects console errors and uncaught exceptions in `page.errors` (a CSP
    violation is one of them).
    """
    context = browser.new_context(
        base_url=base_url,
        color_scheme=scheme,
        viewport=WIDTHS[width],
        java_script_enabled=javascript,
        storage_state=storage_state,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []

    def on_console(message) -> None:
        # A 404 page's own status shows up as a console error; that one is expected.
        if message.type == "error" and message.location.get("url") != page.url:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    return page
