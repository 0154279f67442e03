"""Template helpers for the interviews pages: when a question comes back."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.html import format_html

from interviews import scheduling
from interviews.models import Rating

register = template.Library()


def comes_back_text(due: datetime, now: datetime) -> str:
    wait = due - now
    if wait <= timedelta(0):
        return "now"
    if wait < timedelta(hours=1):
        minutes = max(1, round(wait / timedelta(minutes=1)))
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    # A day's step read a moment later is still "in 1 day", not "in 24 hours".
    if wait < timedelta(hours=23, minutes=30):
        hours = round(wait / timedelta(hours=1))
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    days = max(1, round(wait / timedelta(days=1)))
    local = timezone.localtime(due)
    return f"on {local.day} {local:%B %Y} (in {days} day{'s' if days != 1 else ''})"


@register.simple_tag
def comes_back(due: datetime | None, now: datetime):
    """A <time> saying when a question is due: "in 10 minutes", "on 3 May 2026 (in 4 days)"."""
    if due is None:
        return ""
    return format_html('<time datetime="{}">{}</time>', due.isoformat(), comes_back_text(due, now))


@register.filter
def duration(seconds: int | None) -> str:
    """Seconds as people say them: "5 min", "4 min 20 s", "45 s"."""
    if seconds is None:
        return ""
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


@register.simple_tag
def rating_choices():
    return Rating.choices


@register.simple_tag
def learning_steps():
    """When a new question comes back after each rating, from the scheduler's settings."""
    return scheduling.learning_steps_text()
