"""The home page's practice panel and a role page's practice status, for a signed-in user."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import Profile
from interviews import scheduling
from interviews.models import Rating
from interviews.practice_session import PracticeSession

HOME = reverse("careers:home")
PROGRESS = reverse("interviews:progress")
PRACTICE = reverse("interviews:practice")


@pytest.fixture
def nlp(role_factory):
    return role_factory(slug="nlp-engineer", name="NLP Engineer")


@pytest.fixture
def rated(alice, question_factory, nlp):
    """Five questions: two rated Again a week ago (due now), one Easy today (not due),
    two never practised; three of them are for the NLP role."""
    questions = [question_factory(roles=[nlp] if n < 3 else []) for n in range(5)]
    week_ago = timezone.now() - timedelta(days=7)
    for question in questions[:2]:
        scheduling.rate(user=alice, question=question, rating=Rating.AGAIN, now=week_ago)
    scheduling.rate(user=alice, question=questions[2], rating=Rating.EASY, now=timezone.now())
    return questions


def figure(content: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', content)
    assert match, f"no {name} figure on the page"
    return match.group(1)


@pytest.mark.template_context
def test_it_shows_the_progress_pages_due_count_and_practises_exactly_those(
    alice_client, alice, rated
):
    content = alice_client.get(HOME).content.decode()
    due_on_progress = alice_client.get(PROGRESS).context["due_today"]

    assert due_on_progress == 2
    assert figure(content, "due-today") == "2"
    assert "Practise them</button>" in content

    response = alice_client.post(PRACTICE, {"due_today": "1", "size": "2"})

    assert response.status_code == 302
    session = PracticeSession.from_store(alice_client.session)
    assert session.question_ids == [rated[0].pk, rated[1].pk]


@pytest.mark.template_context
def test_it_shows_readiness_for_the_target_role_as_the_progress_page_does(
    alice_client, alice, rated, nlp
):
    Profile.objects.update_or_create(user=alice, defaults={"target_role": nlp})

    content = alice_client.get(HOME).content.decode()
    readiness = alice_client.get(PROGRESS).context["readiness"]

    assert readiness.total == 3
    assert figure(content, "readiness") == f"{readiness.mastered} of {readiness.total}"


def test_it_offers_new_questions_when_nothing_is_due(alice_client, alice):
    content = alice_client.get(HOME).content.decode()

    assert figure(content, "due-today") == "0"
    assert "Nothing due today." in content
    assert 'name="due_today"' not in content


def test_it_keeps_other_users_practice_off_the_home_page(client, bob, rated):
    client.force_login(bob)

    content = client.get(HOME).content.decode()

    assert figure(content, "due-today") == "0"


def test_it_leaves_the_visitors_home_page_as_it_was(client, db):
    content = client.get(HOME).content.decode()

    assert 'id="today-heading"' not in content
    assert "Start the skills assessment" in content


def test_it_shows_the_roles_questions_due_and_mastered_on_its_page(alice_client, rated, nlp):
    content = alice_client.get(reverse("careers:role_detail", args=[nlp.slug])).content.decode()

    assert 'data-panel="role-practice"' in content
    assert "of 3 NLP Engineer questions mastered" in content
    assert "<strong>2</strong> due today" in content


@pytest.mark.template_context
def test_it_refuses_a_due_session_of_a_size_out_of_range(alice_client, rated):
    response = alice_client.post(PRACTICE, {"due_today": "1", "size": "0"})

    assert response.context["form"].errors["size"]
    assert PracticeSession.from_store(alice_client.session) is None


def test_it_links_the_users_latest_mock_interview_and_no_one_elses(alice_client, alice, bob, nlp):
    from interviews.models import MockInterview

    now = timezone.now()
    MockInterview.objects.create(user=alice, role=nlp, started_at=now - timedelta(days=3))
    latest = MockInterview.objects.create(user=alice, role=nlp, started_at=now - timedelta(days=1))
    MockInterview.objects.create(user=bob, started_at=now)

    content = alice_client.get(HOME).content.decode()

    assert f'<a href="{latest.get_absolute_url()}">' in content
    assert "NLP Engineer</a> (not finished yet)" in content
    assert content.count('data-figure="last-mock"') == 1
