"""What the assessments app shows about the signed-in user on careers pages (the registry)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, Subquery
from django.utils import timezone

from careers.models import Profile, Role
from config.sitewide.registry import Panel

from .models import Assessment
from .path_roles import remember_path_roles
from .result_page import next_milestone, ranked_paths, read_result_page

HOME_ORDER = 20
ROLE_ORDER = 10


def latest_result(user) -> Assessment | None:
    return Assessment.objects.for_user(user).completed().first()


def home_panel(*, user, now: datetime) -> Panel:
    """An assessment to resume, and the latest result's path, fit and plan progress."""
    # Both in one query: the unfinished one (at most one, by constraint) and the latest result.
    latest_pk = Assessment.objects.for_user(user).completed().values("pk")[:1]
    both = Assessment.objects.for_user(user).filter(
        Q(completed_at__isnull=True) | Q(pk__in=Subquery(latest_pk))
    )
    unfinished = next((a for a in both if not a.is_complete), None)
    latest = next((a for a in both if a.is_complete), None)
    context: dict[str, Any] = {"unfinished": unfinished, "assessment": latest}
    if latest is not None:
        page = read_result_page(assessment=latest, today=timezone.localdate(now))
        context.update(page=page, next_milestone=next_milestone(page))
        # The practice panels ask for the result's target role next: no second read.
        remember_path_roles(latest)
    return Panel(HOME_ORDER, "assessments/_home_panel.html", context)


def path_fit(*, assessment: Assessment | None, role_slug: str = "", path_slug: str = ""):
    """The user's best path in their latest result into this role (or this very path), by
    the result page's ranking."""
    if assessment is None:
        return None
    dismissed = set(assessment.dismissals.values_list("path_slug", flat=True))
    return next(
        (
            path
            for path in ranked_paths(assessment.snapshot, dismissed)
            if path["role"]["slug"] == role_slug or path["slug"] == path_slug
        ),
        None,
    )


def role_panel(*, user, now: datetime, role: Role, path_slug: str = "") -> Panel:
    """Whether this is the user's target role, and their fit for the best path into it
    (or, on a path's page, for that path)."""
    latest = latest_result(user)
    context = {
        "role": role,
        "assessment": latest,
        "is_target": Profile.objects.filter(user=user, target_role=role).exists(),
        "path": path_fit(assessment=latest, path_slug=path_slug)
        if path_slug
        else path_fit(assessment=latest, role_slug=role.slug),
    }
    return Panel(ROLE_ORDER, "assessments/_role_panel.html", context)
