"""The plan on the result page, ticking with a deliverable, the calendar and the print page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from assessments.models import Certification, MilestoneTick
from assessments.result_page import next_milestone, read_result_page

pytestmark = pytest.mark.usefixtures("guide_for_module")

DEVELOPER = {"prog-experience": 4, "prog-python": 3, "math-statistics": 1}


@pytest.fixture
def developer(alice, take_assessment):
    # Several routes start from development: wanting ML engineering picks that one.
    return take_assessment(
        alice, background="developer", answers=DEVELOPER, interested=["machine-learning-engineer"]
    )


def opened(assessment):
    """The path the result opens with: the first of the person's goal (ML engineering)."""
    return next(path for path in assessment.result["paths"] if path["interested"])


def url(assessment, name):
    return reverse(f"assessments:{name}", args=[assessment.pk])


def tick(client, assessment, key, **data):
    path = opened(assessment)["slug"]
    return client.post(url(assessment, "tick"), {"path": path, "milestone": key, **data})


def test_it_shows_each_milestone_with_its_resources_hours_and_deliverable(alice_client, developer):
    content = alice_client.get(url(developer, "result")).content.decode()
    first = opened(developer)["plan"][0]
    assert first["title"] in content
    assert f'href="{first["resources"][0]["url"]}"' in content
    assert f"{first['hours']} hours" in content
    assert first["deliverable"] in content
    # The guide's AWS ML Specialty retired on 31 March 2026: said plainly, with its successor.
    assert "Retired 2026-03-31" in content
    assert "Its successor from the same provider: <strong>AWS Certified Machine Learning" in content


def test_ticking_asks_for_the_deliverable(alice_client, developer):
    response = tick(alice_client, developer, "portfolio", done="1", evidence="   ")
    assert response.status_code == 400
    assert "Add a link to what you made" in response.content.decode()
    assert not MilestoneTick.objects.exists()


def test_a_tick_keeps_what_was_handed_in_and_can_be_undone(alice_client, developer):
    tick(alice_client, developer, "portfolio", done="1", evidence="https://github.com/me/model")
    content = alice_client.get(url(developer, "result")).content.decode()
    assert "You handed in:" in content and 'href="https://github.com/me/model"' in content
    tick(alice_client, developer, "portfolio")
    assert not MilestoneTick.objects.exists()


def test_a_note_that_is_not_a_link_is_shown_as_text(alice_client, developer):
    tick(alice_client, developer, "portfolio", done="1", evidence="javascript:alert(1)")
    content = alice_client.get(url(developer, "result")).content.decode()
    assert 'href="javascript:' not in content
    assert "javascript:alert(1)" in content


