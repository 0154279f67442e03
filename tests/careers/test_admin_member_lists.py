"""Issue 24, item 3: the member and sign-in lists read a page's worth, whatever the members."""

import pytest
from axes.models import AccessLog
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

MEMBERS = reverse("admin:auth_user_changelist")
SIGN_INS = reverse("admin:axes_accesslog_changelist")


def list_queries(client, url: str, **params) -> tuple[list[str], str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return [entry["sql"] for entry in captured.captured_queries], response.content.decode()


def add_members(count: int, prefix: str = "member") -> None:
    """Members, each signed in once."""
    names = [f"{prefix}{n:05}" for n in range(count)]
    get_user_model().objects.bulk_create(
        get_user_model()(username=name, email=f"{name}@example.com") for name in names
    )
    AccessLog.objects.bulk_create(
        AccessLog(username=name, user_agent="Firefox", attempt_time=timezone.now())
        for name in names
    )


@pytest.mark.parametrize("url", [MEMBERS, SIGN_INS])
def test_a_list_costs_the_same_queries_for_many_members(admin_client, url):
    add_members(3)
    few, _ = list_queries(admin_client, url)
    add_members(300, prefix="later")

    many, _ = list_queries(admin_client, url)

    assert len(many) == len(few)
    assert sum(sql.startswith("SELECT COUNT(*)") for sql in many) == 1
    assert not any("DISTINCT" in sql or "JOIN" in sql for sql in many)


@pytest.mark.parametrize("url", [MEMBERS, SIGN_INS])
def test_search_matches_the_start_of_the_username_only(admin_client, url):
    add_members(30)

    queries, content = list_queries(admin_client, url, q="member0001")

    assert "member00012" in content
    assert "member00021" not in content
    (search,) = [sql for sql in queries if "LIKE" in sql and "COUNT" not in sql]
    # A prefix match on one indexed column (no UPPER(), no leading wildcard, no OR).
    assert "UPPER(" not in search and "LIKE '%" not in search and " OR " not in search
