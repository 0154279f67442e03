"""Issue 23: from saving a posting to an accepted offer, on a 360 px phone, as a member does it."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

POSTING = """Machine Learning Engineer, Recommendations — Lumen Health (Austin, TX)
Requirements: 3+ years of Python; strong SQL; training models with PyTorch; deploying
models behind APIs with Docker and Kubernetes (MLOps); monitoring for data drift."""


def fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def move_to(page: Page, stage: str) -> None:
    page.get_by_label("Move to").select_option(label=stage)
    page.get_by_role("button", name="Move", exact=True).click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_member_goes_from_a_saved_posting_to_an_accepted_offer_on_a_phone(
    open_page, member, javascript
):
    page = open_page(user=member, width=360, javascript=javascript)
    company = f"Lumen Health {member}"

    page.goto("/applications/new/")
    page.get_by_label("Company").fill(company)
    page.get_by_label("Job title").fill("Machine Learning Engineer")
    page.get_by_label("Link to the posting").fill("https://jobs.example.com/lumen/42")
    page.get_by_label("The posting's text").fill(POSTING)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Machine Learning Engineer at {company}"
    )
    detail = page.url
    fits_the_phone(page)

    # What the posting asks, against what the member has: each gap links to learning and the bank.
    page.get_by_role("link", name=re.compile("skills it asks for")).click()
    missing = page.locator("section", has=page.get_by_role("heading", name=re.compile("not shown")))
    mlops = missing.locator("li", has_text="Deploying models")
    expect(mlops).to_contain_text("“Kubernetes”")
    expect(mlops.get_by_role("link").first).to_have_attribute("href", re.compile(r"^https?://"))
    expect(mlops.get_by_role("link", name="System design questions")).to_be_visible()
    fits_the_phone(page)

    # The board moves a card with a form; the stage history keeps each day.
    page.goto("/applications/")
    card = page.locator(".board-card", has_text=company)
    card.get_by_label(f"Move {company} to").select_option(label="Applied")
    card.get_by_role("button", name="Move").click()
    expect(page.locator("#stage-applied").locator("..")).to_contain_text(company)
    fits_the_phone(page)

    page.goto(detail)
    move_to(page, "Interviewing")
    expect(page.locator(".lead")).to_contain_text("Interviewing")
    when = datetime.datetime.now(datetime.UTC).replace(hour=12, minute=0) + datetime.timedelta(
        days=3
    )
    page.get_by_label("Kind of round").select_option(label="Technical interview")
    page.get_by_label("When").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("With whom").fill("Dana, tech lead")
    page.get_by_role("button", name="Add round").click()
    expect(page.locator("#rounds")).to_contain_text("with Dana, tech lead")

    # The home page counts down and offers a mock of that round.
    page.goto("/")
    countdown = page.locator('[data-figure="round-countdown"]')
    expect(countdown).to_have_text(
        f"Technical interview with {company} on {when:%A} — 3 days: run a mock today"
    )
    fits_the_phone(page)

    page.goto(detail)
    move_to(page, "Offer")
    page.get_by_label("Base salary (US$ a year)").fill("182000")
    page.get_by_label("Equity grant, whole (US$)").fill("120000")
    page.get_by_role("button", name="Save the terms").click()
    page.get_by_role("link", name="Compare your offers").first.click()
    expect(page.locator('input[name="offer-0-base_usd"]')).to_have_value("182000")
    expect(page.locator('input[name="offer-0-label"]')).to_have_value(company[:80])

    page.goto(detail)
    page.get_by_role("button", name="Accept this offer").click()
    expect(page.locator(".lead")).to_contain_text("Accepted")
    expect(page.locator("main")).to_contain_text(f"Congratulations on {company}!")
    fits_the_phone(page)
    assert page.errors == []  # no CSP violation, no script error
