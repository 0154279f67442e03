"""Mock interviews: the guide's rounds for a role, timed typed answers, and the report whose
confirmed ratings schedule the questions like any practice."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from careers.models import Role
from config.sitewide.caching import cached_content

from . import scheduling
from .models import MockAnswer, MockInterview, MockRound, Question
from .practice import AnswerCheck, question_check
from .timer import seconds_between, suggested_seconds

QUESTIONS_PER_ROUND = (1, 2)


class NothingToAsk(ValueError):
    """The bank has no question for one of the rounds (or there are no rounds)."""


@dataclass(frozen=True)
class Round:
    name: str
    categories: tuple[str, ...]
    from_guide: bool
    in_loops_of: int  # the round is part of loops of this many rounds or more
    question_count: int | None  # None: the number the user chose for every round
    suggested_minutes: int | None  # per answer; None: the timer's suggestion by category

    def seconds_for(self, question: Question) -> int:
        if self.suggested_minutes:
            return 60 * self.suggested_minutes
        return suggested_seconds(question.category)


def _read_rounds() -> tuple[Round, ...]:
    return tuple(
        Round(
            name=round_.name,
            categories=tuple(round_.categories),
            from_guide=round_.from_guide,
            in_loops_of=round_.in_loops_of,
            question_count=round_.question_count,
            suggested_minutes=round_.suggested_minutes,
        )
        for round_ in MockRound.objects.all()
    )


def all_rounds() -> tuple[Round, ...]:
    """The rounds in interview order, as staff last edited them (kept per content version)."""
    return cached_content("interviews:mock-rounds", _read_rounds)


def rounds_for(loop_size: int) -> list[Round]:
    return [r for r in all_rounds() if r.in_loops_of <= loop_size]


def _pick(
    candidates: list[Question], count: int, *, role_ids: set[int], rng: random.Random
) -> list[Question]:
    """``count`` questions, the role's first, in a random order so mocks differ."""
    rng.shuffle(candidates)
    candidates.sort(key=lambda question: question.pk not in role_ids)
    return candidates[:count]


def start_mock(
    *,
    user,
    role: Role | None,
    loop_size: int,
    per_round: int,
    now: datetime,
    rng: random.Random | None = None,
    categories: Collection[str] = (),
) -> MockInterview:
    """Choose each round's questions (the role's first, never one twice) and save the mock.

    With ``categories`` (a real interview round's), only the rounds that ask about them.
    """
    rng = rng or random.Random()
    rounds = [
        r for r in rounds_for(loop_size) if not categories or set(r.categories) & set(categories)
    ]
    if not rounds:
        raise NothingToAsk("No mock interview rounds are set up yet.")
    categories = {category for r in rounds for category in r.categories}
    questions = list(Question.objects.practised_by(user).filter(category__in=categories))
    role_ids = set(role.interview_questions.values_list("pk", flat=True)) if role else set()
    chosen: list[tuple[int, Round, Question]] = []
    used: set[int] = set()
    for number, interview_round in enumerate(rounds, 1):
        pool = [
            q for q in questions if q.category in interview_round.categories and q.pk not in used
        ]
        count = interview_round.question_count or per_round
        picked = _pick(pool, count, role_ids=role_ids, rng=rng)
        if not picked:
            raise NothingToAsk(f"The bank has no question for the {interview_round.name} round.")
        used.update(q.pk for q in picked)
        chosen += [(number, interview_round, q) for q in picked]
    with transaction.atomic():
        mock = MockInterview.objects.create(user=user, role=role, started_at=now)
        MockAnswer.objects.bulk_create(
            MockAnswer(
                mock=mock,
                position=position,
                round_number=number,
                round_name=interview_round.name,
                question=question,
                suggested_seconds=interview_round.seconds_for(question),
            )
            for position, (number, interview_round, question) in enumerate(chosen, 1)
        )
    return mock


