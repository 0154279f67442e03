"""An editor changes a hub's figure with its source, sees it labelled, reverts it in one
click; and Recent changes fits a phone and a laptop without sideways scrolling."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

HUB = "denver"


def test_an_editor_changes_a_hub_figure_with_its_source_then_reverts_it(
    open_page, live_site, unique_name
):
    editor = unique_name("editor")
    live_site.create_users([editor], staff=True, groups=["Content editors"])
    hub_id = live_site.run_django(
        "from careers.models import Hub\nresult = Hub.objects.get(slug=data['slug']).pk",
        slug=HUB,
    )
    visitor = open_page()
    visitor.goto(f"/hubs/{HUB}/")
    postings = visitor.locator(".card").filter(has_text="AI job postings")
    expect(postings).to_contain_text("4,800")
    expect(postings).to_contain_text("(guide)")

    admin = open_page(user=editor)
    admin.goto(f"/admin/careers/hub/{hub_id}/change/")
    admin.get_by_label("Active postings").fill("5100")
    admin.locator("input[name=_save]").click()
    # Refused beside the fields: a changed figure names its source and checked date.
    expect(admin.locator(".errorlist").first).to_contain_text("name the source")
    admin.get_by_label("Source:", exact=True).fill("Example Job Index")
    admin.get_by_label("Source address").fill("https://example.org/jobs")
    admin.locator("#id_checked_on").fill("2026-11-02")
    admin.locator("input[name=_save]").click()
    expect(admin.locator(".messagelist")).to_contain_text("was changed successfully")

    page = open_page()
    for url in (f"/hubs/{HUB}/", "/hubs/"):
        page.goto(url)
        expect(page.locator("main")).to_contain_text("5,100")
        expect(page.locator("main")).to_contain_text("(Example Job Index, 2 Nov 2026)")

    admin.goto("/admin/")
    admin.get_by_role("link", name="Recent changes").click()
    admin.get_by_label("Editor").fill(editor)
    admin.get_by_role("button", name="Filter").click()
    row = admin.locator("#recent-changes tbody tr").filter(has_text="“4800” → “5100”")
    expect(row).to_have_count(1)
    row.get_by_role("button", name=re.compile("^Revert")).click()
    expect(admin.locator(".messagelist")).to_contain_text("Reverted 1 change")

    page.goto(f"/hubs/{HUB}/")
    postings = page.locator(".card").filter(has_text="AI job postings")
    expect(postings).to_contain_text("4,800")
    expect(postings).to_contain_text("(guide)")
    expect(page.locator("main")).not_to_contain_text("Example Job Index")


@pytest.mark.parametrize("width", [390, 1366])
def test_recent_changes_fits_the_window_without_sideways_scrolling(
    open_page, live_site, unique_name, width
):
    editor = unique_name("editor")
    live_site.create_users([editor], staff=True, groups=["Content editors"])
    # A long value with an unbroken address, as a pasted passage would have.
    live_site.run_django(
        "from careers.models import GuideEntry\n"
        "entry = GuideEntry.objects.get(slug='passage-bands-major-hubs')\n"
        "entry.body = entry.body + ' ' + data['tail']\n"
        "entry.save()\n"
        "result = entry.pk",
        tail="See https://example.org/" + "a-very-long-path-segment" * 12 + " " + "words " * 80,
    )
    page = open_page(user=editor, width=width)
    page.goto("/admin/recent-changes/")
    expect(page.locator("#recent-changes tbody tr").first).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{scroll_width} px wide at {width}"
