"""Issue 10, items 6-7: a write the database cannot take ends fast with 503, and recovers."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse

from interviews.models import Bookmark


def hold_the_write_lock(locked: threading.Event, release: threading.Event) -> None:
    """Another writer, stalled inside its transaction (as a slow or stuck request would be)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # SQLite's IMMEDIATE transactions take the write lock at BEGIN.
            if connection.vendor == "postgresql":
                cursor.execute(f"LOCK TABLE {Bookmark._meta.db_table} IN EXCLUSIVE MODE")
            locked.set()
            release.wait(30)
    finally:
        connection.close()


@pytest.fixture
def stalled_writer(transactional_db):
    locked, release = threading.Event(), threading.Event()
    writer = threading.Thread(target=hold_the_write_lock, args=(locked, release))
    writer.start()
    assert locked.wait(10)
    yield
    release.set()
    writer.join()


def test_a_write_blocked_by_a_stalled_one_ends_with_503_and_retry_after(
    alice_client, question, stalled_writer
):
    started = time.monotonic()
    response = alice_client.post(
        reverse("interviews:bookmark", args=[question.pk]), {"bookmarked": "1"}
    )
    waited = time.monotonic() - started

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "was not saved" in response.content.decode()
    assert waited < settings.DATABASE_LOCK_WAIT_SECONDS + 2
    # Pages that need no write keep answering meanwhile.
    assert alice_client.get("/healthz").status_code == 200


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="PostgreSQL read-only connections (a standby, default_transaction_read_only)",
)
def test_writes_recover_at_once_after_a_read_only_episode(alice_client, question, transactional_db):
    # A pooled connection opened while the database was read-only stays read-only.
    with connection.cursor() as cursor:
        cursor.execute("SET SESSION default_transaction_read_only = on")
    url = reverse("interviews:bookmark", args=[question.pk])

    refused = alice_client.post(url, {"bookmarked": "1"})
    retried = alice_client.post(url, {"bookmarked": "1"})

    assert refused.status_code == 503
    assert retried.status_code == 302
    assert Bookmark.objects.filter(question=question).exists()
