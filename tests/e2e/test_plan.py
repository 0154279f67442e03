"""Ticking a plan milestone off, as a person does it, with JavaScript on and off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import flows

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_it_ticks_a_milestone_with_what_was_made_and_undoes_it(
    open_page, live_site, unique_name, client_for, javascript
):
    name = unique_name("planner")
    live_site.create_users([name])
    client = client_for(name)
    result = flows.complete(client, flows.start(client))
    page = open_page(user=name, javascript=javascript)
    page.goto(result)
    plan = page.locator("#plan")
    first = plan.locator(".milestone").first
    expect(first.locator(".resources a").first).to_have_attribute("href", re.compile(r"^https?://"))
    # The tick is a quiet disclosure: it opens to ask for what was made.
    expect(first.get_by_label("What you made")).to_be_hidden()
    first.locator("summary", has_text="Done? Add what you made").click()
    first.get_by_label("What you made").fill("https://github.com/me/notebook")
    first.get_by_role("button", name="Mark as done").click()

    first = page.locator("#plan .milestone").first
    expect(first).to_contain_text("You handed in:")
    expect(first.get_by_role("link", name="https://github.com/me/notebook")).to_be_visible()
    expect(page.locator("#plan")).to_contain_text("1 of ")

    first.get_by_role("button", name="Mark as not done").click()
    expect(page.locator("#plan .milestone").first).not_to_contain_text("You handed in:")
    expect(page.locator("#plan")).to_contain_text("0 of ")
