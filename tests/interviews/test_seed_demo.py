import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from assessments.models import Answer, Assessment
from careers.models import Profile
from interviews.demo import DEMO_PASSWORD, give_two_years_of_practice
from interviews.models import CardState, ReviewLog

pytestmark = pytest.mark.usefixtures("guide_for_module")

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


def test_it_gives_the_first_users_daily_practice_over_years(guide):
    seed(users=3, seed=4)
    before = ReviewLog.objects.filter(user__username="demo4-00002").count()

    # 700 ratings rather than two years' 50,000 keeps the test quick; the rule is the same.
    written = give_two_years_of_practice(seed=4, members=1, now=timezone.now(), ratings=700)

    logs = ReviewLog.objects.filter(user__username="demo4-00001")
    assert written == logs.count() == 700
    days = {moment.date() for moment in logs.values_list("rated_at", flat=True)}
    assert len(days) >= 700 // 68
    assert ReviewLog.objects.filter(user__username="demo4-00002").count() == before


def test_it_refuses_more_long_members_than_users(db):
    with pytest.raises(CommandError, match="--long-members"):
        seed(users=2, long_members=3)
