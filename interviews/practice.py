"""Practice sessions: which questions to ask, in what order, and where the user has got to;
and checking an answer against the key points, which suggests a rating."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from careers.models import Profile
from careers.selectors import RoleRef, role_by

from .bank import practised_catalogue
from .models import Rating
from .progress import due_today_ids
from .rounds import categories_first
from .status import Status, cards_for, status_of
from .timer import parse_started_at, seconds_between, suggested_seconds

DEFAULT_SESSION_SIZE = 10
# At most this many questions of one category in a row, when another category is on offer.
MAX_IN_A_ROW = 2

# Other apps may know a target role the profile does not (e.g. the latest assessment's
# recommended path); they register a function user -> RoleRef | None here.
TargetRoleProvider = Callable[[Any], "RoleRef | None"]
target_role_providers: list[TargetRoleProvider] = []


def register_target_role_provider(provider: TargetRoleProvider) -> None:
    if provider not in target_role_providers:
        target_role_providers.append(provider)


def target_role_for(*, user) -> RoleRef | None:
    """The role the user prepares for: the profile's choice first, then any provider's."""
    role_id = Profile.objects.filter(user=user).values_list("target_role_id", flat=True).first()
    return target_role_from(user=user, chosen_id=role_id)


def target_role_from(*, user, chosen_id: int | None) -> RoleRef | None:
    """``target_role_for`` when the profile's choice (``chosen_id``) was read already."""
    role = role_by(pk=chosen_id) if chosen_id is not None else None
    if role is not None:
        return role
    for provider in target_role_providers:
        role = provider(user)
        if role is not None:
            return role
    return None


def count_due(*, user, now: datetime) -> int:
    """How many of the questions the user practises are due now."""
    cards = cards_for(user=user)
    return sum(
        status_of(cards.get(question.pk), now=now) == Status.DUE
        for question in practised_catalogue(user=user).questions
    )


class Candidate(NamedTuple):
    """A question that may go into a session, with what orders it there."""

    pk: int
    category: str
    difficulty: int
    is_due: bool


