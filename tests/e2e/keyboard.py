"""Keyboard-only helpers: move with Tab, and know where the focus is."""

from __future__ import annotations

from playwright.sync_api import Page


def focused(page: Page) -> dict:
    """The focused element: its id, tag, classes and text (trimmed)."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {id: el.id, tag: el.tagName.toLowerCase(), classes: el.className,
                    name: el.getAttribute("name") || "", text: (el.textContent || "").trim()};
        }"""
    )


def tab_to(page: Page, selector: str, *, limit: int = 40, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element matching `selector` has the focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{limit} presses of {key} never reached {selector}; at {focused(page)}")


def wait_for_focus(page: Page, selector: str, *, timeout: float = 5_000) -> None:
    """Wait until the element matching `selector` has the focus (e.g. after an htmx swap)."""
    page.wait_for_function(
        "s => document.activeElement && document.activeElement.matches(s)",
        arg=selector,
        timeout=timeout,
    )
