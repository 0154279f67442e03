"""Server-drawn SVG charts: every chart has a title, a description and a table of its numbers.

Geometry is worked out here, in Python: each chart function returns the context its template
in templates/charts/ draws (registered as inclusion tags in templatetags/charts.py), so the
templates only place shapes. Coordinates are floats for drawing; the numbers shown to people
are formatted from the original values, so money never passes through a float on its way to
the page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.text import slugify

WIDTH = 720
# The narrow layout, shown on phones (static/css/app.css switches between the two): drawn
# at about the width it is shown at, so its 12px text stays 12px or more on a 360px screen.
NARROW_WIDTH = 320
LABEL_CHARS = 36
NARROW_LABEL_CHARS = 44
# Rough width of one character of 12px text, for placing labels that must not overflow.
CHAR_PX = 6.5
LINE_PX = 15


def _get(row: Any, key: str, default: Any = None) -> Any:
    if isinstance(row, Mapping):
        return row.get(key, default)
    return getattr(row, key, default)


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def format_value(value: Any, unit: str = "") -> str:
    """A figure as people read it: $45,200 · 340% · 1,900."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    text = intcomma(value)
    if unit == "$":
        return f"−${text[1:]}" if text.startswith("-") else f"${text}"
    return f"{text}{unit}"


def _tick_label(value: float, unit: str) -> str:
    # Axis ticks are rounded labels, so thousands of dollars are shortened to "k".
    if unit == "$" and abs(value) >= 1000:
        return f"${value / 1000:g}k"
    return format_value(int(value) if float(value).is_integer() else value, unit)


def _wrap(label: str, limit: int) -> list[str]:
    """A label broken into lines of at most `limit` characters at spaces, never cut short."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _layouts(build) -> dict[str, Any]:
    """The wide drawing's values at the top level (and for the table), plus both layouts."""
    wide, narrow = build(WIDTH, narrow=False), build(NARROW_WIDTH, narrow=True)
    return {
        **wide,
        "layouts": [{"name": "wide", **wide}, {"name": "narrow", **narrow}],
    }


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high], about `count` of them."""
    if high <= low:
        high = low + 1
    raw_step = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    ticks = []
    value = start
    while value <= stop + step / 1000:
        ticks.append(round(value, 6))
        value += step
    return ticks


class _Scale:
    """Maps a value domain onto a pixel range."""

    def __init__(self, domain_low: float, domain_high: float, px_low: float, px_high: float):
        self.domain_low, self.domain_high = domain_low, domain_high
        self.px_low, self.px_high = px_low, px_high

    def __call__(self, value: float) -> float:
        span = (self.domain_high - self.domain_low) or 1
        fraction = (value - self.domain_low) / span
        return round(self.px_low + fraction * (self.px_high - self.px_low), 1)


def _base_context(title: str, description: str, chart_id: str | None) -> dict[str, Any]:
    chart_id = chart_id or slugify(title) or "chart"
    return {
        "chart_id": f"chart-{chart_id}",
        "title": title,
        "description": description or title,
    }


def _value_domain(values: Iterable[float]) -> tuple[float, float]:
    values = list(values) or [0.0]
    low, high = min(0.0, min(values)), max(0.0, max(values))
    if low == high:
        high = low + 1
    return low, high


def _label_lines(label: str, *, narrow: bool, x: float, y: float, limit: int) -> list[dict]:
    """A label's text lines, wrapped at spaces and never cut: above the drawing on phones
    (the first line at `y`), beside it on wide screens (the lines centred on `y`)."""
    lines = _wrap(label, limit)
    first = y if narrow else y - (len(lines) - 1) * LINE_PX / 2
    return [{"text": text, "x": x, "y": first + n * LINE_PX} for n, text in enumerate(lines)]


def _wide_row_height(label: str, limit: int, minimum: float) -> float:
    """A wide row's height: its usual height, or taller when its label wraps."""
    return max(minimum, len(_wrap(label, limit)) * LINE_PX + 12)


