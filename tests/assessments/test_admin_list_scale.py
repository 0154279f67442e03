"""Issue 24, item 3: the assessments list reads a page's worth, however many members there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Assessment
from config.sitewide.admin_lists import ESTIMATE_FROM_ROWS

URL = reverse("admin:assessments_assessment_changelist")


def list_queries(client, query: str = "") -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return [entry["sql"] for entry in captured.captured_queries]


def test_the_assessments_list_costs_the_same_queries_for_many_members(
    admin_client, alice, take_assessment
):
    take_assessment(alice)
    few = list_queries(admin_client)
    Assessment.objects.bulk_create(Assessment() for _ in range(250))

    many = list_queries(admin_client)

    assert len(many) == len(few)
    # One count, of the filtered rows only; no distinct days; answers never joined whole.
    assert sum(sql.startswith("SELECT COUNT(*)") for sql in many) == 1
    assert not any("DISTINCT" in sql for sql in many)
    assert not any('JOIN "assessments_answer"' in sql for sql in many)


def test_it_filters_by_date_range_and_still_counts_each_rows_answers(
    admin_client, alice, take_assessment
):
    answered = take_assessment(alice).answers.count()
    assert answered > 1

    content = admin_client.get(
        URL, {"created_at__gte": "2000-01-01 00:00:00+00:00"}
    ).content.decode()

    assert f'<td class="field-answer_count">{answered}</td>' in content
    assert "Past 7 days" in content
    assert "Not empty" in content


def test_its_filters_and_order_use_indexed_columns():
    indexed = {tuple(index.fields) for index in Assessment._meta.indexes}
    assert ("-created_at", "-id") in indexed
    assert ("completed_at",) in indexed


@pytest.mark.skipif(connection.vendor != "postgresql", reason="estimates are PostgreSQL's")
def test_a_whole_large_table_is_counted_from_statistics_and_a_filtered_one_exactly(
    admin_client,
):
    Assessment.objects.bulk_create((Assessment() for _ in range(ESTIMATE_FROM_ROWS)), 5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE assessments_assessment")

    whole = list_queries(admin_client)
    unfinished = list_queries(admin_client, "completed_at__isempty=1")

    assert not any(sql.startswith("SELECT COUNT(*)") for sql in whole)
    assert sum(sql.startswith("SELECT COUNT(*)") for sql in unfinished) == 1
