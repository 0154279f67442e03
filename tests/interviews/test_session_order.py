"""Practice sessions feel like an interview loop: categories interleaved, difficulty ramping,
due reviews first, and a summary that survives "End this session"."""

import itertools
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from interviews import practice_queue, scheduling
from interviews.models import Category, Question, Rating

URL = reverse("interviews:practice")


def longest_run(categories: list[str]) -> int:
    return max(len(list(run)) for _, run in itertools.groupby(categories))


def categories_of(queue: list[int]) -> list[str]:
    by_pk = dict(Question.objects.values_list("pk", "category"))
    return [by_pk[pk] for pk in queue]


def seed_lopsided_bank(question_factory, role=None):
    """The bank as the issue found it: many algorithms questions listed first."""
    roles = [role] if role else []
    for difficulty in (3, 1, 2, 3, 2, 1, 3, 2):
        question_factory(category=Category.ALGORITHMS, difficulty=difficulty, roles=roles)
    for difficulty in (3, 1):
        question_factory(category=Category.SYSTEM_DESIGN, difficulty=difficulty, roles=roles)
    for difficulty in (2, 1, 3):
        question_factory(category=Category.BEHAVIOURAL, difficulty=difficulty, roles=roles)


def test_it_mixes_categories_never_three_of_one_in_a_row(alice, role_factory, question_factory):
    role = role_factory(slug="ml-engineer")
    seed_lopsided_bank(question_factory, role)

    queue = practice_queue.build_queue(
        user=alice, size=10, categories=[], role=role, now=timezone.now()
    )

    categories = categories_of(queue)
    assert len(queue) == 10
    assert set(categories) == {"algorithms", "system-design", "behavioural"}
    assert longest_run(categories) <= 2


def test_it_allows_a_run_only_when_no_other_category_is_left(alice, question_factory):
    for _ in range(4):
        question_factory(category=Category.ALGORITHMS)
    question_factory(category=Category.ETHICS)

    queue = practice_queue.build_queue(
        user=alice, size=5, categories=[], role=None, now=timezone.now()
    )

    assert categories_of(queue) == [
        "algorithms",
        "algorithms",
        "ethics",
        "algorithms",
        "algorithms",
    ]


def test_it_ramps_new_questions_from_easier_to_harder(alice, question_factory):
    seed_lopsided_bank(question_factory)

    queue = practice_queue.build_queue(
        user=alice, size=9, categories=[], role=None, now=timezone.now()
    )

    levels = dict(Question.objects.values_list("pk", "difficulty"))
    difficulties = [levels[pk] for pk in queue]
    assert difficulties[:3] == [1, 1, 1]
    half = len(difficulties) // 2
    assert sum(difficulties[:half]) / half < sum(difficulties[-half:]) / half
    assert difficulties[-1] == 3


def test_it_asks_due_reviews_before_new_questions_of_other_categories(alice, question_factory):
    now = timezone.now()
    due = [question_factory(category=Category.ETHICS, difficulty=3) for _ in range(2)]
    for question in due:
        scheduling.rate(
            user=alice, question=question, rating=Rating.GOOD, now=now - timedelta(days=5)
        )
    fresh = question_factory(category=Category.ALGORITHMS, difficulty=1)

    queue = practice_queue.build_queue(user=alice, size=3, categories=[], role=None, now=now)

    assert queue == [due[0].pk, due[1].pk, fresh.pk]


def test_it_keeps_the_summary_when_a_session_is_ended_early(alice_client, alice, question_factory):
    for _ in range(3):
        question_factory()
    alice_client.post(URL, {"size": "3"})
    first = int(alice_client.session["interviews_practice"]["question_ids"][0])
    alice_client.post(reverse("interviews:practice_rate"), {"question": first, "rating": "3"})

    response = alice_client.post(reverse("interviews:practice_end"), follow=True)

    content = response.content.decode()
    assert "Session complete" in content
    assert content.count('<th scope="row">') == 1
    assert "(in 1 day)" in content
    # Still there on the next visit, until the user starts another session.
    assert "Session complete" in alice_client.get(URL).content.decode()
    alice_client.post(reverse("interviews:practice_end"))
    assert "Start practising" in alice_client.get(URL).content.decode()
