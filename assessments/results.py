"""An assessment's result: the snapshot taken on completion, and what the user does with it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import F, Prefetch, Subquery, Value
from django.utils import timezone

from careers.models import Profile, Role
from careers.selectors import role_by

from . import catalogue, plan, scoring, timeline
from .models import (
    Answer,
    AnswerOption,
    Assessment,
    Dimension,
    MilestoneTick,
    PathDismissal,
    Prerequisite,
    TransitionPath,
)
from .questionnaire import Questionnaire
from .result_versions import SNAPSHOT_VERSION, upgrade

ALTERNATIVES = 2


@dataclass(frozen=True)
class ChosenAnswer:
    """The answer chosen for one question, with what the result needs from it."""

    option_id: int
    score: int
    text: str = ""
    runway_months: int | None = None
    keeps_income: bool = False

    @classmethod
    def of(cls, option: AnswerOption) -> ChosenAnswer:
        return cls(
            option_id=option.pk,
            score=option.score,
            text=option.text,
            runway_months=option.runway_months,
            keeps_income=option.keeps_income,
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
    )
    return {question: ChosenAnswer(*values) for question, *values in rows}


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
        TransitionPath.objects.select_related("target_role")
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


def build_result(
    *,
    assessment: Assessment,
    questionnaire: Questionnaire,
    chosen: Mapping[int, ChosenAnswer],
    now: datetime.datetime,
) -> dict[str, Any]:
    dimension_steps = questionnaire.dimension_steps()
    dimensions = {step.dimension.pk: step.dimension for step in dimension_steps}
    by_dimension: dict[str, list[int]] = defaultdict(list)
    question_scores: dict[str, int] = {}
    moved: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for step in dimension_steps:
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


def _market(role: Role) -> dict[str, Any]:
    """The role's demand and pay from the careers data, so paths can be weighed."""
    bands = {band.level: band for band in role.salary_bands.all()}
    return {
        "postings": role.active_postings,
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
    }, estimate


# --- Reading a stored result -----------------------------------------------------------------


@dataclass
class ResultPage:
    result: dict[str, Any]
    recommended: dict[str, Any] | None
    alternatives: list[dict[str, Any]]
    set_aside: list[dict[str, Any]]
    review_step: int
    # No path above the fit floor: the page gives foundations, not a recommendation.
    no_fit: bool = False
    nearest: list[dict[str, Any]] = field(default_factory=list)
    # The best two are a near-tie: shown as a choice, with what differs.
    choice: list[str] = field(default_factory=list)
    chart_rows: list[dict[str, Any]] = field(default_factory=list)
    chart_series: list[str] = field(default_factory=list)
    progress: PlanProgress | None = None
    # The person named target roles, and the result opens with the best of their paths.
    goal_first: bool = False
    # A path nearer to what they have than their goal, offered beside it with why.
    closer: dict[str, Any] | None = None
    closer_reason: str = ""

    @property
    def heading(self) -> str:
        """What the opening path is called: their goal, our recommendation, or only the
        nearest path (a stretch or further is never "Recommended")."""
        path = self.recommended
        if path is None:
            return ""
        if self.goal_first:
            return f"Your goal: {path['name']}"
        words = path["fit_words"]
        if words in (scoring.STRONG, scoring.POSSIBLE):
            return f"Recommended: {path['name']}"
        if words:
            return f"The nearest path, {words}: {path['name']}"
        # A result saved before fit words: no word we could stand behind.
        return f"The nearest path: {path['name']}"


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


def ranked_paths(result: dict[str, Any], dismissed: Container[str]) -> list[dict[str, Any]]:
    """The result's paths not set aside, best first: stored in the order the result page
    ranks them (fit words first, then scoring.rank_key), which every page keeps."""
    return [path for path in result["paths"] if path["slug"] not in dismissed]


