"""Measurements of how a page lays out in the browser: chart text size, table widths, header.

Used by test_layout.py and, as a before/after report for a change to the layout, by
`python -m tests.e2e.layout` (starts its own live site; prints one line per page and width).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from playwright.sync_api import Page

from tests.e2e.pages import PAGES, PageSpec

# The pages with charts or wide tables (issue 16); names from pages.PAGES.
LAYOUT_PAGES = (
    "home",
    "roles",
    "role",
    "compare",
    "hubs",
    "hub",
    "salaries",
    "offers-compared",
    "paths",
    "path",
    "assessment-result",
    "progress",
)

# Rendered size = the text's font size times the scale from its user space to the screen, so
# a 12px label in an SVG shrunk to half its drawn width counts as 6 px.
_MEASURE = """
() => {
  const visible = (el) => el.getClientRects().length > 0;
  const texts = [...document.querySelectorAll("main svg text")].filter(visible);
  const sizes = texts.map((text) => {
    const matrix = text.getScreenCTM();
    const scale = Math.hypot(matrix.a, matrix.b);
    return parseFloat(getComputedStyle(text).fontSize) * scale;
  });
  const tables = [...document.querySelectorAll("main table")].filter(visible).map((table) => {
    const box = table.parentElement;
    return {
      caption: (table.caption ? table.caption.textContent : "").trim().slice(0, 40),
      width: Math.round(table.getBoundingClientRect().width),
      room: Math.round(box.clientWidth),
    };
  });
  const header = document.querySelector(".site-header");
  return {
    chartTextMin: sizes.length ? Math.min(...sizes) : null,
    chartTexts: sizes.length,
    tables: tables,
    headerHeight: header ? Math.round(header.getBoundingClientRect().height) : null,
    pageWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  };
}
"""


@dataclass(frozen=True)
class Layout:
    chart_text_min: float | None
    chart_texts: int
    tables: list[dict]
    header_height: int | None
    page_width: int
    viewport: int

    @property
    def tables_too_wide(self) -> list[dict]:
        return [table for table in self.tables if table["width"] > table["room"]]

    @property
    def widest_table(self) -> dict | None:
        return max(self.tables, key=lambda table: table["width"] - table["room"], default=None)


def open_details(page: Page) -> None:
    """Open every disclosure in the main content, so the tables behind charts are measured."""
    page.evaluate("() => document.querySelectorAll('main details').forEach(d => d.open = true)")


def measure(page: Page) -> Layout:
    data = page.evaluate(_MEASURE)
    return Layout(
        chart_text_min=data["chartTextMin"],
        chart_texts=data["chartTexts"],
        tables=data["tables"],
        header_height=data["headerHeight"],
        page_width=data["pageWidth"],
        viewport=data["viewport"],
    )


def admin_paths(client) -> list[str]:
    """The admin's index, every model's list and the first object's change page of each."""
    index = client.get("/admin/").text
    lists = sorted(set(re.findall(r'href="(/admin/\w+/\w+/)"', index)))
    paths = ["/admin/"]
    for listing in lists:
        paths.append(listing)
        first = re.search(rf'href="({re.escape(listing)}\d+/change/)', client.get(listing).text)
        if first:
            paths.append(first.group(1))
    return paths


def layout_specs() -> list[PageSpec]:
    by_name = {spec.name: spec for spec in PAGES}
    return [by_name[name] for name in LAYOUT_PAGES]


def _report() -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, WIDTHS, new_page
    from tests.e2e.live_site import LiveSite

    site = LiveSite.create(label="layout", workers=2)
    try:
        site.prepare()
        site.start()
        specs = layout_specs()
        users = sorted({spec.username for spec in specs if spec.username})
        sessions = site.create_users(users, sessions=True)
        sessions.update(site.create_users(["editor"], staff=True, superuser=True, sessions=True))
        editor = site.client()
        editor.set_cookie("sessionid", sessions["editor"])
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for spec in specs:
                path = spec.resolve(site)
                for width in (360, 390, 1280):
                    state = None
                    if spec.username:
                        state = {
                            "cookies": [
                                {
                                    "name": "sessionid",
                                    "value": sessions[spec.username],
                                    "url": site.url,
                                }
                            ],
                            "origins": [],
                        }
                    page = new_page(browser, site.url, width=1280, storage_state=state)
                    page.set_viewport_size({**WIDTHS[1280], "width": width})
                    page.goto(path)
                    open_details(page)
                    layout = measure(page)
                    widest = layout.widest_table
                    text = "-" if layout.chart_text_min is None else f"{layout.chart_text_min:.1f}"
                    table = (
                        f"{widest['width']}/{widest['room']} ({widest['caption']!r})"
                        if widest
                        else "-"
                    )
                    print(
                        f"{spec.name:18} {width:5}px  chart text min {text:>5}px"
                        f" ({layout.chart_texts} texts)  widest table/room {table}"
                        f"  header {layout.header_height}px  page {layout.page_width}px",
                        flush=True,
                    )
                    page.context.close()
            state = {
                "cookies": [{"name": "sessionid", "value": sessions["editor"], "url": site.url}],
                "origins": [],
            }
            page = new_page(browser, site.url, width=1280, storage_state=state)
            for path in admin_paths(editor):
                response = page.goto(path)
                favicon = page.evaluate("() => !!document.querySelector('link[rel~=icon]')")
                print(
                    f"admin {path:48} 1280px  page {measure(page).page_width}px"
                    f"  status {response.status}  icon {favicon}",
                    flush=True,
                )
            page.context.close()
            browser.close()
    finally:
        site.close()


if __name__ == "__main__":
    sys.exit(_report())
