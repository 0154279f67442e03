"""Every branch of the result page renders: no path fits, each fit word, each dismissal state.

The "No path fits yet" branch was a 500 for every newcomer who reached it (issue 26, item 1):
its template used a filter without loading the library, and no test rendered it.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments import scoring
from assessments.models import AnswerOption, Assessment, Question
from assessments.questionnaire import load_questionnaire
from assessments.route_names import route_name

pytestmark = pytest.mark.usefixtures("guide_for_module")

# The weakest profiles: the first answer everywhere, an hour a week.
NEWCOMER_BACKGROUNDS = ["sales", "healthcare", "other", "education"]


def result_url(assessment, name="result"):
    return reverse(f"assessments:{name}", args=[assessment.pk])


def first_answers():
    return {
        question.slug: 0 for question in Question.objects.filter(options__isnull=False).distinct()
    }


@pytest.fixture
def newcomer(alice, take_assessment):
    assessment = take_assessment(alice, background="sales", hours=1, answers=first_answers())
    assert all(p["fit_words"] == scoring.NOT_YET for p in assessment.result["paths"])
    return assessment


def opening(words):
    """How the result page heads its first path: only a strong or possible fit is
    "Recommended" (a stretch or further is only the nearest path)."""
    if words in (scoring.STRONG, scoring.POSSIBLE):
        return "Recommended: "
    return f"The nearest path, {words}: "


def with_every_fit_word(assessment, words):
    """The stored snapshot with its paths' fit words replaced, as an older or newer result."""
    result = assessment.result
    for path in result["paths"]:
        path["fit_words"] = words
    Assessment.objects.filter(pk=assessment.pk).update(result=result)


@pytest.mark.parametrize("background", NEWCOMER_BACKGROUNDS)
def test_it_renders_no_path_fits_yet_for_a_newcomer(
    alice_client, alice, take_assessment, background
):
    assessment = take_assessment(alice, background=background, hours=1, answers=first_answers())
    response = alice_client.get(result_url(assessment))
    assert response.status_code == 200
    content = response.content.decode()
    assert "No path fits yet" in content
    assert "Build these first" in content
    assert "The nearest paths, not yet within reach" in content


def test_it_renders_no_path_fits_yet_for_a_visitor(client, content):
    # The visitor flow: start, answer every step with the first answer, complete.
    client.post(reverse("assessments:start"))
    assessment = Assessment.objects.get()
    client.post(
        reverse("assessments:step", args=[assessment.pk, 1]),
        {"background": "other", "background_other": "Retail", "weekly_study_hours": "1"},
    )
    questionnaire = load_questionnaire()
    for step in questionnaire.dimension_steps():
        data = {
            f"question_{q.pk}": str(
                AnswerOption.objects.filter(question=q).order_by("sort_order")[0].pk
            )
            for q in step.questions
        }
        client.post(reverse("assessments:step", args=[assessment.pk, step.number]), data)
    client.post(reverse("assessments:step", args=[assessment.pk, questionnaire.review_number]))
    assessment.refresh_from_db()
    assert assessment.is_complete
    response = client.get(result_url(assessment))
    assert response.status_code == 200
    assert "No path fits yet" in response.content.decode()


def test_it_renders_no_path_fits_yet_after_setting_a_path_aside(alice_client, newcomer):
    nearest = newcomer.result["paths"][0]
    response = alice_client.post(
        result_url(newcomer, "dismiss"), {"path": nearest["slug"], "reason": "too-long"}
    )
    assert response.status_code == 302
    response = alice_client.get(result_url(newcomer))
    assert response.status_code == 200
    content = response.content.decode()
    assert "No path fits yet" in content
    assert "Paths you set aside" in content
    assert nearest["name"] in content.split("Paths you set aside")[1]


@pytest.mark.parametrize("words", [w for w in scoring.FIT_WORDS if w != scoring.NOT_YET])
def test_it_renders_each_fit_word_within_reach(alice_client, newcomer, words):
    with_every_fit_word(newcomer, words)
    response = alice_client.get(result_url(newcomer))
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<strong class="fit-words">{words.capitalize()}</strong>' in content
    assert opening(words) in content
    assert "No path fits yet" not in content


def test_it_renders_a_snapshot_from_before_fit_words(alice_client, newcomer):
    result = newcomer.result
    result["version"] = 3  # fit words came with version 4
    for path in result["paths"]:
        del path["fit_words"]
    Assessment.objects.filter(pk=newcomer.pk).update(result=result)
    response = alice_client.get(result_url(newcomer))
    assert response.status_code == 200
    name = route_name(result["paths"][0], background_label=result["background_label"])
    assert f"The nearest path: {escape(name)}" in response.content.decode()


@pytest.mark.parametrize("dismissed", ["none", "first", "all-but-one", "all"])
@pytest.mark.parametrize("words", scoring.FIT_WORDS)
def test_it_renders_every_dismissal_state_with_every_fit_word(
    alice_client, newcomer, words, dismissed
):
    with_every_fit_word(newcomer, words)
    paths = newcomer.result["paths"]
    chosen = {"none": [], "first": paths[:1], "all-but-one": paths[:-1], "all": paths}[dismissed]
    for path in chosen:
        alice_client.post(result_url(newcomer, "dismiss"), {"path": path["slug"], "reason": "pay"})
    response = alice_client.get(result_url(newcomer))
    assert response.status_code == 200
    content = response.content.decode()
    if dismissed == "all":
        assert "You have set every path aside" in content
    elif words == scoring.NOT_YET:
        assert "No path fits yet" in content
    else:
        assert opening(words) in content
    assert ("Paths you set aside" in content) == bool(chosen)


def test_it_answers_a_tick_on_a_no_fit_result(alice_client, newcomer):
    nearest = newcomer.result["paths"][0]
    milestone = nearest["plan"][0]["key"]
    data = {
        "path": nearest["slug"],
        "milestone": milestone,
        "done": "1",
        "evidence": "https://example.com/a",
    }
    response = alice_client.post(result_url(newcomer, "tick"), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    response = alice_client.post(result_url(newcomer, "tick"), data)
    assert response.status_code == 302
    assert alice_client.get(response["Location"]).status_code == 200
