"""A practice session under way, kept in the user's session store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .timer import parse_started_at


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
