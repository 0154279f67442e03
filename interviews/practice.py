"""Practice sessions: which questions to ask, in what order, and where the user has got to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from careers.models import Profile
from careers.selectors import RoleRef, role_by

from .bank import bank_catalogue
from .status import Status, cards_for, status_of

DEFAULT_SESSION_SIZE = 10

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
    role = role_by(pk=role_id) if role_id is not None else None
    if role is not None:
        return role
    for provider in target_role_providers:
        role = provider(user)
        if role is not None:
            return role
    return None


def count_due(*, user, now: datetime) -> int:
    """How many published questions are due for the user now."""
    cards = cards_for(user=user)
    return sum(
        status_of(cards.get(question.pk), now=now) == Status.DUE
        for question in bank_catalogue().questions
    )


def build_queue(
    *, user, size: int, categories: Sequence[str], role: RoleRef | None, now: datetime
) -> list[int]:
    """Question ids for one session: due reviews first (most overdue first), then new ones.

    New questions suit the target role first, then any other new question in the chosen
    categories, so a short role list still fills the session. Worked out from the user's
    cards (one query) and the published bank (kept per content version).
    """
    cards = cards_for(user=user)
    questions = [
        question
        for question in bank_catalogue().questions
        if not categories or question.category in categories
    ]
    statuses = {question.pk: status_of(cards.get(question.pk), now=now) for question in questions}
    due = sorted(
        (pk for pk, status in statuses.items() if status == Status.DUE),
        key=lambda pk: (cards[pk].due, pk),
    )
    fresh = [question for question in questions if statuses[question.pk] == Status.NEW]
    for_role = [question.pk for question in fresh if role and role.pk in question.role_ids]
    others = [question.pk for question in fresh if question.pk not in for_role]
    return (due + for_role + others)[:size]


@dataclass
class PracticeSession:
    """A session as kept in the user's session store (plain JSON-friendly values)."""

    question_ids: list[int]
    position: int = 0
    ratings: dict[str, int] = field(default_factory=dict)

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
            )
        except (KeyError, TypeError, ValueError):
            return None

    def save(self, store) -> None:
        store[self.SESSION_KEY] = {
            "question_ids": self.question_ids,
            "position": self.position,
            "ratings": self.ratings,
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
