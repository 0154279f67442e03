"""Filters that write the careers figures the way the site shows them: $45,200 · 85–90% · +15%."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.loader import render_to_string

from careers import selectors

register = template.Library()

MINUS = "−"


@register.filter
def usd(value: Any) -> str:
    """Whole dollars with separators: $185,000."""
    if value is None or value == "":
        return "—"
    return f"${intcomma(int(value))}"


@register.filter
def usd_span(span: Any) -> str:
    """A pay.Span of dollars: $120,000–$160,000, or one amount when exact."""
    if span is None:
        return "—"
    if span.low == span.high:
        return usd(span.low)
    return f"{usd(span.low)}–{usd(span.high)}"


@register.simple_tag
def usd_range(low: Any, high: Any) -> str:
    if low is None:
        return "—"
    if high is None or low == high:
        return usd(low)
    return f"{usd(low)}–{usd(high)}"


@register.simple_tag
def index_range(low: Any, high: Any) -> str:
    """A cost-of-living index, which the guide gives as a range for Remote: 65–85."""
    return str(low) if low == high else f"{low}–{high}"


def _number(value: Any) -> str:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    return intcomma(value)


def _signed(value: int) -> str:
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"{MINUS}{abs(value)}"
    return "0"


@register.simple_tag
def advantage(low: Any, high: Any, baseline: bool = False) -> str:
    """Net-income advantage as the guide states it: +15%, +10 to +20%, −8%, or Baseline."""
    if baseline or low is None:
        return "Baseline"
    if high is None or low == high:
        return f"{_signed(low)}%"
    return f"{_signed(low)} to {_signed(high)}%"


@register.filter
def fact_value(fact: Any) -> str:
    """A market fact's figure: 60%, 85–90%, 75–90th percentile."""
    if fact is None:
        return "—"
    low, high = _number(fact.value_min), _number(fact.value_max)
    figure = low if low == high else f"{low}–{high}"
    qualifier = f"{fact.qualifier} " if getattr(fact, "qualifier", "") else ""
    return f"{qualifier}{figure}{fact.unit}"


@register.filter
def band_for(role: Any, level: str) -> Any:
    """The role's salary band at a level, from the prefetched bands (no query per call)."""
    for band in role.salary_bands.all():
        if band.level == level:
            return band
    return None


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def editor_notes(context, target: Any) -> str:
    """Staff's notes on a figure (later public data, with its source), shown beside it."""
    if target is None or getattr(target, "pk", None) is None:
        return ""
    # Read once per rendering, however many figures the page shows.
    notes = context.render_context.get("editor_notes")
    if notes is None:
        notes = context.render_context["editor_notes"] = selectors.editor_notes()
    # A cached figure (e.g. selectors.FactFigure) names the model it was read from.
    model = getattr(target, "content_model", target)
    key = (ContentType.objects.get_for_model(model).pk, target.pk)
    if key not in notes:
        return ""
    return render_to_string("careers/_editor_notes.html", {"notes": notes[key]})


@register.inclusion_tag("careers/_page_review.html", takes_context=True)
def page_review(context) -> dict:
    """When staff last reviewed this page, for the footer (nothing if never recorded)."""
    return {"reviewed_on": selectors.page_reviewed_on(context["request"].path)}


@register.inclusion_tag("careers/_guide_passages.html")
def guide_passages(*slugs: str) -> dict:
    """The guide's passages by slug, quoted and marked as the guide's, for pages of other apps."""
    found = selectors.passages(*slugs)
    return {"passages": [found[slug] for slug in slugs if slug in found]}


# Letters whose spoken name starts with a vowel sound: "an LLM", "an NLP engineer".
_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")


@register.filter
def with_article(name: Any) -> str:
    """A name with "a" or "an" before it: "an AI Product Manager", "a Prompt Engineer"."""
    name = str(name)
    first_word = name.split(" ", 1)[0]
    if first_word.isupper() and len(first_word) > 1:
        vowel = first_word[0] in _VOWEL_SOUND_LETTERS
    else:
        vowel = first_word[:1].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {name}"
