"""Form fields drawn in the page's own template where Django's widget templates are slow."""

from __future__ import annotations

import uuid

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def widget_attrs(field: BoundField) -> list[tuple[str, object]]:
    """The attributes Django's widget would give the field's element, in the same order:
    the widget's own, then required / aria-invalid / aria-describedby, then the id."""
    attrs = {**field.field.widget.attrs, **field.build_widget_attrs({})}
    if field.auto_id:
        attrs.setdefault("id", field.auto_id)
    return list(attrs.items())


@register.simple_tag
def new_submission_key() -> uuid.UUID:
    """A fresh key for a form drawn by hand (see config.sitewide.submissions)."""
    return uuid.uuid4()
