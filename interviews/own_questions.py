"""A user's own interview questions: private, scheduled like the bank's, shown to them alone."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from careers.models import Role
from config.sitewide.submissions import claim_submission, record_outcome

from .mock import settle_mocks_that_lost_questions
from .models import Bookmark, CardState, Difficulty, MockAnswer, Note, Question, ReviewLog

# Rows about a question that protect a question of the shared bank from deletion. An own
# question belongs to its member, so these go with it.
PRACTICE_ROWS = (MockAnswer, ReviewLog, CardState, Note, Bookmark)


class TooManyOwnQuestions(ValueError):
    """The member keeps as many own questions as one account may."""


def add_own_question(
    *,
    user,
    prompt: str,
    category: str,
    key_points: str,
    follow_ups: str = "",
    roles: Iterable[Role] = (),
    company: str = "",
) -> Question:
    """Save a private question, tagged with the roles (and company) it is asked for; its
    slug is random, as it never appears in a shared URL."""
    count = Question.objects.owned_by(user).count()
    if count >= settings.OWN_QUESTIONS_PER_MEMBER:
        raise TooManyOwnQuestions(
            f"You have {count} questions of your own, the most one account keeps: delete one "
            "you no longer need to add another."
        )
    question = Question(
        owner=user,
        slug=f"own-{uuid.uuid4().hex[:16]}",
        prompt=prompt.strip(),
        category=category,
        difficulty=Difficulty.INTERMEDIATE,
        key_points=key_points.strip(),
        follow_ups=follow_ups.strip(),
        company=company.strip(),
        is_published=False,  # "published" means in the shared bank; owned ones never are
    )
    question.full_clean()
    with transaction.atomic():
        question.save()
        question.roles.set(roles)
    return question


def add_own_question_once(
    *, user, key: uuid.UUID | None, **fields: Any
) -> tuple[Question | None, str | None]:
    """add_own_question() for a form that may arrive twice (config.sitewide.submissions):
    the new question and None, or None and where the form's first arrival led."""
    with transaction.atomic():
        earlier = claim_submission(user=user, key=key)
        if earlier is not None:
            return None, earlier
        question = add_own_question(user=user, **fields)
        record_outcome(user=user, key=key, outcome=question.get_absolute_url())
    return question, None


def _delete_with_practice(questions) -> int:
    """Delete the questions and every row of practice on them, in one transaction."""
    with transaction.atomic():
        ids = list(questions.values_list("pk", flat=True))
        if not ids:
            return 0
        mock_ids = set(
            MockAnswer.objects.filter(question_id__in=ids).values_list("mock_id", flat=True)
        )
        for model in PRACTICE_ROWS:
            model.objects.filter(question_id__in=ids).delete()
        settle_mocks_that_lost_questions(mock_ids=mock_ids, now=timezone.now())
        deleted, _ = Question.objects.filter(pk__in=ids).delete()
    return deleted


def delete_own_question(*, user, pk: int) -> bool:
    """Delete one of the user's own questions (with its practice record); False if not theirs."""
    return bool(_delete_with_practice(Question.objects.owned_by(user).filter(pk=pk)))


def delete_all_own_questions(*, user) -> None:
    """The account eraser: every own question of the user, with its practice record."""
    _delete_with_practice(Question.objects.owned_by(user))
