"""An assessment's result: the snapshot taken on completion, and what the user does with it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import F, Prefetch, Value
from django.utils import timezone

from careers.models import Profile, Role
from careers.selectors import role_by

from . import plan, scoring, timeline
from .models import (
    Assessment,
    MilestoneTick,
    PathCertification,
    PathDismissal,
    Prerequisite,
    TransitionPath,
)
from .questionnaire import Questionnaire

# 2: timelines from study hours ("study_hours" per path, "timeline" never clamped).
SNAPSHOT_VERSION = 2
ALTERNATIVES = 2


def complete_assessment(
    *, assessment: Assessment, questionnaire: Questionnaire, option_scores: Mapping[int, int]
) -> bool:
    """Freeze the assessment with its result. False if it was already complete.

    ``option_scores`` maps each answered question's id to the chosen answer's score. The
    result is stored whole, so later staff edits to questions or paths leave it alone.
    """
    now = timezone.now()
    result = build_result(
        assessment=assessment, questionnaire=questionnaire, option_scores=option_scores, now=now
    )
    # One conditional update: a double-submitted review completes it once.
    updated = Assessment.objects.filter(pk=assessment.pk, completed_at__isnull=True).update(
        completed_at=now, updated_at=now, scores=result["dimensions"], result=result
    )
    return bool(updated)


def _transition_paths() -> list[TransitionPath]:
    # Everything the scoring needs, in four queries whatever the number of paths.
    return list(
        TransitionPath.objects.select_related("target_role")
        .prefetch_related(
            "requirement_levels",
            Prefetch(
                "prerequisites",
                queryset=Prerequisite.objects.select_related("question").order_by(
                    "sort_order", "pk"
                ),
            ),
            Prefetch(
                "certification_links",
                queryset=PathCertification.objects.select_related("certification").order_by(
                    "sort_order", "pk"
                ),
                to_attr="ordered_certifications",
            ),
        )
        .order_by("sort_order", "pk")
    )


def build_result(
    *,
    assessment: Assessment,
    questionnaire: Questionnaire,
    option_scores: Mapping[int, int],
    now: datetime.datetime,
) -> dict[str, Any]:
    dimension_steps = questionnaire.dimension_steps()
    dimensions = {step.dimension.pk: step.dimension for step in dimension_steps}
    by_dimension: dict[str, list[int]] = defaultdict(list)
    question_scores: dict[str, int] = {}
    for step in dimension_steps:
        for question in step.questions:
            if question.pk in option_scores:
                by_dimension[step.dimension.slug].append(option_scores[question.pk])
                question_scores[question.slug] = option_scores[question.pk]
    scores = scoring.score_dimensions(
        answer_scores=by_dimension, dimension_slugs=[d.slug for d in dimensions.values()]
    )
    names = {d.slug: d.name for d in dimensions.values()}
    advice = {d.slug: d.improvement_advice for d in dimensions.values()}
    hours_per_point = {d.slug: d.study_hours_per_point for d in dimensions.values()}
    paths = {path.slug: path for path in _transition_paths()}
    requirements = {
        slug: scoring.PathRequirements(
            slug=slug,
            background=path.background,
            target_role_slug=path.target_role.slug,
            timeline_min_months=path.timeline_min_months,
            timeline_max_months=path.timeline_max_months,
            requirements={
                d.slug: level
                for d in dimensions.values()
                for level in [_level(path, d.pk)]
                if level is not None
            },
            prerequisites=tuple(
                scoring.PrerequisiteRule(
                    slug=p.slug,
                    name=p.name,
                    met_by_background=p.met_by_background,
                    question=p.question.slug if p.question else "",
                    minimum_score=p.minimum_score,
                )
                for p in path.prerequisites.all()
            ),
            sort_order=path.sort_order,
        )
        for slug, path in paths.items()
    }
    interested, held = _step_one_choices(assessment)
    ranked = scoring.rank_paths(
        scores=scores,
        paths=requirements.values(),
        background=assessment.background,
        question_scores=question_scores,
        interested_role_slugs=interested,
    )
    background_label = assessment.get_background_display()
    return {
        "version": SNAPSHOT_VERSION,
        "started_on": now.date().isoformat(),
        "background": assessment.background,
        "background_label": background_label,
        "weekly_study_hours": assessment.weekly_study_hours,
        "dimensions": [
            {"slug": slug, "name": names[slug], "score": score} for slug, score in scores.items()
        ],
        "paths": [
            _path_result(
                fit=fit,
                path=paths[fit.path.slug],
                names=names,
                advice=advice,
                hours_per_point=hours_per_point,
                held=held,
                background_label=background_label,
                weekly_study_hours=assessment.weekly_study_hours,
            )
            for fit in ranked
        ],
    }


def _step_one_choices(assessment: Assessment) -> tuple[set[str], set[str]]:
    """The slugs of the roles of interest and of the certifications held, in one query."""
    roles = (
        Assessment.interested_roles.through.objects.filter(assessment=assessment)
        .annotate(kind=Value("role"), slug=F("role__slug"))
        .values_list("kind", "slug")
    )
    certifications = (
        Assessment.held_certifications.through.objects.filter(assessment=assessment)
        .annotate(kind=Value("certification"), slug=F("certification__slug"))
        .values_list("kind", "slug")
    )
    interested, held = set(), set()
    for kind, slug in roles.union(certifications, all=True):
        (interested if kind == "role" else held).add(slug)
    return interested, held


def _level(path: TransitionPath, dimension_id: int) -> int | None:
    for requirement in path.requirement_levels.all():
        if requirement.dimension_id == dimension_id:
            return requirement.level
    return None


def _path_result(
    *,
    fit: scoring.PathFit,
    path: TransitionPath,
    names: dict[str, str],
    advice: dict[str, str],
    hours_per_point: dict[str, int],
    held: set[str],
    background_label: str,
    weekly_study_hours: int,
) -> dict[str, Any]:
    hours = timeline.study_hours(
        core_hours=path.core_study_hours,
        gaps=[
            timeline.Gap(
                dimension=item.dimension,
                name=names[item.dimension],
                score=item.score,
                required=item.required,
            )
            for item in fit.shortfalls
        ],
        hours_per_point=hours_per_point,
    )
    estimate = timeline.make_timeline(
        total_hours=hours.total,
        weekly_hours=weekly_study_hours,
        guide_min_months=path.timeline_min_months,
        guide_max_months=path.timeline_max_months,
    )
    certifications = [
        {
            "slug": link.certification.slug,
            "name": link.certification.name,
            "kind": link.certification.get_kind_display(),
            "met": link.certification.slug in held,
        }
        for link in path.ordered_certifications
    ]
    milestones = plan.build_plan(
        months=estimate.months,
        gaps=[
            plan.GapToClose(
                dimension=item.dimension,
                name=names[item.dimension],
                score=item.score,
                required=item.required,
                advice=advice[item.dimension],
            )
            for item in fit.shortfalls
        ],
        certifications=[
            plan.CertificationToEarn(slug=cert["slug"], name=cert["name"])
            for cert in certifications
            if not cert["met"]
        ],
        portfolio_project=path.portfolio_project,
        role_name=path.target_role.name,
    )
    scores = {item.dimension: item.score for item in fit.shortfalls}
    return {
        "slug": path.slug,
        "name": path.name,
        "summary": path.summary,
        "background": path.background,
        "background_label": path.get_background_display(),
        "role": {
            "id": path.target_role.pk,
            "slug": path.target_role.slug,
            "name": path.target_role.name,
        },
        "fit": fit.fit,
        "reasons": scoring.explain_fit(
            fit=fit, dimension_names=names, background_label=background_label
        ),
        "requirements": [
            {"dimension": slug, "name": names[slug], "required": required}
            for slug, required in fit.path.requirements.items()
        ],
        "shortfalls": [
            {
                "dimension": item.dimension,
                "name": names[item.dimension],
                "score": scores[item.dimension],
                "required": item.required,
                "gap": item.gap,
            }
            for item in fit.shortfalls
        ],
        "study_hours": hours.as_dict(),
        "timeline": estimate.as_dict(),
        "certifications": certifications,
        "prerequisites": [
            {"slug": check.slug, "name": check.name, "met": check.met}
            for check in fit.prerequisites
        ],
        "plan": [milestone.as_dict() for milestone in milestones],
    }


# --- Reading a stored result -----------------------------------------------------------------


@dataclass
class PlanMonth:
    number: int
    starts_on: datetime.date
    milestones: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ResultPage:
    result: dict[str, Any]
    recommended: dict[str, Any] | None
    alternatives: list[dict[str, Any]]
    set_aside: list[dict[str, Any]]
    review_step: int
    chart_rows: list[dict[str, Any]] = field(default_factory=list)
    chart_series: list[str] = field(default_factory=list)
    months: list[PlanMonth] = field(default_factory=list)
    done: int = 0
    total: int = 0
    planned_finish: datetime.date | None = None
    estimated_finish: datetime.date | None = None


def find_path(result: dict[str, Any], path_slug: str) -> dict[str, Any] | None:
    return next((path for path in result["paths"] if path["slug"] == path_slug), None)


def result_page(
    *,
    assessment: Assessment,
    dismissals: dict[str, str],
    ticks: dict[tuple[str, str], datetime.datetime],
    today: datetime.date,
) -> ResultPage:
    """What the result page shows: the best path not set aside, two alternatives, the plan."""
    result = assessment.result
    shown = [path for path in result["paths"] if path["slug"] not in dismissals]
    reasons = dict(PathDismissal.Reason.choices)
    set_aside = [
        {**path, "reason": reasons.get(dismissals[path["slug"]], dismissals[path["slug"]])}
        for path in result["paths"]
        if path["slug"] in dismissals
    ]
    page = ResultPage(
        result=result,
        recommended=shown[0] if shown else None,
        alternatives=shown[1 : 1 + ALTERNATIVES],
        set_aside=set_aside,
        # The step numbers as they were: background, one per dimension, then the review.
        review_step=len(result["dimensions"]) + 2,
    )
    if page.recommended is None:
        return page
    path = page.recommended
    required = {item["dimension"]: item["required"] for item in path["requirements"]}
    page.chart_series = ["Your score", f"{path['name']} requirement"]
    page.chart_rows = [
        {
            "label": dimension["name"],
            "values": [dimension["score"], required.get(dimension["slug"], 0)],
        }
        for dimension in result["dimensions"]
    ]
    started_on = datetime.date.fromisoformat(result["started_on"])
    months: dict[int, PlanMonth] = {}
    for milestone in path["plan"]:
        month = months.setdefault(
            milestone["month"],
            PlanMonth(
                number=milestone["month"],
                starts_on=plan.add_months(started_on, milestone["month"] - 1),
            ),
        )
        done = (path["slug"], milestone["key"]) in ticks
        month.milestones.append({**milestone, "done": done})
        page.done += done
    page.months = sorted(months.values(), key=lambda month: month.number)
    page.total = len(path["plan"])
    page.planned_finish = plan.add_months(started_on, path["timeline"]["months"])
    page.estimated_finish = plan.estimate_finish(
        started_on=started_on,
        today=today,
        planned_months=path["timeline"]["months"],
        total=page.total,
        done=page.done,
    )
    return page


def read_result_page(*, assessment: Assessment, today: datetime.date) -> ResultPage:
    """result_page() with the user's dismissals and ticks read from the database.

    The result page and the home page's plan panel both read it here, so their figures agree.
    """
    return result_page(
        assessment=assessment,
        dismissals=dict(assessment.dismissals.values_list("path_slug", "reason")),
        ticks={
            (p, k): at
            for p, k, at in assessment.ticks.values_list("path_slug", "milestone_key", "ticked_at")
        },
        today=today,
    )


def next_milestone(page: ResultPage) -> dict[str, Any] | None:
    """The plan's first milestone not yet done, in the plan's order."""
    milestones = (milestone for month in page.months for milestone in month.milestones)
    return next((milestone for milestone in milestones if not milestone["done"]), None)


# --- What the user does with a result --------------------------------------------------------


def dismiss_path(*, assessment: Assessment, path_slug: str, reason: str) -> None:
    """ "Not for me": hide a path from the result, remembering why."""
    # update_or_create retries on the unique constraint, so a double submit is harmless.
    PathDismissal.objects.update_or_create(
        assessment=assessment, path_slug=path_slug, defaults={"reason": reason}
    )


def restore_path(*, assessment: Assessment, path_slug: str) -> None:
    PathDismissal.objects.filter(assessment=assessment, path_slug=path_slug).delete()


def set_milestone_done(
    *, assessment: Assessment, path_slug: str, milestone_key: str, done: bool
) -> None:
    ticks = MilestoneTick.objects.filter(
        assessment=assessment, path_slug=path_slug, milestone_key=milestone_key
    )
    if not done:
        ticks.delete()
        return
    # A double submit keeps the first tick and its date (get_or_create handles the race).
    MilestoneTick.objects.get_or_create(
        assessment=assessment, path_slug=path_slug, milestone_key=milestone_key
    )


def make_target_role(*, user, role_slug: str) -> Role | None:
    """Set the profile's target role to a result's role; None if that role no longer exists."""
    role = Role.objects.filter(slug=role_slug).first()
    if role is None:
        return None
    profile, _ = Profile.objects.get_or_create(user=user)
    profile.target_role = role
    profile.save(update_fields=["target_role", "updated_at"])
    return role


# Read on every practice and progress page (through the interviews app's target role).
PATH_ROLES_TTL_SECONDS = 24 * 60 * 60


def _path_roles(assessment_id: int) -> list[tuple[str, str]]:
    """The result's (path slug, role slug) pairs, best first.

    A completed assessment's result is written once and never changed, so the pairs are
    kept rather than parsed out of the whole result on every page.
    """
    key = f"assessments:path-roles:{assessment_id}"
    pairs = cache.get(key)
    if pairs is None:
        result = Assessment.objects.filter(pk=assessment_id).values_list("result", flat=True)
        paths = (next(iter(result), None) or {}).get("paths", [])
        pairs = [(path["slug"], path["role"]["slug"]) for path in paths]
        cache.set(key, pairs, PATH_ROLES_TTL_SECONDS)
    return pairs


def recommended_role(user) -> Role | None:
    """The target role of the best path the user has not set aside, from their latest result."""
    assessment_id = (
        Assessment.objects.for_user(user).completed().values_list("pk", flat=True).first()
    )
    if assessment_id is None:
        return None
    dismissed = set(
        PathDismissal.objects.filter(assessment_id=assessment_id).values_list(
            "path_slug", flat=True
        )
    )
    for path_slug, role_slug in _path_roles(assessment_id):
        if path_slug not in dismissed:
            return role_by(slug=role_slug)
    return None