def bar_chart(
    rows: Sequence[Any],
    title: str = "",
    description: str = "",
    unit: str = "",
    chart_id: str | None = None,
) -> dict[str, Any]:
    """Horizontal bars: rows of {label, value, optional href}; on phones, labels above bars."""
    values = [_number(_get(row, "value")) for row in rows]
    low, high = _value_domain(v for v in values if v is not None)

    def build(width: int, *, narrow: bool) -> dict[str, Any]:
        label_width = 0 if narrow else 260
        value_room, bar_height, top = (64 if narrow else 90), (14 if narrow else 20), 8
        scale = _Scale(low, high, label_width, width - value_room)
        zero = scale(0)
        bars: list[dict[str, Any]] = []
        y: float = top
        for row, value in zip(rows, values, strict=True):
            label = str(_get(row, "label", ""))
            if narrow:
                lines = _label_lines(label, narrow=True, x=0, y=y + 12, limit=NARROW_LABEL_CHARS)
                bar_y: float = y + len(lines) * LINE_PX + 2
                row_height: float = len(lines) * LINE_PX + bar_height + 12
            else:
                row_height = _wide_row_height(label, LABEL_CHARS, 30)
                bar_y = y + (row_height - bar_height) / 2
                lines = _label_lines(
                    label,
                    narrow=False,
                    x=label_width - 8,
                    y=bar_y + bar_height / 2 + 4,
                    limit=LABEL_CHARS,
                )
            end = scale(value) if value is not None else zero
            bars.append(
                {
                    "label": label,
                    "label_lines": lines,
                    "href": _get(row, "href"),
                    "display": format_value(_get(row, "value"), unit),
                    "x": min(zero, end),
                    "width": max(abs(end - zero), 0 if value is None else 1),
                    "y": bar_y,
                    "bar_height": bar_height,
                    "text_y": bar_y + bar_height / 2 + 4,
                    "value_x": max(zero, end) + 6,
                    "has_value": value is not None,
                }
            )
            y += row_height
        return {
            "width": width,
            "bars": bars,
            "label_anchor": "start" if narrow else "end",
            "zero_x": zero,
            "height": y + top,
        }

    return {**_base_context(title, description, chart_id), **_layouts(build)}


def column_chart(
    rows: Sequence[Any],
    title: str = "",
    description: str = "",
    unit: str = "",
    chart_id: str | None = None,
) -> dict[str, Any]:
    """Vertical columns, e.g. one per day: rows of {label, value, optional href}."""
    values = [_number(_get(row, "value")) or 0.0 for row in rows]

    def build(width: int, *, narrow: bool) -> dict[str, Any]:
        height, left, right, top, bottom = (200, 40, 8, 20, 40) if narrow else (260, 56, 12, 20, 44)
        ticks = nice_ticks(*_value_domain(values), count=3 if narrow else 4)
        y_scale = _Scale(ticks[0], ticks[-1], height - bottom, top)
        slot = (width - left - right) / max(len(rows), 1)
        # Label every column when they fit, otherwise about ten (five on a phone) evenly spaced.
        most = 5 if narrow else 10
        label_every = 1 if len(rows) <= most + 2 else math.ceil(len(rows) / most)
        zero = y_scale(0)
        columns = []
        for index, (row, value) in enumerate(zip(rows, values, strict=True)):
            x = left + index * slot
            y = y_scale(value)
            columns.append(
                {
                    "label": str(_get(row, "label", "")),
                    "href": _get(row, "href"),
                    "display": format_value(_get(row, "value"), unit),
                    "x": round(x + slot * 0.15, 1),
                    "width": round(slot * 0.7, 1),
                    "y": min(y, zero),
                    "height": max(abs(zero - y), 0),
                    "center": round(x + slot / 2, 1),
                    "show_label": index % label_every == 0,
                    "show_value": len(rows) <= (6 if narrow else 12),
                    "value_y": min(y, zero) - 4,
                }
            )
        return {
            "width": width,
            "columns": columns,
            "height": height,
            "left": left,
            "right_x": width - right,
            "label_y": height - bottom + 16,
            "ticks": [
                {"y": y_scale(t), "text_y": y_scale(t) + 4, "label": _tick_label(t, unit)}
                for t in ticks
            ],
            "tick_x": left - 6,
        }

    return {**_base_context(title, description, chart_id), **_layouts(build)}


