"""The chart template tags: each draws its template with config.sitewide.charts' geometry."""

from django import template

from config.sitewide import charts

register = template.Library()

for _name in ("bar_chart", "column_chart", "range_chart", "scatter_chart", "grouped_bar_chart"):
    register.inclusion_tag(f"charts/{_name}.html", name=_name)(getattr(charts, _name))
