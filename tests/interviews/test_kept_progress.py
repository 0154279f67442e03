"""Issue 24, item 1: the kept progress figures always equal a full recompute from the logs."""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews import progress, scheduling
from interviews.demo import seed_long_practice
from interviews.models import CardState, Category, PracticeDay, PracticeSummary, Rating
from interviews.status import cards_for

ZONES = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham", "Pacific/Kiritimati"]
CATEGORIES = [Category.ALGORITHMS, Category.ETHICS, Category.BEHAVIOURAL]


def kept_figures(user, now):
    today = timezone.localdate(now)
    kept = progress.kept_progress(user=user, today=today, cards=cards_for(user=user))
    return (
        kept.streaks,
        progress.practice_chart_rows(activity=kept.recent, today=today),
        progress.weakest_categories(activity=kept.recent),
    )


def streaks(user, today):
    return progress.kept_progress(user=user, today=today, cards=cards_for(user=user)).streaks


def recomputed_figures(user, now):
    activity = progress.read_activity(user=user, now=now)
    today = timezone.localdate(now)
    return (
        progress.streaks(activity=activity, today=today),
        progress.practice_chart_rows(activity=activity, today=today),
        progress.weakest_categories(activity=activity),
    )


def kept_rows(user):
    summary = PracticeSummary.objects.values(
        "time_zone", "last_day", "current_run", "longest_run", "missed_due_day"
    ).get(user=user)
    days = set(
        PracticeDay.objects.filter(user=user).values_list("day", "category", "ratings", "agains")
    )
    return summary, days


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("seed", [1, 2])
def test_the_kept_figures_equal_a_full_recompute_after_any_sequence(
    alice, question_factory, zone, seed
):
    rng = random.Random(f"{zone}-{seed}")
    questions = [question_factory(category=CATEGORIES[n % 3]) for n in range(7)]
    # Late evening before the spring clock change in the US, so days and offsets both turn.
    now = datetime(2026, 3, 5, 21, 30, tzinfo=ZoneInfo(zone))
    active = zone
    for _step in range(140):
        with timezone.override(active):
            action = rng.choices(
                ["rate", "late tab", "repeat", "wait", "long wait", "fresh cycle", "other zone"],
                [10, 2, 2, 5, 1, 1, 1],
            )[0]
            question = rng.choice(questions)
            if action == "rate":
                card = CardState.objects.filter(user=alice, question=question).first()
                scheduling.rate(
                    user=alice,
                    question=question,
                    rating=rng.choice(list(Rating)),
                    now=now,
                    seen=card.review_count if card else 0,
                )
            elif action == "late tab":
                # A second tab's rating, its clock read hours before (maybe the day before).
                scheduling.rate(
                    user=alice,
                    question=question,
                    rating=rng.choice(list(Rating)),
                    now=now - timedelta(hours=rng.uniform(0, 6)),
                )
            elif action == "repeat":
                card = CardState.objects.filter(user=alice, question=question).first()
                if card and card.review_count:
                    result = scheduling.rate(
                        user=alice,
                        question=question,
                        rating=Rating.GOOD,
                        now=now,
                        seen=card.review_count - 1,
                    )
                    assert not result.recorded
            elif action == "wait":
                now += timedelta(hours=rng.uniform(1, 30))
            elif action == "long wait":
                now += timedelta(days=rng.uniform(2, 12))
            elif action == "fresh cycle":
                category = rng.choice([None, *CATEGORIES])
                scheduling.start_fresh_cycle(user=alice, category=category, now=now)
            else:
                active = rng.choice(ZONES)
        with timezone.override(active):
            assert kept_figures(alice, now) == recomputed_figures(alice, now), (_step, action)

    with timezone.override(active):
        kept = kept_rows(alice)
        call_command("rebuild_progress", "alice")
        assert kept_rows(alice) == kept


def test_a_missed_due_day_breaks_the_kept_streak_and_a_fresh_cycle_ends_it(alice, question):
    start = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("UTC"))
    for day in range(3):
        scheduling.rate(
            user=alice, question=question, rating=Rating.AGAIN, now=start + timedelta(days=day)
        )
    today = start.date() + timedelta(days=2)
    assert streaks(alice, today) == progress.Streaks(3, 3)
    # Due again on the day after; not practised then, so two days later the streak is gone.
    later = today + timedelta(days=2)
    assert streaks(alice, later).current == 0

    scheduling.start_fresh_cycle(user=alice, category=None, now=start + timedelta(days=2, hours=12))
    # The fresh cycle made it new on the day it was due: nothing was due on the days after.
    assert streaks(alice, later) == progress.Streaks(3, 3)


def test_the_rebuild_command_refuses_an_unknown_member(db):
    with pytest.raises(Exception, match="No such member: nobody"):
        call_command("rebuild_progress", "nobody")


def progress_queries(client, user, question, now) -> tuple[int, int]:
    """Queries for one rating, then for the progress page after it."""
    client.force_login(user)
    card = CardState.objects.get(user=user, question=question)
    with CaptureQueriesContext(connection) as rating:
        scheduling.rate(
            user=user, question=question, rating=Rating.GOOD, now=now, seen=card.review_count
        )
    with CaptureQueriesContext(connection) as page:
        assert client.get(reverse("interviews:progress")).status_code == 200
    return len(rating), len(page)


@pytest.mark.template_context
def test_progress_after_a_rating_costs_the_same_queries_whatever_the_history(
    client, user_factory, question_factory
):
    questions = [question_factory(category=CATEGORIES[n % 3]) for n in range(12)]
    ids = [question.pk for question in questions]
    now = timezone.now()
    short, long = user_factory(username="new-member"), user_factory(username="old-member")
    seed_long_practice(user=short, question_ids=ids, ratings=60, now=now, seed=1)
    seed_long_practice(user=long, question_ids=ids, ratings=3000, now=now, seed=1)
    # The first rating of the day in a category also adds that day's row; whether a seeded
    # history already has one depends on the hour the test runs. Both members rate in one
    # category first, so the rating measured (another question of that category) is a later one.
    for user in (short, long):
        progress_queries(client, user, questions[0], now)

    assert progress_queries(client, short, questions[3], now) == progress_queries(
        client, long, questions[3], now
    )
    page = client.get(reverse("interviews:progress")).context
    assert page["streaks"].longest > 30
