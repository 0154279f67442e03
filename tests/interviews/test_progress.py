"""/interviews/progress/: counts per category, streaks, the 30-day chart, readiness, fresh cycle."""

from collections import Counter
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import progress, scheduling
from interviews.models import CardState, Category, Rating, ReviewLog

URL = reverse("interviews:progress")
FRESH_URL = reverse("interviews:fresh_cycle")
TODAY = date(2026, 3, 20)


def activity(practised: list[int], due: list[tuple[int, int]] = ()) -> progress.Activity:
    """Days given as offsets from TODAY (0 is today, -1 yesterday)."""
    return progress.Activity(
        practice_days=Counter({TODAY + timedelta(days=d): 1 for d in practised}),
        due_spans=[(TODAY + timedelta(days=a), TODAY + timedelta(days=b)) for a, b in due],
        again_by_category=Counter(),
    )


@pytest.mark.parametrize(
    "practised, due, current, longest",
    [
        ([], [], 0, 0),
        ([-2, -1, 0], [], 3, 3),
        # Nothing was due on the missed days, so the streak carries on.
        ([-6, -5, -2, -1], [], 4, 4),
        # Something was due on day -3 and was not practised: the streak breaks there.
        ([-6, -5, -4, -2, -1], [(-3, -2)], 2, 3),
        # Today is not over: not having practised yet breaks nothing.
        ([-2, -1], [(-1, 1)], 2, 2),
        ([-9, -8, -7, -6], [(-5, -4)], 0, 4),
    ],
)
def test_it_counts_streaks_where_only_a_missed_due_day_breaks(practised, due, current, longest):
    result = progress.streaks(activity=activity(practised, due), today=TODAY)

    assert (result.current, result.longest) == (current, longest)


def test_it_reads_due_days_from_the_review_history(alice, question):
    now = datetime(2026, 3, 20, 12, tzinfo=dt_timezone.utc)
    # Rated Easy nine days ago; due again a few days later, and never practised since.
    scheduling.rate(user=alice, question=question, rating=Rating.EASY, now=now - timedelta(days=9))

    result = progress.read_activity(user=alice, now=now)

    assert result.practice_days == Counter({date(2026, 3, 11): 1})
    ((start, until),) = result.due_spans
    assert date(2026, 3, 11) < start < date(2026, 3, 20)
    assert until == date(2026, 3, 21)
    assert progress.streaks(activity=result, today=now.date()).current == 0


def test_it_ends_a_due_span_when_a_fresh_cycle_starts(alice, question):
    now = datetime(2026, 3, 20, 12, tzinfo=dt_timezone.utc)
    scheduling.rate(user=alice, question=question, rating=Rating.AGAIN, now=now - timedelta(days=5))
    scheduling.start_fresh_cycle(user=alice, category=None, now=now - timedelta(days=4))

    result = progress.read_activity(user=alice, now=now)

    assert result.due_spans == [(date(2026, 3, 15), date(2026, 3, 16))]


def test_it_asks_visitors_to_log_in(client, db):
    assert client.get(URL).status_code == 302
    assert client.get(FRESH_URL).status_code == 302


@pytest.mark.template_context
def test_it_shows_yesterdays_session_on_the_progress_page_today(
    alice_client, alice, role_factory, question_factory
):
    role = role_factory(slug="nlp-engineer", name="NLP Engineer")
    alice.profile.target_role = role
    alice.profile.save()
    questions = [question_factory(roles=[role]) for _ in range(3)]
    question_factory(category=Category.ETHICS)
    yesterday = timezone.now() - timedelta(days=1)
    for question, rating in zip(questions, (Rating.AGAIN, Rating.GOOD, Rating.GOOD), strict=True):
        scheduling.rate(user=alice, question=question, rating=rating, now=yesterday)

    response = alice_client.get(URL)

    assert response.status_code == 200
    categories = {row.category: row for row in response.context["categories"]}
    algorithms = categories["algorithms"]
    assert (algorithms.new, algorithms.learning, algorithms.mastered) == (0, 3, 0)
    assert algorithms.due_today == 3
    assert (categories["ethics"].new, categories["ethics"].total) == (1, 1)
    assert response.context["due_today"] == 3
    assert response.context["streaks"].current == 1
    chart = response.context["chart_rows"]
    assert len(chart) == 30
    assert chart[-2]["value"] == 3
    assert chart[-1]["value"] == 0
    (weak,) = response.context["weakest"]
    assert (weak.category, weak.again_count) == ("algorithms", 1)
    content = response.content.decode()
    assert f'href="{reverse("interviews:practice")}?category=algorithms"' in content
    assert "NLP Engineer: 0 of 3 questions mastered (0%)" in content
    assert "<svg" in content
    assert "<table" in content


@pytest.mark.template_context
def test_it_counts_a_question_scheduled_three_weeks_out_as_mastered(
    alice_client, alice, role_factory, question_factory
):
    role = role_factory(slug="prompt-engineer", name="Prompt Engineer")
    alice.profile.target_role = role
    alice.profile.save()
    mastered, learning = question_factory(roles=[role]), question_factory(roles=[role])
    question_factory(roles=[role])
    question_factory(roles=[role])
    now = timezone.now()
    CardState.objects.create(
        user=alice,
        question=mastered,
        state=CardState.State.REVIEW,
        due=now + timedelta(days=21),
        interval_days=21,
        last_rated_at=now,
    )
    CardState.objects.create(
        user=alice,
        question=learning,
        state=CardState.State.REVIEW,
        due=now + timedelta(days=20),
        interval_days=20,
        last_rated_at=now,
    )

    response = alice_client.get(URL)

    row = response.context["categories"][0]
    assert (row.new, row.learning, row.mastered, row.due_today) == (2, 1, 1, 0)
    readiness = response.context["readiness"]
    assert (readiness.mastered, readiness.total, readiness.percent) == (1, 4, 25)
    assert "Prompt Engineer: 1 of 4 questions mastered (25%)" in response.content.decode()


