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
