"""The plan in the member's reminders (digest, calendar) and on a posting's gaps page."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from assessments import job_search, posting_gaps
from assessments.result_page import next_milestone, read_result_page
from careers import applications, reminders

pytestmark = pytest.mark.usefixtures("guide_for_module")


def test_the_digest_names_the_next_milestone_and_the_feed_lists_the_plan(alice, take_assessment):
    assessment = take_assessment(alice, background="developer")
    now = timezone.now()
    step = next_milestone(read_result_page(assessment=assessment, today=now.date()))
    section = job_search.milestone_section(user=alice, now=now)
    assert section.title == "Your next milestone"
    assert section.lines[0].startswith(step["title"])
    assert section.path == reverse("assessments:result", args=[assessment.pk]) + "#plan"
    token = reminders.reset_calendar_token(user=alice)
    feed = Client().get(reverse("applications:calendar", args=[token]))
    summaries = [str(e["summary"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert step["title"] in summaries


def test_a_member_without_a_result_has_no_milestone_to_remind(alice, content):
    assert job_search.milestone_section(user=alice, now=timezone.now()) is None
    assert job_search.milestone_entries(user=alice, now=timezone.now()) == []


def test_a_gap_in_the_members_plan_links_to_its_milestone(alice, alice_client, take_assessment):
    assessment = take_assessment(alice, background="developer")
    plan = assessment.result["paths"][0]["plan"]
    skill_keys = [m["key"] for m in plan if m["key"].startswith("skill-")]
    slug = skill_keys[0].removeprefix("skill-")
    terms = next(t for t in posting_gaps.skill_terms() if t.slug == slug)
    application = applications.create_application(
        user=alice,
        fields={"company": "Acme", "role_title": "MLE", "posting_text": f"Must know {terms.name}."},
        on=datetime.date(2026, 11, 1),
    )
    found = {
        skill.slug: skill
        for skill in posting_gaps.posting_gaps(user=alice, text=application.posting_text).missing
    }
    assert found[slug].learn == (
        "Your plan's milestone",
        reverse("assessments:result", args=[assessment.pk]) + f"#milestone-skill-{slug}",
    )
    page = alice_client.get(reverse("assessments:posting_gaps", args=[application.pk]))
    assert f"#milestone-skill-{slug}" in page.content.decode()
