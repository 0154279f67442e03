"""A user's own interview questions: private, scheduled like the bank's, shown to them alone."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import transaction

from careers.models import Role

from .models import Difficulty, Question


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


def delete_own_question(*, user, pk: int) -> bool:
    """Delete one of the user's own questions (with its practice record); False if not theirs."""
    deleted, _ = Question.objects.owned_by(user).filter(pk=pk).delete()
    return bool(deleted)
