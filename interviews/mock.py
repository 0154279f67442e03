"""Mock interviews: the guide's rounds for a role, timed typed answers, and the report whose
confirmed ratings schedule the questions like any practice."""

from __future__ import annotations

import random
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef

from careers.models import Role
from config.sitewide.caching import cached_content
from config.sitewide.submissions import claim_submission, record_outcome

from . import scheduling
from .models import Category, MockAnswer, MockInterview, MockRound, Question
from .self_check import AnswerCheck, question_check
from .shapes import Shape, shape_for
from .timer import seconds_between, suggested_seconds

QUESTIONS_PER_ROUND = (1, 2)
# The mock list shows the latest few: a page's work does not grow with years of use.
MOCKS_LISTED = 30


class NothingToAsk(ValueError):
    """The bank has no question for one of the rounds (or there are no rounds)."""


class TooManyMocks(ValueError):
    """The member started as many mock interviews in 24 hours as one account may."""


@dataclass(frozen=True)
class Round:
    name: str
    categories: tuple[str, ...]
    from_guide: bool
    in_loops_of: int  # the round is part of loops of this many rounds or more
    question_count: int | None  # None: the number the user chose for every round
    suggested_minutes: int | None  # per answer; None: the timer's suggestion by category
    shape: str | None = None  # the slug of the one shape that asks it; None: every shape
    preferred: frozenset[int] = frozenset()  # ids of the questions it asks first

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
            shape=round_.shape.slug if round_.shape else None,
            preferred=frozenset(question.pk for question in round_.preferred_questions.all()),
        )
        for round_ in MockRound.objects.select_related("shape").prefetch_related(
            "preferred_questions"
        )
    )


def all_rounds() -> tuple[Round, ...]:
    """The rounds in interview order, as staff last edited them (kept per content version)."""
    return cached_content("interviews:mock-rounds", _read_rounds)


def rounds_for(loop_size: int, shape: Shape | None = None) -> list[Round]:
    """The loop's rounds for the shape: its own and those every shape asks."""
    slug = shape.slug if shape else None
    return [r for r in all_rounds() if r.in_loops_of <= loop_size and r.shape in (None, slug)]


def _pick(
    candidates: list[Question],
    count: int,
    *,
    role_ids: set[int],
    preferred: frozenset[int],
    rng: random.Random,
) -> list[Question]:
    """``count`` questions, the role's first (of those the round's own preferred first), in a
    random order so mocks differ."""
    rng.shuffle(candidates)
    candidates.sort(key=lambda q: (q.pk not in role_ids, q.pk not in preferred))
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

    The rounds are the role's interview shape's: a product manager is not asked SQL. With
    ``categories`` (a real interview round's), only the rounds that ask about them.
    """
    started = MockInterview.objects.filter(user=user, started_at__gt=now - timedelta(days=1))
    count = started.count()
    if count >= settings.MOCK_INTERVIEWS_PER_MEMBER_PER_DAY:
        raise TooManyMocks(
            f"You started {count} mock interviews in the last 24 hours, the most one account "
            "may: carry on with one of them, or start the next one tomorrow."
        )
    rng = rng or random.Random()
    rounds = [
        r
        for r in rounds_for(loop_size, shape_for(role.pk if role else None))
        if not categories or set(r.categories) & set(categories)
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
        picked = _pick(pool, count, role_ids=role_ids, preferred=interview_round.preferred, rng=rng)
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


def start_mock_once(
    *, user, key: uuid.UUID | None, now: datetime, **choices
) -> tuple[MockInterview | None, str | None]:
    """start_mock() for a form that may arrive twice (config.sitewide.submissions): the new
    mock and None, or None and where the form's first arrival led."""
    with transaction.atomic():
        earlier = claim_submission(user=user, key=key)
        if earlier is not None:
            return None, earlier
        mock = start_mock(user=user, now=now, **choices)
        record_outcome(user=user, key=key, outcome=mock.get_absolute_url())
    return mock, None


def settle_mocks_that_lost_questions(*, mock_ids: Collection[int], now: datetime) -> None:
    """Mocks whose questions were deleted (an own question goes with its mock answers): one
    left with no question goes too; one whose remaining questions are all answered is
    finished, so its report can be confirmed."""
    mocks = MockInterview.objects.filter(pk__in=mock_ids)
    mocks.filter(answers__isnull=True).delete()
    unanswered = MockAnswer.objects.filter(mock=OuterRef("pk"), answered_at__isnull=True)
    mocks.filter(finished_at__isnull=True).exclude(Exists(unanswered)).update(finished_at=now)


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

    @property
    def covered(self) -> int:
        return sum(report.check.covered for report in self.answers)

    @property
    def key_points(self) -> int:
        return sum(len(report.check.points) for report in self.answers)

    @property
    def percent(self) -> int:
        """The share of the round's key points the answers covered (ticked, or first guess)."""
        return round(100 * self.covered / self.key_points) if self.key_points else 0

    @property
    def categories(self) -> list[str]:
        found = {report.answer.question.category for report in self.answers}
        return [category for category in Category.values if category in found]


@dataclass(frozen=True)
class MockSummary:
    """The closing summary of a mock: its strongest and weakest rounds by key points
    covered, and what to practise next (the weakest round's categories)."""

    strongest: RoundReport
    weakest: RoundReport
    practise_categories: list[str]

    @property
    def even(self) -> bool:
        """Every round covered the same share: nothing stands out either way."""
        return self.strongest.percent == self.weakest.percent

    @property
    def practise_labels(self) -> list[str]:
        return [Category(category).label for category in self.practise_categories]


def mock_summary(rounds: Sequence[RoundReport], *, shape: Shape | None) -> MockSummary | None:
    """Strongest and weakest rounds and what to practise next.

    On a tie the weakest is the round the role's interviews weigh most (its ``shape``'s
    first categories), so an even report still points a product manager at product sense.
    """
    if not rounds:
        return None

    def weight(report: RoundReport) -> int:
        ranks = [shape.category_rank(c) for c in report.categories] if shape else []
        return min(ranks, default=0)

    strongest = max(rounds, key=lambda r: (r.percent, -r.number))
    weakest = min(rounds, key=lambda r: (r.percent, weight(r), r.number))
    return MockSummary(strongest=strongest, weakest=weakest, practise_categories=weakest.categories)


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
                attempt=check.attempt(),
            )
