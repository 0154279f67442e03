"""An assessment's result as a snapshot: worked out once on completion and stored whole."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Value
from django.utils import timezone

from careers.models import Role

from . import catalogue, scoring, timeline
from .models import (
    Answer,
    AnswerOption,
    Assessment,
    Dimension,
    InternalTransfer,
    Prerequisite,
    TransitionPath,
)
from .questionnaire import Questionnaire
from .result_versions import SNAPSHOT_VERSION


@dataclass(frozen=True)
class ChosenAnswer:
    """The answer chosen for one question, with what the result needs from it."""

    option_id: int
    score: int
    text: str = ""
    runway_months: int | None = None
    keeps_income: bool = False
    employer_adopting_ai: bool = False

    @classmethod
    def of(cls, option: AnswerOption) -> ChosenAnswer:
        return cls(
            option_id=option.pk,
            score=option.score,
            text=option.text,
            runway_months=option.runway_months,
            keeps_income=option.keeps_income,
            employer_adopting_ai=option.employer_adopting_ai,
        )


def chosen_answers(assessment: Assessment) -> dict[int, ChosenAnswer]:
    """Each answered question's id and the answer chosen for it, in one query."""
    rows = Answer.objects.filter(assessment=assessment).values_list(
        "question_id",
        "option_id",
        "option__score",
        "option__text",
        "option__runway_months",
        "option__keeps_income",
        "option__employer_adopting_ai",
    )
    return {row[0]: ChosenAnswer(*row[1:]) for row in rows}


def complete_assessment(
    *,
    assessment: Assessment,
    questionnaire: Questionnaire,
    chosen: Mapping[int, ChosenAnswer] | None = None,
) -> bool:
    """Freeze the assessment with its result. False if it was already complete.

    ``chosen`` is what ``chosen_answers`` returns (read here when not given). The
    result is stored whole, so later staff edits to questions or paths leave it alone.
    """
    now = timezone.now()
    result = build_result(
        assessment=assessment,
        questionnaire=questionnaire,
        chosen=chosen_answers(assessment) if chosen is None else chosen,
        now=now,
    )
    # One conditional update: a double-submitted review completes it once.
    updated = Assessment.objects.filter(pk=assessment.pk, completed_at__isnull=True).update(
        completed_at=now, updated_at=now, scores=result["dimensions"], result=result
    )
    return bool(updated)


def _transition_paths() -> list[TransitionPath]:
    # Everything the scoring needs, in a fixed number of queries whatever the number of paths.
    return list(
        TransitionPath.objects.select_related("target_role", "target_role__occupation_pay")
        .prefetch_related(
            "requirement_levels",
            "target_role__salary_bands",
            Prefetch(
                "prerequisites",
                queryset=Prerequisite.objects.select_related("question").order_by(
                    "sort_order", "pk"
                ),
            ),
        )
        .order_by("sort_order", "pk")
    )


def _requirements(
    path: TransitionPath, dimensions: Mapping[int, Dimension]
) -> scoring.PathRequirements:
    return scoring.PathRequirements(
        slug=path.slug,
        background=path.background,
        also_backgrounds=tuple(path.also_backgrounds or ()),
        target_role_slug=path.target_role.slug,
        timeline_min_months=path.timeline_min_months,
        timeline_max_months=path.timeline_max_months,
        # Planning constraints shape the pacing advice; no path is matched on them.
        requirements={
            dimensions[r.dimension_id].slug: r.level
            for r in path.requirement_levels.all()
            if r.dimension_id in dimensions
            and not dimensions[r.dimension_id].is_planning_constraint
        },
        prerequisites=tuple(
            scoring.PrerequisiteRule(
                slug=p.slug,
                name=p.name,
                met_by_background=p.met_by_background,
                question=p.question.slug if p.question else "",
                minimum_score=p.minimum_score,
                hard=p.hard,
                unlock=p.unlock,
            )
            for p in path.prerequisites.all()
        ),
        sort_order=path.sort_order,
    )


@dataclass(frozen=True)
class _Context:
    """What every path of one result is worked out against."""

    names: dict[str, str]
    advice: dict[str, str]
    hours_per_point: dict[str, int]
    held: set[str]
    background_label: str
    weekly_hours: int
    runway_months: int | None
    keeps_income: bool
    answer_scores: dict[str, int]
    # The moves inside an organisation that adopts AI, by the role they reach; empty unless
    # the person said their employer is building or adopting AI.
    transfers: dict[str, dict[str, Any]]


