"""The answer timer of practice and the question page: off by default, a suggested time per
category, and the time between showing a question and rating it, measured on the server
(so it works without JavaScript; the page's script only shows the clock ticking)."""

from __future__ import annotations

from datetime import datetime

from .models import Category

# Our own suggestion of how long a spoken answer should take (not the guide's figures):
# design and story questions need room to structure, definitions should be brisk.
SUGGESTED_MINUTES: dict[str, int] = {
    Category.ALGORITHMS: 6,
    Category.SYSTEM_DESIGN: 10,
    Category.MODEL_EVALUATION: 5,
    Category.DATA_PREPROCESSING: 5,
    Category.DEBUGGING: 5,
    Category.RECENT_TECHNIQUES: 5,
    Category.EXPERIMENTATION: 5,
    Category.BEHAVIOURAL: 4,
    Category.ETHICS: 5,
}


def suggested_seconds(category: str) -> int:
    return 60 * SUGGESTED_MINUTES.get(category, 5)


def seconds_between(start: datetime, end: datetime) -> int:
    return max(0, round((end - start).total_seconds()))


def parse_started_at(value: object, *, now: datetime) -> datetime | None:
    """A start time kept in the session store, or None if it is not a sensible one."""
    try:
        started = datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None  # a damaged store: the timer starts again
    if started.tzinfo is None or started > now:
        return None
    return started


class QuestionTimers:
    """When the user started timing each question on its own page, in their session store.

    Kept per question (several tabs may be open) and only for the latest few, so a store
    of forgotten timers cannot grow.
    """

    SESSION_KEY = "interviews_question_timers"
    MAX_KEPT = 20

    @classmethod
    def _timers(cls, store) -> dict[str, str]:
        timers = store.get(cls.SESSION_KEY)
        return dict(timers) if isinstance(timers, dict) else {}

    @classmethod
    def start(cls, store, *, question_id: int, now: datetime) -> None:
        """Start (or restart) the question's timer."""
        timers = cls._timers(store)
        timers.pop(str(question_id), None)
        timers[str(question_id)] = now.isoformat()
        store[cls.SESSION_KEY] = dict(list(timers.items())[-cls.MAX_KEPT :])

    @classmethod
    def started_at(cls, store, *, question_id: int, now: datetime) -> datetime | None:
        """When the question's timer started; None when the user has not started it."""
        return parse_started_at(cls._timers(store).get(str(question_id)), now=now)

    @classmethod
    def stop(cls, store, *, question_id: int) -> None:
        timers = cls._timers(store)
        if timers.pop(str(question_id), None) is not None:
            store[cls.SESSION_KEY] = timers
