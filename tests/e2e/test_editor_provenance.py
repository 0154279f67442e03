"""An editor changes a salary band with its source, sees it labelled, reverts it in one click."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SLUG = "computer-vision-engineer"
EXPLORER = f"/salaries/?role={SLUG}&level=mid&markets=san-francisco&markets=austin"
COMPARE = f"/roles/compare/?a={SLUG}&b=data-scientist-ai"


def test_an_editor_changes_a_band_with_its_source_then_reverts_it_from_recent_changes(
    open_page, live_site, unique_name
):
    editor = unique_name("editor")
    live_site.create_users([editor], staff=True, groups=["Content editors"])
    band_id = live_site.run_django(
        "from careers.models import SalaryBand\n"
        "result = SalaryBand.objects.get(role__slug=data['slug'], level='mid').pk",
        slug=SLUG,
    )
    visitor = open_page()
    visitor.goto(EXPLORER)
    expect(visitor.locator(".band-figure")).to_contain_text("$170,000–$230,000")
    expect(visitor.locator(".band-figure")).to_contain_text("(guide)")

    admin = open_page(user=editor)
    admin.goto(f"/admin/careers/salaryband/{band_id}/change/")
    admin.get_by_label("Min usd").fill("172000")
    admin.get_by_label("Max usd").fill("235000")
    admin.get_by_label("Source:", exact=True).fill("Example Salary Survey")
    admin.get_by_label("Source address").fill("https://example.org/survey")
    admin.locator("#id_checked_on").fill("2026-11-02")  # the notes inline has one too
    admin.locator("input[name=_save]").click()
    expect(admin.locator(".messagelist")).to_contain_text("was changed successfully")

    label = "(Example Salary Survey, 2 Nov 2026)"
    page = open_page()
    page.goto(EXPLORER)
    expect(page.locator(".band-figure")).to_contain_text("$172,000–$235,000")
    expect(page.locator(".band-figure")).to_contain_text(label)
    page.goto(COMPARE)
    expect(page.get_by_role("row", name=re.compile("Mid-level"))).to_contain_text(label)
    page.goto(f"/roles/{SLUG}/")
    expect(page.locator("main")).to_contain_text(f"Mid-level (3–5 years), base {label}")

    admin.goto("/admin/")
    admin.get_by_role("link", name="Recent changes").click()
    admin.get_by_label("Editor").fill(editor)
    admin.get_by_role("button", name="Filter").click()
    row = admin.locator("#recent-changes tbody tr").filter(has_text="“170000” → “172000”")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(editor)
    row.get_by_role("button", name=re.compile("^Revert")).click()
    expect(admin.locator(".messagelist")).to_contain_text("Reverted 1 change")
    expect(admin.locator("#recent-changes tbody tr").first).to_contain_text("Revert of change")

    page.goto(EXPLORER)
    expect(page.locator(".band-figure")).to_contain_text("$170,000–$230,000")
    expect(page.locator(".band-figure")).to_contain_text("(guide)")
    expect(page.locator(".band-figure")).not_to_contain_text("Example Salary Survey")
    page.goto(COMPARE)
    expect(page.get_by_role("row", name=re.compile("Mid-level"))).to_contain_text("(guide)")
