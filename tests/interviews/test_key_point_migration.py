"""interviews migration 0006: four corrected key points reach databases loaded before them."""

import importlib
import json

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from config.sitewide.models import ContentVersion
from interviews.loader import QUESTIONS_FILE
from interviews.models import Difficulty, Question

migration = importlib.import_module("interviews.migrations.0006_correct_four_key_points")
BEFORE = ("interviews", "0005_keep_users_data_and_count_ratings_once")
AFTER = ("interviews", "0006_correct_four_key_points")


def data_file_entry(slug):
    entries = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return next(entry for entry in entries if entry["slug"] == slug)


def stored_points(slug):
    # Read column by column: at an earlier migration the table lacks later columns.
    text = Question.objects.filter(slug=slug).values_list("key_points", flat=True).get()
    return [line.strip() for line in text.splitlines() if line.strip()]


def stored_difficulty(slug):
    return Question.objects.filter(slug=slug).values_list("difficulty", flat=True).get()


def as_loaded(question_factory, slug, *, key_points=None, difficulty=None):
    """A row as loaded from the data file before the corrections (or as staff edited it)."""
    old_points, _new_points = migration.KEY_POINTS[slug]
    level = migration.DIFFICULTY.get(slug, (data_file_entry(slug)["difficulty"],))[0]
    return question_factory(
        slug=slug,
        key_points="\n".join(old_points) if key_points is None else key_points,
        difficulty=level if difficulty is None else difficulty,
    )


def test_it_corrects_every_row_still_holding_the_old_text_as_the_data_file_says(
    question_factory,
):
    for slug in migration.KEY_POINTS:
        as_loaded(question_factory, slug)
    # Saved unchanged through the admin: the browser's line breaks, the same points.
    Question.objects.filter(slug="transformer-architecture").update(
        key_points="\r\n".join(migration.KEY_POINTS["transformer-architecture"][0]) + "\r\n"
    )
    version = ContentVersion.current()

    migration.correct_key_points(apps, None)

    for question in Question.objects.filter(slug__in=migration.KEY_POINTS):
        entry = data_file_entry(question.slug)
        # The migration's corrected text (the data file has since split some points).
        assert question.key_point_list == list(migration.KEY_POINTS[question.slug][1])
        assert question.difficulty == entry["difficulty"]
    assert Question.objects.get(slug="k-nearest-neighbors-complexity").difficulty == 2
    assert (
        "does not reduce the FLOPs"
        in Question.objects.get(slug="scaled-dot-product-attention").key_points
    )
    assert ContentVersion.current() > version


def test_it_keeps_staff_edits(question_factory):
    edited = "Staff's own wording of the points\nA second point"
    attention = as_loaded(question_factory, "scaled-dot-product-attention", key_points=edited)
    knn = as_loaded(question_factory, "k-nearest-neighbors-complexity", key_points=edited)
    # Staff kept the old points but judged the level themselves.
    parity = as_loaded(question_factory, "demographic-parity-vs-equalized-odds", difficulty=3)
    version = ContentVersion.current()

    migration.correct_key_points(apps, None)

    for question in (attention, knn):
        question.refresh_from_db()
        assert question.key_points == edited
    # Without the corrected points the level stays: it goes with them.
    assert knn.difficulty == Difficulty.FOUNDATIONAL
    parity.refresh_from_db()
    assert parity.difficulty == 3
    assert parity.key_point_list == data_file_entry(parity.slug)["key_points"]
    assert ContentVersion.current() > version


def test_it_changes_nothing_when_every_row_is_edited_or_absent(question_factory):
    as_loaded(question_factory, "transformer-architecture", key_points="Edited\nText")
    version = ContentVersion.current()

    migration.correct_key_points(apps, None)

    assert Question.objects.get(slug="transformer-architecture").key_points == "Edited\nText"
    assert ContentVersion.current() == version


@pytest.mark.django_db(transaction=True)
def test_it_runs_forwards_and_backwards_as_a_migration(question_factory):
    old_points, new_points = migration.KEY_POINTS["scaled-dot-product-attention"]
    as_loaded(question_factory, "scaled-dot-product-attention")
    as_loaded(question_factory, "k-nearest-neighbors-complexity")
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE])
        assert stored_points("scaled-dot-product-attention") == list(old_points)  # held old text
        executor.loader.build_graph()
        executor.migrate([AFTER])
        assert stored_points("scaled-dot-product-attention") == list(new_points)
        assert stored_difficulty("k-nearest-neighbors-complexity") == 2

        executor.loader.build_graph()
        executor.migrate([BEFORE])
        assert stored_points("scaled-dot-product-attention") == list(old_points)
        assert stored_difficulty("k-nearest-neighbors-complexity") == 1
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
