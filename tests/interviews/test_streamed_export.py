"""Issue 24, item 2: "Download my data" is streamed, in the same memory whatever the history."""

import json
import tracemalloc

from django.urls import reverse
from django.utils import timezone

from config.sitewide import keyset
from interviews.demo import seed_long_practice
from interviews.models import Category, ReviewLog

EXPORT = reverse("accounts:export_data")


def peak_bytes_to_download(client) -> tuple[int, int]:
    """Peak memory traced while the file is written and read, and how many ratings it held."""
    tracemalloc.start()
    try:
        response = client.get(EXPORT)
        assert response.streaming
        total = 0
        for chunk in response.streaming_content:
            total += len(chunk)  # each chunk dropped once read, as a browser saving it would
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    data = json.loads(b"".join(client.get(EXPORT).streaming_content))
    assert len(b"".join(client.get(EXPORT).streaming_content)) == total
    return peak, len(data["interviews"]["review_logs"])


def test_the_export_takes_the_same_memory_for_years_of_practice_as_for_days(
    client, user_factory, question_factory
):
    ids = [question_factory(category=Category.values[n % 9]).pk for n in range(30)]
    now = timezone.now()
    days, years = user_factory(username="days"), user_factory(username="years")
    seed_long_practice(user=days, question_ids=ids, ratings=2_000, now=now, seed=1)
    seed_long_practice(user=years, question_ids=ids, ratings=12_000, now=now, seed=1)

    client.force_login(days)
    small, small_count = peak_bytes_to_download(client)
    client.force_login(years)
    large, large_count = peak_bytes_to_download(client)

    assert (small_count, large_count) == (2_000, 12_000)
    # Six times the history, well under twice the memory (a file built whole takes six times).
    assert large < 1.5 * small, (small, large)


def test_the_file_says_what_each_section_holds(alice_client, download_my_data):
    data = download_my_data(alice_client)

    about = data["about"]
    assert set(data) - {"exported_at", "about"} == set(about)
    assert "ratings" in about["interviews"]
    assert all(about.values())


def test_the_file_is_written_in_pieces_as_it_is_read(client, user_factory, question_factory):
    member = user_factory(username="steady")
    ids = [question_factory().pk for _ in range(10)]
    seed_long_practice(user=member, question_ids=ids, ratings=3_000, now=timezone.now(), seed=2)
    client.force_login(member)

    chunks = list(client.get(EXPORT).streaming_content)

    assert len(chunks) > 5
    assert max(len(chunk) for chunk in chunks) < 80 * 1024


def test_ratings_at_the_same_moment_across_pages_are_each_written_once_in_order(
    client, user_factory, question_factory, monkeypatch
):
    member = user_factory(username="ties")
    ids = [question_factory().pk for _ in range(6)]
    seed_long_practice(user=member, question_ids=ids, ratings=40, now=timezone.now(), seed=3)
    # Ratings in groups of five at one moment, so pages of seven end inside a group.
    logs = list(ReviewLog.objects.for_user(member).order_by("pk"))
    for number, log in enumerate(logs):
        log.rated_at = logs[number - number % 5].rated_at
    ReviewLog.objects.bulk_update(logs, ["rated_at"])
    monkeypatch.setattr(keyset, "PAGE_ROWS", 7)
    client.force_login(member)

    data = json.loads(b"".join(client.get(EXPORT).streaming_content))

    written = [(row["rated_at"], row["interval_days"]) for row in data["interviews"]["review_logs"]]
    expected = [
        (log.rated_at.isoformat(), log.interval_days)
        for log in ReviewLog.objects.for_user(member).order_by("rated_at", "pk")
    ]
    assert len(written) == 40
    assert written == expected
