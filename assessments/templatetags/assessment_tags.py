"""The profile page's list of past assessments, with how each dimension moved."""

from __future__ import annotations

from typing import Any

from django import template

from ..models import Assessment

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
