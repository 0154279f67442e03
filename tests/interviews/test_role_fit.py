"""Issue 21, items 4 and 5: questions and mock interviews that fit the member's role, with the
guide's content loaded as `make run` loads it."""

import json
import random
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from careers.models import Profile, Role
from config.sitewide.models import LoadedValue
from interviews import mock as mock_rules
from interviews import practice_queue
from interviews.loader import (
    QuestionDataError,
    load_interview_shapes,
    load_mock_rounds,
    load_sample_answers,
)
from interviews.models import Category, MockInterview, MockRound, Question
from interviews.own_questions import add_own_question

pytestmark = pytest.mark.usefixtures("guide_for_module")

MOCK = reverse("interviews:mock")
BANK = reverse("interviews:bank")
PRODUCT_ROLES = ["ai-product-manager", "generative-ai-product-manager"]
DATA_POLICY_ROLES = ["ai-training-data-specialist", "ai-ethics-specialist"]
ENGINEERING_ONLY = {Category.ALGORITHMS, Category.SYSTEM_DESIGN, Category.DEBUGGING}


def target(user, slug: str) -> Role:
    role = Role.objects.get(slug=slug)
    Profile.objects.filter(user=user).update(target_role=role)
    return role


@pytest.mark.parametrize("slug", PRODUCT_ROLES)
@pytest.mark.parametrize("loop_size", [4, 5, 6])
def test_a_product_managers_mock_has_no_sql_or_serving_design_round(guide, alice, slug, loop_size):
    role = Role.objects.get(slug=slug)

    mock = mock_rules.start_mock(
        user=alice,
        role=role,
        loop_size=loop_size,
        per_round=2,
        now=timezone.now(),
        rng=random.Random(loop_size),
    )

    answers = list(mock.answers.select_related("question"))
    names = {answer.round_name for answer in answers}
    assert "Product sense" in names
    assert not names & {"Technical assessment", "System design", "Recent techniques"}
    assert not {answer.question.category for answer in answers} & ENGINEERING_ONLY
    assert not any(re.search(r"\bSQL\b", answer.question.prompt) for answer in answers)
    assert len({answer.round_number for answer in answers}) == loop_size


@pytest.mark.parametrize("slug", DATA_POLICY_ROLES)
def test_a_data_or_policy_mock_asks_annotation_evaluation_and_policy(guide, alice, slug):
    mock = mock_rules.start_mock(
        user=alice,
        role=Role.objects.get(slug=slug),
        loop_size=5,
        per_round=1,
        now=timezone.now(),
        rng=random.Random(5),
    )

    names = [answer.round_name for answer in mock.answers.all()]
    assert names == [
        "Initial screening",
        "Annotation guidelines and data quality",
        "Evaluating models and data",
        "Policy and risk",
        "Cultural fit and AI ethics",
    ]


def test_an_engineers_mock_keeps_the_guides_engineering_rounds(guide, alice):
    mock = mock_rules.start_mock(
        user=alice,
        role=Role.objects.get(slug="machine-learning-engineer"),
        loop_size=4,
        per_round=1,
        now=timezone.now(),
        rng=random.Random(4),
    )

    assert [answer.round_name for answer in mock.answers.all()] == [
        "Initial screening",
        "Technical assessment",
        "System design",
        "Cultural fit and AI ethics",
    ]


def test_the_mock_page_preselects_the_target_role_and_shows_its_rounds(guide, alice_client, alice):
    role = target(alice, "ai-product-manager")

    content = alice_client.get(MOCK).content.decode()

    assert f'<option value="{role.pk}" selected>' in content
    assert "Product sense" in content and "Technical assessment" not in content


def test_the_product_managers_bank_opens_with_product_sense(guide, client):
    content = client.get(BANK, {"role": "ai-product-manager"}).content.decode()

    labels = dict(Category.choices).values()
    badges = re.findall(r'class="badge">([^<]+)</span>', content)
    first_five = [badge for badge in badges if badge in labels][:5]
    assert first_five == ["Product sense"] * 5


