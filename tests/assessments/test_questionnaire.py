"""Taking the questionnaire: landing, steps, saving, resuming, bad input, completing, retaking."""

import re

import pytest
from django.urls import reverse

from assessments.models import Answer, AnswerOption, Assessment, Certification, Question
from assessments.questionnaire import load_questionnaire
from careers.models import Profile, Role

pytestmark = pytest.mark.usefixtures("guide_for_module", "content")


def step_url(assessment, number):
    return reverse("assessments:step", args=[assessment.pk, number])


def background_data(**overrides):
    data = {"background": "developer", "weekly_study_hours": "10"}
    data.update(overrides)
    return data


@pytest.fixture
def started(alice_client, alice):
    alice_client.post(reverse("assessments:start"))
    return Assessment.objects.get(user=alice)


@pytest.fixture
def at_step_3(alice_client, started, step_post_data):
    alice_client.post(step_url(started, 1), background_data())
    alice_client.post(step_url(started, 2), step_post_data(2))
    return started


# --- Landing and starting -------------------------------------------------------------------


def test_it_lets_a_visitor_start_without_an_account(client):
    # Was "sends visitors to log in": issue 12 lets anyone try it before signing up.
    content = client.get(reverse("assessments:landing")).content.decode()
    assert "No account needed to try it" in content
    assert "Start the assessment" in content


def test_it_explains_what_it_measures_and_how_long_it_takes(alice_client):
    content = alice_client.get(reverse("assessments:landing")).content.decode()
    assert "about ten minutes: 9 short steps" in content
    assert "Risk tolerance and timeline flexibility" in content
    assert "Start the assessment" in content


def test_it_starts_one_assessment_however_often_start_is_pressed(alice_client, alice):
    first = alice_client.post(reverse("assessments:start"))
    second = alice_client.post(reverse("assessments:start"))
    assessment = Assessment.objects.get(user=alice)
    assert first.url == second.url == reverse("assessments:resume", args=[assessment.pk])


def test_it_offers_to_resume_the_unfinished_assessment(alice_client, started):
    content = alice_client.get(reverse("assessments:landing")).content.decode()
    assert reverse("assessments:resume", args=[started.pk]) in content
    assert "Start the assessment" not in content


def test_it_does_not_start_on_get(alice_client):
    assert alice_client.get(reverse("assessments:start")).status_code == 405


# --- Steps ----------------------------------------------------------------------------------


def test_it_shows_the_step_number_and_a_labelled_progress_bar(alice_client, at_step_3):
    content = alice_client.get(step_url(at_step_3, 3)).content.decode()
    assert '<p class="steps-label" id="step-progress-label">Step 3 of 9</p>' in content
    assert 'max="9" value="3" aria-labelledby="step-progress-label"' in content
    assert "Programming readiness" in content
    assert f'href="{step_url(at_step_3, 2)}"' in content  # Back


@pytest.mark.template_context
def test_it_prefills_step_one_from_the_profile(alice_client, alice, started):
    Profile.objects.filter(user=alice).update(
        background="analyst",
        weekly_study_hours=12,
        target_role=Role.objects.get(slug="data-scientist-ai"),
    )
    response = alice_client.get(step_url(started, 1))
    form = response.context["form"]
    assert form.initial["background"] == "analyst"
    assert form.initial["weekly_study_hours"] == 12
    assert form.initial["interested_roles"] == [Role.objects.get(slug="data-scientist-ai").pk]
    assert re.search(r'value="analyst"[^>]* checked', response.content.decode())


def test_it_saves_step_one_and_moves_on(alice_client, started):
    roles = Role.objects.filter(slug__in=["prompt-engineer", "ai-ethics-specialist"])
    certification = Certification.objects.get(slug="iapp-aigp")
    response = alice_client.post(
        step_url(started, 1),
        background_data(
            background="marketing",
            interested_roles=[r.pk for r in roles],
            held_certifications=[certification.pk],
        ),
    )
    assert response.status_code == 302
    assert response.url == step_url(started, 2)
    started.refresh_from_db()
    assert (started.background, started.weekly_study_hours) == ("marketing", 10)
    assert set(started.interested_roles.all()) == set(roles)
    assert list(started.held_certifications.all()) == [certification]


