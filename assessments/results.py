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

from . import catalogue, plan, scoring, timeline
from .models import (
    Assessment,
    MilestoneTick,
    PathDismissal,
    Prerequisite,
    TransitionPath,
)
from .questionnaire import Questionnaire

# 2: timelines from study hours ("study_hours" per path, "timeline" never clamped).
# 3: plans from the role's skills with resources; credentials with their status today.
SNAPSHOT_VERSION = 3
# Results from before weekly hours were required may lack them.
ASSUMED_WEEKLY_HOURS = 5
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
    # Everything the scoring needs, in three queries whatever the number of paths.
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
    hours_per_point = {d.slug: d.study_hours_per_point for d in dimensions.values()}
    paths = {path.slug: path for path in _transition_paths()}
    content = catalogue.catalogue()
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
                content=content,
                names=names,
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
    content: catalogue.Catalogue,
    names: dict[str, str],
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
    path_plan = catalogue.path_plan(
        content=content,
        path=path,
        core_hours=hours.core_hours,
        gap_hours={gap.dimension: gap.hours for gap in hours.gaps},
        weekly_hours=weekly_study_hours,
        held=held,
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
        "certifications": path_plan.certifications,
        "prerequisites": [
            {"slug": check.slug, "name": check.name, "met": check.met}
            for check in fit.prerequisites
        ],
        "plan": path_plan.milestones,
    }


# --- Reading a stored result -----------------------------------------------------------------


@dataclass
class ResultPage:
    result: dict[str, Any]
    recommended: dict[str, Any] | None
    alternatives: list[dict[str, Any]]
    set_aside: list[dict[str, Any]]
    review_step: int
    chart_rows: list[dict[str, Any]] = field(default_factory=list)
    chart_series: list[str] = field(default_factory=list)
    progress: PlanProgress | None = None


@dataclass
class PlanProgress:
    """A plan's milestones with their dates and what was handed in, and the pace so far."""

    steps: list[dict[str, Any]]
    done: int
    total: int
    done_hours: int
    total_hours: int
    planned_finish: datetime.date
    estimated_finish: datetime.date | None


def find_path(result: dict[str, Any], path_slug: str) -> dict[str, Any] | None:
    return next((path for path in result["paths"] if path["slug"] == path_slug), None)


def result_page(
    *,
    assessment: Assessment,
    dismissals: dict[str, str],
    ticks: Mapping[tuple[str, str], str],
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
    page.progress = plan_progress(result=result, path=path, ticks=ticks, today=today)
    return page


def plan_progress(
    *,
    result: dict[str, Any],
    path: dict[str, Any],
    ticks: Mapping[tuple[str, str], str],
    today: datetime.date,
) -> PlanProgress:
    """The plan of one path of a result, dated from the day the assessment was completed."""
    started_on = datetime.date.fromisoformat(result["started_on"])
    weekly_hours = result.get("weekly_study_hours") or ASSUMED_WEEKLY_HOURS
    steps = []
    for milestone in path["plan"]:
        # Snapshots from before milestones had hours and months carry only "month".
        start = milestone.get("start_month", milestone["month"])
        end = milestone.get("end_month", start)
        key = (path["slug"], milestone["key"])
        steps.append(
            {
                **milestone,
                "start_month": start,
                "end_month": end,
                "starts_on": plan.add_months(started_on, start - 1),
                "ends_on": plan.add_months(started_on, end) - datetime.timedelta(days=1),
                "done": key in ticks,
                "evidence": ticks.get(key, ""),
            }
        )
    done_hours = sum(step.get("hours", 0) for step in steps if step["done"])
    total_hours = sum(step.get("hours", 0) for step in steps)
    months = max((step["end_month"] for step in steps), default=0)
    return PlanProgress(
        steps=steps,
        done=sum(step["done"] for step in steps),
        total=len(steps),
        done_hours=done_hours,
        total_hours=total_hours,
        # The last day of the last month of study.
        planned_finish=plan.add_months(started_on, months) - datetime.timedelta(days=1),
        estimated_finish=plan.estimate_finish(
            started_on=started_on,
            today=today,
            weekly_hours=weekly_hours,
            done_hours=done_hours,
            remaining_hours=total_hours - done_hours,
            done_count=sum(step["done"] for step in steps),
        ),
    )


def read_result_page(*, assessment: Assessment, today: datetime.date) -> ResultPage:
    """result_page() with the user's dismissals and ticks read from the database, for the
    home page's plan panel, so its figures are the result page's."""
    ticks = assessment.ticks.values_list("path_slug", "milestone_key", "evidence")
    return result_page(
        assessment=assessment,
        dismissals=dict(assessment.dismissals.values_list("path_slug", "reason")),
        ticks={(path, key): evidence for path, key, evidence in ticks},
        today=today,
    )


def next_milestone(page: ResultPage) -> dict[str, Any] | None:
    """The plan's first milestone not yet done, in the plan's order."""
    steps = page.progress.steps if page.progress else []
    return next((step for step in steps if not step["done"]), None)


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
    *, assessment: Assessment, path_slug: str, milestone_key: str, done: bool, evidence: str = ""
) -> None:
    """Tick a milestone off with what was made for it, or undo the tick."""
    ticks = MilestoneTick.objects.filter(
        assessment=assessment, path_slug=path_slug, milestone_key=milestone_key
    )
    if not done:
        ticks.delete()
        return
    # A double submit keeps the first tick and its date (get_or_create handles the race).
    MilestoneTick.objects.get_or_create(
        assessment=assessment,
        path_slug=path_slug,
        milestone_key=milestone_key,
        defaults={"evidence": evidence},
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
