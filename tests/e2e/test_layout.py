"""Phone-first layout: chart text, tables, the header and its menu, the admin's width."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.e2e.browser import SCHEMES, WIDTHS
from tests.e2e.keyboard import focused, tab_to
from tests.e2e.layout import admin_paths, layout_specs, measure, open_details

pytestmark = pytest.mark.e2e

HEADER_MAX_PX = 64
CHART_TEXT_MIN_PX = 12


@pytest.fixture(scope="module")
def loaded(live_site, tab_for, auditors):
    """load(spec) → page: one page per spec, resized and recoloured for each run."""
    current: dict[str, object] = {}

    def load(spec):
        if spec.name not in current:
            current.clear()
            page = tab_for(spec.username)
            path = spec.resolve(live_site)
            assert path, f"{spec.name}: no page found"
            assert page.goto(path).status == 200
            open_details(page)
            current[spec.name] = page
        return current[spec.name]

    return load


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("spec", layout_specs(), ids=lambda spec: spec.name)
def test_it_fits_charts_tables_and_header_into_the_width(spec, scheme, width, loaded):
    page = loaded(spec)
    page.set_viewport_size(WIDTHS[width])
    page.emulate_media(color_scheme=scheme)

    layout = measure(page)

    if layout.chart_texts:
        assert layout.chart_text_min >= CHART_TEXT_MIN_PX, (
            f"{spec.name} at {width}px: chart text renders at {layout.chart_text_min:.1f}px"
        )
    assert layout.tables_too_wide == [], f"{spec.name} at {width}px: tables wider than their box"
    assert layout.page_width <= width, f"{spec.name} is {layout.page_width}px wide at {width}px"
    assert layout.header_height <= HEADER_MAX_PX, f"header {layout.header_height}px at {width}px"


TABLE_ROLES = ("table", "row", "columnheader", "rowheader", "cell")


def table_roles(page) -> Counter:
    """How many of each table role the browser's accessibility tree (what a screen reader
    is given) holds for the page."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    roles = (node["role"]["value"] for node in nodes if not node.get("ignored"))
    return Counter(role for role in roles if role in TABLE_ROLES)


@pytest.mark.parametrize("spec", layout_specs(), ids=lambda spec: spec.name)
def test_a_phones_stacked_tables_keep_their_rows_headers_and_cells_for_screen_readers(spec, loaded):
    page = loaded(spec)
    page.set_viewport_size(WIDTHS[1280])
    wide = table_roles(page)
    page.set_viewport_size(WIDTHS[360])

    assert table_roles(page) == wide
    if page.locator("main table").count():
        assert wide["table"] >= page.locator("main table").count()
        assert wide["columnheader"] and wide["cell"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_it_opens_the_menu_by_keyboard_on_a_phone(open_page, member, javascript):
    page = open_page(width=360, user=member, javascript=javascript)
    page.goto("/interviews/")
    menu = page.locator(".site-menu")
    assert page.get_by_role("link", name="Roles").is_hidden()

    tab_to(page, ".site-menu-button")
    page.keyboard.press("Enter")

    assert menu.evaluate("details => details.open")
    assert page.get_by_role("link", name="Roles").is_visible()
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Roles"
    tab_to(page, "button.button-link")  # "Log out", the menu's last stop
    tab_to(page, ".site-menu-button", backwards=True)
    page.keyboard.press("Space")
    assert not menu.evaluate("details => details.open")


def test_it_shows_the_navigation_without_a_menu_button_on_a_wide_screen(open_page):
    page = open_page(width=1280, javascript=False)
    page.goto("/")

    assert page.locator(".site-menu-button").is_hidden()
    assert page.locator("header").get_by_role("link", name="Interviews").is_visible()
    assert page.locator("header").get_by_role("link", name="Sign up").is_visible()


def test_it_keeps_every_admin_page_inside_1280_px_with_the_site_icon(live_site, open_page):
    live_site.create_users(["layout-editor"], staff=True, superuser=True)
    client = live_site.client()
    client.login("layout-editor")
    page = open_page(width=1280, user="layout-editor")

    paths = admin_paths(client)

    assert any("/transitionpath/" in path and path.endswith("/change/") for path in paths)
    for path in paths:
        page.goto(path)
        assert measure(page).page_width <= 1280, path
        assert page.locator("link[rel='icon']").count() == 1, path
