"""Taking the assessment without an account, and keeping it at sign-up or login."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from assessments.questionnaire import load_questionnaire
from assessments.visitors import SESSION_KEY
from careers.models import Profile
from tests import factories

pytestmark = pytest.mark.usefixtures("guide_for_module", "content")
PASSWORD = "a-long-and-unusual-passphrase"


def step_url(assessment, number):
    return reverse("assessments:step", args=[assessment.pk, number])


def take_as_visitor(client, step_post_data, *, complete=True):
    client.post(reverse("assessments:start"))
    assessment = Assessment.objects.filter(user__isnull=True).latest("pk")
    client.post(step_url(assessment, 1), {"background": "education", "weekly_study_hours": "5"})
    review = load_questionnaire().review_number
    for number in range(2, review):
        client.post(step_url(assessment, number), step_post_data(number, 2))
    if complete:
        client.post(step_url(assessment, review))
    assessment.refresh_from_db()
    return assessment


def sign_up(client, name, next_url=""):
    return client.post(
        reverse("accounts:signup") + (f"?next={next_url}" if next_url else ""),
        {
            "username": name,
            "email": f"{name}@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_a_visitor_takes_it_to_a_result_that_offers_to_keep_it(client, step_post_data):
    assessment = take_as_visitor(client, step_post_data)
    assert assessment.is_complete and assessment.user is None
    assert client.session[SESSION_KEY] == [assessment.pk]
    result_url = reverse("assessments:result", args=[assessment.pk])
    content = client.get(result_url).content.decode()
    assert f'href="/accounts/signup/?next={result_url}"' in content
    assert f'href="/accounts/login/?next={result_url}"' in content
    assert "Sign up to keep this result" in content
    assert "my target role" not in content  # account actions wait for the account


def test_a_visitor_sees_the_plan_without_ticks_they_could_not_keep(client, step_post_data):
    assessment = take_as_visitor(client, step_post_data)
    content = client.get(reverse("assessments:result", args=[assessment.pk])).content.decode()
    assert 'id="plan"' in content and "Learn with" in content
    assert "Mark as done" not in content and "Done? Add what you made" not in content
    assert 'class="tick-form"' not in content
    assert "Sign up to keep this plan and track your progress" in content


def test_another_browser_cannot_reach_a_visitors_assessment(client, step_post_data):
    assessment = take_as_visitor(client, step_post_data)
    stranger = Client()
    stranger.post(reverse("assessments:start"))  # a session of their own
    for url in (
        reverse("assessments:result", args=[assessment.pk]),
        reverse("assessments:resume", args=[assessment.pk]),
        step_url(assessment, 2),
    ):
        response = stranger.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url
    stranger.post(step_url(assessment, 1), {"background": "sales", "weekly_study_hours": "9"})
    assessment.refresh_from_db()
    assert assessment.background == "education"
    # Signed in, someone else's visitor assessment is a 404 like any other.
    alice = factories.UserFactory()
    stranger.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    assert stranger.get(reverse("assessments:result", args=[assessment.pk])).status_code == 404


def test_signing_up_at_the_result_keeps_the_assessment_and_returns_to_it(client, step_post_data):
    assessment = take_as_visitor(client, step_post_data)
    result_url = reverse("assessments:result", args=[assessment.pk])
    assert f'name="next" value="{result_url}"' in (
        client.get(reverse("accounts:signup") + f"?next={result_url}").content.decode()
    )
    response = sign_up(client, "dana", result_url)
    assert response.status_code == 302 and response.url == result_url
    assessment.refresh_from_db()
    assert assessment.user.username == "dana"
    assert SESSION_KEY not in client.session
    assert "my target role" in client.get(result_url).content.decode()


def test_logging_in_keeps_an_unfinished_visitor_assessment_where_it_was(client, step_post_data):
    user = factories.UserFactory(username="erin")
    user.set_password(PASSWORD)
    user.save()
    assessment = take_as_visitor(client, step_post_data, complete=False)
    resume = reverse("assessments:resume", args=[assessment.pk])
    response = client.post(
        reverse("login") + f"?next={resume}",
        {"username": "erin", "password": PASSWORD, "next": resume},
    )
    assert response.url == resume
    assessment.refresh_from_db()
    assert assessment.user == user and not assessment.is_complete
    assert client.get(resume).url == step_url(assessment, load_questionnaire().review_number)


def test_logging_in_never_deletes_the_members_own_unfinished_assessment(
    client, step_post_data, take_assessment
):
    # Issue 26, item 9: a visitor session (planted, or forgotten) deleted the member's
    # unfinished assessment at login. Theirs stays; the session's unfinished one is not moved.
    user = factories.UserFactory(username="fay")
    user.set_password(PASSWORD)
    user.save()
    older = take_assessment(user, complete=False, stop_after=2)
    completed = take_as_visitor(client, step_post_data)
    newer = take_as_visitor(client, step_post_data, complete=False)

    response = client.post(reverse("login"), {"username": "fay", "password": PASSWORD}, follow=True)

    assert list(Assessment.objects.for_user(user).unfinished()) == [older]
    assert Assessment.objects.get(pk=completed.pk).user == user
    assert Assessment.objects.get(pk=newer.pk).user is None
    assert "You already had an assessment in progress" in response.content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/steal", "//evil.example/", "javascript:alert(1)"]
)
def test_sign_up_ignores_a_next_that_leaves_the_site(client, next_url):
    response = sign_up(client, "gus", next_url)
    assert response.url == reverse("accounts:profile")


def test_the_home_page_says_what_happens_without_an_account(client):
    content = client.get("/").content.decode()
    assert "No account needed to take the assessment" in content


def test_signing_up_fills_the_blank_profile_from_the_claimed_assessment(client, step_post_data):
    take_as_visitor(client, step_post_data)
    sign_up(client, "carol")
    profile = Profile.objects.get(user__username="carol")
    assert (profile.background, profile.weekly_study_hours) == ("education", 5)


def test_logging_in_keeps_what_the_member_set_in_their_profile(client, step_post_data):
    user = factories.UserFactory(username="dave")
    user.set_password(PASSWORD)
    user.save()
    Profile.objects.update_or_create(
        user=user, defaults={"background": "finance", "weekly_study_hours": None}
    )
    take_as_visitor(client, step_post_data)
    client.post(reverse("login"), {"username": "dave", "password": PASSWORD})
    profile = Profile.objects.get(user=user)
    # Their own background stays; the blank hours come from the assessment.
    assert (profile.background, profile.weekly_study_hours) == ("finance", 5)
