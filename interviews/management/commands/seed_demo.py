"""Create demo users with profiles, assessments and practice history."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from careers.models import Role
from interviews.demo import DEMO_PASSWORD, demo_username, give_two_years_of_practice, seed_demo


class Command(BaseCommand):
    help = (
        "Create N demo users with profiles, completed and unfinished assessments, card "
        "states and review logs over the last 60 days. Deterministic for a given --seed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--users", type=int, default=100, help="How many users (default 100).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--long-members",
            type=int,
            default=0,
            help="How many of the users practised daily for two years (50,000 ratings each).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Allow running in production mode."
        )

    def handle(
        self,
        *args,
        users: int,
        seed: int,
        batch_size: int,
        force: bool,
        long_members: int,
        **options,
    ):
        if settings.PRODUCTION_MODE and not force:
            raise CommandError(
                "seed_demo adds fake users. In production mode (DJANGO_DEBUG=0) it runs only "
                "with --force."
            )
        if users < 1 or batch_size < 1:
            raise CommandError("--users and --batch-size must be at least 1.")
        if not 0 <= long_members <= users:
            raise CommandError("--long-members must be between 0 and --users.")
        if not Role.objects.exists():
            call_command("load_guide", stdout=self.stdout)
        started = time.monotonic()
        now = timezone.now()
        counts = seed_demo(users=users, seed=seed, now=now, batch_size=batch_size)
        long_ratings = give_two_years_of_practice(seed=seed, members=long_members, now=now)
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Created {counts.users} users, {counts.assessments} assessments "
            f"({counts.answers} answers), {counts.card_states} card states, "
            f"{counts.review_logs} review logs, {counts.notes} notes, {counts.bookmarks} "
            f"bookmarks in {elapsed:.1f} s; {counts.skipped_existing} existed already."
        )
        if long_members:
            self.stdout.write(
                f"The first {long_members} practised daily for two years: {long_ratings} ratings."
            )
        self.stdout.write(
            f"Log in as {demo_username(seed, 1)} … {demo_username(seed, users)} "
            f"with the password {DEMO_PASSWORD!r}."
        )
