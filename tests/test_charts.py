"""The chart template tags: SVG with a title and description, and the same numbers in a table."""

import re
from decimal import Decimal

import pytest
from django.template import Context, Template

from config.sitewide.charts import format_value, nice_ticks


def render(source: str, **context) -> str:
    return Template("{% load charts %}" + source).render(Context(context))


def drawing(html: str, layout: str = "wide") -> str:
    """One of the chart's two drawings: "wide" (720 units) or "narrow" (320, for phones)."""
    match = re.search(rf'<svg class="chart-{layout}".*?</svg>', html, re.S)
    assert match, f"no {layout} drawing"
    return match.group(0)


def assert_accessible_svg(html: str, chart_id: str, title: str) -> None:
    assert f'id="{chart_id}"' in html
    for layout in ("wide", "narrow"):
        assert f'aria-labelledby="{chart_id}-{layout}-title {chart_id}-{layout}-desc"' in html
        assert f'<title id="{chart_id}-{layout}-title">{title}</title>' in html
        assert f'<desc id="{chart_id}-{layout}-desc">' in html
    assert 'viewBox="0 0 720 ' in drawing(html) and 'viewBox="0 0 320 ' in drawing(html, "narrow")
    assert 'role="img"' in html
    assert "<caption>" in html
    assert 'scope="col"' in html and 'scope="row"' in html
    assert "style=" not in html
    assert "<script" not in html


def test_it_draws_a_bar_per_row_with_the_numbers_in_a_table():
    rows = [
        {"label": "Machine Learning Engineer", "value": 45200, "href": "/roles/mle/"},
        {"label": "AI Ethics Specialist", "value": 1900},
    ]
    html = render(
        '{% bar_chart rows title="Active postings" description="Postings by role" %}', rows=rows
    )
    assert_accessible_svg(html, "chart-active-postings", "Active postings")
    assert "Postings by role" in html
    assert drawing(html).count('<rect class="bar"') == 2
    assert drawing(html, "narrow").count('<rect class="bar"') == 2
    assert html.count("45,200") == 3  # on the bar of each drawing, and in the table
    assert html.count("1,900") == 3
    assert '<a href="/roles/mle/">Machine Learning Engineer</a>' in html
    for layout in ("wide", "narrow"):
        widths = [
            float(w)
            for w in re.findall(
                r'class="bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', drawing(html, layout)
            )
        ]
        assert widths[0] > widths[1] * 20


def test_it_formats_units_and_accepts_decimals():
    assert format_value(45200, "$") == "$45,200"
    assert format_value(340, "%") == "340%"
    assert format_value(Decimal("85.0"), "%") == "85%"
    assert format_value(Decimal("12.5"), "%") == "12.5%"
    assert format_value(-8, "%") == "-8%"
    assert format_value(None) == "—"
    html = render(
        '{% bar_chart rows title="Growth" unit="%" %}',
        rows=[{"label": "Miami", "value": Decimal("420")}],
    )
    assert "420%" in html


def test_it_uses_a_given_chart_id_so_two_charts_can_share_a_title():
    html = render(
        '{% bar_chart rows title="Same" chart_id="one" %}'
        '{% bar_chart rows title="Same" chart_id="two" %}',
        rows=[{"label": "A", "value": 1}],
    )
    assert 'id="chart-one"' in html and 'id="chart-two"' in html


def test_it_survives_empty_rows_and_zero_values():
    html = render('{% bar_chart rows title="Nothing" %}', rows=[])
    assert "<svg" in html
    html = render('{% bar_chart rows title="Zero" %}', rows=[{"label": "A", "value": 0}])
    assert ">0<" in html
    html = render(
        '{% column_chart rows title="Zero days" %}', rows=[{"label": "1", "value": 0}] * 30
    )
    assert drawing(html).count('<rect class="bar"') == 30


def test_it_draws_columns_and_labels_only_some_of_thirty_days():
    rows = [{"label": f"Day {day}", "value": day % 7} for day in range(1, 31)]
    html = render(
        '{% column_chart rows title="Reviews per day" description="Last 30 days" %}', rows=rows
    )
    assert_accessible_svg(html, "chart-reviews-per-day", "Reviews per day")
    assert drawing(html).count('<rect class="bar"') == 30
    # Every day is in the table even if the axis only names some of them.
    assert html.count('<th scope="row">Day ') == 30
    assert 0 < drawing(html).count(">Day ") < 30
    # A phone names fewer days still, so their labels keep their size without overlapping.
    assert 0 < drawing(html, "narrow").count(">Day ") < drawing(html).count(">Day ")


def test_it_draws_a_range_per_row_a_point_when_equal_and_a_marker():
    rows = [
        {"label": "Entry level", "low": 120000, "high": 160000, "marker": 140000},
        {"label": "Quoted", "low": 95000, "high": 95000},
    ]
    html = render('{% range_chart rows title="Salary by level" %}', rows=rows)
    assert_accessible_svg(html, "chart-salary-by-level", "Salary by level")
    assert drawing(html).count('<rect class="series-1"') == 1
    assert drawing(html).count('<circle class="series-1"') == 1
    assert drawing(html).count('class="marker"') == 1
    assert "$120,000–$160,000" in html
    assert "$140,000" in html  # the marker, in the table
    assert ">Marker<" in html


