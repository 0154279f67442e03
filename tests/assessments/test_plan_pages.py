"""The plan on the result page, ticking with a deliverable, the calendar and the print page."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from assessments.models import MilestoneTick

DEVELOPER = {"prog-experience": 4, "prog-python": 3, "math-statistics": 1}


@pytest.fixture
def developer(alice, take_assessment):
    # Several routes start from development: wanting ML engineering picks that one.
    return take_assessment(
        alice, background="developer", answers=DEVELOPER, interested=["machine-learning-engineer"]
    )


def url(assessment, name):
    return reverse(f"assessments:{name}", args=[assessment.pk])


def tick(client, assessment, key, **data):
    path = assessment.result["paths"][0]["slug"]
    return client.post(url(assessment, "tick"), {"path": path, "milestone": key, **data})


def test_it_shows_each_milestone_with_its_resources_hours_and_deliverable(alice_client, developer):
    content = alice_client.get(url(developer, "result")).content.decode()
    first = developer.result["paths"][0]["plan"][0]
    assert first["title"] in content
    assert f'href="{first["resources"][0]["url"]}"' in content
    assert f"{first['hours']} hours" in content
    assert first["deliverable"] in content
    assert "Retired 2026-03-31" in content and "Not confirmed" not in content


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
    plan = developer.result["paths"][0]["plan"]
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
    for milestone in developer.result["paths"][0]["plan"]:
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
