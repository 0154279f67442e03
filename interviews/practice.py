"""Practice sessions: which questions to ask, in what order, and where the user has got to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from careers.models import Profile, Role
from careers.prepared import PreparedQuery
from careers.selectors import role_by

from .models import CardState, Question

DEFAULT_SESSION_SIZE = 10

# Other apps may know a target role the profile does not (e.g. the latest assessment's
# recommended path); they register a function user -> Role | None here.
TargetRoleProvider = Callable[[Any], "Role | None"]
target_role_providers: list[TargetRoleProvider] = []


def register_target_role_provider(provider: TargetRoleProvider) -> None:
    if provider not in target_role_providers:
        target_role_providers.append(provider)


_profile_target_role = PreparedQuery(
    lambda user_id: Profile.objects.filter(user_id=user_id).values_list("target_role_id", flat=True)
)


def target_role_for(*, user) -> Role | None:
    """The role the user prepares for: the profile's choice first, then any provider's."""
    role_id = next(iter(_profile_target_role(user_id=user.pk)), None)
    role = role_by(pk=role_id) if role_id is not None else None
    if role is not None:
        return role
    for provider in target_role_providers:
        role = provider(user)
        if role is not None:
            return role
    return None


def _due_cards(*, user, questions, now: datetime):
    return (
        CardState.objects.for_user(user)
        .filter(question__in=questions, due__lte=now)
        .exclude(state=CardState.State.NEW)
    )


def count_due(*, user, now: datetime) -> int:
    return _due_cards(user=user, questions=Question.objects.published(), now=now).count()


def build_queue(
    *, user, size: int, categories: Sequence[str], role: Role | None, now: datetime
) -> list[int]:
    """Question ids for one session: due reviews first (most overdue first), then new ones.

    New questions suit the target role first, then any other new question in the chosen
    categories, so a short role list still fills the session.
    """
    questions = Question.objects.published()
    if categories:
        questions = questions.filter(category__in=categories)
    due = list(
        _due_cards(user=user, questions=questions, now=now)
        .order_by("due", "pk")
        .values_list("question_id", flat=True)[:size]
    )
    queue = list(due)
    started = CardState.objects.for_user(user).exclude(state=CardState.State.NEW)
    fresh = questions.exclude(pk__in=started.values("question_id"))
    for candidates in (fresh.filter(roles=role) if role else None, fresh):
        if candidates is None or len(queue) >= size:
            continue
        queue += (
            candidates.exclude(pk__in=queue)
            .order_by("pk")
            .values_list("pk", flat=True)[: size - len(queue)]
        )
    return queue


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
