"""Checks the interview question bank data file itself, without the database."""

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from interviews.loader import key_point_text

REPO_ROOT = Path(__file__).resolve().parents[2]
QUESTIONS_FILE = REPO_ROOT / "interviews" / "data" / "questions.json"
# CI clones the repo with a copy of shared/ beside it, as on the development machine.
SEED_FILE = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_1bae85c1f7d935aa.txt"

FIELDS = {
    "slug",
    "prompt",
    "category",
    "difficulty",
    "roles",
    "key_points",
    "follow_ups",
    "from_guide",
    "published",
}
CATEGORIES = {
    "algorithms",
    "system-design",
    "model-evaluation",
    "data-preprocessing",
    "debugging",
    "recent-techniques",
    "experimentation",
    "behavioural",
    "ethics",
    "product-sense",
}
# Optional: the primary sources a question's key points come from.
OPTIONAL_FIELDS = {"sources"}
ROLES = {
    "machine-learning-engineer",
    "ai-research-scientist",
    "data-scientist-ai",
    "ai-product-manager",
    "computer-vision-engineer",
    "nlp-engineer",
    "ai-ethics-specialist",
    "prompt-engineer",
    "llm-fine-tuning-specialist",
    "ai-safety-researcher",
    "generative-ai-product-manager",
    "ai-training-data-specialist",
    "multimodal-ai-engineer",
    "ai-infrastructure-engineer",
    "ai-solutions-architect",
    "ai-engineer",
    "clinical-informatics-specialist",
    "education-ai-learning-designer",
}
# The guide's behavioural and ethics questions, copied exactly from the seed file.
GUIDE_QUESTIONS = [
    "Describe a time when you discovered bias in a machine learning model. "
    "How did you address it and what was the outcome?",
    "How would you explain the limitations and uncertainty of an AI recommendation "
    "to a non-technical stakeholder?",
    "What steps would you take to ensure fairness when developing a hiring algorithm "
    "for a diverse workforce?",
    "Describe your approach to handling conflicting stakeholder requirements "
    "for an AI product feature.",
    "How do you stay current with AI research while maintaining focus on practical implementation?",
    "What ethical considerations would you evaluate before deploying a facial recognition system?",
    "Describe a situation where you had to communicate complex AI concepts to business leaders. "
    "What approach did you take?",
]
# The four questions the guide names ("Common algorithm questions include ..."), by slug,
# with the guide's words for each; they are marked as the guide's though worded for the app.
GUIDE_NAMED = {
    "k-means-from-scratch": "implementing k-means clustering",
    "design-recommendation-system": "building recommendation systems",
    "design-ab-testing-framework": "designing A/B testing frameworks",
    "tuning-hyperparameters-for-business-metric": (
        "optimizing hyperparameters for specific business metrics"
    ),
}
# Topics the guide's "Technical assessment preparation strategies" section asks candidates
# to prepare, plus the fairness metrics from its ethics section.
REQUIRED_TOPICS = [
    "k-means",
    "linear regression",
    "decision tree",
    "neural network",
    "recommendation",
    "search ranking",
    "real-time",
    "pipeline",
    "overfitting",
    "missing values",
    "feature engineering",
    "vanishing gradient",
    "hyperparameter",
    "transformer",
    "retrieval-augmented",
    "A/B test",
    "demographic parity",
    "equalized odds",
    "facial recognition",
    "hiring",
]
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@cache
def load_questions() -> tuple[dict, ...]:
    with QUESTIONS_FILE.open(encoding="utf-8") as handle:
        data = json.load(handle)
    assert isinstance(data, list)
    return tuple(data)


def published() -> list[dict]:
    return [question for question in load_questions() if question["published"] is True]


def key_point_texts(question: dict) -> list:
    return [key_point_text(point) for point in question["key_points"]]


