"""/interviews/: the question bank with filters, counts per filter value and pages of 25."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import scheduling
from interviews.models import CardState, Category, Question, Rating

URL = reverse("interviews:bank")


def listed(response) -> list[str]:
    return re.findall(r'class="question-link">([^<]+)</a>', response.content.decode())


def option(response, name: str, value: str) -> str:
    """The label of one <option> of the named select."""
    html = response.content.decode()
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.search(rf'<option value="{re.escape(value)}"[^>]*>([^<]+)</option>', select).group(1)


@pytest.fixture
def ml_engineer(role_factory):
    return role_factory(slug="machine-learning-engineer", name="Machine Learning Engineer")


@pytest.fixture
def bank(question_factory, ml_engineer):
    return {
        "kmeans": question_factory(
            prompt="Implement k-means from scratch.", roles=[ml_engineer], difficulty=2
        ),
        "tree": question_factory(prompt="Build a decision tree.", difficulty=3),
        "star": question_factory(
            prompt="Tell me about a conflict.", category=Category.BEHAVIOURAL, difficulty=1
        ),
        "bias": question_factory(
            prompt="You discover bias in a deployed model.",
            category=Category.ETHICS,
            roles=[ml_engineer],
            difficulty=2,
        ),
        "draft": question_factory(prompt="An unpublished draft.", is_published=False),
    }


def test_it_lets_anyone_browse_published_questions(client, bank):
    response = client.get(URL)

    assert response.status_code == 200
    assert set(listed(response)) == {
        "Implement k-means from scratch.",
        "Build a decision tree.",
        "Tell me about a conflict.",
        "You discover bias in a deployed model.",
    }
    content = response.content.decode()
    assert 'name="status"' not in content
    assert "Sign up" in content


def test_it_filters_by_category_role_difficulty_and_text(client, bank):
    assert listed(client.get(URL, {"category": "ethics"})) == [
        "You discover bias in a deployed model."
    ]
    assert listed(client.get(URL, {"role": "machine-learning-engineer", "difficulty": "2"})) == [
        "Implement k-means from scratch.",
        "You discover bias in a deployed model.",
    ]
    assert listed(client.get(URL, {"q": "K-MEANS"})) == ["Implement k-means from scratch."]
    # The search reads what a strong answer covers too.
    assert len(listed(client.get(URL, {"q": "trade-offs"}))) == 4


def test_it_counts_each_filter_value_with_the_other_filters_applied(client, bank):
    response = client.get(URL, {"role": "machine-learning-engineer"})

    assert option(response, "category", "algorithms") == "Algorithms and implementation (1)"
    assert option(response, "category", "ethics") == "AI ethics (1)"
    assert option(response, "category", "behavioural") == "Behavioural (0)"
    assert option(response, "difficulty", "2") == "Intermediate (2)"
    # The role's own count ignores the role filter: it is what choosing it would show.
    assert option(response, "role", "machine-learning-engineer") == "Machine Learning Engineer (2)"


def test_it_filters_by_my_status_and_bookmarks_when_signed_in(alice_client, alice, bob, bank):
    now = timezone.now()
    scheduling.rate(user=alice, question=bank["kmeans"], rating=Rating.GOOD, now=now)
    scheduling.rate(
        user=alice, question=bank["tree"], rating=Rating.GOOD, now=now - timedelta(days=3)
    )
    scheduling.rate(
        user=bob, question=bank["star"], rating=Rating.GOOD, now=now - timedelta(days=3)
    )
    alice.interview_bookmarks.create(question=bank["bias"])

    response = alice_client.get(URL, {"status": "due"})
    assert listed(response) == ["Build a decision tree."]
    assert option(response, "status", "new") == "New (2)"
    assert option(response, "status", "learning") == "Learning (1)"
    assert option(response, "status", "due") == "Due for review (1)"
    assert "Bookmarked only (0)" in response.content.decode()

    assert listed(alice_client.get(URL, {"status": "learning"})) == [
        "Implement k-means from scratch."
    ]
    assert listed(alice_client.get(URL, {"bookmarked": "on"})) == [
        "You discover bias in a deployed model."
    ]
    assert listed(alice_client.get(URL, {"status": "new", "bookmarked": "on"})) == [
        "You discover bias in a deployed model."
    ]


def test_it_ignores_personal_filters_for_visitors(client, bank):
    response = client.get(URL, {"status": "due", "bookmarked": "on"})

    assert response.status_code == 200
    assert len(listed(response)) == 4


@pytest.mark.parametrize(
    "params, field",
    [
        ({"category": "astrology"}, "category"),
        ({"difficulty": "9"}, "difficulty"),
        ({"difficulty": "hard"}, "difficulty"),
        ({"role": "wizard"}, "role"),
        ({"status": "forgotten"}, "status"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_it_reports_a_bad_filter_value_and_ignores_it(alice_client, bank, params, field):
    response = alice_client.get(URL, params)

    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert len(listed(response)) == 4


@pytest.mark.parametrize("page", ["2", "abc", "999", "-1", "0"])
def test_it_pages_25_questions_and_survives_any_page_number(client, question_factory, page):
    for number in range(30):
        question_factory(prompt=f"Question {number:02d}")

    response = client.get(URL, {"page": page})

    assert response.status_code == 200
    # A page that is not a number shows the first page; one out of range, the last.
    expected = 25 if page == "abc" else 5
    assert len(listed(response)) == expected


def test_it_keeps_filters_in_the_pagination_links(client, question_factory):
    for number in range(30):
        question_factory(prompt=f"Question {number:02d}", category=Category.ETHICS)

    content = client.get(URL, {"category": "ethics"}).content.decode()

    assert 'href="?category=ethics&amp;page=2"' in content


def test_it_answers_htmx_with_the_list_partial_only(client, bank):
    response = client.get(URL, {"category": "ethics"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="bank"')
    assert "<html" not in content
    assert 'hx-push-url="true"' in content
    assert listed(response) == ["You discover bias in a deployed model."]
    assert "HX-Request" in response["Vary"]


def test_it_works_as_a_plain_get_form_without_javascript(client, bank):
    content = client.get(URL).content.decode()

    assert '<form method="get" action="/interviews/"' in content
    assert '<button type="submit">Show questions</button>' in content


def test_it_stays_within_ten_queries_with_a_thousand_questions_and_card_states(
    alice_client, alice, ml_engineer, django_assert_max_num_queries
):
    now = timezone.now()
    questions = Question.objects.bulk_create(
        Question(
            slug=f"bulk-{n}",
            prompt=f"Bulk question {n}",
            category=Category.values[n % len(Category.values)],
            difficulty=1 + n % 3,
            key_points="a\nb\nc",
        )
        for n in range(1000)
    )
    Question.roles.through.objects.bulk_create(
        Question.roles.through(question_id=q.pk, role_id=ml_engineer.pk) for q in questions
    )
    CardState.objects.bulk_create(
        CardState(
            user=alice,
            question=q,
            state=CardState.State.REVIEW,
            due=now + timedelta(days=n % 40 - 10),
            interval_days=n % 40,
            last_rated_at=now - timedelta(days=1),
        )
        for n, q in enumerate(questions)
    )
    alice.interview_bookmarks.create(question=questions[0])

    for params in (
        {},
        {"status": "mastered", "role": ml_engineer.slug, "page": "3"},
        {"bookmarked": "on", "q": "bulk"},
    ):
        with django_assert_max_num_queries(10):
            response = alice_client.get(URL, params)
        assert response.status_code == 200

    assert len(listed(alice_client.get(URL))) == 25
