"""Scoring an assessment: dimension scores, how well each path fits, and the timeline.

Plain functions over plain data, so the rules are tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# A shortfall costs its full size; a surplus costs a little, so that a path which
# makes no use of someone's strongest dimensions does not win merely by being easy.
SURPLUS_WEIGHT = 0.3
MATCH_POINTS = 70
BACKGROUND_POINTS = 15
PREREQUISITE_POINTS = 10  # shared out over the path's prerequisites
INTEREST_POINTS = 5
# A dimension the path needs at least this much of counts as a strength when met.
STRENGTH_FLOOR = 50
MAX_STRENGTHS = 3

# Timeline: an average shortfall of this many points per dimension puts the estimate
# at the long end on its own; study hours between these bounds move it linearly.
LARGE_AVERAGE_GAP = 20
FEW_WEEKLY_HOURS = 5
AMPLE_WEEKLY_HOURS = 20


@dataclass(frozen=True)
class PrerequisiteRule:
    """Met by the background it names, or by an answer to a question scoring high enough."""

    slug: str
    name: str
    met_by_background: str = ""
    question: str = ""
    minimum_score: int | None = None


@dataclass(frozen=True)
class PathRequirements:
    slug: str
    background: str
    target_role_slug: str
    timeline_min_months: int
    timeline_max_months: int
    requirements: Mapping[str, int]
    prerequisites: tuple[PrerequisiteRule, ...] = ()
    sort_order: int = 0


@dataclass(frozen=True)
class PrerequisiteCheck:
    slug: str
    name: str
    met: bool


@dataclass(frozen=True)
class DimensionComparison:
    dimension: str
    score: int
    required: int

    @property
    def gap(self) -> int:
        return max(0, self.required - self.score)


@dataclass(frozen=True)
class PathFit:
    path: PathRequirements
    fit: int
    match: int
    background_match: bool
    interested: bool
    strengths: tuple[DimensionComparison, ...] = field(default_factory=tuple)
    shortfalls: tuple[DimensionComparison, ...] = field(default_factory=tuple)
    prerequisites: tuple[PrerequisiteCheck, ...] = field(default_factory=tuple)

    @property
    def total_gap(self) -> int:
        return sum(item.gap for item in self.shortfalls)


@dataclass(frozen=True)
class TimelineEstimate:
    months: int
    minimum: int
    maximum: int
    reasons: tuple[str, ...]

    @property
    def leaning(self) -> str:
        """Which part of the guide's range the estimate falls in, in words."""
        span = self.maximum - self.minimum
        if span == 0:
            return "the guide's timeline"
        position = (self.months - self.minimum) / span
        if position <= 1 / 3:
            return "the short end of the guide's range"
        if position >= 2 / 3:
            return "the long end of the guide's range"
        return "the middle of the guide's range"


def score_dimensions(
    *, answer_scores: Mapping[str, Sequence[int]], dimension_slugs: Iterable[str]
) -> dict[str, int]:
    """Each dimension's score: the mean of its chosen answers' scores, 0–100 (0 if none)."""
    scores = {}
    for slug in dimension_slugs:
        chosen = answer_scores.get(slug, ())
        scores[slug] = round(sum(chosen) / len(chosen)) if chosen else 0
    return scores


def fit_path(
    *,
    scores: Mapping[str, int],
    path: PathRequirements,
    background: str,
    question_scores: Mapping[str, int] | None = None,
    interested_role_slugs: Iterable[str] = (),
) -> PathFit:
    """How well one path fits: dimension match, background, prerequisites met, interest.

    ``question_scores`` maps question slugs to the chosen answer's score; the
    prerequisites are checked against it.
    """
    question_scores = question_scores or {}
    comparisons = [
        DimensionComparison(dimension=slug, score=scores.get(slug, 0), required=required)
        for slug, required in path.requirements.items()
    ]
    penalty = sum(
        item.gap if item.score < item.required else (item.score - item.required) * SURPLUS_WEIGHT
        for item in comparisons
    )
    match = max(0.0, 100 - penalty / len(comparisons)) if comparisons else 0.0
    background_match = bool(background) and background == path.background
    interested = path.target_role_slug in set(interested_role_slugs)
    checks = tuple(
        PrerequisiteCheck(
            slug=rule.slug,
            name=rule.name,
            met=prerequisite_met(
                background=background,
                met_by_background=rule.met_by_background,
                answer_score=question_scores.get(rule.question),
                minimum_score=rule.minimum_score,
            ),
        )
        for rule in path.prerequisites
    )
    met_share = sum(check.met for check in checks) / len(checks) if checks else 0.0
    fit = (
        match * MATCH_POINTS / 100
        + (BACKGROUND_POINTS if background_match else 0)
        + PREREQUISITE_POINTS * met_share
        + (INTEREST_POINTS if interested else 0)
    )
    strengths = sorted(
        (c for c in comparisons if c.score >= c.required and c.required >= STRENGTH_FLOOR),
        key=lambda c: (-c.required, -c.score, c.dimension),
    )
    shortfalls = sorted((c for c in comparisons if c.gap > 0), key=lambda c: (-c.gap, c.dimension))
    return PathFit(
        path=path,
        fit=round(fit),
        match=round(match),
        background_match=background_match,
        interested=interested,
        strengths=tuple(strengths[:MAX_STRENGTHS]),
        shortfalls=tuple(shortfalls),
        prerequisites=checks,
    )