def is_list_of_text(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def test_it_gives_every_question_exactly_the_expected_fields() -> None:
    for question in load_questions():
        assert isinstance(question, dict)
        assert FIELDS <= set(question) <= FIELDS | OPTIONAL_FIELDS, question.get("slug")


def test_it_uses_the_right_types_for_every_field() -> None:
    for question in load_questions():
        slug = question["slug"]
        assert isinstance(slug, str) and SLUG_PATTERN.match(slug), slug
        assert isinstance(question["prompt"], str) and question["prompt"].strip(), slug
        assert question["prompt"] == question["prompt"].strip(), slug
        # bool is an int subclass, so rule it out explicitly.
        assert type(question["difficulty"]) is int and question["difficulty"] in {1, 2, 3}, slug
        assert is_list_of_text(question["roles"]), slug
        assert is_list_of_text(key_point_texts(question)), slug
        for point in question["key_points"]:
            if isinstance(point, dict):
                assert set(point) == {"text", "evidence"}, slug
                assert is_list_of_text(point["evidence"]), slug
                assert not any(";" in term for term in point["evidence"]), slug
        if "sources" in question:
            assert is_list_of_text(question["sources"]), slug
        assert is_list_of_text(question["follow_ups"]), slug
        assert isinstance(question["from_guide"], bool), slug
        assert isinstance(question["published"], bool), slug


def test_it_has_unique_slugs_and_prompts() -> None:
    questions = load_questions()
    slugs = Counter(question["slug"] for question in questions)
    prompts = Counter(question["prompt"].casefold() for question in questions)
    assert [slug for slug, count in slugs.items() if count > 1] == []
    assert [prompt for prompt, count in prompts.items() if count > 1] == []


def test_it_uses_only_known_categories() -> None:
    used = {question["category"] for question in load_questions()}
    assert used <= CATEGORIES, used - CATEGORIES


def test_it_uses_only_known_roles_and_two_to_six_per_question() -> None:
    for question in load_questions():
        roles = question["roles"]
        assert set(roles) <= ROLES, (question["slug"], set(roles) - ROLES)
        assert len(set(roles)) == len(roles), question["slug"]
        assert 2 <= len(roles) <= 6, question["slug"]


def test_it_has_at_least_sixty_published_questions() -> None:
    assert len(published()) >= 60


def test_it_has_at_least_six_published_questions_per_category() -> None:
    counts = Counter(question["category"] for question in published())
    for category in sorted(CATEGORIES):
        assert counts[category] >= 6, category


def test_it_offers_every_difficulty_in_every_category() -> None:
    levels: dict[str, set[int]] = {category: set() for category in CATEGORIES}
    for question in published():
        levels[question["category"]].add(question["difficulty"])
    for category in sorted(CATEGORIES):
        assert levels[category] == {1, 2, 3}, category


def test_it_gives_three_to_nine_key_points_and_at_most_three_follow_ups() -> None:
    # Nine, not six, since issue 21 split bundled points into single checkable claims.
    for question in load_questions():
        assert 3 <= len(question["key_points"]) <= 9, question["slug"]
        assert len(question["follow_ups"]) <= 3, question["slug"]


def test_it_gives_every_role_at_least_eight_published_questions() -> None:
    counts = Counter(role for question in published() for role in question["roles"])
    for role in sorted(ROLES):
        assert counts[role] >= 8, role


def test_it_includes_the_guide_questions_verbatim_and_marked_from_the_guide() -> None:
    by_prompt = {question["prompt"]: question for question in load_questions()}
    for prompt in GUIDE_QUESTIONS:
        assert prompt in by_prompt, prompt
        question = by_prompt[prompt]
        assert question["from_guide"] is True, prompt
        assert question["published"] is True, prompt
        assert question["category"] in {"behavioural", "ethics"}, prompt


def test_it_marks_only_the_guide_questions_as_from_the_guide() -> None:
    marked = {question["slug"] for question in load_questions() if question["from_guide"]}
    asked = {
        question["slug"] for question in load_questions() if question["prompt"] in GUIDE_QUESTIONS
    }
    assert marked == asked | set(GUIDE_NAMED)


@pytest.mark.skipif(
    not SEED_FILE.is_file(),
    reason=f"guide seed file not found at {SEED_FILE} (shared/ is not beside the repo)",
)
def test_it_copies_the_guide_questions_exactly_as_the_seed_file_words_them() -> None:
    seed_text = SEED_FILE.read_text(encoding="utf-8")
    for prompt in GUIDE_QUESTIONS:
        assert prompt in seed_text, prompt
    for words in GUIDE_NAMED.values():
        assert words in seed_text, words


@pytest.mark.parametrize("topic", REQUIRED_TOPICS)
def test_it_covers_each_topic_the_guide_asks_for(topic: str) -> None:
    assert any(topic.casefold() in question["prompt"].casefold() for question in published())


def test_it_uses_american_spelling_in_question_text() -> None:
    # The guide writes American English; category slugs are fixed identifiers and are exempt.
    british = re.compile(
        r"behaviour|modelling|neighbour|colour|labell|analyse|licence|favour|judgement"
        r"|(optimi|prioriti|organi|generali|normali|standardi|minimi)s(e|ing|ation)",
        re.IGNORECASE,
    )
    for question in load_questions():
        text = " ".join(
            [question["prompt"], *key_point_texts(question), *question["follow_ups"]],
        )
        assert not british.search(text), question["slug"]
