"""Reading a stored result: what the result, plan and home pages show, with the plan's dates."""

from __future__ import annotations

import datetime
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Value

from . import catalogue, plan, scoring
from .models import Assessment, MilestoneTick, PathDismissal
from .route_names import route_name

ALTERNATIVES = 2


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
        name = route_name(path, background_label=self.result["background_label"])
        if self.goal_first:
            return f"Your goal: {name}"
        words = path["fit_words"]
        if words in (scoring.STRONG, scoring.POSSIBLE):
            return f"Recommended: {name}"
        if words:
            return f"The nearest path, {words}: {name}"
        # A result saved before fit words: no word we could stand behind.
        return f"The nearest path: {name}"


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
    # A band is None where a path has no pay; the line below is written only when both have one.
    entry: list[tuple[str, Any]] = [
        (p["role"]["name"], next(iter(p["market"]["pay"]), None)) for p in (first, second)
    ]
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
