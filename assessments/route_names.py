"""What a route is called for the person it is shown to: their role first, their own start."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def route_name(path: Mapping[str, Any], *, background_label: str) -> str:
    """A saved path's name for the person whose result it is.

    It leads with the role; it names the person's background where the route really starts
    from it, and otherwise says plainly whose route it is and where it starts, so a mechanical
    engineer is never told "Finance → Data Scientist" as if it described them.
    """
    # Snapshots from before a path knew whether it starts from the person's background.
    if path["starts_from_yours"] is None or not background_label:
        return path["name"]
    role = path["role"]["name"]
    yours = background_label.lower()
    if path["starts_from_yours"]:
        return f"{role} — the route from your background ({yours})"
    starts = path["backgrounds"]
    whose = "the guide's" if path.get("source") == "guide" else "our"
    return (
        f"{role} — {whose} route from {_joined(starts).lower()}; your background ({yours}) is "
        "not where it starts, so your plan counts every gap from your own answers"
    )


def _joined(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"