def test_it_saves_a_dimension_step_at_once(alice_client, started, step_post_data, answer_count):
    alice_client.post(step_url(started, 1), background_data())
    response = alice_client.post(step_url(started, 2), step_post_data(2, position=2))
    assert response.url == step_url(started, 3)
    assert answer_count(started) == 3
    assert {a.option.sort_order for a in Answer.objects.filter(assessment=started)} == {2}


def test_it_keeps_one_answer_per_question_on_a_double_submit_or_a_change(
    alice_client, at_step_3, step_post_data, answer_count
):
    alice_client.post(step_url(at_step_3, 2), step_post_data(2, position=3))
    alice_client.post(step_url(at_step_3, 2), step_post_data(2, position=3))
    assert answer_count(at_step_3) == 3
    assert {a.option.sort_order for a in Answer.objects.filter(assessment=at_step_3)} == {3}


def test_it_resumes_at_the_first_unanswered_step_after_logging_out(
    alice_client, password, at_step_3
):
    alice_client.post(reverse("logout"))
    assert alice_client.get(reverse("assessments:resume", args=[at_step_3.pk])).status_code == 302
    alice_client.post(reverse("login"), {"username": "alice", "password": password})
    response = alice_client.get(reverse("assessments:resume", args=[at_step_3.pk]))
    assert response.url == step_url(at_step_3, 3)
    landing = alice_client.get(reverse("assessments:landing")).content.decode()
    assert "Resume the assessment" in landing


def test_it_redirects_a_jump_past_unanswered_steps(alice_client, at_step_3):
    response = alice_client.get(step_url(at_step_3, 7))
    assert response.status_code == 302
    assert response.url == step_url(at_step_3, 3)
    assert alice_client.post(step_url(at_step_3, 9)).url == step_url(at_step_3, 3)


@pytest.mark.template_context
def test_it_lets_you_go_back_to_an_answered_step_with_your_answers(alice_client, at_step_3):
    response = alice_client.get(step_url(at_step_3, 2))
    assert response.status_code == 200
    chosen = dict(
        Answer.objects.filter(assessment=at_step_3).values_list("question_id", "option_id")
    )
    assert response.context["form"].initial == {f"question_{q}": o for q, o in chosen.items()}


@pytest.mark.parametrize("number", [0, 10, 99999])
def test_it_answers_404_for_a_step_out_of_range(alice_client, started, number):
    assert alice_client.get(step_url(started, number)).status_code == 404
    assert alice_client.post(step_url(started, number)).status_code == 404


def test_it_answers_404_for_a_negative_or_non_numeric_step(alice_client, started):
    assert alice_client.get(f"/assessment/{started.pk}/step/-1/").status_code == 404
    assert alice_client.get(f"/assessment/{started.pk}/step/two/").status_code == 404


# --- Bad input ------------------------------------------------------------------------------


