"""Issue 10, item 8: a failed htmx action says so where the user acted and keeps their input."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def open_a_question(page) -> None:
    page.goto("/interviews/")
    path = re.search(r'href="(/interviews/\d+/)"', page.content()).group(1)
    page.goto(path + "?show=1")


def test_a_rating_the_server_refuses_shows_a_message_beside_it(member_page):
    page = member_page
    open_a_question(page)
    page.route("**/rate/", lambda route: route.fulfill(status=503, body="busy"))
    page.locator("[data-rating-key='3']").click()

    alert = page.locator("#rating .request-failed")
    expect(alert).to_be_visible()
    expect(alert).to_have_text(re.compile("busy, so this was not saved"))
    expect(alert).to_have_attribute("role", "alert")


def test_a_note_lost_on_the_network_says_so_and_keeps_the_draft(member_page):
    page = member_page
    open_a_question(page)
    notes = page.get_by_role("textbox", name="Your answer")
    notes.fill("My answer, typed with care")
    page.route("**/notes/", lambda route: route.abort())
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("alert").filter(has_text="No connection")).to_be_visible()
    assert notes.input_value() == "My answer, typed with care"

    # The next try that works clears the message.
    page.unroute("**/notes/")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert").filter(has_text="No connection")).to_have_count(0)