def _within_reach(paths: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Snapshots from before fit words count every path as within reach.
    return [path for path in paths if path["fit_words"] != scoring.NOT_YET]


def opening_path(ranked: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The path a result opens with, of ``ranked_paths``: the best of the person's goals,
    else the best within reach; None when nothing is (the page gives foundations)."""
    goals = [path for path in ranked if is_goal(path)]
    within = _within_reach(ranked)
    return goals[0] if goals else (within[0] if within else None)


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
    result = assessment.snapshot
    shown = ranked_paths(result, dismissals)
    reasons = dict(PathDismissal.Reason.choices)
    set_aside = [
        {**path, "reason": reasons.get(dismissals[path["slug"]], dismissals[path["slug"]])}
        for path in result["paths"]
        if path["slug"] in dismissals
    ]
    within = _within_reach(shown)
    goals = [path for path in shown if is_goal(path)]
    opening = opening_path(shown)
    others = [p for p in goals[1:] + within if opening is None or p["slug"] != opening["slug"]]
    others = list({p["slug"]: p for p in others}.values())
    page = ResultPage(
        result=result,
        recommended=opening,
        alternatives=others[:ALTERNATIVES],
        set_aside=set_aside,
        # The step numbers as they were: background, one per dimension, then the review.
        review_step=len(result["dimensions"]) + 2,
        no_fit=bool(shown) and opening is None,
        nearest=shown[: ALTERNATIVES + 1] if opening is None else [],
        goal_first=bool(goals),
    )
    if page.recommended is None:
        return page
    if goals:
        page.closer, page.closer_reason = closer_path(goals[0], within)
        if page.closer is not None:
            page.alternatives = [p for p in others if p["slug"] != page.closer["slug"]][
                :ALTERNATIVES
            ]
    elif page.alternatives and is_near_tie(page.recommended, page.alternatives[0]):
        page.choice = differences(page.recommended, page.alternatives[0])
    now = catalogue.credentials_now(_credentials_named(page.recommended))
    page.recommended = path = with_credentials_now(page.recommended, now)
    required = {item["dimension"]: item["required"] for item in path["requirements"]}
    page.chart_series = ["Your score", f"{path['name']} requirement"]
    page.chart_rows = [
        {
            "label": dimension["name"],
            "values": [dimension["score"], required.get(dimension["slug"], 0)],
        }
        for dimension in result["dimensions"]
    ]
    page.progress = plan_progress(
        result=result, path=path, ticks=ticks, today=today, credentials=now
    )
    return page


EXAM_PREFIX = "exam-"


def _credentials_named(path: dict[str, Any]) -> set[str]:
    """The slugs of the credentials a saved path lists or schedules as an exam."""
    listed = {row["slug"] for row in path["certifications"]}
    return listed | {
        milestone["key"].removeprefix(EXAM_PREFIX)
        for milestone in path["plan"]
        if milestone["kind"] == "exam"
    }


def with_credentials_now(
    path: dict[str, Any], credentials: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """A saved path whose credentials read as they stand today (retired since, perhaps), each
    still marked met or not as the user said when they took the assessment."""
    return {
        **path,
        "certifications": [
            {**row, **credentials.get(row["slug"], {}), "met": row["met"]}
            for row in path["certifications"]
        ],
    }


def is_goal(path: dict[str, Any]) -> bool:
    """Whether the person named this path's role."""
    return path["interested"]


def closer_path(
    goal: dict[str, Any], within: list[dict[str, Any]]
) -> tuple[dict[str, Any] | None, str]:
    """A path nearer to what the person has than their goal, and why: better words, or the
    same words in fewer months. None when their goal is already the nearest."""
    goal_rank = _words_rank(goal)
    goal_months = goal["timeline"]["months"]
    for path in within:
        if path["slug"] == goal["slug"] or is_goal(path):
            continue
        rank = _words_rank(path)
        months = path["timeline"]["months"]
        if rank < goal_rank or (rank == goal_rank and months < goal_months):
            return path, (
                f"Closer to what you have: {months} months, not {goal_months}, "
                f"and {path['fit_words']} rather than {goal['fit_words']}."
                if rank < goal_rank
                else f"Closer to what you have: {months} months, not {goal_months}."
            )
    return None, ""


def _words_rank(path: dict[str, Any]) -> int:
    # A result from before fit words ranks every path as if it fitted well.
    return scoring.FIT_WORDS.index(path["fit_words"] or scoring.STRONG)


def is_near_tie(first: dict[str, Any], second: dict[str, Any]) -> bool:
    return (
        first["fit_words"] == second["fit_words"]
        and abs(first["fit"] - second["fit"]) <= scoring.NEAR_TIE
    )


def differences(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """What differs between two close paths, so the user can choose: time, demand, pay, work."""
    lines = []
    a, b = first["timeline"], second["timeline"]
    if a["months"] != b["months"]:
        lines.append(
            f"Time at your hours: about {a['months']} months for {first['role']['name']}, "
            f"{b['months']} for {second['role']['name']}."
        )
    demand = [(p["role"]["name"], p["market"]["postings"]) for p in (first, second)]
    if any(count is not None for _, count in demand):
        lines.append(
            "Demand (the guide's posting counts): "
            + "; ".join(
                f"{name}: {count:,}" if count is not None else f"{name}: the guide gives no count"
                for name, count in demand
            )
            + "."
        )
    entry = [(p["role"]["name"], next(iter(p["market"]["pay"]), None)) for p in (first, second)]
    if all(band is not None for _, band in entry):
        lines.append(
            "Entry pay (the guide's bands): "
            + "; ".join(f"{name}: ${band['min']:,}–${band['max']:,}" for name, band in entry)
            + "."
        )
    required = {r["dimension"]: r for r in second["requirements"]}
    gaps = sorted(
        (
            (r["required"] - required[r["dimension"]]["required"], r["name"])
            for r in first["requirements"]
            if r["dimension"] in required
        ),
        key=lambda item: -abs(item[0]),
    )
    if gaps and gaps[0][0]:
        more, name = gaps[0]
        heavier = first if more > 0 else second
        lines.append(f"{heavier['role']['name']} asks for more {name.lower()}.")
    return lines


def plan_progress(
    *,
    result: dict[str, Any],
    path: dict[str, Any],
    ticks: Mapping[tuple[str, str], str],
    today: datetime.date,
    credentials: Mapping[str, Mapping[str, Any]],
) -> PlanProgress:
    """The plan of one path of a result, dated from the day the assessment was completed.

    An exam whose credential ``credentials`` (today's) no longer offers stays in place with why
    (``withdrawn``), but is not a step: it is left out of the counts, the hours and the finish.
    """
    started_on = datetime.date.fromisoformat(result["started_on"])
    weekly_hours = result["weekly_study_hours"]
    steps = []
    for milestone in path["plan"]:
        withdrawn = ""
        if milestone["kind"] == "exam":
            slug = milestone["key"].removeprefix(EXAM_PREFIX)
            withdrawn = catalogue.why_unavailable(credentials.get(slug))
        start, end = milestone["start_month"], milestone["end_month"]
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
                "withdrawn": withdrawn,
            }
        )
    to_take = [step for step in steps if not step["withdrawn"]]
    done_hours = sum(step["hours"] for step in to_take if step["done"])
    total_hours = sum(step["hours"] for step in to_take)
    months = max((step["end_month"] for step in to_take), default=0)
    return PlanProgress(
        steps=steps,
        done=sum(step["done"] for step in to_take),
        total=len(to_take),
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
            done_count=sum(step["done"] for step in to_take),
        ),
    )