def rank_paths(
    *,
    scores: Mapping[str, int],
    paths: Iterable[PathRequirements],
    background: str,
    question_scores: Mapping[str, int] | None = None,
    interested_role_slugs: Iterable[str] = (),
) -> list[PathFit]:
    """Every path, best fit first; ties go to the smaller gap, then the guide's order."""
    interested = tuple(interested_role_slugs)
    fits = [
        fit_path(
            scores=scores,
            path=path,
            background=background,
            question_scores=question_scores,
            interested_role_slugs=interested,
        )
        for path in paths
    ]
    return sorted(fits, key=lambda f: (-f.fit, f.total_gap, f.path.sort_order, f.path.slug))


def explain_fit(
    *, fit: PathFit, dimension_names: Mapping[str, str], background_label: str
) -> list[str]:
    """The reasons for a path's fit score, in plain words."""
    reasons = []
    if fit.background_match:
        reasons.append(f"This path starts from your background: {background_label}.")
    if fit.interested:
        reasons.append("You said its target role interests you.")
    for item in fit.strengths:
        name = dimension_names.get(item.dimension, item.dimension)
        reasons.append(
            f"Your {name.lower()} ({item.score}) meets the level this path asks for "
            f"({item.required})."
        )
    met = [check.name for check in fit.prerequisites if check.met]
    if met:
        reasons.append("Your answers show " + _join(met) + ", which this path expects.")
    if not fit.shortfalls:
        reasons.append("You meet the level this path asks for in every dimension.")
    for item in fit.shortfalls:
        name = dimension_names.get(item.dimension, item.dimension)
        reasons.append(
            f"{name} falls short by {item.gap} points: you scored {item.score}, "
            f"the path asks for {item.required}."
        )
    return reasons


def estimate_timeline(*, fit: PathFit, weekly_study_hours: int | None) -> TimelineEstimate:
    """Months to make the move, always inside the guide's range for the path.

    Large gaps and few weekly hours each push the estimate toward the long end.
    """
    path = fit.path
    minimum, maximum = path.timeline_min_months, path.timeline_max_months
    dimensions = max(1, len(path.requirements))
    average_gap = fit.total_gap / dimensions
    gap_pressure = min(1.0, average_gap / LARGE_AVERAGE_GAP)
    if weekly_study_hours is None:
        hours_pressure = 0.5
    else:
        hours_pressure = (AMPLE_WEEKLY_HOURS - weekly_study_hours) / (
            AMPLE_WEEKLY_HOURS - FEW_WEEKLY_HOURS
        )
        hours_pressure = min(1.0, max(0.0, hours_pressure))
    position = (gap_pressure + hours_pressure) / 2
    months = minimum + round(position * (maximum - minimum))
    months = min(maximum, max(minimum, months))

    reasons = []
    if fit.total_gap == 0:
        reasons.append("You already meet this path's level in every dimension.")
    elif gap_pressure >= 0.5:
        reasons.append(
            f"Your gaps are large ({fit.total_gap} points short across "
            f"{len(fit.shortfalls)} dimensions), which pushes the estimate toward the long end."
        )
    else:
        reasons.append(
            f"Your gaps are small ({fit.total_gap} points short across "
            f"{len(fit.shortfalls)} dimensions), which keeps the estimate short."
        )
    if weekly_study_hours is None:
        reasons.append(
            "You did not say how many hours a week you can study; we assumed a middle pace."
        )
    elif weekly_study_hours <= FEW_WEEKLY_HOURS:
        reasons.append(
            f"With {weekly_study_hours} hours a week to study, progress is slow, which pushes "
            "the estimate toward the long end."
        )
    elif weekly_study_hours >= AMPLE_WEEKLY_HOURS:
        reasons.append(
            f"With {weekly_study_hours} hours a week to study, you can move quickly, which "
            "pulls the estimate toward the short end."
        )
    else:
        reasons.append(
            f"{weekly_study_hours} hours a week is a steady pace; {AMPLE_WEEKLY_HOURS} or more "
            "would shorten the estimate."
        )
    return TimelineEstimate(months=months, minimum=minimum, maximum=maximum, reasons=tuple(reasons))


def prerequisite_met(
    *,
    background: str,
    met_by_background: str,
    answer_score: int | None,
    minimum_score: int | None,
) -> bool:
    """A prerequisite is met by the background it names, or by a high enough answer."""
    if met_by_background and background == met_by_background:
        return True
    return answer_score is not None and minimum_score is not None and answer_score >= minimum_score


def _join(items: Sequence[str]) -> str:
    # "Business experience" reads "business experience" mid-sentence; "SQL experience" stays.
    items = [item if item[1:2].isupper() else item[:1].lower() + item[1:] for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
