"""A stored result read in one place: whatever version it was saved in, upgraded to the shape
the code reads today, so no reader carries defaults for older shapes."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

# 2: timelines from study hours ("study_hours" per path, "timeline" never clamped).
# 3: plans from the role's skills with resources; credentials with their status today.
# 4: fit words, pacing, market figures, foundations and the answers behind each score.
# 5: fit words from the distance to the job with their reason, the person's goal roles.
# 6: a move inside an AI-adopting employer beside each path it reaches ("internal_transfer");
#    whether a path starts from the person's background, and every background it starts from.
SNAPSHOT_VERSION = 6
# Results from before weekly hours were required may lack them.
ASSUMED_WEEKLY_HOURS = 5
# Before version 5 a goal was only said in a path's reasons, in these words.
GOAL_REASON = "You said its target role interests you."
# Before version 4 no fit words: "" says none was given (pages name no word they cannot
# stand behind, and count the path as within reach).
NO_FIT_WORDS = ""


def upgrade(stored: dict[str, Any] | None) -> dict[str, Any]:
    """The stored result in today's shape (an old one as a copy: the stored one is never
    rewritten). A result of today's version is returned as it is."""
    if stored is not None and stored.get("version", 1) >= SNAPSHOT_VERSION:
        return stored
    result = deepcopy(stored or {})
    version = result.get("version", 1)
    result.setdefault("paths", [])
    result.setdefault("dimensions", [])
    if not result.get("weekly_study_hours"):
        result["weekly_study_hours"] = ASSUMED_WEEKLY_HOURS
    for path in result["paths"]:
        _upgrade_path(path, version)
    if version < 5:
        result["goal_roles"] = sorted(
            {path["role"]["slug"] for path in result["paths"] if path["interested"]}
        )
    result["version"] = SNAPSHOT_VERSION
    return result


def _upgrade_path(path: dict[str, Any], version: int) -> None:
    if version < 4:
        path.setdefault("fit_words", NO_FIT_WORDS)
        path.setdefault("market", {"postings": None, "pay": []})
    if version < 5:
        path.setdefault("interested", GOAL_REASON in path.get("reasons", ()))
    if version < 6:
        path.setdefault("internal_transfer", None)
        # None: not known, so the route keeps the name it was saved with.
        path.setdefault("starts_from_yours", None)
        path.setdefault("backgrounds", [path.get("background_label", "")])
    for milestone in path.get("plan", []):
        # Before version 3 a milestone had one "month" and no hours.
        milestone.setdefault("start_month", milestone.get("month", 1))
        milestone.setdefault("end_month", milestone["start_month"])
        milestone.setdefault("hours", 0)
        milestone.setdefault("resources", [])
        milestone.setdefault("deliverable", "")
    for row in path.get("certifications", []):
        # Whether the person held it, as they said: unsaid before version 3.
        row.setdefault("met", False)
