"""Checks the shipped question bank covers an interview loop for every role (issue 15, item 7)."""

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.db.models import Count, Q

from careers.models import Role
from interviews.loader import key_point_text, read_interview_shapes, read_mock_rounds
from tests.interviews.test_question_content import ROLES, load_questions, published

# Written for issue 15 to fill the gaps it lists; each must ship with roles, key points and
# follow-ups.
NEW_QUESTIONS = {
    # data manipulation
    "sql-top-n-per-group",
    "sql-joins-and-nulls",
    "sql-day-7-retention-by-cohort",
    "pandas-merge-and-groupby",
    "pandas-data-too-big-for-memory",
    "pandas-lag-and-rolling-features",
    # probability, PCA, optimizers, normalization, CNNs, detection, time series
    "mle-vs-map-coin-flips",
    "principal-component-analysis",
    "sgd-momentum-adam-adamw",
    "batch-norm-vs-layer-norm",
    "cnn-convolution-arithmetic",
    "iou-and-non-maximum-suppression",
    "object-detector-families",
    "stationarity-and-arima",
    "auditing-a-dataset-for-representation",
    "explaining-predictions-with-shap-and-lime",
    "bayes-rule-and-base-rates",
    "object-detection-mean-average-precision",
    "transfer-learning-small-image-dataset",
    "kinds-of-distribution-shift",
    "time-series-forecast-validation",
    "confidence-interval-for-a-conversion-rate",
    # language models, agents and tool use
    "vision-transformers-vs-cnns",
    "subword-tokenization",
    "llm-decoding-strategies",
    "kv-cache-and-speculative-decoding",
    "llm-tool-calling",
    "llm-labels-and-synthetic-data",
    # system design and GPU memory and cost estimation
    "design-real-time-defect-detection",
    "design-support-agent-with-tools",
    "estimate-fine-tuning-gpu-memory",
    "estimate-pretraining-compute",
    "estimate-llm-feature-cost",
    "design-fairness-monitoring",
    # debugging
    "debugging-agent-task-failures",
    "detector-misses-small-objects",
    "model-fails-at-a-new-site",
    "learning-rate-from-training-curves",
    # behavioural, including the past-project deep dive
    "past-ml-project-deep-dive",
    "past-ai-product-deep-dive",
    "past-research-project-deep-dive",
    "fixing-a-training-data-problem",
    "raising-an-unwelcome-concern",
    "working-with-domain-experts",
    # ethics
    "stereotypes-and-toxicity-in-a-language-model",
    "energy-and-carbon-cost-of-models",
    "image-generation-safeguards",
    "accountability-for-agent-actions",
    "training-data-consent-and-rights",
}

# The gaps issue 15 names, each found in at least one published prompt.
GAP_TOPICS = {
    "SQL": r"\bSQL\b",
    "pandas": r"\bpandas\b",
    "probability": r"\bprobabilit|\bBayes",
    "PCA": r"principal component",
    "optimizers": r"\bAdam\b",
    "normalization": r"batch normalization",
    "IoU": r"intersection over union",
    "mAP": r"mean average precision",
    "NMS": r"non-maximum suppression",
    "tokenization": r"\btokeniz",
    "decoding": r"\bbeam search\b",
    "agents and tool use": r"\bagent\b.*\btools?\b|\btool use\b",
    "GPU memory": r"\bGPU memory\b",
    "cost estimation": r"\bestimate\b.*\b(cost|GPU-hours)\b",
    "distribution shift": r"covariate shift",
    "time series": r"\btime series\b",
    "past-project deep dive": r"walk me through .*project",
}


def by_slug() -> dict[str, dict]:
    return {question["slug"]: question for question in load_questions()}


def text_of(question: dict) -> str:
    return " ".join([question["prompt"], *texts(question)])


def texts(question: dict) -> list[str]:
    return [key_point_text(point) for point in question["key_points"]]


def test_it_ships_at_least_forty_new_questions_each_with_roles_key_points_and_follow_ups():
    questions = by_slug()
    assert len(NEW_QUESTIONS) >= 40
    missing = sorted(NEW_QUESTIONS - set(questions))
    assert missing == []
    for slug in sorted(NEW_QUESTIONS):
        question = questions[slug]
        assert question["published"] is True, slug
        assert question["from_guide"] is False, slug
        assert question["roles"], slug
        assert len(question["key_points"]) >= 3, slug
        assert question["follow_ups"], slug


def test_it_gives_every_role_questions_in_at_least_four_categories():
    categories = defaultdict(set)
    for question in published():
        for role in question["roles"]:
            categories[role].add(question["category"])
    thin = {role: sorted(categories[role]) for role in ROLES if len(categories[role]) < 4}
    assert thin == {}


# The rounds load_guide seeds (staff may edit them later in the admin).
@pytest.mark.parametrize("interview_round", read_mock_rounds(), ids=lambda r: r["name"])
def test_it_gives_every_role_a_question_for_each_mock_interview_round(interview_round):
    """Every role whose interview shape asks the round (all, for a round of every shape)."""
    shapes = {shape["slug"]: set(shape["roles"]) for shape in read_interview_shapes()}
    asked = shapes[interview_round["shape"]] if interview_round["shape"] else ROLES
    covered = {
        role
        for question in published()
        if question["category"] in interview_round["categories"]
        for role in question["roles"]
    }
    assert sorted(asked - covered) == []