@pytest.mark.template_context
def test_it_rejects_an_answer_of_another_question_keeping_the_others(
    alice_client, at_step_3, step_post_data, answer_count
):
    data = step_post_data(3, position=2)
    questions = list(
        Question.objects.filter(dimension__slug="programming-readiness").order_by("sort_order")
    )
    foreign = AnswerOption.objects.filter(question__slug="math-calculus").first()
    data[f"question_{questions[0].pk}"] = str(foreign.pk)
    response = alice_client.post(step_url(at_step_3, 3), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "That is not one of this question&#x27;s answers; choose one from the list." in content
    assert (
        response.context["form"].data[f"question_{questions[1].pk}"]
        == data[f"question_{questions[1].pk}"]
    )
    assert content.count(" checked") == 2  # the two good answers are still chosen
    assert answer_count(at_step_3) == 3  # only step 2's


@pytest.mark.template_context
@pytest.mark.parametrize("bad", ["", "abc", "-1", "99999999", "1.5", "1e3"])
def test_it_rejects_a_malformed_answer_value(alice_client, at_step_3, step_post_data, bad):
    data = step_post_data(3)
    first = next(iter(data))
    data[first] = bad
    response = alice_client.post(step_url(at_step_3, 3), data)
    assert response.status_code == 200
    assert response.context["form"].errors[first]


def test_it_asks_again_for_a_missing_answer(alice_client, at_step_3, step_post_data):
    data = step_post_data(3)
    missing = next(iter(data))
    del data[missing]
    response = alice_client.post(step_url(at_step_3, 3), data)
    assert response.status_code == 200
    assert "Choose the answer that fits you best." in response.content.decode()
    assert 'role="alert"' in response.content.decode()


@pytest.mark.template_context
@pytest.mark.parametrize(
    "overrides",
    [
        {"background": ""},
        {"background": "astronaut"},
        {"weekly_study_hours": ""},
        {"weekly_study_hours": "-1"},
        {"weekly_study_hours": "81"},
        {"weekly_study_hours": "ten"},
        {"weekly_study_hours": "99999999999999999999"},
        {"interested_roles": ["999999"]},
        {"interested_roles": ["x"]},
        {"held_certifications": ["999999"]},
    ],
)
def test_it_rejects_bad_step_one_values(alice_client, started, overrides):
    response = alice_client.post(step_url(started, 1), background_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors
    started.refresh_from_db()
    assert started.background == ""


def test_it_refuses_zero_hours_a_week_with_a_message(alice_client, started):
    """The bug: zero hours a week was accepted and still given a plan."""
    response = alice_client.post(step_url(started, 1), background_data(weekly_study_hours="0"))
    assert "A plan needs at least 1 hour of study a week" in response.content.decode()
    started.refresh_from_db()
    assert started.weekly_study_hours is None


def test_it_sends_an_assessment_saved_with_zero_hours_back_to_step_one(
    alice_client, started, step_post_data
):
    alice_client.post(step_url(started, 1), background_data())
    for number in range(2, load_questionnaire().review_number):
        alice_client.post(step_url(started, number), step_post_data(number))
    # Saved before the minimum existed: no timeline can be worked out, so ask again.
    Assessment.objects.filter(pk=started.pk).update(weekly_study_hours=0)
    review = load_questionnaire().review_number
    response = alice_client.post(step_url(started, review))
    assert response["Location"] == step_url(started, 1)
    started.refresh_from_db()
    assert not started.is_complete


# --- htmx -----------------------------------------------------------------------------------


def test_it_swaps_the_step_in_place_under_htmx(alice_client, at_step_3):
    response = alice_client.get(step_url(at_step_3, 3), headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="assessment-step"')
    assert "<html" not in content
    assert "autofocus" in content


def test_it_moves_to_the_next_step_in_place_after_an_htmx_save(
    alice_client, at_step_3, step_post_data
):
    response = alice_client.post(
        step_url(at_step_3, 3), step_post_data(3), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    location = response.headers["HX-Location"]
    assert step_url(at_step_3, 4) in location
    assert '"target": "#assessment-step"' in location


def test_it_shows_errors_in_place_under_htmx(alice_client, at_step_3):
    response = alice_client.post(step_url(at_step_3, 3), {}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Choose the answer that fits you best." in response.content.decode()
    assert "<html" not in response.content.decode()


# --- Review, completing and retaking --------------------------------------------------------


def finish_steps(client, assessment, step_post_data):
    client.post(step_url(assessment, 1), background_data())
    for number in range(2, 9):
        client.post(step_url(assessment, number), step_post_data(number))


def test_it_reviews_every_answer_with_links_to_change_them(alice_client, started, step_post_data):
    finish_steps(alice_client, started, step_post_data)
    response = alice_client.get(step_url(started, 9))
    content = response.content.decode()
    assert "Step 9 of 9" in content
    for number in range(1, 9):
        assert f'href="{step_url(started, number)}?from=review"' in content
    assert "I have run or changed someone else&#x27;s notebook or script." in content


def test_it_returns_to_the_review_after_a_change_made_from_it(
    alice_client, started, step_post_data
):
    finish_steps(alice_client, started, step_post_data)
    page = alice_client.get(step_url(started, 4) + "?from=review").content.decode()
    assert 'name="after" value="review"' in page
    response = alice_client.post(step_url(started, 4), {**step_post_data(4), "after": "review"})
    assert response.url == step_url(started, 9)


def test_it_completes_once_on_a_double_submitted_review(alice_client, started, step_post_data):
    finish_steps(alice_client, started, step_post_data)
    first = alice_client.post(step_url(started, 9))
    started.refresh_from_db()
    completed_at = started.completed_at
    second = alice_client.post(step_url(started, 9))
    started.refresh_from_db()
    assert first.url == reverse("assessments:result", args=[started.pk])
    assert second.url == first.url
    assert started.completed_at == completed_at
    assert Assessment.objects.filter(user=started.user).count() == 1


def test_it_sends_htmx_to_the_result_page_on_completion(alice_client, started, step_post_data):
    finish_steps(alice_client, started, step_post_data)
    response = alice_client.post(step_url(started, 9), headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == reverse("assessments:result", args=[started.pk])


def test_it_freezes_a_completed_assessment(alice_client, started, step_post_data, answer_count):
    finish_steps(alice_client, started, step_post_data)
    alice_client.post(step_url(started, 9))
    page = alice_client.get(step_url(started, 2)).content.decode()
    assert "read-only" in page
    assert 'class="step-fields" disabled' in page
    response = alice_client.post(step_url(started, 2), step_post_data(2, position=3))
    assert response.url == reverse("assessments:result", args=[started.pk])
    assert {a.option.sort_order for a in Answer.objects.filter(assessment=started)} == {1}
    # Every question, business work and the employer's use of AI among them.
    assert answer_count(started) == 23


@pytest.mark.template_context
def test_it_retakes_with_the_last_answers_filled_in(
    alice_client, alice, take_assessment, step_post_data
):
    previous = take_assessment(alice, background="analyst", hours=7, answers={"prog-python": 3})
    previous.interested_roles.add(Role.objects.get(slug="prompt-engineer"))
    response = alice_client.post(reverse("assessments:retake", args=[previous.pk]))
    retake = Assessment.objects.for_user(alice).unfinished().get()
    assert response.url == step_url(retake, 1)
    assert retake.previous == previous
    step1 = alice_client.get(step_url(retake, 1)).context["form"]
    assert (step1.initial["background"], step1.initial["weekly_study_hours"]) == ("analyst", 7)
    assert step1.initial["interested_roles"] == [Role.objects.get(slug="prompt-engineer").pk]
    alice_client.post(step_url(retake, 1), background_data())
    alice_client.post(step_url(retake, 2), step_post_data(2))
    python = Question.objects.get(slug="prog-python")
    initial = alice_client.get(step_url(retake, 3)).context["form"].initial
    assert initial[f"question_{python.pk}"] == python.options.get(sort_order=3).pk


def test_it_resumes_the_unfinished_retake_instead_of_starting_another(
    alice_client, alice, take_assessment
):
    previous = take_assessment(alice)
    alice_client.post(reverse("assessments:retake", args=[previous.pk]))
    alice_client.post(reverse("assessments:retake", args=[previous.pk]))
    assert Assessment.objects.for_user(alice).unfinished().count() == 1


def test_it_only_retakes_a_completed_assessment(alice_client, started):
    assert alice_client.post(reverse("assessments:retake", args=[started.pk])).status_code == 404


def test_step_one_asks_only_about_real_credentials_none_first(alice_client, started):
    content = alice_client.get(step_url(started, 1)).content.decode()
    fieldset = content.split("Certifications you already hold")[1].split("</fieldset>")[0]
    assert fieldset.index("None yet") < fieldset.index("AWS ML Specialty")
    for not_a_credential in (
        "Partnership on AI certification",
        "Google AI Product Manager",
        "OpenAI API certification",
        "custom portfolio projects",
        "Cloud AI certifications",
    ):
        assert not_a_credential not in fieldset
    assert "IAPP Artificial Intelligence Governance Professional (AIGP)" in fieldset


def test_step_one_refuses_none_and_a_credential_together(alice_client, started):
    aigp = Certification.objects.get(slug="iapp-aigp")
    response = alice_client.post(
        step_url(started, 1),
        {
            "background": "marketing",
            "weekly_study_hours": "6",
            "held_none": "on",
            "held_certifications": [str(aigp.pk)],
        },
    )
    assert response.status_code == 200
    assert "Tick “None yet” or the certifications you hold, not both." in (
        response.content.decode()
    )
