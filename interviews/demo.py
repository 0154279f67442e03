"""Realistic demo users for demos, browser tests and the benchmark, created in bulk.

Everything is drawn from one seeded random generator, so the same ``seed`` gives the
same data. Rows go in with bulk_create in batches; the only per-row work is the
spaced-repetition replay, which runs through the real scheduler in memory.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from assessments.models import Answer, AnswerOption, Assessment, Dimension
from assessments.questionnaire import load_questionnaire
from assessments.snapshot import ChosenAnswer, build_result
from careers.models import Hub, Profile, Role

from .models import Bookmark, CardState, Note, Question, Rating, ReviewLog
from .progress import rebuild_summary
from .scheduling import RATED_FIELDS, apply_rating

DEMO_PASSWORD = "compass-demo-password"
HISTORY_DAYS = 60
# How a learner rates their own attempts: mostly Good, a fair share of Again.
RATING_WEIGHTS = {Rating.AGAIN: 15, Rating.HARD: 20, Rating.GOOD: 50, Rating.EASY: 15}
HOURS_CHOICES = (3, 5, 8, 10, 15, 20)
MAX_REVIEWS = 5
CARD_FIELDS = ("user_id", "question_id", "cycle", *RATED_FIELDS)
DEMO_NOTE = "Draft: the trade-offs first, then an example from my last project."


@dataclass
class Persona:
    """A background and a level of ability; every user of a persona answers alike."""

    key: str
    background: str
    weekly_study_hours: int
    options: dict[int, AnswerOption]  # question id → chosen option
    assessment_id: int | None = None
    result: dict | None = None


@dataclass
class Counts:
    users: int = 0
    assessments: int = 0
    answers: int = 0
    card_states: int = 0
    review_logs: int = 0
    notes: int = 0
    bookmarks: int = 0
    skipped_existing: int = 0


def demo_username(seed: int, number: int) -> str:
    return f"demo{seed}-{number:05d}"


def seed_demo(*, users: int, seed: int, now: datetime, batch_size: int = 1000) -> Counts:
    rng = random.Random(seed)
    counts = Counts()
    roles = list(Role.objects.order_by("pk"))
    hubs = list(Hub.objects.order_by("pk"))
    questions = list(Question.objects.published().order_by("pk").values_list("pk", flat=True))
    personas = _personas(rng)
    password = make_password(DEMO_PASSWORD)
    User = get_user_model()
    wanted = [demo_username(seed, n) for n in range(1, users + 1)]
    existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    counts.skipped_existing = len(existing)
    todo = [name for name in wanted if name not in existing]
    for batch in _batches(todo, batch_size):
        with transaction.atomic():
            created = User.objects.bulk_create(
                [
                    User(
                        username=name,
                        email=f"{name}@demo.invalid",
                        password=password,
                        date_joined=now - timedelta(days=rng.randint(1, HISTORY_DAYS)),
                    )
                    for name in batch
                ]
            )
            if created and created[0].pk is None:
                # Backends that return no ids from bulk inserts: read them back.
                created = list(User.objects.filter(username__in=batch).order_by("pk"))
            _seed_batch(created, rng, counts, roles, hubs, questions, personas, now)
    return counts


def _insert(model: type[models.Model], rows: list[dict]) -> None:
    """Insert plain rows of field values in batches (no signals: demo rows are not content)."""
    model._default_manager.bulk_create((model(**row) for row in rows), batch_size=2000)


def _batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _personas(rng: random.Random) -> list[Persona]:
    """Three ability levels for each background, answering each question accordingly."""
    dimensions = Dimension.objects.prefetch_related("questions__options").order_by(
        "sort_order", "pk"
    )
    question_options = [
        sorted(question.options.all(), key=lambda option: option.score)
        for dimension in dimensions
        for question in dimension.questions.all()
    ]
    personas = []
    for background in Profile.Background.values:
        for level in (0.25, 0.55, 0.85):
            options = {}
            for choices in question_options:
                if not choices:
                    continue
                wobble = rng.uniform(-1, 1)
                position = round(level * (len(choices) - 1) + wobble)
                position = min(len(choices) - 1, max(0, position))
                options[choices[position].question_id] = choices[position]
            personas.append(
                Persona(
                    key=f"{background}-{level}",
                    background=background,
                    weekly_study_hours=rng.choice(HOURS_CHOICES),
                    options=options,
                )
            )
    return personas


def _seed_batch(users, rng, counts, roles, hubs, questions, personas, now) -> None:
    profiles = []
    for user in users:
        profiles.append(
            Profile(
                user=user,
                background=rng.choice(Profile.Background.values),
                years_experience=rng.randint(0, 25),
                target_role=rng.choice(roles) if roles and rng.random() < 0.7 else None,
                preferred_hub=rng.choice(hubs) if hubs and rng.random() < 0.6 else None,
                prefers_remote=rng.random() < 0.3,
                weekly_study_hours=rng.choice(HOURS_CHOICES),
            )
        )
    Profile.objects.bulk_create(profiles, ignore_conflicts=True)
    counts.users += len(users)
    _seed_assessments(users, rng, counts, personas, now)
    _seed_practice(users, rng, counts, questions, now)


def _seed_assessments(users, rng, counts, personas, now) -> None:
    if not personas or not personas[0].options:
        return
    plans = []  # (user, persona, completed?)
    for user in users:
        roll = rng.random()
        if roll < 0.7:
            plans.append((user, rng.choice(personas), True))
        elif roll < 0.85:
            plans.append((user, rng.choice(personas), False))
    assessments = Assessment.objects.bulk_create(
        [
            Assessment(
                user=user,
                background=persona.background,
                weekly_study_hours=persona.weekly_study_hours,
                completed_at=now - timedelta(days=rng.randint(0, HISTORY_DAYS)) if done else None,
            )
            for user, persona, done in plans
        ]
    )
    if assessments and assessments[0].pk is None:
        by_user = dict(
            Assessment.objects.filter(user__in=[user for user, _, _ in plans]).values_list(
                "user_id", "pk"
            )
        )
        for assessment in assessments:
            assessment.pk = by_user[assessment.user_id]
    answers = []
    completed = []
    for assessment, (_, persona, done) in zip(assessments, plans, strict=True):
        chosen = list(persona.options.values())
        if not done:
            chosen = chosen[: rng.randint(0, len(chosen) - 1)]
        answers += [
            {
                "assessment_id": assessment.pk,
                "question_id": o.question_id,
                "option_id": o.pk,
                "answered_at": now,
            }
            for o in chosen
        ]
        if done:
            completed.append((assessment, persona))
    _insert(Answer, answers)
    counts.answers += len(answers)
    counts.assessments += len(assessments)
    questionnaire = load_questionnaire()
    by_persona: dict[str, list[int]] = {}
    for assessment, persona in completed:
        if persona.result is None:
            # One real scoring per persona; everyone answering alike gets the same result.
            persona.result = build_result(
                assessment=assessment,
                questionnaire=questionnaire,
                chosen={qid: ChosenAnswer.of(o) for qid, o in persona.options.items()},
                now=now,
            )
        by_persona.setdefault(persona.key, []).append(assessment.pk)
    for persona in personas:
        if persona.key in by_persona:
            Assessment.objects.filter(pk__in=by_persona[persona.key]).update(
                result=persona.result, scores=persona.result["dimensions"]
            )


def _seed_practice(users, rng, counts, questions, now) -> None:
    if not questions:
        return
    ratings = list(RATING_WEIGHTS)
    weights = list(RATING_WEIGHTS.values())
    cards, logs, notes, bookmarks = [], [], [], []
    for user in users:
        if rng.random() < 0.25:
            continue  # a quarter never practised
        for question_id in rng.sample(questions, k=min(len(questions), rng.randint(3, 15))):
            card = CardState(user_id=user.pk, question_id=question_id)
            moment = now - timedelta(days=rng.uniform(1, HISTORY_DAYS))
            while moment < now and card.review_count < MAX_REVIEWS:
                rating = rng.choices(ratings, weights)[0]
                logs.append(apply_rating(card, rating=rating, now=moment))
                assert card.due is not None  # a rated card has its next review
                moment = card.due + timedelta(hours=rng.uniform(0, 36))
            cards.append({name: getattr(card, name) for name in CARD_FIELDS})
            if rng.random() < 0.1:
                notes.append(Note(user=user, question_id=question_id, body=DEMO_NOTE))
            if rng.random() < 0.08:
                bookmarks.append(Bookmark(user=user, question_id=question_id))
    _insert(CardState, cards)
    _insert(ReviewLog, logs)
    Note.objects.bulk_create(notes, batch_size=2000)
    Bookmark.objects.bulk_create(bookmarks, batch_size=2000)
    counts.card_states += len(cards)
    counts.review_logs += len(logs)
    counts.notes += len(notes)
    counts.bookmarks += len(bookmarks)


# Two years of daily practice comes to about 50,000 ratings: some 68 a day.
LONG_PRACTICE_RATINGS_PER_DAY = 68
TWO_YEARS_OF_RATINGS = 50_000


def give_two_years_of_practice(
    *, seed: int, members: int, now: datetime, ratings: int = TWO_YEARS_OF_RATINGS
) -> int:
    """Make the first ``members`` demo users of ``seed`` long-time members: their practice
    replaced by ``ratings`` daily ratings (two years' worth). Returns how many were written."""
    questions = list(Question.objects.published().order_by("pk").values_list("pk", flat=True))
    names = [demo_username(seed, number) for number in range(1, members + 1)]
    written = 0
    for user in get_user_model().objects.filter(username__in=names).order_by("pk"):
        with transaction.atomic():
            ReviewLog.objects.filter(user=user).delete()
            CardState.objects.filter(user=user).delete()
        written += seed_long_practice(
            user=user,
            question_ids=questions,
            ratings=ratings,
            now=now,
            seed=seed * 100_000 + user.pk,
        )
    return written


def seed_long_practice(
    *, user, question_ids: Sequence[int], ratings: int, now: datetime, seed: int
) -> int:
    """Give ``user`` a long daily practice history: ``ratings`` ratings, about 68 a day on
    every day up to yesterday, round the questions in turn, through the real scheduler.

    Rows go in with bulk_create, so the kept progress figures are rebuilt after; returns
    how many review logs were written.
    """
    rng = random.Random(seed)
    choices, weights = list(RATING_WEIGHTS), list(RATING_WEIGHTS.values())
    days = max(1, -(-ratings // LONG_PRACTICE_RATINGS_PER_DAY))
    first = now - timedelta(days=days)
    cards = {pk: CardState(user_id=user.pk, question_id=pk) for pk in question_ids}
    logs = []
    for number in range(ratings):
        day, turn = divmod(number, LONG_PRACTICE_RATINGS_PER_DAY)
        moment = first + timedelta(days=day, minutes=turn * 5)
        card = cards[question_ids[number % len(question_ids)]]
        logs.append(apply_rating(card, rating=rng.choices(choices, weights)[0], now=moment))
    with transaction.atomic():
        rated = [card for card in cards.values() if card.review_count]
        _insert(CardState, [{name: getattr(card, name) for name in CARD_FIELDS} for card in rated])
        _insert(ReviewLog, logs)
    rebuild_summary(user=user)
    return len(logs)
