"""Drop the PostgreSQL full-text index of migration 0003: the bank search now matches in
Python on every database (interviews/search.py), so SQLite and PostgreSQL give the same
results, and the index only cost writes."""

from importlib import import_module

from django.db import migrations


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS question_search")


def restore_index(apps, schema_editor):
    import_module("interviews.migrations.0003_question_search_index").add_index(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [("interviews", "0008_key_point_evidence")]

    operations = [migrations.RunPython(drop_index, restore_index)]
