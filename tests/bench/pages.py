"""Admin lists and member pages at the database's current size, each as a ratio to a bare page.

    python -m tests.bench.pages --reps 9       # against DATABASE_URL, after seed_demo

Run in a process of its own (as ``tests.bench.growth``), once on a database of 2,000 members
and once after ``tests.bench.members`` has made it 200,000: a page whose ratio moves between
the two grows with the table. Measured in this one process with Django's test client, each
page's repetitions interleaved with a bare signed-in page (``/accounts/profile/``) so a
shared machine's drift moves both alike; the first round only warms. Pages:

- every admin change list, plain, and searched where it has a search box, as a superuser;
- a member's pages (home, bank, a question, practice, progress, mocks, applications, the
  latest assessment's result) for a typical member and for the member with the most ratings.

Prints one JSON object: rows of page → median ms, and ratio to the bare page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.apps import apps  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Count, OuterRef, Subquery  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from assessments.models import Assessment  # noqa: E402
from interviews.models import Question, ReviewLog  # noqa: E402

HOST = "127.0.0.1"
BENCH_ADMIN = "bench-admin"


def timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def admin_pages() -> list[str]:
    urls = []
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        urls.append(url)
        if admin.site.get_model_admin(model).search_fields:
            urls.append(url + "?q=demo1-0001")
    return urls


def member_pages(user) -> list[str]:
    question = Question.objects.published().order_by("pk").first()
    urls = [
        reverse("careers:home"),
        reverse("interviews:bank"),
        reverse("interviews:bank") + "?status=due",
        reverse("interviews:question", args=[question.pk]),
        reverse("interviews:practice"),
        reverse("interviews:progress"),
        reverse("interviews:mock"),
        reverse("applications:board"),
    ]
    latest = Assessment.objects.for_user(user).filter(completed_at__isnull=False).last()
    if latest:
        urls.append(reverse("assessments:result", args=[latest.pk]))
    return urls


def measure(client: Client, bare: str, urls: list[str], reps: int, label: str) -> list[dict]:
    rows = []
    for url in urls:
        bare_ms, page_ms = [], []
        client.get(url)  # warms
        for _ in range(reps):
            bare_ms.append(timed(client, bare))
            page_ms.append(timed(client, url))
        rows.append(
            {
                "who": label,
                "page": url,
                "ms": statistics.median(page_ms),
                "bare_ms": statistics.median(bare_ms),
                "ratio": statistics.median(page_ms) / statistics.median(bare_ms),
            }
        )
        print(f"  {label} {url}: {rows[-1]['ratio']:.2f}×", file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--only", choices=["admin", "members"], help="one half only")
    args = parser.parse_args(argv)
    users = get_user_model().objects
    superuser = users.filter(username=BENCH_ADMIN).first() or users.create_superuser(
        BENCH_ADMIN, f"{BENCH_ADMIN}@example.com"
    )
    bare = reverse("accounts:profile")
    rows = []
    if args.only != "members":
        client = Client(HTTP_HOST=HOST)
        client.force_login(superuser)
        rows += measure(client, bare, admin_pages(), args.reps, "admin")
    if args.only != "admin":
        # Found without counting every member's ratings (at 200,000 that one query is slow).
        practised = ReviewLog.objects.values("user").annotate(ratings=Count("pk"))
        first = practised.filter(user__in=users.filter(is_staff=False).order_by("pk")[:50])
        typical = users.get(pk=min(r["user"] for r in first if r["ratings"] <= 1000))
        logs_per_user = ReviewLog.objects.filter(user=OuterRef("pk")).values("user")
        longest = (
            users.filter(interview_practice_summary__isnull=False)
            .annotate(ratings=Subquery(logs_per_user.annotate(n=Count("pk")).values("n")))
            .order_by("-ratings", "pk")
            .first()
        )
        for label, user in (("member", typical), ("long-term member", longest)):
            client = Client(HTTP_HOST=HOST)
            client.force_login(user)
            rows += measure(client, bare, member_pages(user), args.reps, label)
    print(json.dumps({"members": users.count(), "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
