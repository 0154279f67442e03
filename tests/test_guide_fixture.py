"""The `guide` fixture's copy of the guide stays right after a test that commits.

Such a test ends by flushing the database, and Django then makes the content types again
under new ids; the loader's memory (LoadedValue) points at them. Run in this order, on one
worker: the second test inserted ids from before the flush until the fixture followed them.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from config.sitewide.models import LoadedValue

pytestmark = pytest.mark.xdist_group("guide-fixture")


def content_types_remembered() -> set[str]:
    ids = set(LoadedValue.objects.values_list("content_type_id", flat=True))
    found = ContentType.objects.filter(pk__in=ids)
    assert found.count() == len(ids), "the loader's memory points at content types that are gone"
    return {content_type.model for content_type in found}


def test_a_test_that_commits_reads_the_guide(transactional_db, guide):
    assert {"role", "transitionpath", "question"} <= content_types_remembered()


def test_the_next_one_reads_it_pointing_at_the_content_types_made_after_the_flush(
    transactional_db, guide
):
    assert {"role", "transitionpath", "question"} <= content_types_remembered()
    connection.check_constraints()
