"""A full-text index for bank searches on PostgreSQL (interviews/search.py, SEARCH_VECTOR).

Other databases have no such index, so it is added only on PostgreSQL; the expression is
the search's own, so the planner can use it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(
    SearchVector("prompt", weight="A", config="english")
    + SearchVector("key_points", weight="B", config="english")
    + SearchVector("follow_ups", weight="C", config="english"),
    name="question_search",
)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("interviews", "Question"), INDEX)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("interviews", "Question"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("interviews", "0002_practice_like_an_interview")]

    operations = [migrations.RunPython(add_index, remove_index)]