def spread_over_categories(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Take turns between categories, each one's easiest first, so a cut-off keeps a mix."""
    by_category: dict[str, list[Candidate]] = {}
    for candidate in sorted(candidates, key=lambda c: (c.difficulty, c.pk)):
        by_category.setdefault(candidate.category, []).append(candidate)
    turns = list(by_category.values())
    spread = []
    while turns:
        spread += [pending.pop(0) for pending in turns]
        turns = [pending for pending in turns if pending]
    return spread


def session_order(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The order to ask a session's questions in.

    Due reviews come before new questions, and each group goes from easier to harder;
    but no category comes more than MAX_IN_A_ROW times running while another is waiting,
    as interviews mix topics and interleaving helps recall. Among equals the category with
    most questions left goes first, so the others are still there to break its runs.
    """
    left = Counter(candidate.category for candidate in candidates)
    waiting = list(enumerate(candidates))
    ordered: list[Candidate] = []
    while waiting:
        recent = {c.category for c in ordered[-MAX_IN_A_ROW:]}
        run_of_one = len(ordered) >= MAX_IN_A_ROW and len(recent) == 1
        allowed = [item for item in waiting if not (run_of_one and item[1].category in recent)]
        index, pick = min(
            allowed or waiting,
            key=lambda item: (
                not item[1].is_due,
                item[1].difficulty,
                -left[item[1].category],
                item[0],
            ),
        )
        waiting.remove((index, pick))
        left[pick.category] -= 1
        ordered.append(pick)
    return ordered


def build_queue(
    *,
    user,
    size: int,
    categories: Sequence[str],
    role: RoleRef | None,
    now: datetime,
    first_categories: Sequence[str] = (),
) -> list[int]:
    """Question ids for one session: due reviews (most overdue first, those of
    ``first_categories`` before the rest), then new ones.

    New questions suit the target role first, then any other new question in the chosen
    categories, so a short role list still fills the session; either way they are taken
    in turn from each category. ``session_order`` then interleaves and ramps them. Worked
    out from the user's cards (one query), the published bank (kept per content version)
    and the user's own questions (one query).
    """
    cards = cards_for(user=user)
    questions = [
        question
        for question in practised_catalogue(user=user).questions
        if not categories or question.category in categories
    ]
    statuses = {question.pk: status_of(cards.get(question.pk), now=now) for question in questions}
    due = sorted(
        (q for q in questions if statuses[q.pk] == Status.DUE),
        key=lambda q: (q.category not in first_categories, cards[q.pk].due, q.pk),
    )
    chosen = [Candidate(q.pk, q.category, q.difficulty, is_due=True) for q in due[:size]]
    fresh = [question for question in questions if statuses[question.pk] == Status.NEW]
    for_role = [question for question in fresh if role and role.pk in question.role_ids]
    others = [question for question in fresh if question not in for_role]
    for group in (for_role, others):
        spread = spread_over_categories(
            [Candidate(q.pk, q.category, q.difficulty, is_due=False) for q in group]
        )
        chosen += spread[: max(0, size - len(chosen))]
    return [candidate.pk for candidate in session_order(chosen)]


# -- checking an answer against the key points ---------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)*")
# Words that say nothing about whether a point was covered.
_FILLER = frozenset(
    re.findall(
        r"\w+",
        """a an and are as at be by can do does for from has have how if in into is it its
        not of on or over than that the their them then there these this to use used uses
        using was what when where which while who why will with you your""",
    )
)


def _content_words(text: str) -> set[str]:
    words = set()
    for word in _WORD.findall(text.lower()):
        if word in _FILLER or len(word) < 3 and not any(ch.isdigit() for ch in word):
            continue
        # A crude stem, so that "clusters" and "cluster" or "normalise" and "normalised" match.
        words.add(word[:6] if len(word) > 6 else word.rstrip("s"))
    return words


def likely_covered(answer: str, key_points: Sequence[str]) -> list[int]:
    """Which key points (by position) the typed answer seems to cover: a first guess the
    user corrects, not a grade. A point counts when half its content words appear."""
    said = _content_words(answer)
    if not said:
        return []
    covered = []
    for index, point in enumerate(key_points):
        wanted = _content_words(point)
        if wanted and len(wanted & said) * 2 >= len(wanted):
            covered.append(index)
    return covered


def suggest_rating(
    *, covered: int, total: int, seconds: int | None = None, limit: int | None = None
) -> Rating:
    """A rating from how many key points the answer covered (and whether it ran over time).

    Everything covered is Easy, two thirds Good, a third Hard, less Again; an answer that
    took more than the suggested time is at best Good, as in an interview it ran long.
    """
    if total <= 0:
        return Rating.GOOD
    share = covered / total
    if share >= 1:
        rating = Rating.EASY
    elif share >= 2 / 3:
        rating = Rating.GOOD
    elif share >= 1 / 3:
        rating = Rating.HARD
    else:
        rating = Rating.AGAIN
    if seconds is not None and limit is not None and seconds > limit:
        rating = min(rating, Rating.GOOD)
    return Rating(rating)


def session_queue(
    *, user, size: int, categories: Sequence[str], due_today: bool, now: datetime
) -> list[int]:
    """The questions of a session the user asked for: exactly today's due ones, or a mix.

    With an interview coming up, due reviews of its round's categories come first.
    """
    first = categories_first(user=user, now=now)
    if due_today:
        due = due_today_ids(user=user, now=now)
        if first:
            category_of = {q.pk: q.category for q in practised_catalogue(user=user).questions}
            due.sort(key=lambda pk: category_of.get(pk) not in first)
        return due[:size]
    role = target_role_for(user=user)
    return build_queue(
        user=user, size=size, categories=categories, role=role, now=now, first_categories=first
    )


@dataclass
class PracticeSession:
    """A session as kept in the user's session store (plain JSON-friendly values)."""

    question_ids: list[int]
    position: int = 0
    ratings: dict[str, int] = field(default_factory=dict)
    timed: bool = False
    # When the current question was first shown: [question id, ISO time]; the timer's start.
    shown: list = field(default_factory=list)

    SESSION_KEY = "interviews_practice"

    @classmethod
    def from_store(cls, store) -> PracticeSession | None:
        data = store.get(cls.SESSION_KEY)
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                question_ids=[int(pk) for pk in data["question_ids"]],
                position=int(data["position"]),
                ratings={str(k): int(v) for k, v in data.get("ratings", {}).items()},
                timed=bool(data.get("timed", False)),
                shown=list(data.get("shown") or []),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def save(self, store) -> None:
        store[self.SESSION_KEY] = {
            "question_ids": self.question_ids,
            "position": self.position,
            "ratings": self.ratings,
            "timed": self.timed,
            "shown": self.shown,
        }

    @classmethod
    def clear(cls, store) -> None:
        store.pop(cls.SESSION_KEY, None)

    @property
    def finished(self) -> bool:
        return self.position >= len(self.question_ids)

    @property
    def current_id(self) -> int | None:
        return None if self.finished else self.question_ids[self.position]

    def record(self, *, question_id: int, rating: int) -> None:
        self.ratings[str(question_id)] = rating
        self.position += 1

    def end(self) -> None:
        """Stop here: the questions not reached drop out and the summary shows the rest."""
        self.question_ids = self.question_ids[: self.position]

    def shown_at(self, *, now: datetime) -> datetime:
        """When the current question was first shown; records ``now`` the first time."""
        current = self.current_id
        if len(self.shown) == 2 and self.shown[0] == current:
            started = parse_started_at(self.shown[1], now=now)
            if started is not None:
                return started
        self.shown = [current, now.isoformat()]
        return now


@dataclass(frozen=True)
class KeyPointCheck:
    index: int
    text: str
    ticked: bool


@dataclass(frozen=True)
class AnswerCheck:
    """The key points as a checklist, ticked as covered, and the rating that suggests."""

    points: list[KeyPointCheck]
    suggested: Rating
    seconds: int | None = None  # how long the answer took, when timed
    limit: int | None = None  # the suggested time, when timed

    @property
    def covered(self) -> int:
        return sum(point.ticked for point in self.points)

    @property
    def covered_texts(self) -> list[str]:
        return [point.text for point in self.points if point.ticked]


def check_answer(
    *,
    key_points: Sequence[str],
    answer: str,
    ticked: Sequence[int] | None = None,
    seconds: int | None = None,
    limit: int | None = None,
) -> AnswerCheck:
    """The checklist for an answer: the user's ticks, or until they tick, our first guess."""
    chosen = set(likely_covered(answer, key_points) if ticked is None else ticked)
    points = [
        KeyPointCheck(index=index, text=text, ticked=index in chosen)
        for index, text in enumerate(key_points)
    ]
    suggested = suggest_rating(
        covered=sum(point.ticked for point in points),
        total=len(points),
        seconds=seconds,
        limit=limit,
    )
    return AnswerCheck(points=points, suggested=suggested, seconds=seconds, limit=limit)


def timed_check(
    *,
    key_points: Sequence[str],
    answer: str,
    ticked: Sequence[int] | None,
    category: str,
    started_at: datetime | None,
    now: datetime,
) -> AnswerCheck:
    """``check_answer`` with the timer: ``started_at`` is when the timer started (None when
    it is off); the time taken is worked out here, on the server, never sent by the page."""
    timed = started_at is not None
    return check_answer(
        key_points=key_points,
        answer=answer,
        ticked=ticked,
        seconds=seconds_between(started_at, now) if timed else None,
        limit=suggested_seconds(category) if timed else None,
    )
