"""The growth table: what the progress page after a rating and the data export cost as a
member's history grows from days to two years of daily practice.

    python -m tests.bench.growth --sizes 200,2000,10000,50000 --reps 15

Run in a process of its own against DATABASE_URL (``tests.bench.run`` runs it against the
benchmark's seeded database, in production mode). It adds one member per size, named
``growth-<ratings>``, with that many ratings at about 68 a day up to yesterday
(``seed_long_practice``), then measures in this one process, as a member would meet it:

- a bare signed-in page (``/accounts/profile/``), median of ``--reps``, each time just
  before the figures below, so a shared machine's drift moves both alike;
- the progress page just after a rating (the rating invalidates its cached figures), median
  of ``--reps``;
- the whole "Download my data" file, read to its end, and its first bytes (when a browser
  starts saving it), medians of ``--export-reps``;
- the peak memory (tracemalloc) of one export, and of one bare page.

Prints one JSON object: rows by size, each figure also as a ratio to the bare page's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from interviews.demo import seed_long_practice  # noqa: E402
from interviews.models import Question  # noqa: E402

HOST = "127.0.0.1"


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def peak_kb(action) -> float:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def body(response):
    """The response's body in the pieces it is sent in (one, unless streamed)."""
    return response.streaming_content if response.streaming else [response.content]


def member_with(ratings: int, question_ids: list[int]):
    users = get_user_model().objects
    users.filter(username=f"growth-{ratings}").delete()
    user = users.create_user(f"growth-{ratings}", f"growth-{ratings}@example.com")
    seed_long_practice(
        user=user, question_ids=question_ids, ratings=ratings, now=timezone.now(), seed=ratings
    )
    return user


def measure(ratings: int, question_ids: list[int], *, reps: int, export_reps: int) -> dict:
    started = time.monotonic()
    user = member_with(ratings, question_ids)
    seeded_s = time.monotonic() - started
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    profile, progress = reverse("accounts:profile"), reverse("interviews:progress")
    export = reverse("accounts:export_data")

    def bare() -> None:
        assert client.get(profile).status_code == 200

    def download() -> None:
        response = client.get(export)
        assert response.status_code == 200
        for _chunk in body(response):
            pass

    def first_bytes() -> None:
        response = client.get(export)
        next(iter(body(response)))
        response.close()

    # Each figure's repetitions interleaved with the bare page's, so a shared machine's drift
    # moves both alike; the first round only warms.
    bare_ms, rating_ms, progress_ms, export_ms, first_ms = [], [], [], [], []
    for number in range(reps + 1):
        rate = reverse("interviews:rate", args=[question_ids[number % len(question_ids)]])
        bare_ms.append(timed(bare))
        rating_ms.append(timed(lambda url=rate: client.post(url, {"rating": 3})))
        progress_ms.append(timed(lambda: client.get(progress)))
        if number <= export_reps:
            export_ms.append(timed(download))
            first_ms.append(timed(first_bytes))
    bare_ms, rating_ms, progress_ms, export_ms, first_ms = (
        values[1:] for values in (bare_ms, rating_ms, progress_ms, export_ms, first_ms)
    )
    return {
        "ratings": ratings,
        "seeded_s": round(seeded_s, 1),
        "bare_ms": statistics.median(bare_ms),
        "rating_ms": statistics.median(rating_ms),
        "progress_ms": statistics.median(progress_ms),
        "export_ms": statistics.median(export_ms),
        "first_bytes_ms": statistics.median(first_ms),
        "bare_peak_kb": peak_kb(bare),
        "export_peak_kb": peak_kb(download),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,2000,10000,50000")
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--export-reps", type=int, default=5)
    args = parser.parse_args(argv)
    question_ids = list(
        Question.objects.filter(is_published=True, owner__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not question_ids:
        print("No published questions: run manage.py load_guide first.", file=sys.stderr)
        return 2
    rows = [
        measure(int(size), question_ids, reps=args.reps, export_reps=args.export_reps)
        for size in args.sizes.split(",")
    ]
    for row in rows:
        row["progress_ratio"] = row["progress_ms"] / row["bare_ms"]
        row["export_ratio"] = row["export_ms"] / row["bare_ms"]
        row["first_bytes_ratio"] = row["first_bytes_ms"] / row["bare_ms"]
        row["memory_ratio"] = row["export_peak_kb"] / row["bare_peak_kb"]
    print(json.dumps({"questions": len(question_ids), "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