def test_it_downloads_the_plan_as_a_calendar_with_one_event_per_milestone(alice_client, developer):
    response = alice_client.get(url(developer, "plan_calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    plan = opened(developer)["plan"]
    assert [str(e["SUMMARY"]) for e in events] == [m["title"] for m in plan]
    first = events[0]
    assert first.decoded("DTSTART") == developer.completed_at.date()
    assert plan[0]["resources"][0]["url"] in str(first["DESCRIPTION"])
    assert first.decoded("DTEND") > first.decoded("DTSTART")
    # The question bank is ours: its address is made whole for a calendar app.
    assert "http://testserver/interviews/?role=" in str(events[-1]["DESCRIPTION"])


def test_it_prints_the_plan_with_every_address_written_out(alice_client, developer):
    response = alice_client.get(url(developer, "plan_print"))
    content = response.content.decode()
    assert response.status_code == 200
    for milestone in opened(developer)["plan"]:
        assert milestone["title"] in content
        for resource in milestone["resources"]:
            assert f'<span class="print-url">{resource["url"]}</span>' in content
    assert "Mark as done" not in content


@pytest.mark.parametrize("name", ["plan_calendar", "plan_print"])
def test_another_users_plan_is_a_404(client, bob, developer, name):
    client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url(developer, name)).status_code == 404


@pytest.mark.parametrize("name", ["plan_calendar", "plan_print"])
def test_an_unfinished_assessment_has_no_plan_to_download(
    alice_client, alice, take_assessment, name
):
    unfinished = take_assessment(alice, complete=False)
    assert alice_client.get(url(unfinished, name)).status_code == 404


EXAM = "exam-aws-ml-engineer-associate"


def retire_the_exam():
    """Staff retire the exam a saved plan schedules, after the plan was saved."""
    exam = Certification.objects.get(slug="aws-ml-engineer-associate")
    exam.status, exam.retired_on = "retired", datetime.date(2027, 1, 31)
    exam.successor = Certification.objects.get(slug="google-professional-ml-engineer")
    exam.save()


@pytest.mark.template_context
def test_a_saved_plan_flags_an_exam_retired_since_and_no_longer_offers_it(alice_client, developer):
    plan = opened(developer)["plan"]
    exam = next(m for m in plan if m["key"] == EXAM)
    before = alice_client.get(url(developer, "result")).context["page"].progress
    retire_the_exam()
    response = alice_client.get(url(developer, "result"))
    content = response.content.decode()
    flag = "Retired on 31 January 2027 — take Google Professional ML Engineer instead."
    assert flag in content
    assert f'id="tick-{EXAM}"' not in content  # nothing to tick: it is not a step any more
    progress = response.context["page"].progress
    assert (progress.total, progress.total_hours) == (
        before.total - 1,
        before.total_hours - exam["hours"],
    )
    # The saved snapshot itself is left as it was.
    developer.refresh_from_db()
    assert any(m["key"] == EXAM for m in opened(developer)["plan"])
    events = Calendar.from_ical(alice_client.get(url(developer, "plan_calendar")).content)
    summaries = [str(event["SUMMARY"]) for event in events.walk("VEVENT")]
    assert exam["title"] not in summaries
    assert len(summaries) == len(plan) - 1
    assert flag in alice_client.get(url(developer, "plan_print")).content.decode()


def test_a_saved_plan_flags_an_exam_staff_could_no_longer_find(alice_client, developer):
    exam = Certification.objects.get(slug="aws-ml-engineer-associate")
    exam.status = "not-found"
    exam.save()
    content = alice_client.get(url(developer, "result")).content.decode()
    assert (
        "We could not find AWS Certified Machine Learning Engineer – Associate on its " in content
    )
    assert f'id="tick-{EXAM}"' not in content


def test_each_milestone_has_one_quiet_tick_that_opens_for_the_deliverable(alice_client, developer):
    content = alice_client.get(url(developer, "result")).content.decode()
    steps = len(opened(developer)["plan"])
    # A closed disclosure per milestone, no row of loud buttons.
    assert content.count('<details class="tick">') == steps
    assert content.count("Done? Add what you made") == steps
    assert 'class="button-small" id="tick-' not in content
    tick(alice_client, developer, "portfolio", done="1", evidence="https://github.com/me/model")
    content = alice_client.get(url(developer, "result")).content.decode()
    assert content.count('<details class="tick">') == steps - 1
    assert 'class="button-link" id="tick-portfolio">Mark as not done' in content


def test_a_rejected_tick_opens_its_disclosure_with_the_message(alice_client, developer):
    response = tick(alice_client, developer, "portfolio", done="1", evidence="   ")
    content = response.content.decode()
    assert '<details class="tick" open>' in content
    assert content.count('<details class="tick" open>') == 1


def test_the_next_milestone_skips_an_exam_retired_since(alice_client, developer):
    plan = opened(developer)["plan"]
    before_exam = [m["key"] for m in plan[: [m["key"] for m in plan].index(EXAM)]]
    for key in before_exam:
        tick(alice_client, developer, key, done="1", evidence="https://example.com/done")
    page = read_result_page(assessment=developer, today=timezone.localdate())
    assert next_milestone(page)["key"] == EXAM
    retire_the_exam()
    page = read_result_page(assessment=developer, today=timezone.localdate())
    following = plan[len(before_exam) + 1]["key"]
    assert next_milestone(page)["key"] == following


def test_a_line_break_in_a_saved_path_name_still_downloads_the_calendar(alice_client, developer):
    # Issue 26, item 9: a name edited with a line break made every such plan's .ics a 500.
    result = developer.result
    result["paths"][0]["name"] = "Developer →\r\nML Engineer"
    type(developer).objects.filter(pk=developer.pk).update(result=result)

    response = alice_client.get(url(developer, "plan_calendar"))

    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Plan: Developer → ML Engineer"
    assert calendar.walk("VEVENT")


def test_the_plan_states_when_its_finish_is_re_estimated_from_the_rule(
    alice_client, developer, monkeypatch
):
    from assessments import plan

    said = "After {days} days and {milestones} milestones done, the finish date is re-estimated"
    for name in ("result", "plan_print"):
        assert (
            said.format(**plan.PACE_RULE) in alice_client.get(url(developer, name)).content.decode()
        )
    monkeypatch.setitem(plan.PACE_RULE, "days", 21)
    monkeypatch.setitem(plan.PACE_RULE, "milestones", 3)
    for name in ("result", "plan_print"):
        content = alice_client.get(url(developer, name)).content.decode()
        assert said.format(days=21, milestones=3) in content
