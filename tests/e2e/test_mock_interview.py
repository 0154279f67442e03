"""A mock interview in a real browser, with JavaScript on and off: start one for the target
role, answer every round in the page, read the report, confirm, see the questions scheduled."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.layout import measure, open_details


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_it_runs_a_mock_interview_to_a_confirmed_report(open_page, member, live_site, javascript):
    page = open_page(user=member, javascript=javascript)
    page.goto("/interviews/mock/")
    expect(page.get_by_role("heading", name="Mock interviews", exact=True)).to_be_visible()
    page.get_by_label("Role you are interviewing for").select_option(
        label="Machine Learning Engineer"
    )
    page.get_by_label("Number of rounds").select_option("4")
    page.get_by_role("button", name="Start a mock interview").click()

    rounds = []
    for number in range(1, 5):
        step = page.locator("#mock-step")
        expect(step).to_contain_text(f"question {number} of 4")
        rounds.append(step.inner_text().split(":")[1].split("·")[0].strip())
        timer = page.locator("[data-timer-start]")
        if javascript:
            expect(timer).to_have_text(re.compile(r"^\d+:\d\d of \d+:00"))
        else:
            expect(timer).to_have_text(re.compile(r"^\d\d:\d\d:\d\d$"))
        page.get_by_label("Your answer").fill(
            "I would start from the business goal, define the metric and the trade-offs, "
            "then check the data for leakage and bias before shipping."
        )
        page.get_by_role("button", name="Submit answer").click()
    assert rounds == [
        "Initial screening",
        "Technical assessment",
        "System design",
        "Cultural fit and AI ethics",
    ]

    expect(page.get_by_role("heading", name="Mock interview report")).to_be_visible()
    times = page.get_by_role("table", name="Time per round").locator("tbody tr")
    expect(times).to_have_count(4)
    # Untick everything in the first answer: its suggestion drops to Again.
    first = page.locator("#answer-1")
    for box in first.get_by_role("checkbox").all():
        box.uncheck()
    page.get_by_role("button", name="Update the suggestions").click()
    expect(page.locator("#answer-1 .suggestion")).to_contain_text("Suggested rating: Again (0 of")
    expect(page.locator("#answer-1 select")).to_have_value("1")
    page.locator("#answer-2 select").select_option(label="Easy")
    page.get_by_role("button", name="Confirm ratings and schedule").click()

    expect(page.get_by_text("Ratings confirmed", exact=False).first).to_be_visible()
    expect(page.locator("#answer-2")).to_contain_text("Your rating: Easy")
    scheduled = live_site.run_django(
        "from interviews.models import CardState, ReviewLog\n"
        "logs = ReviewLog.objects.filter(user__username=data['name'])\n"
        "cards = CardState.objects.filter(user__username=data['name'], due__isnull=False)\n"
        "result = {'logs': logs.count(), 'cards': cards.count(),\n"
        "  'timed': sum(log.seconds_taken is not None for log in logs),\n"
        "  'ratings': sorted(log.rating for log in logs)}",
        name=member,
    )
    assert scheduled["logs"] == scheduled["cards"] == scheduled["timed"] == 4
    assert 1 in scheduled["ratings"] and 4 in scheduled["ratings"]

    page.goto("/interviews/mock/")
    past = page.get_by_role("table", name=re.compile("Your latest mock interviews"))
    expect(past.locator("tbody tr")).to_have_count(1)
    expect(past).to_contain_text("Report confirmed")


def test_a_product_managers_mock_report_fits_a_phone(open_page, member, live_site):
    """Issue 21: the target role is preselected, the loop has no engineering round, and the
    report (summary, table, our sample answers) fits 360 px without sideways scrolling."""
    live_site.run_django(
        "from careers.models import Profile, Role\n"
        "role = Role.objects.get(slug='ai-product-manager')\n"
        "Profile.objects.filter(user__username=data['name']).update(target_role=role)\n"
        "result = role.pk",
        name=member,
    )
    page = open_page(user=member, width=360)
    page.goto("/interviews/mock/")
    role = page.get_by_label("Role you are interviewing for")
    expect(role.locator("option:checked")).to_have_text("AI Product Manager")
    page.get_by_role("button", name="Start a mock interview").click()

    rounds = []
    for number in range(1, 5):
        step = page.locator("#mock-step")
        expect(step).to_contain_text(f"question {number} of 4")
        rounds.append(step.inner_text().split(":")[1].split("·")[0].strip())
        page.get_by_label("Your answer").fill(
            "I would start from the user problem, agree the success metric and guardrails, "
            "then run an A/B test and check errors by segment."
        )
        page.get_by_role("button", name="Submit answer").click()
    assert "Product sense" in rounds
    assert not {"Technical assessment", "System design"} & set(rounds)

    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    expect(page.get_by_text("What to practise next:")).to_be_visible()
    expect(page.get_by_text("Our sample answer").first).to_be_visible()
    open_details(page)
    layout = measure(page)
    assert layout.tables_too_wide == [], layout.tables
    assert layout.page_width <= 360