def range_chart(
    rows: Sequence[Any],
    title: str = "",
    description: str = "",
    unit: str = "$",
    chart_id: str | None = None,
) -> dict[str, Any]:
    """A low–high segment per row, with an optional marker; low == high draws a point."""
    numbers = []
    for row in rows:
        for key in ("low", "high", "marker"):
            number = _number(_get(row, key))
            if number is not None:
                numbers.append(number)

    def build(width: int, *, narrow: bool) -> dict[str, Any]:
        label_width, right, top, axis_room = (8 if narrow else 250), (12 if narrow else 28), 8, 28
        ticks = nice_ticks(*_value_domain(numbers), count=3 if narrow else 5)
        scale = _Scale(ticks[0], ticks[-1], label_width, width - right)
        items: list[dict[str, Any]] = []
        y: float = top
        for row in rows:
            low, high = _number(_get(row, "low")), _number(_get(row, "high"))
            marker = _number(_get(row, "marker"))
            label = str(_get(row, "label", ""))
            display = _range_display(_get(row, "low"), _get(row, "high"), unit)
            text_width = len(display) * CHAR_PX
            if narrow:
                # The label on the left of its own line, the figures at its right end.
                limit = max(int((width - text_width - 12) / CHAR_PX), 12)
                lines = _label_lines(label, narrow=True, x=0, y=y + 12, limit=limit)
                center: float = y + len(lines) * LINE_PX + 10
                row_height: float = len(lines) * LINE_PX + 24
            else:
                row_height = _wide_row_height(label, LABEL_CHARS, 34)
                center = y + row_height / 2
                lines = _label_lines(
                    label, narrow=False, x=label_width - 8, y=center + 4, limit=LABEL_CHARS
                )
            low_x = scale(low) if low is not None else None
            high_x = scale(high) if high is not None else low_x
            # Wide: the figures after the bar when they fit, otherwise before it.
            after = high_x is not None and high_x + 8 + text_width * 1.15 <= width
            value_x: float
            if narrow:
                value_x, value_y, anchor = width, y + 12, "end"
            else:
                value_x = (
                    (high_x + 8) if after and high_x is not None else ((low_x or label_width) - 8)
                )
                value_y, anchor = center + 4, "start" if after else "end"
            items.append(
                {
                    "label": label,
                    "label_lines": lines,
                    "href": _get(row, "href"),
                    "low_display": format_value(_get(row, "low"), unit),
                    "high_display": format_value(_get(row, "high"), unit),
                    "marker_display": format_value(_get(row, "marker"), unit)
                    if marker is not None
                    else "",
                    "display": display,
                    "has_value": low_x is not None,
                    "is_point": low is not None and (high is None or low == high),
                    "x": low_x,
                    "width": (high_x - low_x) if low_x is not None and high_x is not None else 0,
                    "center": center,
                    "bar_y": center - 6,
                    "text_y": value_y,
                    "marker_x": scale(marker) if marker is not None else None,
                    "marker_y1": center - 10,
                    "marker_y2": center + 10,
                    "value_x": value_x,
                    "value_anchor": anchor,
                }
            )
            y += row_height
        axis_y = y + 4
        return {
            "width": width,
            "items": items,
            "label_anchor": "start" if narrow else "end",
            "axis_y": axis_y,
            "height": axis_y + axis_room,
            "top": top,
            "ticks": [{"x": scale(t), "label": _tick_label(t, unit)} for t in ticks],
            "tick_label_y": axis_y + 18,
        }

    context = {**_base_context(title, description, chart_id), **_layouts(build)}
    context["has_markers"] = any(item["marker_x"] is not None for item in context["items"])
    return context


