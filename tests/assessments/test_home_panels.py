"""The home page's path-and-plan panel and the fit shown on role and path pages."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import MilestoneTick
from careers.models import Profile
from config.sitewide.registry import personal_panels
from interviews import scheduling
from interviews.models import Question, Rating
from tests.careers.test_query_budgets import BUDGET

from .test_result import DEVELOPER

pytestmark = pytest.mark.usefixtures("guide_for_module")

HOME = reverse("careers:home")


@pytest.fixture
def developer(alice, take_assessment):
    return take_assessment(alice, background="developer", answers=DEVELOPER)


def result_page(client, assessment):
    return client.get(reverse("assessments:result", args=[assessment.pk])).context["page"]


@pytest.mark.template_context
def test_it_shows_the_plans_progress_and_next_milestone_as_the_result_page_does(
    alice_client, developer
):
    path = developer.result["paths"][0]
    first, second = path["plan"][0], path["plan"][1]
    MilestoneTick.objects.create(
        assessment=developer, path_slug=path["slug"], milestone_key=first["key"]
    )
    page = result_page(alice_client, developer)

    content = alice_client.get(HOME).content.decode()

    assert page.progress.done == 1
    assert f'data-figure="plan">{page.progress.done} of {page.progress.total}<' in content
    assert f'data-figure="next-milestone">{second["title"]}<' in content
    assert f'data-figure="fit">{page.recommended["fit"]}<' in content


def test_it_offers_to_resume_an_unfinished_assessment(alice_client, alice, take_assessment):
    unfinished = take_assessment(alice, stop_after=2)

    content = alice_client.get(HOME).content.decode()

    assert reverse("assessments:resume", args=[unfinished.pk]) in content
    assert "Resume the assessment" in content


def test_it_invites_a_user_without_an_assessment_to_take_one(alice_client, content):
    page = alice_client.get(HOME).content.decode()

    assert "Take the skills assessment" in page
    assert 'data-figure="plan"' not in page


def test_it_keeps_another_users_result_off_the_home_page(client, bob, developer):
    client.force_login(bob)

    page = client.get(HOME).content.decode()

    assert 'data-figure="fit"' not in page
    assert "Take the skills assessment" in page


def test_the_role_page_shows_the_target_and_fit_instead_of_the_generic_prompt(
    alice_client, alice, developer
):
    path = developer.result["paths"][0]
    Profile.objects.update_or_create(user=alice, defaults={"target_role_id": path["role"]["id"]})

    page = alice_client.get(reverse("careers:role_detail", args=[path["role"]["slug"]]))
    content = page.content.decode()

    assert "Your target role" in content
    assert f"<strong>{path['fit']} out of 100</strong>" in content
    assert "Take the skills assessment</a> to see which path fits you" not in content


def test_the_path_page_shows_the_fit_for_that_path(alice_client, developer):
    path = developer.result["paths"][1]

    content = alice_client.get(reverse("paths:detail", args=[path["slug"]])).content.decode()

    assert f"<strong>{path['fit']} out of 100</strong>" in content
    assert "See whether this path fits you" not in content


def test_visitors_still_see_the_generic_prompts(client, content):
    role_page = client.get(reverse("careers:role_detail", args=["machine-learning-engineer"]))

    assert "Take the skills assessment</a> to see which path fits you" in role_page.content.decode()
    assert 'data-panel="role-fit"' not in role_page.content.decode()


def panel_queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        panels = personal_panels("home", user=user, now=timezone.now())
    assert len(panels) == 2
    return len(captured)


def test_the_home_panels_read_as_many_queries_with_much_data_as_with_little(
    alice, developer, django_assert_max_num_queries
):
    path = developer.result["paths"][0]
    questions = list(Question.objects.all()[:20])
    scheduling.rate(user=alice, question=questions[0], rating=Rating.AGAIN, now=timezone.now())
    MilestoneTick.objects.create(
        assessment=developer, path_slug=path["slug"], milestone_key=path["plan"][0]["key"]
    )
    cache.clear()
    little = panel_queries(alice)

    for milestone in path["plan"][1:]:
        MilestoneTick.objects.create(
            assessment=developer, path_slug=path["slug"], milestone_key=milestone["key"]
        )
    for question in questions[1:]:
        scheduling.rate(user=alice, question=question, rating=Rating.AGAIN, now=timezone.now())
    cache.clear()

    assert panel_queries(alice) == little


@pytest.mark.parametrize(
    ("url", "panel"),
    [
        (reverse("careers:home"), 'id="today-practice-heading"'),
        (reverse("careers:role_detail", args=["nlp-engineer"]), 'data-panel="role-practice"'),
    ],
)
def test_a_member_with_a_result_a_plan_and_cards_gets_personal_pages_within_the_page_budget(
    alice, alice_client, bob, developer, django_assert_max_num_queries, url, panel
):
    path = developer.result["paths"][0]
    MilestoneTick.objects.create(
        assessment=developer, path_slug=path["slug"], milestone_key=path["plan"][0]["key"]
    )
    for question in Question.objects.all()[:5]:
        scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=timezone.now())
    # Another member who practises saw the page first, so the content it shares (the bank
    # among it) is cached; alice's own figures are not.
    scheduling.rate(
        user=bob, question=Question.objects.last(), rating=Rating.GOOD, now=timezone.now()
    )
    other = Client()
    other.force_login(bob)
    assert other.get(url).status_code == 200

    with django_assert_max_num_queries(BUDGET):
        response = alice_client.get(url)
    assert panel in response.content.decode()


def test_the_role_page_picks_the_path_the_result_page_ranks_first_not_the_top_score(
    alice_client, developer
):
    """Two paths into ML engineering: the role panel shows the one the result ranks higher
    (fit words first), even when the other has more ranking points."""
    result = developer.result
    into_role = [p for p in result["paths"] if p["role"]["slug"] == "machine-learning-engineer"]
    ranked_first, ranked_later = into_role[:2]
    ranked_first["fit"], ranked_later["fit"] = 10, 90
    type(developer).objects.filter(pk=developer.pk).update(result=result)

    role_page = alice_client.get(reverse("careers:role_detail", args=["machine-learning-engineer"]))
    panel = role_page.content.decode().split('data-panel="role-fit"')[1].split("</div>")[0]
    link = reverse("paths:detail", args=[ranked_first["slug"]])
    assert link in panel and "<strong>10 out of 100</strong>" in panel
    assert reverse("paths:detail", args=[ranked_later["slug"]]) not in panel


@pytest.mark.template_context
def test_posting_gaps_read_the_plan_the_result_page_opens_with(alice, alice_client, developer):
    from assessments.posting_gaps import evidence_of

    result = developer.result
    for path in result["paths"]:
        path["interested"] = False
    goal = result["paths"][2]
    goal["interested"] = True
    type(developer).objects.filter(pk=developer.pk).update(result=result)

    opened = result_page(alice_client, developer).recommended
    assert opened["slug"] == goal["slug"]
    assert evidence_of(alice).plan_keys == {milestone["key"] for milestone in goal["plan"]}
