"""The practice queue: which questions a session asks, and in what order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from careers.selectors import RoleRef

from .bank import practised_catalogue
from .progress import due_today_ids
from .rounds import categories_first
from .shapes import shape_for
from .status import Status, cards_for, status_of
from .target_role import target_role_for

DEFAULT_SESSION_SIZE = 10
MAX_SESSION_SIZE = 50
# At most this many questions of one category in a row, when another category is on offer.
MAX_IN_A_ROW = 2


def count_due(*, user, now: datetime) -> int:
    """How many of the questions the user practises are due: what "Practise now" serves."""
    return len(due_today_ids(user=user, now=now))


def due_session_size(due: int) -> int:
    """The size of the session "Practise now" starts: every due question, up to the most a
    session holds (the rest wait for the next one)."""
    return min(due, MAX_SESSION_SIZE)


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

    New questions suit the target role first (the member's own for it, then those of its
    interview shape's categories, then its others), then any other new question in the chosen
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
    # The member's own questions for the role lead (they expect them in that interview),
    # then the role's questions in the categories its interviews ask first (its shape).
    shape = shape_for(role.pk) if role else None
    own = [q for q in for_role if q.own]
    in_shape = [
        q for q in for_role if not q.own and (shape is None or q.category in shape.categories)
    ]
    rest_of_role = [q for q in for_role if q not in own and q not in in_shape]
    others = [question for question in fresh if question not in for_role]
    for group in (own, in_shape, rest_of_role, others):
        spread = spread_over_categories(
            [Candidate(q.pk, q.category, q.difficulty, is_due=False) for q in group]
        )
        chosen += spread[: max(0, size - len(chosen))]
    return [candidate.pk for candidate in session_order(chosen)]


def next_question_id(*, user, after: int, now: datetime) -> int | None:
    """The question to ask after ``after`` was rated: the head of the user's queue for their
    target role (due reviews, then the role's new questions), never the same one again."""
    role = target_role_for(user=user)
    queue = build_queue(user=user, size=2, categories=[], role=role, now=now)
    return next((pk for pk in queue if pk != after), None)


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