def test_it_ignores_again_ratings_older_than_thirty_days(alice, question):
    old = timezone.now() - timedelta(days=40)
    scheduling.rate(user=alice, question=question, rating=Rating.AGAIN, now=old)

    result = progress.read_activity(user=alice, now=timezone.now())

    assert progress.weakest_categories(activity=result) == []


@pytest.mark.template_context
def test_it_never_counts_another_users_practice(alice_client, bob, question):
    scheduling.rate(user=bob, question=question, rating=Rating.AGAIN, now=timezone.now())

    response = alice_client.get(URL)

    assert response.context["categories"][0].new == 1
    assert response.context["weakest"] == ()
    assert response.context["streaks"].current == 0


def test_it_stays_within_a_query_budget(
    alice_client, alice, question_factory, django_assert_max_num_queries
):
    now = timezone.now()
    questions = [question_factory(category=Category.values[n % 9]) for n in range(40)]
    for day in range(30):
        for question in questions[day % 4 :: 4]:
            ReviewLog.objects.create(
                user=alice,
                question=question,
                rating=1 + day % 4,
                rated_at=now - timedelta(days=day),
                state_before=2,
                state_after=2,
                due=now - timedelta(days=day - 2),
                interval_days=2,
            )

    with django_assert_max_num_queries(10):
        assert alice_client.get(URL).status_code == 200


def test_it_confirms_then_starts_a_fresh_cycle_keeping_history(alice_client, alice, question):
    scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=timezone.now())

    confirm = alice_client.get(FRESH_URL, {"category": "algorithms"})
    assert confirm.status_code == 200
    content = confirm.content.decode()
    assert "1 question in Algorithms and implementation will come back as new" in content
    assert CardState.objects.get().state == CardState.State.LEARNING

    response = alice_client.post(FRESH_URL, {"category": "algorithms"})

    assert response.status_code == 302
    assert response["Location"] == URL
    card = CardState.objects.get()
    assert card.is_new
    assert card.first_rating == Rating.GOOD
    assert ReviewLog.objects.count() == 1
    assert "Fresh cycle started" in alice_client.get(URL).content.decode()


def test_it_starts_a_fresh_cycle_of_the_whole_bank(alice_client, alice, bob, question_factory):
    for question in (question_factory(), question_factory(category=Category.ETHICS)):
        for user in (alice, bob):
            scheduling.rate(user=user, question=question, rating=Rating.GOOD, now=timezone.now())

    alice_client.post(FRESH_URL, {"category": ""})

    assert CardState.objects.filter(user=alice, state=CardState.State.NEW).count() == 2
    assert not CardState.objects.filter(user=bob, state=CardState.State.NEW).exists()


def test_it_refuses_an_unknown_fresh_cycle_category(alice_client, alice, question):
    scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=timezone.now())

    response = alice_client.post(FRESH_URL, {"category": "astrology"})

    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    assert not CardState.objects.get().is_new


@pytest.mark.template_context
def test_it_lists_practised_questions_with_when_each_comes_back(
    alice_client, alice, question_factory
):
    soon, later, untouched = (question_factory() for _ in range(3))
    now = timezone.now()
    scheduling.rate(user=alice, question=later, rating=Rating.EASY, now=now)
    scheduling.rate(user=alice, question=soon, rating=Rating.AGAIN, now=now - timedelta(days=2))

    response = alice_client.get(URL)

    upcoming = response.context["upcoming"]
    assert [review.question.pk for review in upcoming] == [soon.pk, later.pk]
    later_due = CardState.objects.get(user=alice, question=later).due
    assert upcoming[1].due == later_due
    content = response.content.decode()
    assert "Due now" in content
    assert later_due.strftime("%Y-%m-%d") in content
    assert (
        f'href="{untouched.get_absolute_url()}"'
        not in content.split("Coming back")[1].split("</table>")[0]
    )


def test_it_explains_the_empty_schedule(alice_client):
    content = alice_client.get(URL).content.decode()
    assert "Nothing scheduled yet" in content


def test_its_figures_come_from_the_rules_so_a_change_shows_in_the_words(alice_client, monkeypatch):
    from django.core.cache import caches

    from interviews import progress, status

    page = alice_client.get(URL).content.decode()
    assert f"{status.MASTERED_INTERVAL_DAYS} or more days ahead" in page
    assert f"The last {progress.CHART_DAYS} days" in page
    assert f"Questions rated per day, last {progress.CHART_DAYS} days" in page
    monkeypatch.setitem(progress.PAGE_FIGURES, "mastered_days", 28)
    monkeypatch.setitem(progress.PAGE_FIGURES, "chart_days", 14)
    monkeypatch.setitem(progress.PAGE_FIGURES, "weak_days", 7)
    # A deploy changes the figures, and its release prefix the cache keys: a fresh cache here.
    for cache in caches.all():
        cache.clear()
    page = alice_client.get(URL).content.decode()
    assert "28 or more days ahead" in page and "21 or more" not in page
    assert "The last 14 days" in page
    assert "Questions rated per day, last 14 days" in page
    assert 'No "Again" ratings in the last 7 days.' in page
    assert "30 days" not in page
