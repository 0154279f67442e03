import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import override_settings

from assessments.models import Answer, Assessment
from careers.models import Profile
from interviews.demo import DEMO_PASSWORD
from interviews.models import CardState, ReviewLog

User = get_user_model()


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def demo_snapshot():
    profiles = Profile.objects.filter(user__username__startswith="demo3-").order_by(
        "user__username"
    )
    logs = ReviewLog.objects.filter(user__username__startswith="demo3-")
    return (
        list(profiles.values_list("user__username", "background", "target_role__slug")),
        sorted(logs.values_list("user__username", "question__slug", "rating")),
    )


def test_it_creates_users_with_profiles_assessments_and_practice_history(guide):
    output = seed(users=40, seed=3)
    assert "Created 40 users" in output
    users = User.objects.filter(username__startswith="demo3-")
    assert users.count() == 40
    assert Profile.objects.filter(user__in=users).count() == 40
    assessments = Assessment.objects.filter(user__in=users)
    assert assessments.filter(completed_at__isnull=False, result__isnull=False).exists()
    assert assessments.filter(completed_at__isnull=True).exists()
    assert Answer.objects.filter(assessment__in=assessments).exists()
    assert (
        ReviewLog.objects.filter(user__in=users).count()
        > CardState.objects.filter(user__in=users).count()
    )
    assert users.first().check_password(DEMO_PASSWORD)


def test_every_card_state_matches_its_review_logs(guide):
    seed(users=25, seed=3)
    per_card = {
        (row["user_id"], row["question_id"]): row["n"]
        for row in ReviewLog.objects.values("user_id", "question_id").annotate(n=Count("pk"))
    }
    assert per_card
    for card in CardState.objects.all():
        assert card.review_count == per_card[(card.user_id, card.question_id)]
        last = ReviewLog.objects.filter(user_id=card.user_id, question_id=card.question_id).first()
        assert last.due == card.due
        assert last.state_after == card.state


def test_it_is_deterministic_for_a_seed_and_skips_existing_users(guide):
    seed(users=15, seed=3)
    first = demo_snapshot()
    assert "15 existed already" in seed(users=15, seed=3)
    User.objects.filter(username__startswith="demo3-").delete()
    seed(users=15, seed=3)
    assert demo_snapshot() == first


@override_settings(PRODUCTION_MODE=True)
def test_it_refuses_production_mode_without_force(guide):
    with pytest.raises(CommandError, match="--force"):
        seed(users=2, seed=3)
    assert not User.objects.filter(username__startswith="demo3-").exists()
    seed(users=2, seed=3, force=True)
    assert User.objects.filter(username__startswith="demo3-").count() == 2


def test_it_rejects_a_count_below_one(guide):
    with pytest.raises(CommandError, match="at least 1"):
        seed(users=0, seed=3)