def test_a_range_chart_without_markers_has_no_marker_column():
    html = render('{% range_chart rows title="Pay" %}', rows=[{"label": "A", "low": 1, "high": 2}])
    assert ">Marker<" not in html


def test_it_draws_points_and_segments_on_a_scatter_chart():
    points = [
        {"label": "San Francisco", "x_low": 100, "x_high": 100, "y": 185000},
        {"label": "Remote", "x_low": 65, "x_high": 85, "y": 152000},
    ]
    html = render(
        '{% scatter_chart points title="Salary against cost of living" '
        'x_label="Cost of living index" y_label="Average base salary" y_unit="$" %}',
        points=points,
    )
    assert_accessible_svg(
        html, "chart-salary-against-cost-of-living", "Salary against cost of living"
    )
    assert drawing(html).count('<circle class="series-1"') == 1
    assert drawing(html).count('<line class="marker"') == 1
    assert "65–85" in html
    assert "$185,000" in html
    assert ">Cost of living index<" in html


def test_it_draws_grouped_bars_with_a_legend_and_table_columns_per_series():
    rows = [
        {"label": "Mathematical foundations", "values": [40, 70]},
        {"label": "Programming readiness", "values": [90, None]},
    ]
    html = render(
        '{% grouped_bar_chart rows series title="Your scores" max_value=100 unit="%" %}',
        rows=rows,
        series=["Your score", "Path requirement"],
    )
    assert_accessible_svg(html, "chart-your-scores", "Your scores")
    assert drawing(html).count('<rect class="series-1" x=') == 3  # legend + two bars
    assert drawing(html).count('<rect class="series-2" x=') == 2  # legend + one bar
    assert '<th scope="col" class="num">Path requirement</th>' in html
    assert "—" in html  # the missing value, in the table


def test_it_never_cuts_a_grouped_label_or_the_legend_on_any_layout():
    label = "Risk tolerance and timeline flexibility"
    series = ["Your score", "Developer → ML Engineer requirement"]
    html = render(
        '{% grouped_bar_chart rows series title="Scores" %}',
        rows=[{"label": label, "values": [40, 70]}],
        series=series,
    )
    for layout in ("wide", "narrow"):
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", drawing(html, layout))
        assert "…" not in "".join(texts)
        assert " ".join(t for t in texts if t in label) == label
        assert all(name in texts for name in series)


@pytest.mark.parametrize(
    ("tag", "row"),
    [
        ("bar_chart", {"value": 5}),
        ("range_chart", {"low": 1, "high": 2}),
    ],
)
def test_it_wraps_a_long_label_instead_of_cutting_it_on_either_layout(tag, row):
    label = "Generative AI Product Manager (remote, national average pay)"
    html = render(f'{{% {tag} rows title="Long" %}}', rows=[{"label": label, **row}])
    for layout in ("wide", "narrow"):
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", drawing(html, layout))
        assert "…" not in "".join(texts)
        assert " ".join(t for t in texts if t in label) == label
        assert all(len(t) <= 44 for t in texts if t in label)


def test_it_puts_a_scatter_label_that_fits_neither_side_over_its_mark_inside_the_chart():
    points = [{"label": "Remote (national average)", "x_low": 1, "x_high": 99, "y": 5}]
    html = render('{% scatter_chart points title="S" %}', points=points)
    narrow = drawing(html, "narrow")
    match = re.search(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">Remote', narrow)
    assert match
    half = len("Remote (national average)") * 6.5 * 1.15 / 2
    assert half <= float(match.group(1)) <= 320 - half


def test_nice_ticks_cover_the_range_with_round_steps():
    assert nice_ticks(0, 45200) == [0, 10000, 20000, 30000, 40000, 50000]
    ticks = nice_ticks(60, 105, count=6)
    assert ticks[0] <= 60 and ticks[-1] >= 105
    assert nice_ticks(5, 5)[0] <= 5


def test_it_keeps_close_points_labels_from_printing_over_each_other_on_a_phone():
    points = [
        {"label": "San Francisco", "x_low": 100, "x_high": 100, "y": 185000},
        {"label": "San Jose", "x_low": 101, "x_high": 101, "y": 184000},
        {"label": "Seattle", "x_low": 99, "x_high": 99, "y": 183000},
        {"label": "Remote", "x_low": 40, "x_high": 90, "y": 120000},
    ]
    html = render('{% scatter_chart points title="S" %}', points=points)
    for layout in ("wide", "narrow"):
        found = re.findall(
            r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">(San Francisco|San Jose|Seattle)',
            drawing(html, layout),
        )
        assert len(found) == 3
        boxes = []
        for x, y, anchor, label in found:
            width = len(label) * 7  # 12px text: about 6.5px a character
            left = float(x) - {"start": 0, "middle": width / 2, "end": width}[anchor]
            boxes.append((left, left + width, float(y) - 12, float(y) + 3))
        for n, a in enumerate(boxes):
            for b in boxes[n + 1 :]:
                apart = a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
                assert apart, (layout, found)