def read_result_page(*, assessment: Assessment, today: datetime.date) -> ResultPage:
    """result_page() with the user's dismissals and ticks read from the database (one query),
    for the result, plan and home pages alike, so their figures agree."""
    ticks = MilestoneTick.objects.filter(assessment=assessment).annotate(
        kind=Value("tick"), key=F("milestone_key"), text=F("evidence")
    )
    dismissals = PathDismissal.objects.filter(assessment=assessment).annotate(
        kind=Value("dismissal"), key=Value(""), text=F("reason")
    )
    fields = ("kind", "path_slug", "key", "text")
    both = (
        ticks.order_by()
        .values_list(*fields)
        .union(dismissals.order_by().values_list(*fields), all=True)
    )
    ticked: dict[tuple[str, str], str] = {}
    dismissed: dict[str, str] = {}
    for kind, path_slug, key, text in both:
        if kind == "tick":
            ticked[(path_slug, key)] = text
        else:
            dismissed[path_slug] = text
    return result_page(assessment=assessment, dismissals=dismissed, ticks=ticked, today=today)


def next_milestone(page: ResultPage) -> dict[str, Any] | None:
    """The plan's first milestone not yet done, in the plan's order."""
    steps = page.progress.steps if page.progress else []
    return next((step for step in steps if not step["done"] and not step["withdrawn"]), None)


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


def recommended_role(user) -> Role | None:
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
