"""A setting's length of time in a page's words, so the text follows the setting."""

from __future__ import annotations

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value: timedelta) -> int:
    """A timedelta in whole minutes (AXES_COOLOFF_TIME → 15)."""
    return round(value / timedelta(minutes=1))
