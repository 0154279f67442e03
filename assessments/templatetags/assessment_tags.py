"""The profile page's past assessments, a role's editor's notes beside a path, route names."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string

from careers import selectors
from careers.models import Role

from ..models import Assessment
from ..route_names import route_name as name_for_person

register = template.Library()

SHOWN_ASSESSMENTS = 4


@register.inclusion_tag("assessments/_history.html")
def assessment_history(user) -> dict[str, Any]:
    # The small stored score snapshots only, not the whole results.
    rows = list(
        Assessment.objects.for_user(user)
        .completed()
        .order_by("-completed_at", "-pk")
        .values("pk", "completed_at", "scores")[: SHOWN_ASSESSMENTS + 1]
    )
    rows.reverse()  # oldest first, so each can be compared with the one before
    columns = []
    for previous, current in zip([None, *rows], rows, strict=False):
        before = {item["slug"]: item["score"] for item in (previous or {}).get("scores") or []}
        columns.append(
            {
                "pk": current["pk"],
                "completed_at": current["completed_at"],
                "scores": {
                    item["slug"]: {
                        "score": item["score"],
                        "change": item["score"] - before[item["slug"]]
                        if item["slug"] in before
                        else None,
                    }
                    for item in current["scores"] or []
                },
            }
        )
    columns = columns[-SHOWN_ASSESSMENTS:]
    latest = rows[-1]["scores"] if rows else []
    dimensions = [{"slug": item["slug"], "name": item["name"]} for item in latest or []]
    table = [
        {"name": d["name"], "cells": [column["scores"].get(d["slug"]) for column in columns]}
        for d in dimensions
    ]
    return {"columns": columns, "table": table}


@register.simple_tag(takes_context=True)
def role_notes(context, role_id: int | None) -> str:
    """A role's editor's notes wherever a path to it is recommended or planned: a saved result
    names its role by id, so the note travels with the role, not with the role page."""
    if role_id is None:
        return ""
    notes = context.render_context.get("editor_notes")
    if notes is None:
        notes = context.render_context["editor_notes"] = selectors.editor_notes()
    key = (ContentType.objects.get_for_model(Role).pk, role_id)
    if key not in notes:
        return ""
    return render_to_string("careers/_editor_notes.html", {"notes": notes[key]})


@register.filter
def route_name(path: dict[str, Any], background_label: str) -> str:
    """``{{ path|route_name:result.background_label }}``: the route named for the person."""
    return name_for_person(path, background_label=background_label)
