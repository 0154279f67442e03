"""Issue 26, item 7: a database fault anywhere in a request is a 503 with Retry-After.

The fault here is real: another connection holds a lock on the table the request must
read (SQLite's shared in-memory test database refuses the read at once; PostgreSQL waits
for its lock timeout, then cancels it), as during a restart or a stalled write.
"""

import threading
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.sitewide.models import ContentVersion

# A write in an open transaction: SQLite's shared cache then refuses readers of the table.
TOUCH = {
    Session._meta.db_table: "UPDATE {} SET expire_date = expire_date",
    ContentVersion._meta.db_table: "UPDATE {} SET version = version",
}


def hold_a_lock_on(table: str, locked: threading.Event, release: threading.Event) -> None:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
            else:
                cursor.execute(TOUCH[table].format(table))
            locked.set()
            release.wait(30)
    finally:
        connection.close()


@pytest.fixture
def lock_table(transactional_db):
    held = []

    def lock(table: str) -> None:
        locked, release = threading.Event(), threading.Event()
        writer = threading.Thread(target=hold_a_lock_on, args=(table, locked, release))
        writer.start()
        assert locked.wait(10)
        held.append((writer, release))

    yield lock
    for writer, release in held:
        release.set()
        writer.join()


@pytest.fixture
def signed_in(alice, password):
    client = Client(raise_request_exception=False)
    assert (
        client.post(reverse("login"), {"username": "alice", "password": password}).status_code
        == 302
    )
    return client


def assert_busy(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "was not saved" in response.content.decode()


def test_a_visitor_page_answers_503_when_the_content_version_cannot_be_read(lock_table):
    ContentVersion.bump()
    lock_table(ContentVersion._meta.db_table)
    visitor = Client(raise_request_exception=False)

    assert_busy(visitor.get(reverse("careers:role_list")))


def test_a_signed_in_page_answers_503_reading_the_session_once(signed_in, lock_table):
    lock_table(Session._meta.db_table)

    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(reverse("interviews:bank"))
    waited = time.monotonic() - started

    assert_busy(response)
    # The 503 leaves without a second look at the session on the way out.
    session_reads = [q for q in queries.captured_queries if "django_session" in q["sql"]]
    assert len(session_reads) == 1
    assert waited < settings.DATABASE_LOCK_WAIT_SECONDS + 2


def test_healthz_answers_at_once_without_the_database(signed_in, lock_table):
    lock_table(Session._meta.db_table)

    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert len(queries) == 0
    assert time.monotonic() - started < 1


@pytest.mark.urls("tests.fault_urls")
def test_any_other_error_is_still_the_500_page(db):
    response = Client(raise_request_exception=False).get("/with-a-bug/")

    assert response.status_code == 500
    assert "may not have been saved" in response.content.decode()
    assert "Retry-After" not in response
