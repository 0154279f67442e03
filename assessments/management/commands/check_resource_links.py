"""Checks learning resources and certification pages, stores each resource's result for the
admin's freshness dashboard, and reports the addresses that no longer answer. Run from cron."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments.links import check_urls, store_link_results
from assessments.models import Certification, LearningResource


class Command(BaseCommand):
    help = (
        "Fetches every learning resource's address and every certification's official page, "
        "stores each resource's result (shown in the admin) and lists the dead ones. Needs a "
        "network; says so, rather than failing every link, when there is none."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--timeout", type=float, default=15.0, help="Seconds per address.")

    def handle(self, *args, timeout: float, **options) -> None:
        where: dict[str, list[str]] = {}
        for slug, url in LearningResource.objects.values_list("slug", "url"):
            where.setdefault(url, []).append(f"resource {slug}")
        for slug, url in Certification.objects.exclude(official_url="").values_list(
            "slug", "official_url"
        ):
            where.setdefault(url, []).append(f"certification {slug}")
        results = check_urls(where, timeout=timeout)
        if results and all(result.unreachable for result in results):
            raise CommandError(
                f"No address answered ({results[0].error}): this machine seems to have no "
                "network, so nothing was checked."
            )
        store_link_results(results, checked_at=timezone.now())
        dead = [result for result in results if not result.ok]
        for result in dead:
            answer = result.status if result.status is not None else "no answer"
            self.stdout.write(
                f"DEAD {result.url} ({answer}: {result.error}) · {', '.join(where[result.url])}"
            )
        self.stdout.write(f"{len(results) - len(dead)} of {len(results)} addresses answered.")
        if dead:
            raise CommandError(f"{len(dead)} dead address(es): fix them in the admin.")