def build_result(
    *,
    assessment: Assessment,
    questionnaire: Questionnaire,
    chosen: Mapping[int, ChosenAnswer],
    now: datetime.datetime,
) -> dict[str, Any]:
    dimension_steps = questionnaire.dimension_steps()
    dimensions = {step.dimension.pk: step.dimension for step in dimension_steps if step.dimension}
    by_dimension: dict[str, list[int]] = defaultdict(list)
    question_scores: dict[str, int] = {}
    moved: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for step in dimension_steps:
        assert step.dimension is not None  # every dimension step has its dimension
        for question in step.questions:
            answer = chosen.get(question.pk)
            if answer is None:
                continue
            question_scores[question.slug] = answer.score
            # A question asked only for a prerequisite does not move its dimension's score.
            if question.counts_toward_score:
                by_dimension[step.dimension.slug].append(answer.score)
            moved[step.dimension.slug].append(
                {
                    "question": question.text,
                    "answer": answer.text,
                    "score": answer.score,
                    "counted": question.counts_toward_score,
                }
            )
    scores = scoring.score_dimensions(
        answer_scores=by_dimension, dimension_slugs=[d.slug for d in dimensions.values()]
    )
    runway = [a.runway_months for a in chosen.values() if a.runway_months is not None]
    if assessment.weekly_study_hours is None:
        raise ValueError("An assessment is completed after its weekly study hours are given.")
    context = _Context(
        names={d.slug: d.name for d in dimensions.values()},
        advice={d.slug: d.improvement_advice for d in dimensions.values()},
        hours_per_point={d.slug: d.study_hours_per_point for d in dimensions.values()},
        held=set(),
        background_label=assessment.background_other or assessment.get_background_display(),
        weekly_hours=assessment.weekly_study_hours,
        runway_months=min(runway) if runway else None,
        keeps_income=any(a.keeps_income for a in chosen.values()),
        answer_scores=question_scores,
        transfers=(
            internal_transfers() if any(a.employer_adopting_ai for a in chosen.values()) else {}
        ),
    )
    paths = {path.slug: path for path in _transition_paths()}
    content = catalogue.catalogue()
    interested, held = _step_one_choices(assessment)
    context.held.update(held)
    ranked = scoring.rank_paths(
        scores=scores,
        paths=[_requirements(path, dimensions) for path in paths.values()],
        background=assessment.background,
        question_scores=question_scores,
        interested_role_slugs=interested,
    )
    built = sorted(
        (
            _path_result(fit=fit, path=paths[fit.path.slug], context=context, content=content)
            for fit in ranked
        ),
        key=lambda pair: pair[0]["rank_key"],
    )
    results = [result for result, _ in built]
    for result in results:
        del result["rank_key"]
    _add_pacing(results, [estimate for _, estimate in built], context)
    return {
        "version": SNAPSHOT_VERSION,
        # The roles the person named: the result opens with their paths.
        "goal_roles": sorted(interested),
        "started_on": now.date().isoformat(),
        "background": assessment.background,
        "background_label": context.background_label,
        "weekly_study_hours": assessment.weekly_study_hours,
        "runway_months": context.runway_months,
        "keeps_income": context.keeps_income,
        "employer_adopting_ai": any(a.employer_adopting_ai for a in chosen.values()),
        "dimensions": [
            {
                "slug": d.slug,
                "name": d.name,
                "score": scores[d.slug],
                "constraint": d.is_planning_constraint,
                "answers": moved[d.slug],
            }
            for d in dimensions.values()
        ],
        "foundations": _foundations(scores=scores, ranked=ranked, context=context),
        "paths": results,
    }


FOUNDATION_PATHS = 3


def _foundations(
    *, scores: dict[str, int], ranked: list[scoring.PathFit], context: _Context
) -> dict[str, Any]:
    """When no path fits yet: what to build first, how long at the stated hours, when to retake."""
    items = scoring.foundations(scores=scores, nearest=ranked[:FOUNDATION_PATHS])
    hours = _study_hours(core_hours=0, shortfalls=items, context=context)
    months = timeline.months_for(total_hours=hours.total, weekly_hours=context.weekly_hours)
    first = hours.gaps[0].hours if hours.gaps else 0
    return {
        "study_hours": hours.as_dict(),
        "months": months,
        # Retaking once the largest gap is closed shows whether a path has come within reach.
        "retake_months": timeline.months_for(total_hours=first, weekly_hours=context.weekly_hours),
        "advice": {g.dimension: context.advice[g.dimension] for g in hours.gaps},
        "nearest": [fit.path.slug for fit in ranked[:FOUNDATION_PATHS]],
    }


