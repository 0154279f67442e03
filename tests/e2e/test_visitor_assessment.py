"""A visitor takes the assessment without an account, then signs up at the result and keeps it.

Run with JavaScript on (htmx swaps each step in place) and off (plain form posts).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import flows
from tests.e2e.live_site import PASSWORD

pytestmark = pytest.mark.e2e


def take_as_visitor(page: Page) -> int:
    page.goto("/")
    expect(page.get_by_text("No account needed")).to_be_visible()
    page.get_by_role("link", name="Start the skills assessment").click()
    page.wait_for_url("**/assessment/")
    page.get_by_role("button", name="Start the assessment").click()
    page.wait_for_url(flows.STEP_URL)
    assessment_id = int(flows.STEP_URL.search(page.url).group(1))
    label = page.locator("#step-progress-label")
    total = int(re.search(r"of (\d+)", label.inner_text()).group(1))
    page.get_by_label("Teaching or education").check()
    page.get_by_label("Hours a week you can study").fill("0")
    page.get_by_role("button", name="Save and continue").click()
    # Fewer than one hour a week is refused with a message, not planned for.
    expect(page.get_by_text("A plan needs at least 1 hour of study a week")).to_be_visible()
    page.get_by_label("Hours a week you can study").fill("5")
    page.get_by_role("button", name="Save and continue").click()
    for number in range(2, total):
        expect(label).to_have_text(f"Step {number} of {total}")
        for question in page.locator("#assessment-step fieldset.question").all():
            radios = question.locator("input[type=radio]")
            if radios.count():
                radios.nth(min(2, radios.count() - 1)).check()
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    page.get_by_role("button", name="See my result").click()
    page.wait_for_url(f"**{flows.result_path(assessment_id)}")
    return assessment_id


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_visitors_assessment_moves_into_the_account_made_at_the_result(
    open_page, unique_name, javascript
):
    page = open_page(javascript=javascript)
    assessment_id = take_as_visitor(page)
    expect(page.get_by_role("heading", name=re.compile(r"^Recommended: "))).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"^The guide says \d+–\d+ months; at 5 hours a week"))
    ).to_be_visible()

    # The result offers to keep it; sign-up brings the visitor back to this result.
    page.get_by_role("link", name="Sign up to keep this result").click()
    name = unique_name("visitor")
    page.locator("#id_username").fill(name)
    page.locator("#id_email").fill(f"{name}@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(f"**{flows.result_path(assessment_id)}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your assessment result")
    # Now it is the account's: the actions only an owner has are there.
    expect(
        page.get_by_role("button", name=re.compile(r"^Make .+ my target role$")).first
    ).to_be_visible()
    page.goto("/assessment/")
    expect(page.get_by_role("heading", name="Your past results")).to_be_visible()


def test_a_visitor_who_logs_in_at_the_result_keeps_it_too(open_page, member, unique_name):
    page = open_page(javascript=False)
    assessment_id = take_as_visitor(page)
    page.get_by_role("link", name="Log in to keep this result").click()
    page.get_by_label("Username").fill(member)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{flows.result_path(assessment_id)}")
    expect(
        page.get_by_role("button", name=re.compile(r"^Make .+ my target role$")).first
    ).to_be_visible()
