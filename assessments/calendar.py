"""A plan as an iCalendar file: one all-day event per milestone still to take, over its days."""

from __future__ import annotations

import datetime
from urllib.parse import urljoin

from icalendar import Calendar, Event

from .result_page import PlanProgress


def plan_calendar(
    *,
    progress: PlanProgress,
    path_name: str,
    uid_prefix: str,
    plan_url: str,
    site_url: str,
    now: datetime.datetime,
) -> bytes:
    """The plan's milestones as VEVENTs; ``uid_prefix`` keeps UIDs stable across downloads, so
    importing the file again updates the events instead of doubling them."""
    calendar = Calendar()
    calendar.add("prodid", "-//AI Careers Compass//Plan//EN")
    calendar.add("version", "2.0")
    # An X- property is written as it is, and a line break would end it: a name is one line.
    calendar.add("x-wr-calname", f"Plan: {' '.join(path_name.split())}")
    for step in progress.steps:
        if step["withdrawn"]:
            # An exam that can no longer be earned is not something to put in a diary.
            continue
        event = Event()
        event.add("uid", f"{uid_prefix}-{step['key']}@ai-careers-compass")
        event.add("dtstamp", now)
        event.add("summary", step["title"])
        event.add("dtstart", step["starts_on"])
        # DTEND of an all-day event is the day after the last one.
        event.add("dtend", step["ends_on"] + datetime.timedelta(days=1))
        event.add("description", _description(step, plan_url, site_url))
        event.add("url", plan_url)
        calendar.add_component(event)
    return calendar.to_ical()


def _description(step: dict, plan_url: str, site_url: str) -> str:
    lines = []
    if step["hours"]:
        lines.append(f"{step['hours']} hours of study.")
    for resource in step["resources"]:
        # Our own pages (the question bank) are stored as paths; a calendar needs the whole URL.
        url = urljoin(site_url, resource["url"])
        lines.append(f"Learn with: {resource['title']} ({resource['provider']}) {url}")
    if step["deliverable"]:
        lines.append(f"Deliverable: {step['deliverable']}")
    lines.append(f"Tick it off in your plan: {plan_url}")
    return "\n".join(lines)