def _range_display(low: Any, high: Any, unit: str) -> str:
    if high is None or high == "" or low == high:
        return format_value(low, unit)
    return f"{format_value(low, unit)}–{format_value(high, unit)}"


def _label_box(mark: dict) -> tuple[float, float, float, float]:
    """The left, right, top and bottom of a mark's label (baseline at text_y)."""
    shift = {"start": 0, "middle": 0.5, "end": 1}[mark["text_anchor"]]
    left = mark["text_x"] - shift * mark["text_width"]
    return left, left + mark["text_width"], mark["text_y"] - 12, mark["text_y"] + 3


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _separate_labels(marks: list[dict], *, top: float, bottom: float) -> None:
    """Move a label that would overlap one placed before it to the nearest free line above
    or below its own (on a phone, close points' names otherwise print over each other)."""
    placed: list[tuple] = []
    for mark in sorted(marks, key=lambda mark: mark["text_y"]):
        wanted = mark["text_y"]
        offsets = [0] + [sign * step * LINE_PX for step in range(1, 8) for sign in (1, -1)]
        for offset in offsets:
            mark["text_y"] = min(max(wanted + offset, top), bottom)
            if not any(_overlaps(_label_box(mark), other) for other in placed):
                break
        else:
            mark["text_y"] = wanted
        placed.append(_label_box(mark))


def scatter_chart(
    points: Sequence[Any],
    title: str = "",
    description: str = "",
    x_label: str = "",
    y_label: str = "",
    x_unit: str = "",
    y_unit: str = "",
    chart_id: str | None = None,
) -> dict[str, Any]:
    """Points of {label, x_low, x_high, y}; a range of x draws a horizontal segment."""
    xs = [
        x for p in points for key in ("x_low", "x_high") if (x := _number(_get(p, key))) is not None
    ]
    ys = [y for p in points if (y := _number(_get(p, "y"))) is not None]

    def build(width: int, *, narrow: bool) -> dict[str, Any]:
        height, left, right, top, bottom = (
            (300, 52, 12, 16, 52) if narrow else (380, 76, 24, 16, 56)
        )
        x_ticks = nice_ticks(*_padded(xs), count=3 if narrow else 6)
        y_ticks = nice_ticks(*_padded(ys), count=4 if narrow else 5)
        x_scale = _Scale(x_ticks[0], x_ticks[-1], left, width - right)
        y_scale = _Scale(y_ticks[0], y_ticks[-1], height - bottom, top)
        marks = []
        for point in points:
            x_low, y = _number(_get(point, "x_low")), _number(_get(point, "y"))
            if x_low is None or y is None:
                continue
            x_high = _number(_get(point, "x_high"))
            x_high = x_low if x_high is None else x_high
            low_x, high_x, cy = x_scale(x_low), x_scale(x_high), y_scale(y)
            label = str(_get(point, "label", ""))
            # A label goes right of its mark; near the right edge, left of it; where neither
            # fits (a long label on a phone), centred over the mark and kept inside the chart.
            text_width = len(label) * CHAR_PX * 1.15
            if high_x + 8 + text_width <= width:
                text_x, anchor = high_x + 8, "start"
            elif low_x - 8 - text_width >= 0:
                text_x, anchor = low_x - 8, "end"
            else:
                middle = (low_x + high_x) / 2
                text_x, anchor = min(max(middle, text_width / 2), width - text_width / 2), "middle"
            marks.append(
                {
                    "label": label,
                    "is_point": x_low == x_high,
                    "low_x": low_x,
                    "high_x": high_x,
                    "y": cy,
                    "text_x": round(text_x, 1),
                    "text_anchor": anchor,
                    "text_y": cy - 8,
                    "text_width": text_width,
                }
            )
        _separate_labels(marks, top=top + 12, bottom=height - bottom - 4)
        return {
            "width": width,
            "marks": marks,
            "height": height,
            "left": left,
            "right_x": width - right,
            "top": top,
            "bottom_y": height - bottom,
            "x_ticks": [{"x": x_scale(t), "label": _tick_label(t, x_unit)} for t in x_ticks],
            "y_ticks": [
                {"y": y_scale(t), "text_y": y_scale(t) + 4, "label": _tick_label(t, y_unit)}
                for t in y_ticks
            ],
            "y_tick_x": left - 6,
            "x_tick_label_y": height - bottom + 18,
            "x_label_x": (left + width - right) / 2,
            "x_label_y": height - 10,
            "y_label_y": (top + height - bottom) / 2,
        }

    rows = [
        {
            "label": str(_get(point, "label", "")),
            "x_display": _range_display(_get(point, "x_low"), _get(point, "x_high"), x_unit),
            "y_display": format_value(_get(point, "y"), y_unit),
        }
        for point in points
    ]
    return {
        **_base_context(title, description, chart_id),
        **_layouts(build),
        "rows": rows,
        "x_label": x_label,
        "y_label": y_label,
    }