def _add_pacing(
    results: list[dict[str, Any]], estimates: list[timeline.Timeline], context: _Context
) -> None:
    """Runway and income as advice on each path; beside a plan that outlasts the runway,
    the best route that fits inside it."""
    # Only a route to the same role, or one from the person's own background, is offered as
    # safer: a different career is not safer merely for being shorter.
    within = [
        p
        for p in results
        if p["fit_words"] in (scoring.STRONG, scoring.POSSIBLE)
        and not p["timeline"]["exceeds_runway"]
    ]
    for path, estimate in zip(results, estimates, strict=True):
        safer = next(
            (
                p
                for p in within
                if p["slug"] != path["slug"]
                and (p["role"]["slug"] == path["role"]["slug"] or p["starts_from_yours"])
            ),
            None,
        )
        path["pacing"] = timeline.pacing_advice(
            timeline=estimate,
            keeps_income=context.keeps_income,
            safer_route=(
                f"{safer['name']}, about {safer['timeline']['months']} months" if safer else ""
            ),
            entry_pay=_entry_pay(path["market"]),
        )


def _entry_pay(market: dict[str, Any]) -> str:
    entry = next(
        (band for band in market["pay"] if band["level"].lower().startswith("entry")), None
    )
    if entry is None:
        return ""
    return f"${entry['min']:,}–${entry['max']:,} {entry['basis'].lower()} (the guide's band)"


def _step_one_choices(assessment: Assessment) -> tuple[set[str], set[str]]:
    """The slugs of the roles of interest and of the certifications held, in one query."""
    roles = (
        Assessment.interested_roles.through.objects.filter(assessment=assessment)
        .annotate(kind=Value("role"), slug=F("role__slug"))
        .values_list("kind", "slug")  # type: ignore[misc]  # django-stubs 5.2: #3213
    )
    certifications = (
        Assessment.held_certifications.through.objects.filter(assessment=assessment)
        .annotate(kind=Value("certification"), slug=F("certification__slug"))
        .values_list("kind", "slug")  # type: ignore[misc]  # django-stubs 5.2: #3213
    )
    interested: set[str] = set()
    held: set[str] = set()
    for kind, slug in roles.union(certifications, all=True):
        (interested if kind == "role" else held).add(slug)
    return interested, held


def _market(role: Role) -> dict[str, Any]:
    """The role's demand and pay from the careers data, so paths can be weighed."""
    bands = {band.level: band for band in role.salary_bands.all()}
    nearest = getattr(role, "occupation_pay", None)
    return {
        "postings": role.active_postings,
        # Where the guide gives no band: a public figure for the nearest occupation, labelled.
        "nearest_pay": (
            {
                "occupation": nearest.occupation,
                "median_usd": nearest.median_usd,
                "figure_date": nearest.figure_date,
                "source_name": nearest.source_name,
                "source_url": nearest.source_url,
                "checked_on": nearest.checked_on.isoformat(),
            }
            if nearest is not None
            else None
        ),
        "pay": [
            {
                "level": band.get_level_display(),
                "min": band.min_usd,
                "max": band.max_usd,
                "basis": band.get_basis_display(),
            }
            for level in ("entry", "mid", "senior")
            for band in [bands.get(level)]
            if band is not None
        ],
    }


def _study_hours(*, core_hours: int, shortfalls, context: _Context) -> timeline.StudyHours:
    """The study hours for ``shortfalls`` (scoring's comparisons) on top of ``core_hours``."""
    return timeline.study_hours(
        core_hours=core_hours,
        gaps=[
            timeline.Gap(
                dimension=c.dimension,
                name=context.names[c.dimension],
                score=c.score,
                required=c.required,
            )
            for c in shortfalls
        ],
        hours_per_point=context.hours_per_point,
    )