def test_a_product_managers_practice_queue_starts_with_product_questions(guide, alice):
    role = target(alice, "ai-product-manager")

    queue = practice_queue.session_queue(
        user=alice, size=10, categories=[], due_today=False, now=timezone.now()
    )

    questions = Question.objects.in_bulk(queue)
    assert all(role in questions[pk].roles.all() for pk in queue)
    assert not {questions[pk].category for pk in queue} & ENGINEERING_ONLY
    assert Category.PRODUCT_SENSE in {questions[pk].category for pk in queue}


def test_an_own_question_tagged_with_a_role_is_served_in_that_roles_queue(guide, alice):
    role = target(alice, "ai-ethics-specialist")
    mine = add_own_question(
        user=alice,
        prompt="How did you handle the model audit at Acme Health?",
        category="ethics",
        key_points="The audit's scope\nWhat you found",
        roles=[role],
        company="Acme Health",
    )

    queue = practice_queue.build_queue(
        user=alice, size=5, categories=[], role=role, now=timezone.now()
    )

    assert mine.pk in queue
    assert mine.company == "Acme Health"


def test_the_own_question_form_tags_roles_and_a_company(guide, alice_client, alice):
    role = Role.objects.get(slug="ai-product-manager")

    response = alice_client.post(
        reverse("interviews:own_questions"),
        {
            "prompt": "What would you build first for Acme's support team?",
            "category": "product-sense",
            "key_points": "The user problem\nThe metric",
            "roles": [role.pk],
            "company": "Acme",
        },
    )

    assert response.status_code == 302
    question = Question.objects.get(owner=alice)
    assert list(question.roles.all()) == [role]
    assert question.company == "Acme"
    assert question.category == Category.PRODUCT_SENSE
    listing = alice_client.get(reverse("interviews:own_questions")).content.decode()
    assert "Asked at Acme; for AI Product Manager" in listing


@pytest.mark.template_context
def test_the_report_closes_with_a_summary_and_our_sample_answers(guide, alice_client, alice):
    role = target(alice, "ai-product-manager")
    alice_client.post(MOCK, {"role": role.pk, "loop_size": "4", "per_round": "1"})
    mock = MockInterview.objects.get(user=alice)
    first = mock.answers.select_related("question").first()
    sample = first.question.sample_answer
    assert sample  # the screening and product rounds ask questions that have one

    strong = " ".join(first.question.key_point_list)
    for answer in mock.answers.order_by("position"):
        question_page = alice_client.get(mock.get_absolute_url()).content.decode()
        # Only after the attempt: never on the question being answered.
        assert "Our sample answer" not in question_page
        alice_client.post(
            reverse("interviews:mock_answer", args=[mock.pk]),
            {"position": answer.position, "body": strong if answer == first else "No idea."},
        )

    report = alice_client.get(mock.get_absolute_url())
    content = report.content.decode()
    summary = report.context["summary"]
    assert summary.strongest.number == first.round_number
    assert summary.weakest.number != first.round_number
    assert "Strongest round:" in content and "Weakest round:" in content
    assert "What to practise next:" in content
    for category in summary.practise_categories:
        assert f"category={category}" in content
    assert "Our sample answer" in content and "Our sample, written for this app" in content
    assert escape(sample.split(".")[0]) in content
    assert 'class="table-stack"' in content


def test_load_guide_keeps_a_staff_edited_sample_answer_unless_reset(guide):
    question = Question.objects.get(slug="llm-as-a-judge")
    original = question.sample_answer
    Question.objects.filter(pk=question.pk).update(sample_answer="Staff's own sample.")

    assert load_sample_answers()["sample answers kept"] >= 1
    assert Question.objects.get(pk=question.pk).sample_answer == "Staff's own sample."
    load_sample_answers(reset=True)
    assert Question.objects.get(pk=question.pk).sample_answer == original