def _padded(values: list[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1
    return low - pad, high + pad


def grouped_bar_chart(
    rows: Sequence[Any],
    series: Sequence[str],
    title: str = "",
    description: str = "",
    max_value: int | float | Decimal | None = 100,
    unit: str = "",
    chart_id: str | None = None,
) -> dict[str, Any]:
    """Horizontal bars in groups: rows of {label, values: [...]}, one value per series.

    Labels and legend are never cut: labels wrap (above their bars on phones), and the
    legend has a line per series.
    """
    series = list(series)
    all_values = [
        number
        for row in rows
        for v in (_get(row, "values") or [])
        if (number := _number(v)) is not None
    ]
    high = max([_number(max_value) or 0.0, *all_values, 1.0])

    def build(width: int, *, narrow: bool) -> dict[str, Any]:
        label_width, value_room, bar_height, gap, top = (
            (0, 48, 14, 14, 8) if narrow else (260, 70, 14, 12, 8)
        )
        legend = []
        for index, name in enumerate(series):
            legend.append(
                {
                    "name": name,
                    "css": f"series-{index % 3 + 1}",
                    "x": label_width,
                    "y": top + index * 20,
                    "text_x": label_width + 18,
                    "text_y": top + index * 20 + 10,
                }
            )
        legend_height = len(series) * 20 + 8
        scale = _Scale(0, high, label_width, width - value_room)
        bars_height = bar_height * max(len(series), 1)
        groups, y = [], top + legend_height
        for row in rows:
            values = list(_get(row, "values") or [])
            values += [None] * (len(series) - len(values))
            label = str(_get(row, "label", ""))
            if narrow:
                lines = _label_lines(label, narrow=True, x=0, y=y + 12, limit=NARROW_LABEL_CHARS)
                y0 = y + len(lines) * LINE_PX + 2
            else:
                lines = [
                    {"text": text, "x": label_width - 8, "y": y + 12 + n * LINE_PX}
                    for n, text in enumerate(_wrap(label, LABEL_CHARS))
                ]
                y0 = y
            bars = []
            for series_index, value in enumerate(values[: len(series)]):
                number = _number(value)
                bar_top = y0 + series_index * bar_height
                bars.append(
                    {
                        "series": series[series_index],
                        "css": f"series-{series_index % 3 + 1}",
                        "has_value": number is not None,
                        "width": max(scale(number) - label_width, 1) if number is not None else 0,
                        "y": bar_top + 1,
                        "height": bar_height - 2,
                        "text_y": bar_top + bar_height - 3,
                        "value_x": (scale(number) if number is not None else label_width) + 6,
                        "display": format_value(value, unit),
                    }
                )
            groups.append({"label": label, "label_lines": lines, "bars": bars})
            y = max(y0 + bars_height, y + len(lines) * LINE_PX + 4) + gap
        return {
            "width": width,
            "groups": groups,
            "legend": legend,
            "label_anchor": "start" if narrow else "end",
            "bar_x": label_width,
            "plot_top": top + legend_height - 4,
            "height": y + top,
        }

    return {
        **_base_context(title, description, chart_id),
        **_layouts(build),
        "series": series,
    }