def _path_result(
    *,
    fit: scoring.PathFit,
    path: TransitionPath,
    context: _Context,
    content: catalogue.Catalogue,
) -> tuple[dict[str, Any], timeline.Timeline]:
    names = context.names
    hours = _study_hours(
        core_hours=path.core_study_hours, shortfalls=fit.shortfalls, context=context
    )
    estimate = timeline.make_timeline(
        total_hours=hours.total,
        weekly_hours=context.weekly_hours,
        guide_min_months=path.timeline_min_months,
        guide_max_months=path.timeline_max_months,
        runway_months=context.runway_months,
    )
    path_plan = catalogue.path_plan(
        content=content,
        path=path,
        core_hours=hours.core_hours,
        gap_hours={gap.dimension: gap.hours for gap in hours.gaps},
        weekly_hours=context.weekly_hours,
        held=context.held,
        answer_scores=context.answer_scores,
    )
    market = _market(path.target_role)
    verdict = scoring.fit_verdict(
        months=estimate.months,
        guide_min_months=path.timeline_min_months,
        guide_max_months=path.timeline_max_months,
        runway_months=context.runway_months,
        hard_unmet=[check.name for check in fit.hard_prerequisites_unmet],
        builds_on=[c.name for c in fit.hard_prerequisites_unmet if c.background_only],
        far_short=[names[c.dimension] for c in fit.far_short],
        none_met=fit.none_met,
        starts_elsewhere=(
            ""
            if fit.background_match
            else ", ".join(
                label.lower()
                for label in [path.get_background_display(), *path.also_background_labels]
            )
        ),
    )
    return {
        "rank_key": scoring.rank_key(
            words=verdict.words,
            hard_unmet=bool(fit.hard_prerequisites_unmet),
            starts_from_yours=fit.background_match,
            market_known=market["postings"] is not None or bool(market["pay"]),
            fit=fit.fit,
            total_gap=fit.total_gap,
            order=path.sort_order,
            slug=path.slug,
        ),
        "slug": path.slug,
        "name": path.name,
        "source": path.source,
        "reasoning": path.reasoning,
        "summary": path.summary,
        "background": path.background,
        "background_label": path.get_background_display(),
        "role": {
            "id": path.target_role.pk,
            "slug": path.target_role.slug,
            "name": path.target_role.name,
        },
        "market": market,
        "fit": fit.fit,
        "fit_words": verdict.words,
        "fit_reason": verdict.reason,
        "interested": fit.interested,
        "starts_from_yours": fit.background_match,
        "backgrounds": [path.get_background_display(), *path.also_background_labels],
        "reasons": scoring.explain_fit(
            fit=fit, dimension_names=names, background_label=context.background_label
        ),
        "requirements": [
            {"dimension": slug, "name": names[slug], "required": required}
            for slug, required in fit.path.requirements.items()
        ],
        "shortfalls": [
            {
                "dimension": item.dimension,
                "name": names[item.dimension],
                "score": item.score,
                "required": item.required,
                "gap": item.gap,
            }
            for item in fit.shortfalls
        ],
        "study_hours": hours.as_dict(),
        "timeline": estimate.as_dict(),
        "certifications": path_plan.certifications,
        "prerequisites": [
            {
                "slug": check.slug,
                "name": check.name,
                "met": check.met,
                "hard": check.hard,
                "unlock": check.unlock,
            }
            for check in fit.prerequisites
        ],
        "plan": path_plan.milestones,
        # A job not yet within reach is no move to make, inside an organisation or out.
        "internal_transfer": None
        if verdict.words == scoring.NOT_YET
        else _internal_transfer(
            context.transfers.get(path.target_role.slug), role=path.target_role, estimate=estimate
        ),
    }, estimate


def internal_transfers() -> dict[str, dict[str, Any]]:
    """Each role a move inside an AI-adopting organisation can reach, with that move's content."""
    transfers = InternalTransfer.objects.prefetch_related("roles")
    return {
        role.slug: {
            "title": transfer.title,
            "summary": transfer.summary,
            "reason": transfer.reason,
            "basis": transfer.basis,
            "sources": list(transfer.sources or ()),
            "checked_on": transfer.checked_on.isoformat(),
            "job_search_months": [transfer.job_search_min_months, transfer.job_search_max_months],
        }
        for transfer in transfers
        for role in transfer.roles.all()
    }


def _internal_transfer(
    transfer: dict[str, Any] | None, *, role: Role, estimate: timeline.Timeline
) -> dict[str, Any] | None:
    """The move inside the person's organisation into this path's role, with its months: the
    same study, then a shorter search (our estimate). None when none is offered."""
    if transfer is None:
        return None
    low, high = transfer["job_search_months"]
    return {
        **transfer,
        "role": role.name,
        "study_months": estimate.months,
        "total_months": [estimate.months + low, estimate.months + high],
    }
