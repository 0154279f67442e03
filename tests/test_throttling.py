"""Issue 26 item 6, issue 24 item 4: sign-up and reset limits count once for every process."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.utils import timezone

from config.sitewide.models import ThrottleCount
from config.sitewide.throttling import allow
from tests.e2e.live_site import LiveSite

# One group, so xdist (which hands out its largest groups first) starts the module early: the
# three-process test is the slowest of the small ones (a database migrated in a subprocess,
# then three Django start-ups), and last in a run it kept the other worker idle for 12 s.
pytestmark = pytest.mark.xdist_group("throttling")

HOUR = 60 * 60


def test_it_allows_up_to_the_limit_then_refuses(db):
    answers = [allow("signup", "203.0.113.7", limit=3, seconds=HOUR) for _ in range(5)]
    assert answers == [True, True, True, False, False]


def test_it_counts_each_scope_and_key_apart(db):
    for _ in range(2):
        assert allow("signup", "203.0.113.7", limit=2, seconds=HOUR)
    assert not allow("signup", "203.0.113.7", limit=2, seconds=HOUR)
    assert allow("signup", "198.51.100.9", limit=2, seconds=HOUR)
    assert allow("reset", "203.0.113.7", limit=2, seconds=HOUR)


def test_it_starts_a_new_window_once_the_last_one_is_over(db):
    for _ in range(3):
        allow("reset-email", "alice@example.com", limit=2, seconds=HOUR)
    ThrottleCount.objects.update(window_ends_at=timezone.now() - timedelta(seconds=1))
    assert allow("reset-email", "alice@example.com", limit=2, seconds=HOUR)
    (counter,) = ThrottleCount.objects.all()
    assert counter.count == 1
    assert counter.window_ends_at > timezone.now() + timedelta(minutes=59)


def test_it_keeps_no_address_or_email_in_the_clear(db):
    allow("signup-email", "alice@example.com", limit=3, seconds=HOUR)
    (counter,) = ThrottleCount.objects.values_list("scope", "digest")
    assert counter[0] == "signup-email"
    assert "alice" not in counter[1]
    assert len(counter[1]) == 64


def test_it_stops_counting_once_over_the_limit(db):
    for _ in range(50):
        allow("signup", "203.0.113.7", limit=3, seconds=HOUR)
    assert ThrottleCount.objects.get().count == 4


# Each process waits for the same moment, then asks as fast as it can.
_ASK = """\
import time
from config.sitewide.throttling import allow
time.sleep(max(0, data["start_at"] - time.time()))
result = sum(
    allow("signup", "203.0.113.7", limit=data["limit"], seconds=3600)
    for _ in range(data["tries"])
)
"""


@pytest.fixture
def site_database(tmp_path):
    """A migrated database of its own (SQLite file or a new PostgreSQL database), no server."""
    site = LiveSite.create(label="throttle", workdir=tmp_path)
    try:
        site.manage("migrate", "--noinput")
        yield site
    finally:
        site.close()


def test_it_shares_one_limit_between_processes(site_database):
    """Three processes ask 20 times each, together: 25 allowed in all, not 25 per process."""
    start_at = time.time() + 4  # after each process has set Django up
    with ThreadPoolExecutor(max_workers=3) as pool:
        allowed = list(
            pool.map(
                lambda _: site_database.run_django(_ASK, start_at=start_at, limit=25, tries=20),
                range(3),
            )
        )
    assert sum(allowed) == 25, allowed
