"""Taking the assessment over plain HTTP, for tests that need one answered, finished or racing.

The browser journeys take it as a person does; these helpers get an assessment to a given
step quickly (the audit of steps 2..9 and the result, the ownership journey, the race test).
Each step's form is read from the page itself, so the helpers follow the questionnaire as the
site serves it rather than a copy of its data.
"""

from __future__ import annotations

import html
import re

from tests.e2e.live_site import HttpClient, LiveSite, Response

STEP_URL = re.compile(r"/assessment/(\d+)/step/(\d+)/")
_INPUT = re.compile(r"<input\b[^>]*>")
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_STEP_COUNT = re.compile(r"Step \d+ of (\d+)")


def step_path(assessment_id: int, number: int) -> str:
    return f"/assessment/{assessment_id}/step/{number}/"


def result_path(assessment_id: int) -> str:
    return f"/assessment/{assessment_id}/result/"


def choices(page: str) -> dict[str, list[str]]:
    """Radio groups on a page: name → the values offered, in page order."""
    groups: dict[str, list[str]] = {}
    for tag in _INPUT.findall(page):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if attributes.get("type") == "radio" and "name" in attributes:
            value = html.unescape(attributes.get("value", ""))
            groups.setdefault(attributes["name"], []).append(value)
    return groups


def step_count(page: str) -> int:
    match = _STEP_COUNT.search(page)
    assert match, "a step page without 'Step N of M'"
    return int(match.group(1))


def start(client: HttpClient) -> int:
    """POST start (which resumes an unfinished one); the assessment's id."""
    response = client.post("/assessment/start/", {})
    assert response.status == 302, f"start answered {response.status}"
    match = re.fullmatch(r"/assessment/(\d+)/", response.location)
    assert match, f"start sent us to {response.location}"
    return int(match.group(1))


def step_form(
    page: str, *, number: int, pick: int = -1, hours: int = 6
) -> list[tuple[str, str | int]]:
    """The answers to one step: option `pick` of every radio group (-1: the last, the strongest).

    Step 1 (the background) also needs the study hours; its checkboxes stay empty.
    """
    form: list[tuple[str, str | int]] = [
        (name, values[pick if -len(values) <= pick < len(values) else -1])
        for name, values in choices(page).items()
    ]
    if number == 1:
        form.append(("weekly_study_hours", hours))
    return form


def answer(client: HttpClient, assessment_id: int, number: int, *, pick: int = -1) -> Response:
    """Fill in step `number` as its page offers it; returns the POST's answer (302 on success)."""
    page = client.get(step_path(assessment_id, number))
    assert page.status == 200, f"step {number} answered {page.status}"
    return client.post(
        step_path(assessment_id, number), step_form(page.text, number=number, pick=pick)
    )


def answer_through(client: HttpClient, assessment_id: int, last: int, *, pick: int = -1) -> int:
    """Answer steps 1..`last` (the review excluded); returns the number of steps in all."""
    total = step_count(client.get(step_path(assessment_id, 1)).text)
    for number in range(1, min(last, total - 1) + 1):
        response = answer(client, assessment_id, number, pick=pick)
        assert response.status == 302, f"step {number} answered {response.status}"
    return total


def complete(client: HttpClient, assessment_id: int, *, pick: int = -1) -> str:
    """Answer every step and submit the review; the result page's path."""
    total = answer_through(client, assessment_id, 99, pick=pick)
    response = client.post(step_path(assessment_id, total), {})
    assert response.status == 302, f"the review answered {response.status}"
    assert response.location == result_path(assessment_id), response.location
    return response.location


def signed_in(site: LiveSite, username: str) -> HttpClient:
    client = site.client()
    client.login(username)
    return client
