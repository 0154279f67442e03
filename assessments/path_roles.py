"""The roles of a user's latest result, kept in the cache for the pages that only need those."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Subquery

from careers.selectors import RoleRef, role_by

from . import scoring
from .models import Assessment
from .result_page import is_goal
from .result_versions import upgrade

# Read on every practice and progress page (through the interviews app's target role).
PATH_ROLES_TTL_SECONDS = 24 * 60 * 60


def _path_roles(assessment_id: int) -> list[tuple[str, str]]:
    """The result's (path slug, role slug) pairs, best first.

    A completed assessment's result is written once and never changed, so the pairs are
    kept rather than parsed out of the whole result on every page.
    """
    pairs = cache.get(_path_roles_key(assessment_id))
    if pairs is None:
        result = Assessment.objects.filter(pk=assessment_id).values_list("result", flat=True)
        pairs = keep_path_roles(assessment_id, upgrade(next(iter(result), None)))
    return pairs


def _path_roles_key(assessment_id: int) -> str:
    return f"assessments:path-roles:{assessment_id}"


def remember_path_roles(assessment: Assessment) -> None:
    """Keep the path roles of a completed result already read, so no page reads it again."""
    if cache.get(_path_roles_key(assessment.pk)) is None:
        keep_path_roles(assessment.pk, assessment.snapshot)


def keep_path_roles(assessment_id: int, result: dict[str, Any]) -> list[tuple[str, str]]:
    pairs = [
        (path["slug"], path["role"]["slug"])
        # The person's goal first, as the result opens with it.
        for path in sorted(result["paths"], key=lambda path: not is_goal(path))
        if is_goal(path) or path["fit_words"] != scoring.NOT_YET
    ]
    cache.set(_path_roles_key(assessment_id), pairs, PATH_ROLES_TTL_SECONDS)
    return pairs


def recommended_role(user) -> RoleRef | None:
    """The target role of the best path the user has not set aside, from their latest result."""
    # The latest result and the paths set aside in it, in one query: a row per dismissal
    # (or one row with no slug when there is none).
    latest = Assessment.objects.for_user(user).completed().values("pk")[:1]
    rows = list(
        Assessment.objects.filter(pk=Subquery(latest)).values_list("pk", "dismissals__path_slug")
    )
    if not rows:
        return None
    assessment_id = rows[0][0]
    dismissed = {slug for _, slug in rows if slug is not None}
    for path_slug, role_slug in _path_roles(assessment_id):
        if path_slug not in dismissed:
            return role_by(slug=role_slug)
    return None
