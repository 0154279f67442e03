import pytest

from tests import factories


@pytest.fixture
def question_factory(db):
    return factories.QuestionFactory


@pytest.fixture
def note_factory(db):
    return factories.NoteFactory


@pytest.fixture
def bookmark_factory(db):
    return factories.BookmarkFactory


@pytest.fixture
def question(question_factory):
    return question_factory(slug="bias-in-a-model", prompt="You find bias in a model. What now?")


@pytest.fixture
def shapes(db):
    """The interview shapes of the data file, tagged with no role (the tests' roles are
    factory-made): every role then has the first shape, engineering."""
    from interviews.loader import read_interview_shapes
    from interviews.models import InterviewShape

    for entry in read_interview_shapes():
        InterviewShape.objects.create(
            slug=entry["slug"],
            name=entry["name"],
            position=entry["position"],
            categories=entry["categories"],
        )
    return {shape.slug: shape for shape in InterviewShape.objects.all()}
