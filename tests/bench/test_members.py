"""The benchmark's copies of members: each copy a member of its own, with the same rows."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from assessments.models import Answer, Assessment
from interviews.demo import seed_demo
from interviews.models import CardState, Question, ReviewLog

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="copies are made inside PostgreSQL",
)

User = get_user_model()


def per_member(model, field: str = "user__username") -> list[int]:
    counts = model.objects.values(field).annotate(n=Count("pk")).order_by(field)
    return [row["n"] for row in counts]


def test_it_copies_each_member_with_their_practice_and_assessments(guide):
    from tests.bench.members import clone_members

    seed_demo(users=5, seed=9, now=timezone.now())
    logs, cards = per_member(ReviewLog), per_member(CardState)
    answers = Answer.objects.count()
    bank = Question.objects.count()
    assessed = Assessment.objects.values("user").distinct().count()

    clone_members(15)

    assert User.objects.count() == 15
    assert User.objects.values("email").distinct().count() == 15
    assert sorted(per_member(ReviewLog)) == sorted(logs * 3)
    assert sorted(per_member(CardState)) == sorted(cards * 3)
    assert Answer.objects.count() == answers * 3
    # A copy's answers are its own assessments' answers, and the bank is not copied.
    assert not Answer.objects.exclude(assessment__user__isnull=False).exists()
    assert Assessment.objects.values("user").distinct().count() == 3 * assessed
    assert Question.objects.count() == bank
