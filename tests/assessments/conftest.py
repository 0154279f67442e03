import pytest

from assessments.models import Answer, AnswerOption, Question
from assessments.questionnaire import (
    load_questionnaire,
    save_answers,
    save_background,
    start_assessment,
)
from assessments.snapshot import complete_assessment
from careers.models import Role
from tests import factories


@pytest.fixture
def content(guide):
    """The careers and assessments content exactly as load_guide loads it."""


@pytest.fixture
def assessment_factory(db):
    return factories.AssessmentFactory


@pytest.fixture
def take_assessment(content):
    """Answer every question through the domain functions; answers map question slugs to the
    position of the chosen answer (1, the second answer, when not given)."""

    def take(
        user,
        *,
        background="other",
        hours=10,
        answers=None,
        complete=True,
        stop_after=None,
        interested=(),
    ):
        answers = answers or {}
        assessment = start_assessment(user=user)
        save_background(
            assessment=assessment,
            background=background,
            weekly_study_hours=hours,
            interested_roles=Role.objects.filter(slug__in=interested),
            held_certifications=[],
        )
        questionnaire = load_questionnaire()
        for step in questionnaire.dimension_steps():
            if stop_after is not None and step.number > stop_after:
                break
            options = [
                AnswerOption.objects.filter(question=question).order_by("sort_order")[
                    answers.get(question.slug, 1)
                ]
                for question in step.questions
            ]
            save_answers(assessment=assessment, options=options)
        if complete and stop_after is None:
            complete_assessment(assessment=assessment, questionnaire=questionnaire)
        assessment.refresh_from_db()
        return assessment

    return take


@pytest.fixture
def step_post_data():
    """The POST data choosing, for each question of a step, the answer at a position."""

    def data(step_number, position=1, **overrides):
        step = load_questionnaire().step(step_number)
        posted = {}
        for question in step.questions:
            option = AnswerOption.objects.filter(question=question).order_by("sort_order")[
                overrides.get(question.slug, position)
            ]
            posted[f"question_{question.pk}"] = str(option.pk)
        return posted

    return data


@pytest.fixture
def answer_count():
    def count(assessment):
        return Answer.objects.filter(assessment=assessment).count()

    return count


@pytest.fixture
def question(content):
    return Question.objects.get(slug="prog-python")
