"""What a posting asks for against what the member has shown, through the site's matcher."""

import datetime

import pytest
from django.urls import reverse

from assessments import posting_gaps
from assessments.models import Assessment, MilestoneTick
from careers import applications
from interviews.models import Question, Rating, ReviewLog

pytestmark = pytest.mark.usefixtures("guide_for_module")

ML_ENGINEER_POSTING = """Machine Learning Engineer, Recommendations — Lumen Health (Austin, TX)

What you'll do: build and ship models that rank care options for two million members.
Requirements: 3+ years of Python; strong SQL; experience training models with PyTorch or
TensorFlow; deploying models behind APIs with Docker and Kubernetes (MLOps); monitoring
for data drift. Nice to have: A/B testing, AWS SageMaker."""

GENAI_POSTING = """Generative AI Engineer — Fintech (Remote, US)

You will design retrieval-augmented generation (RAG) pipelines over our policy documents,
evaluate LLM output for hallucinations, and fine-tune open models with LoRA. We expect prompt
engineering, embeddings and a vector database, a good grasp of responsible AI and the EU AI
Act, and clear technical writing for compliance reviewers."""


def skills(report):
    return {skill.slug: skill for skill in report.shown + report.missing}


def test_it_finds_skills_by_name_and_alias_with_the_words_that_matched(guide, alice):
    report = posting_gaps.posting_gaps(user=alice, text=ML_ENGINEER_POSTING)
    found = skills(report)
    assert {"python-basics", "sql", "deep-learning-pytorch", "mlops-deployment"} <= set(found)
    assert "PyTorch" in found["deep-learning-pytorch"].matched
    assert "data drift" in found["model-monitoring"].matched
    assert "A/B testing" in found["experimentation-metrics"].matched
    assert "computer-vision" not in found
    assert report.shown == []  # alice has shown nothing yet


def test_a_genai_posting_finds_retrieval_fine_tuning_and_governance(guide, alice):
    found = skills(posting_gaps.posting_gaps(user=alice, text=GENAI_POSTING))
    assert {"llm-applications", "llm-fine-tuning", "responsible-ai", "ai-governance-policy"} <= set(
        found
    )
    assert "LoRA" in found["llm-fine-tuning"].matched
    assert "EU AI Act" in found["ai-governance-policy"].matched


def test_a_missing_skill_links_to_learning_and_to_bank_questions(guide, alice):
    found = skills(posting_gaps.posting_gaps(user=alice, text=ML_ENGINEER_POSTING))
    mlops = found["mlops-deployment"]
    assert mlops.shown_by == ()
    assert mlops.learn is not None and mlops.learn[1].startswith("http")
    assert mlops.bank == (("System design", "/interviews/?category=system-design"),)


def test_practised_categories_and_delivered_milestones_count_as_shown(guide, alice):
    question = Question.objects.filter(category="system-design").first()
    now = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    ReviewLog.objects.create(
        user=alice,
        question=question,
        rating=Rating.GOOD,
        rated_at=now,
        state_before=0,
        state_after=2,
        due=now,
    )
    assessment = Assessment.objects.create(
        user=alice,
        completed_at=now,
        # Strong answers on both areas SQL builds; Python's other area scored low.
        scores=[
            {"slug": "programming-readiness", "score": 80},
            {"slug": "analytical-thinking", "score": 75},
            {"slug": "learning-capacity", "score": 40},
        ],
        result={"paths": []},
    )
    MilestoneTick.objects.create(
        assessment=assessment, path_slug="x", milestone_key="skill-sql", evidence="github.com/a/b"
    )
    MilestoneTick.objects.create(
        assessment=assessment, path_slug="x", milestone_key="skill-python-basics"
    )
    report = posting_gaps.posting_gaps(user=alice, text=ML_ENGINEER_POSTING)
    shown = {skill.slug: skill for skill in report.shown}
    assert "you practised system design" in shown["mlops-deployment"].shown_by
    assert shown["sql"].shown_by == (
        "you ticked its milestone with a deliverable",
        "your assessment answers",
    )
    assert "python-basics" not in shown  # ticked without a deliverable, learning capacity 40


def test_the_page_shows_gaps_and_is_private(guide, alice_client, alice, bob, client):
    application = applications.create_application(
        user=alice,
        fields={"company": "Lumen", "role_title": "MLE", "posting_text": ML_ENGINEER_POSTING},
        on=datetime.date(2026, 11, 1),
    )
    url = reverse("assessments:posting_gaps", args=[application.pk])
    page = alice_client.get(url).content.decode()
    assert "Deploying models: packaging, serving and CI/CD" in page
    assert "“Kubernetes”" in page
    detail = alice_client.get(application.get_absolute_url()).content.decode()
    assert url in detail
    client.force_login(bob)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("text", ["", "   ", "🙂" * 500, "<script>alert(1)</script>", "a" * 20_000])
def test_odd_texts_find_nothing_and_never_fail(guide, alice, text):
    report = posting_gaps.posting_gaps(user=alice, text=text)
    assert report.missing == [] and report.shown == []


def test_the_page_states_the_score_that_counts_as_shown_from_the_rule(
    guide, alice_client, alice, monkeypatch
):
    application = applications.create_application(
        user=alice,
        fields={"company": "Lumen", "role_title": "MLE", "posting_text": ML_ENGINEER_POSTING},
        on=datetime.date(2026, 11, 1),
    )
    url = reverse("assessments:posting_gaps", args=[application.pk])
    shown = f"scored at least {posting_gaps.SHOWN_SCORE} on every area"
    assert shown in alice_client.get(url).content.decode()
    monkeypatch.setattr(posting_gaps, "SHOWN_SCORE", 85)
    assert "scored at least 85 on every area" in alice_client.get(url).content.decode()
