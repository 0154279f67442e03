"""/interviews/practice/: a session of N questions, due reviews first, then new ones."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import practice_queue, scheduling, target_role
from interviews.models import CardState, Category, Rating, ReviewLog

URL = reverse("interviews:practice")
RATE_URL = reverse("interviews:practice_rate")


def current_question_id(client) -> int:
    content = client.get(URL, {"show": "1"}).content.decode()
    return int(re.search(r'name="question" value="(\d+)"', content).group(1))


@pytest.fixture
def nlp(role_factory):
    return role_factory(slug="nlp-engineer", name="NLP Engineer")


@pytest.fixture
def target_nlp(alice, nlp):
    alice.profile.target_role = nlp
    alice.profile.save()
    return nlp


def test_it_asks_visitors_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_offers_a_session_of_ten_by_default(alice_client, target_nlp):
    content = alice_client.get(URL).content.decode()

    assert 'name="size" value="10"' in content
    assert "NLP Engineer" in content


def test_it_puts_due_reviews_first_then_new_questions_for_the_target_role(
    alice, target_nlp, question_factory
):
    now = timezone.now()
    other_new = [question_factory() for _ in range(3)]
    for_role = [question_factory(roles=[target_nlp]) for _ in range(2)]
    overdue, due, later = (question_factory() for _ in range(3))
    scheduling.rate(user=alice, question=overdue, rating=Rating.GOOD, now=now - timedelta(days=9))
    scheduling.rate(user=alice, question=due, rating=Rating.GOOD, now=now - timedelta(days=2))
    scheduling.rate(user=alice, question=later, rating=Rating.EASY, now=now)

    queue = practice_queue.build_queue(user=alice, size=6, categories=[], role=target_nlp, now=now)

    assert queue == [
        overdue.pk,
        due.pk,
        for_role[0].pk,
        for_role[1].pk,
        other_new[0].pk,
        other_new[1].pk,
    ]


def test_it_keeps_to_the_chosen_categories(alice, question_factory):
    question_factory(category=Category.ALGORITHMS)
    ethics = question_factory(category=Category.ETHICS)
    behavioural = question_factory(category=Category.BEHAVIOURAL)
    question_factory(category=Category.ETHICS, is_published=False)

    queue = practice_queue.build_queue(
        user=alice, size=10, categories=["ethics", "behavioural"], role=None, now=timezone.now()
    )

    assert queue == [ethics.pk, behavioural.pk]


def test_it_uses_a_registered_target_role_when_the_profile_has_none(alice, nlp):
    def from_assessment(user):
        return nlp

    target_role.register_target_role_provider(from_assessment)
    try:
        assert target_role.target_role_for(user=alice) == nlp
    finally:
        target_role.target_role_providers.remove(from_assessment)
    assert target_role.target_role_for(user=alice) is None


def test_it_runs_a_session_of_ten_one_question_at_a_time(
    alice_client, alice, target_nlp, question_factory
):
    for _ in range(12):
        question_factory(roles=[target_nlp])

    response = alice_client.post(URL, {"size": "10"})
    assert response.status_code == 302

    seen = []
    for number in range(1, 11):
        content = alice_client.get(URL).content.decode()
        assert f"Question {number} of 10" in content
        assert "data-rating-key" not in content
        question_id = current_question_id(alice_client)
        seen.append(question_id)
        rating = "1" if number == 1 else "3"
        assert (
            alice_client.post(RATE_URL, {"question": question_id, "rating": rating}).status_code
            == 302
        )

    assert len(set(seen)) == 10
    assert ReviewLog.objects.filter(user=alice).count() == 10
    summary = alice_client.get(URL).content.decode()
    assert "Session complete" in summary
    assert summary.count('<th scope="row">') == 10
    # Again brings a question back later today; Good, an essay answered well, the next day.
    assert summary.count("in 10 minutes") == 1
    assert summary.count("(in 1 day)") == 9

    alice_client.post(reverse("interviews:practice_end"))
    assert "Start practising" in alice_client.get(URL).content.decode()


def test_it_moves_on_with_htmx_and_returns_the_next_question_partial(
    alice_client, question_factory
):
    question_factory()
    question_factory()
    alice_client.post(URL, {"size": "2"})
    question_id = current_question_id(alice_client)

    response = alice_client.post(
        RATE_URL,
        {"question": question_id, "rating": "3"},
        headers={"HX-Request": "true"},
        follow=True,
    )

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="practice"')
    assert "Question 2 of 2" in content


def test_it_does_not_rate_a_question_another_tab_already_moved_past(
    alice_client, alice, question_factory
):
    first, _second = question_factory(), question_factory()
    alice_client.post(URL, {"size": "2"})
    alice_client.post(RATE_URL, {"question": first.pk, "rating": "3"})

    response = alice_client.post(RATE_URL, {"question": first.pk, "rating": "1"})

    assert response.status_code == 302
    assert ReviewLog.objects.filter(user=alice).count() == 1
    assert "Question 2 of 2" in alice_client.get(URL).content.decode()


@pytest.mark.parametrize(
    "data", [{"rating": "7"}, {"rating": "good"}, {"rating": "3", "question": "abc"}, {}]
)
def test_it_refuses_a_bad_practice_rating(alice_client, question_factory, data):
    question = question_factory()
    alice_client.post(URL, {"size": "1"})
    data = {"question": str(question.pk), **data}

    response = alice_client.post(RATE_URL, data)

    assert response.status_code == 400
    assert not CardState.objects.exists()
    assert "Question 1 of 1" in alice_client.get(URL).content.decode()


@pytest.mark.parametrize("size", ["0", "51", "ten", ""])
def test_it_refuses_a_bad_session_size(alice_client, question_factory, size):
    question_factory()

    response = alice_client.post(URL, {"size": size})

    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert "Question 1 of" not in alice_client.get(URL).content.decode()


def test_it_refuses_an_unknown_category(alice_client, question_factory):
    question_factory()

    response = alice_client.post(URL, {"size": "5", "categories": ["astrology"]})

    assert 'class="errorlist"' in response.content.decode()


def test_it_says_when_there_is_nothing_to_practise(alice_client, alice, question_factory):
    question = question_factory(category=Category.ETHICS)
    scheduling.rate(user=alice, question=question, rating=Rating.EASY, now=timezone.now())

    response = alice_client.post(URL, {"size": "5", "categories": ["ethics"]})

    assert "Nothing to practise there yet" in response.content.decode()


def test_it_preselects_the_category_a_progress_link_names(alice_client, db):
    content = alice_client.get(URL, {"category": ["ethics", "astrology"]}).content.decode()

    assert re.search(r'value="ethics"[^>]*checked', content)
    assert "astrology" not in content


def test_it_skips_a_question_unpublished_during_the_session(alice_client, question_factory):
    first, second = question_factory(), question_factory()
    alice_client.post(URL, {"size": "2"})
    first.is_published = False
    first.save()

    response = alice_client.get(URL, follow=True)

    assert second.prompt in response.content.decode()
