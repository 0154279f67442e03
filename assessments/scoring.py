"""Scoring an assessment: dimension scores, how well each path fits (in points and words).

Plain functions over plain data, so the rules are tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# A shortfall costs its full size; a surplus costs a little, so that a path which
# makes no use of someone's strongest dimensions does not win merely by being easy.
SURPLUS_WEIGHT = 0.3
MATCH_POINTS = 60
BACKGROUND_POINTS = 15
# What someone says they want counts as much as where they start (it counted a third
# as much, which sent a marketer who asked for AI PM to the smallest market instead).
INTEREST_POINTS = 15
PREREQUISITE_POINTS = 10  # shared out over the path's prerequisites
# A dimension the path needs at least this much of counts as a strength when met.
STRENGTH_FLOOR = 50
MAX_STRENGTHS = 3

# Fit in words comes from the distance to the job, never from the points (``fit_verdict``):
# the study months at the person's pace against the guide's range, their runway, the hard
# prerequisites and how far short the essential dimensions are. Points only order paths.
STRONG = "strong fit"
POSSIBLE = "possible with work"
STRETCH = "a stretch"
NOT_YET = "not yet"
FIT_WORDS = (STRONG, POSSIBLE, STRETCH, NOT_YET)
# "Possible with work" reaches to about twice the guide's longest timeline.
POSSIBLE_FACTOR = 2
# Beyond this many times the guide's longest timeline a path is not yet within reach.
NOT_YET_FACTOR = 4
# A dimension the path needs at least ESSENTIAL_LEVEL of is essential; short of it by
# FAR_SHORT points or more, the path cannot be a strong fit.
ESSENTIAL_LEVEL = 50
FAR_SHORT = 30
# Two paths this close in fit (and in the same words) are shown as a choice.
NEAR_TIE = 5


@dataclass(frozen=True)
class PrerequisiteRule:
    """Met by the background it names, or by an answer to a question scoring high enough."""

    slug: str
    name: str
    met_by_background: str = ""
    question: str = ""
    minimum_score: int | None = None
    # A hard prerequisite unmet keeps the path out of "strong fit", whatever its score.
    hard: bool = False
    unlock: str = ""  # what would meet it, in the user's words


@dataclass(frozen=True)
class PathRequirements:
    slug: str
    background: str  # where the path starts, plus any others it also suits
    target_role_slug: str
    timeline_min_months: int
    timeline_max_months: int
    requirements: Mapping[str, int]
    prerequisites: tuple[PrerequisiteRule, ...] = ()
    sort_order: int = 0
    also_backgrounds: tuple[str, ...] = ()

    @property
    def backgrounds(self) -> tuple[str, ...]:
        return (self.background, *self.also_backgrounds)


@dataclass(frozen=True)
class PrerequisiteCheck:
    slug: str
    name: str
    met: bool
    hard: bool = False
    unlock: str = ""
    # Met by a background alone (no answer meets it): study cannot close it.
    background_only: bool = False


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

    @property
    def hard_prerequisites_unmet(self) -> tuple[PrerequisiteCheck, ...]:
        return tuple(check for check in self.prerequisites if check.hard and not check.met)

    @property
    def none_met(self) -> bool:
        return bool(self.prerequisites) and not any(c.met for c in self.prerequisites)

    @property
    def far_short(self) -> tuple[DimensionComparison, ...]:
        """Essential dimensions the person is far short of."""
        return tuple(
            c for c in self.shortfalls if c.required >= ESSENTIAL_LEVEL and c.gap >= FAR_SHORT
        )


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
    background_match = bool(background) and background in path.backgrounds
    interested = path.target_role_slug in set(interested_role_slugs)
    checks = tuple(
        PrerequisiteCheck(
            slug=rule.slug,
            name=rule.name,
            hard=rule.hard,
            unlock=rule.unlock,
            background_only=rule.minimum_score is None,
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
    """Every path by points alone, best first, then the smaller gap.

    Whether a hard prerequisite is unmet comes first, so a path held back by one never
    outranks, on points alone, a path the user can start on. The result orders its paths
    by their words first (``rank_key``); this order picks the nearest paths for foundations.
    """
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
    return sorted(
        fits,
        key=lambda f: (
            bool(f.hard_prerequisites_unmet),
            -f.fit,
            f.total_gap,
            f.path.sort_order,
            f.path.slug,
        ),
    )


def rank_key(
    *,
    words: str,
    hard_unmet: bool,
    starts_from_yours: bool,
    market_known: bool,
    fit: int,
    total_gap: int,
    order: int,
    slug: str,
):
    """The order of a result's paths: words first, then a hard prerequisite unmet, then whether
    it starts from the person's background, then whether anything is known of the role's pay
    or demand, then points.

    A role with no pay figure and no posting count never outranks, on points alone, one whose
    market is known: a coach does not lead with work whose pay nobody can state.
    """
    return (
        FIT_WORDS.index(words),
        hard_unmet,
        not starts_from_yours,
        not market_known,
        -fit,
        total_gap,
        order,
        slug,
    )


@dataclass(frozen=True)
class Verdict:
    words: str
    reason: str  # why these words, in a sentence the page shows


def fit_verdict(
    *,
    months: int,
    guide_min_months: int,
    guide_max_months: int,
    runway_months: int | None,
    hard_unmet: Sequence[str] = (),
    far_short: Sequence[str] = (),
    none_met: bool = False,
    starts_elsewhere: str = "",
    builds_on: Sequence[str] = (),
) -> Verdict:
    """The one rule for a path's fit words, from the distance between the person and the job.

    "Strong fit" only when the study months at their hours fit the guide's range, no hard
    prerequisite is unmet, nothing essential is far short and the plan fits their runway;
    "possible with work" up to about twice the guide's longest; beyond that "a stretch";
    "not yet" when none of the path's prerequisites shows, or the plan is more than four
    times the guide's longest. ``starts_elsewhere`` names the backgrounds a path starts from
    when the person's is not among them: the guide's range is for those, so it is not strong.
    ``builds_on`` names hard prerequisites only a background meets, which the person lacks:
    no amount of study closes them, so the path is at best "a stretch".
    """
    unit = "month" if months == 1 else "months"
    guide = f"the guide's {guide_min_months}–{guide_max_months} months"
    at_pace = f"about {months} {unit} at your hours"
    if none_met:
        return Verdict(NOT_YET, "Not yet: none of what this path expects shows in your answers.")
    if months > NOT_YET_FACTOR * guide_max_months:
        return Verdict(
            NOT_YET,
            f"Not yet: {at_pace}, more than {NOT_YET_FACTOR} times the longest of {guide}.",
        )
    if months > POSSIBLE_FACTOR * guide_max_months:
        return Verdict(STRETCH, f"A stretch: {at_pace}, more than twice the longest of {guide}.")
    if builds_on:
        return Verdict(
            STRETCH,
            f"A stretch: it builds on {_join([n.lower() for n in builds_on])}, which your "
            "background does not give and study alone cannot.",
        )
    held_back = []
    if hard_unmet:
        held_back.append(f"it needs {_join(list(hard_unmet))}, which your answers do not show")
    if far_short:
        held_back.append(f"you are far short in {_join([n.lower() for n in far_short])}")
    if runway_months is not None and months > runway_months:
        held_back.append(f"it is longer than the {runway_months} months you can keep preparing")
    if starts_elsewhere:
        held_back.append(f"it starts from {starts_elsewhere}, not from your background")
    if months > guide_max_months:
        return Verdict(
            POSSIBLE,
            "Possible with work: "
            + "; ".join([f"{at_pace} is longer than {guide}", *held_back])
            + ".",
        )
    if held_back:
        return Verdict(
            POSSIBLE,
            f"Possible with work: {at_pace} fits {guide}, but " + "; ".join(held_back) + ".",
        )
    return Verdict(
        STRONG,
        f"Strong fit: {at_pace} fits {guide}, and nothing it requires is missing.",
    )


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
    for check in fit.hard_prerequisites_unmet:
        unlock = f" What would unlock it: {check.unlock}" if check.unlock else ""
        reasons.append(
            f"This path needs {_join([check.name])}, which your answers do not show yet, so it "
            f"cannot be a strong fit.{unlock}"
        )
    if not fit.shortfalls:
        reasons.append("You meet the level this path asks for in every dimension.")
    for item in fit.shortfalls:
        name = dimension_names.get(item.dimension, item.dimension)
        reasons.append(
            f"{name} falls short by {item.gap} points: you scored {item.score}, "
            f"the path asks for {item.required}."
        )
    return reasons


def foundations(
    *, scores: Mapping[str, int], nearest: Sequence[PathFit]
) -> list[DimensionComparison]:
    """What to build first when no path fits yet, largest shortfall first.

    Each dimension's target is the lowest level any of the nearest paths asks for:
    reaching it brings at least one of them within reach.
    """
    targets: dict[str, int] = {}
    for fit in nearest:
        for dimension, required in fit.path.requirements.items():
            targets[dimension] = min(targets.get(dimension, required), required)
    items = [
        DimensionComparison(dimension=dimension, score=scores.get(dimension, 0), required=target)
        for dimension, target in targets.items()
    ]
    return sorted((c for c in items if c.gap > 0), key=lambda c: (-c.gap, c.dimension))


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
