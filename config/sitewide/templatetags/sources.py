"""The label beside an editable figure or passage: (guide), or (source, date) once edited."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from config.sitewide.provenance import Provenance, Source, source_of

register = template.Library()


@register.simple_tag
def source_label(obj: Provenance) -> str:
    """``(guide)`` while the row holds the guide's value; else its source, linked, and date.

    Takes a row, or a cached copy that kept the row's ``source``; anything else (a market the
    member typed in, a result's snapshot) has no label."""
    source = getattr(obj, "source", None)
    if not isinstance(source, Source):
        if not isinstance(obj, Provenance):
            return ""
        source = source_of(obj)
    if source.from_guide or not source.url:
        return format_html('<span class="source-label">({})</span>', source.label)
    return format_html(
        '<span class="source-label">(<a href="{}" rel="noopener">{}</a>{})</span>',
        source.url,
        source.title,
        source.date_text,
    )


@register.filter
def source_text(obj: Provenance) -> str:
    """The same label as plain text, for a chart's row names."""
    return f"({source_of(obj).label})"
