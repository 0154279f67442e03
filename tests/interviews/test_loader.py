"""interviews.loader: the question bank as load_guide loads it from the data file."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from config.sitewide import registry
from config.sitewide.loading import LoadReport
from interviews.loader import QUESTIONS_FILE, QuestionDataError, load_questions
from interviews.models import Category, Question


def entry(**overrides):
    data = {
        "slug": "explain-overfitting",
        "prompt": "What is overfitting and how do you detect it?",
        "category": "model-evaluation",
        "difficulty": 1,
        "roles": ["machine-learning-engineer", "data-scientist-ai"],
        "key_points": ["Train and validation gap", "Cross-validation", "Regularisation"],
        "follow_ups": ["What about underfitting?"],
        "from_guide": False,
        "published": True,
    }
    return {**data, **overrides}


@pytest.fixture
def roles(role_factory):
    return [role_factory(slug="machine-learning-engineer"), role_factory(slug="data-scientist-ai")]


@pytest.fixture
def data_file(tmp_path):
    def write(*entries):
        path = tmp_path / "questions.json"
        path.write_text(json.dumps(list(entries)), encoding="utf-8")
        return path

    return write


def test_it_creates_questions_with_one_point_per_line_and_their_roles(roles, data_file):
    path = data_file(
        entry(), entry(slug="bias", category="ethics", published=False, from_guide=True)
    )

    counts = load_questions(path=path)

    assert counts["questions created"] == 2
    question = Question.objects.get(slug="explain-overfitting")
    assert question.key_point_list == [
        "Train and validation gap",
        "Cross-validation",
        "Regularisation",
    ]
    assert question.key_points == "Train and validation gap\nCross-validation\nRegularisation"
    assert question.follow_up_list == ["What about underfitting?"]
    assert {role.slug for role in question.roles.all()} == {r.slug for r in roles}
    bias = Question.objects.get(slug="bias")
    assert (bias.is_published, bias.from_guide, bias.category) == (False, True, Category.ETHICS)


def test_it_leaves_staff_edits_alone_and_reset_restores_them(roles, data_file):
    path = data_file(entry())
    load_questions(path=path)
    question = Question.objects.get()
    question.prompt = "Edited by staff"
    question.save()
    question.roles.set(roles[:1])

    assert load_questions(path=path)["questions kept"] == 1
    question.refresh_from_db()
    assert question.prompt == "Edited by staff"
    assert question.roles.count() == 1

    assert load_questions(path=path, reset=True)["questions restored"] == 1
    question.refresh_from_db()
    assert question.prompt == entry()["prompt"]
    assert question.roles.count() == 2
    assert Question.objects.count() == 1


def test_it_names_an_unknown_role_slug(roles, data_file):
    path = data_file(entry(roles=["machine-learning-engineer", "wizard"]))

    with pytest.raises(QuestionDataError, match="explain-overfitting.*'wizard'"):
        load_questions(path=path)


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"category": "astrology"}, "unknown category"),
        ({"difficulty": 4}, "difficulty 4"),
        ({"key_points": "one string"}, "key_points must be a list"),
        ({"prompt": ""}, "prompt"),
        ({"slug": "Not a slug!"}, "slug"),
    ],
)
def test_it_rejects_bad_entries_with_a_clear_error(roles, data_file, bad, message):
    with pytest.raises((QuestionDataError, ValidationError), match=message):
        load_questions(path=data_file(entry(**bad)))
    assert not Question.objects.exists()


def test_it_rejects_a_slug_that_appears_twice(roles, data_file):
    with pytest.raises(QuestionDataError, match="twice"):
        load_questions(path=data_file(entry(), entry()))


def test_it_is_registered_after_the_careers_loader():
    names = [name for name, _ in registry.guide_loaders]
    assert "interviews" in names
    if "careers" in names:
        assert names.index("careers") < names.index("interviews")


def test_it_loads_the_shipped_bank_with_load_guide(guide):
    # `guide` holds what load_guide loaded (run once per worker); a second load adds nothing.
    entries = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    assert Question.objects.count() == len(entries)
    assert Question.objects.published().count() >= 60
    call_command("load_guide", stdout=io.StringIO())
    assert Question.objects.count() == len(entries)


def test_it_loads_key_points_with_evidence_terms_beside_plain_ones(roles, data_file):
    points = [
        {"text": "Train and validation gap", "evidence": ["learning curve", "gap"]},
        "Cross-validation",
        {"text": "Regularisation", "evidence": ["dropout"]},
    ]

    load_questions(path=data_file(entry(key_points=points)))

    question = Question.objects.get()
    assert question.key_point_list == [
        "Train and validation gap",
        "Cross-validation",
        "Regularisation",
    ]
    assert question.key_point_evidence == "learning curve; gap\n-\ndropout"
    assert question.key_point_evidence_list == [["learning curve", "gap"], [], ["dropout"]]


@pytest.mark.parametrize(
    "point",
    [
        {"text": "A point", "evidence": "one string"},
        {"words": "A point"},
        {"text": "A", "evidence": ["a; b"]},
    ],
)
def test_it_rejects_a_key_point_of_another_shape(roles, data_file, point):
    with pytest.raises(QuestionDataError, match="each key point must be a string or"):
        load_questions(path=data_file(entry(key_points=["First", point])))
    assert not Question.objects.exists()


def test_staff_must_give_one_evidence_line_per_key_point(question_factory):
    question = question_factory(key_point_evidence="idea\nmetric")  # three key points

    with pytest.raises(ValidationError, match="one line of evidence per key point"):
        question.full_clean()
    question.key_point_evidence = "idea; concept\n-\nmetric"
    question.full_clean()
    assert question.key_point_evidence_list == [["idea", "concept"], [], ["metric"]]


def test_it_adds_evidence_to_a_kept_question_whose_key_points_are_the_files(roles, data_file):
    load_questions(path=data_file(entry(), entry(slug="edited")))
    Question.objects.filter(slug="edited").update(key_points="Staff's own point")
    points = [
        {"text": "Train and validation gap", "evidence": ["gap"]},
        "Cross-validation",
        "Regularisation",
    ]

    report = LoadReport()
    counts = load_questions(
        path=data_file(entry(key_points=points), entry(slug="edited", key_points=points)),
        report=report,
    )

    assert counts["questions changed"] == 1
    assert Question.objects.get(slug="explain-overfitting").key_point_evidence == "gap\n-\n-"
    edited = Question.objects.get(slug="edited")
    assert (edited.key_points, edited.key_point_evidence) == ("Staff's own point", "")
    assert any("key_point_evidence not updated" in line for line in report.conflicts)