def current_answer(mock: MockInterview, *, now: datetime) -> MockAnswer | None:
    """The first unanswered question, its clock started the first time it is shown."""
    answer = mock.answers.select_related("question").filter(answered_at__isnull=True).first()
    if answer is not None and answer.shown_at is None:
        answer.shown_at = now
        # Only if still unset, so a second tab does not restart the clock.
        MockAnswer.objects.filter(pk=answer.pk, shown_at__isnull=True).update(shown_at=now)
    return answer


def submit_answer(*, mock: MockInterview, position: int, body: str, now: datetime) -> bool:
    """Keep the typed answer; the last one finishes the mock. False if already answered."""
    with transaction.atomic():
        answered = MockAnswer.objects.filter(
            mock=mock, position=position, answered_at__isnull=True, shown_at__isnull=False
        ).update(body=body, answered_at=now)
        if answered and not mock.answers.filter(answered_at__isnull=True).exists():
            mock.finished_at = now
            mock.save(update_fields=["finished_at"])
    return bool(answered)


@dataclass(frozen=True)
class AnswerReport:
    answer: MockAnswer
    check: AnswerCheck

    @property
    def seconds(self) -> int | None:
        return self.check.seconds


@dataclass(frozen=True)
class RoundReport:
    number: int
    name: str
    answers: list[AnswerReport]

    @property
    def seconds(self) -> int:
        return sum(report.seconds or 0 for report in self.answers)

    @property
    def suggested_seconds(self) -> int:
        return sum(report.answer.suggested_seconds for report in self.answers)


def answer_seconds(answer: MockAnswer) -> int | None:
    if answer.shown_at is None or answer.answered_at is None:
        return None
    return seconds_between(answer.shown_at, answer.answered_at)


def mock_report(
    mock: MockInterview, *, ticks: Mapping[int, Sequence[int]] | None = None
) -> list[RoundReport]:
    """Each round's time and each answer's checklist: the user's ticks (``ticks`` by
    position, else those kept with the answer), or until they tick, our first guess."""
    ticks = ticks or {}
    rounds: dict[int, RoundReport] = {}
    for answer in mock.answers.select_related("question"):
        ticked = ticks.get(answer.position, answer.covered_points)
        seconds = answer_seconds(answer)
        check = question_check(
            answer.question,
            answer=answer.body,
            ticked=ticked,
            seconds=seconds,
            limit=answer.suggested_seconds,
        )
        report = rounds.setdefault(
            answer.round_number, RoundReport(answer.round_number, answer.round_name, [])
        )
        report.answers.append(AnswerReport(answer=answer, check=check))
    return list(rounds.values())


def confirm_mock(
    *,
    mock: MockInterview,
    ticks: Mapping[int, Sequence[int]],
    ratings: Mapping[int, int],
    now: datetime,
) -> bool:
    """Keep the ticks and ratings and schedule every question; False if already confirmed.

    The confirmation is claimed first, so a double submit schedules nothing twice.
    """
    with transaction.atomic():
        claimed = MockInterview.objects.filter(
            pk=mock.pk, finished_at__isnull=False, confirmed_at__isnull=True
        ).update(confirmed_at=now)
        if not claimed:
            return False
        mock.confirmed_at = now
        _schedule(mock, ticks=ticks, ratings=ratings, now=now)
    return True


def _schedule(mock, *, ticks, ratings, now: datetime) -> None:
    for round_report in mock_report(mock, ticks=ticks):
        for report in round_report.answers:
            answer, check = report.answer, report.check
            answer.covered_points = [point.index for point in check.points if point.ticked]
            answer.rating = ratings[answer.position]
            answer.save(update_fields=["covered_points", "rating"])
            scheduling.rate(
                user=mock.user,
                question=answer.question,
                rating=answer.rating,
                now=now,
                attempt=scheduling.Attempt(
                    covered_points=check.covered_texts,
                    key_point_total=len(check.points),
                    suggested_rating=check.suggested,
                    seconds_taken=check.seconds,
                ),
            )