def test_the_loader_refuses_a_role_in_two_shapes(guide, tmp_path):
    path = tmp_path / "shapes.json"
    shape = {"categories": ["ethics"], "roles": ["ai-ethics-specialist"]}
    path.write_text(
        json.dumps(
            {"shapes": [{"slug": "a", "name": "A", **shape}, {"slug": "b", "name": "B", **shape}]}
        )
    )

    with pytest.raises(QuestionDataError, match="in two shapes"):
        load_interview_shapes(path=path)


def test_reloading_a_database_from_before_shapes_shapes_and_orders_its_rounds(guide, alice):
    """The six rounds of before, at their old positions, with no shape: load_guide adds the
    new rounds and puts every round where the file says."""
    old = [
        "Initial screening",
        "Technical assessment",
        "Model evaluation and experimentation",
        "System design",
        "Recent techniques",
        "Cultural fit and AI ethics",
    ]
    MockRound.objects.exclude(name__in=old).delete()
    for position, name in enumerate(old, 1):
        MockRound.objects.filter(name=name).update(shape=None, position=100 + position)
    for position, name in enumerate(old, 1):
        MockRound.objects.filter(name=name).update(position=position)
    # Nor had the loader begun to remember what it wrote.
    LoadedValue.objects.all().delete()

    load_mock_rounds()

    assert MockRound.objects.get(name="System design").shape.slug == "engineering"
    product = mock_rules.rounds_for(
        6, mock_rules.shape_for(Role.objects.get(slug=PRODUCT_ROLES[0]).pk)
    )
    assert [r.name for r in product] == [
        "Initial screening",
        "Product sense",
        "Metrics and experimentation",
        "AI trade-offs",
        "Working with ML teams",
        "Cultural fit and AI ethics",
    ]


@pytest.mark.parametrize("seed", range(3))
def test_a_data_specialists_annotation_round_asks_about_annotation_not_sql(guide, alice, seed):
    mock = mock_rules.start_mock(
        user=alice,
        role=Role.objects.get(slug="ai-training-data-specialist"),
        loop_size=4,
        per_round=2,
        now=timezone.now(),
        rng=random.Random(seed),
    )

    asked = mock.answers.filter(round_name="Annotation guidelines and data quality")
    slugs = {answer.question.slug for answer in asked.select_related("question")}
    assert len(slugs) == 2
    assert slugs <= {
        "writing-annotation-guidelines",
        "measuring-label-quality",
        "labeling-process-and-label-quality",
        "auditing-a-dataset-for-representation",
        "preparing-llm-fine-tuning-data",
    }


def test_a_product_managers_screening_asks_what_a_career_switcher_can_answer(guide, alice):
    mock = mock_rules.start_mock(
        user=alice,
        role=Role.objects.get(slug="ai-product-manager"),
        loop_size=4,
        per_round=1,
        now=timezone.now(),
        rng=random.Random(2),
    )

    screening = mock.answers.select_related("question").get(round_name="Initial screening")
    assert screening.question.slug in {
        "improving-how-work-gets-done",
        "deciding-with-incomplete-information",
        "explaining-your-field-to-outsiders",
        "transferable-skills-into-ai",
    }


@pytest.mark.template_context
def test_an_even_report_points_a_product_manager_at_product_sense(guide, alice_client, alice):
    role = target(alice, "ai-product-manager")
    alice_client.post(MOCK, {"role": role.pk, "loop_size": "4", "per_round": "1"})
    mock = MockInterview.objects.get(user=alice)
    for answer in mock.answers.order_by("position"):
        alice_client.get(mock.get_absolute_url())
        alice_client.post(
            reverse("interviews:mock_answer", args=[mock.pk]),
            {"position": answer.position, "body": ""},
        )

    summary = alice_client.get(mock.get_absolute_url()).context["summary"]

    assert summary.even
    assert summary.weakest.name == "Product sense"
    assert summary.practise_categories == [Category.PRODUCT_SENSE]