@pytest.mark.parametrize("interview_round", read_mock_rounds(), ids=lambda r: r["name"])
def test_a_round_prefers_only_published_questions_of_its_categories(interview_round):
    questions = {question["slug"]: question for question in published()}
    for slug in interview_round["prefer"]:
        assert slug in questions, slug
        assert questions[slug]["category"] in interview_round["categories"], slug


def test_every_role_has_exactly_one_interview_shape():
    shaped = [role for shape in read_interview_shapes() for role in shape["roles"]]
    assert sorted(shaped) == sorted(ROLES)


@pytest.mark.parametrize("category", ["behavioural", "ethics"])
def test_it_gives_every_role_behavioural_and_ethics_questions(category):
    covered = {
        role
        for question in published()
        if question["category"] == category
        for role in question["roles"]
    }
    assert sorted(ROLES - covered) == []


@pytest.mark.parametrize(
    "topic, pattern",
    [
        ("convolutional networks", r"\bconvolution"),
        ("intersection over union", r"intersection over union"),
        ("mean average precision", r"mean average precision"),
        ("non-maximum suppression", r"non-maximum suppression"),
    ],
)
def test_it_asks_computer_vision_engineers_about_cnns_and_detection(topic, pattern):
    vision = [q for q in published() if "computer-vision-engineer" in q["roles"]]
    assert any(re.search(pattern, q["prompt"], re.IGNORECASE) for q in vision), topic


def test_it_gives_computer_vision_engineers_behavioural_and_ethics_questions_beyond_one_each():
    vision = [q for q in published() if "computer-vision-engineer" in q["roles"]]
    for category in ("behavioural", "ethics"):
        assert sum(q["category"] == category for q in vision) >= 2, category


@pytest.mark.parametrize("topic", sorted(GAP_TOPICS))
def test_it_covers_each_gap_the_issue_lists(topic):
    pattern = re.compile(GAP_TOPICS[topic], re.IGNORECASE)
    assert any(pattern.search(question["prompt"]) for question in published()), topic


def test_it_says_flash_attention_saves_memory_traffic_not_flops():
    points = texts(by_slug()["scaled-dot-product-attention"])
    flash = [point for point in points if "FlashAttention" in point]
    assert len(flash) == 1
    assert re.search(r"memory (reads|traffic)|reads and writes", flash[0])
    assert re.search(r"not (the )?(number of )?FLOPs|does not reduce (the )?FLOPs", flash[0])


def test_it_gives_the_variance_argument_for_dividing_by_root_d_k():
    points = texts(by_slug()["scaled-dot-product-attention"])
    scaling = [point for point in points if "variance" in point]
    assert len(scaling) == 1
    assert "d_k" in scaling[0] and "√d_k" in scaling[0]
    assert "softmax" in scaling[0]


def test_it_applies_rotary_positions_to_queries_and_keys_not_to_the_inputs():
    points = texts(by_slug()["transformer-architecture"])
    rotary = [point for point in points if "rotary" in point.casefold()]
    assert len(rotary) == 1
    assert "queries and keys" in rotary[0]
    # The old wording listed rotary among encodings added to the token embeddings.
    assert not re.search(r"embeddings plus positional information \([^)]*rotary", rotary[0])


def test_it_expects_no_approximate_nearest_neighbor_indexes_at_the_foundational_level():
    ann = re.compile(r"approximate nearest neighbou?r|HNSW|product quantization", re.IGNORECASE)
    foundational = [
        q["slug"] for q in published() if q["difficulty"] == 1 and ann.search(text_of(q))
    ]
    assert foundational == []
    assert by_slug()["k-nearest-neighbors-complexity"]["difficulty"] == 2


def test_it_states_when_calibration_and_equalized_odds_can_both_hold():
    points = texts(by_slug()["demographic-parity-vs-equalized-odds"])
    calibration = [point for point in points if "calibration" in point]
    assert len(calibration) == 1
    assert "base rates are equal" in calibration[0]


def test_it_repeats_no_key_point_across_questions():
    seen: dict[str, str] = {}
    repeated = []
    for question in load_questions():
        for point in texts(question):
            key = point.casefold()
            if key in seen and seen[key] != question["slug"]:
                repeated.append((seen[key], question["slug"], point))
            seen.setdefault(key, question["slug"])
    assert repeated == []


def test_it_loads_a_bank_where_every_role_has_four_categories(guide):
    published_questions = Q(interview_questions__is_published=True)
    categories = dict(
        Role.objects.annotate(
            categories=Count(
                "interview_questions__category", filter=published_questions, distinct=True
            )
        ).values_list("slug", "categories")
    )
    assert set(categories) >= ROLES
    assert {slug: count for slug, count in categories.items() if count < 4} == {}


def sample_answers() -> dict[str, str]:
    path = Path(__file__).resolve().parents[2] / "interviews" / "data" / "sample_answers.json"
    return json.loads(path.read_text(encoding="utf-8"))["answers"]


def test_every_sourced_preferred_behavioural_and_ethics_question_has_our_sample_answer():
    samples = sample_answers()
    preferred = {
        slug for interview_round in read_mock_rounds() for slug in interview_round["prefer"]
    }
    wanted = {
        question["slug"]
        for question in published()
        if "sources" in question
        or question["slug"] in preferred
        or question["category"] in {"behavioural", "ethics"}
    }
    assert sorted(wanted - set(samples)) == []
    assert set(samples) <= {question["slug"] for question in published()}
    assert all(len(text.split()) >= 60 for text in samples.values())
