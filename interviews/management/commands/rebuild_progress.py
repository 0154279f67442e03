"""Rebuild every member's kept progress figures from their review logs and fresh cycles."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from interviews.models import ReviewLog
from interviews.progress import rebuild_summary


class Command(BaseCommand):
    help = (
        "Recompute the kept progress figures (practice days, streaks) from the review logs, "
        "for every member who has practised or for the named ones. Safe to run at any time: "
        "each member is rebuilt under the same lock a rating takes."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("usernames", nargs="*", help="Only these members (default: all).")

    def handle(self, *args, usernames: list[str], **options) -> None:
        users = get_user_model().objects.order_by("pk")
        if usernames:
            users = users.filter(username__in=usernames)
            missing = set(usernames) - set(users.values_list("username", flat=True))
            if missing:
                raise CommandError(f"No such member: {', '.join(sorted(missing))}")
        else:
            users = users.filter(pk__in=ReviewLog.objects.values("user_id"))
        rebuilt = 0
        for user in users.iterator(chunk_size=500):
            rebuild_summary(user=user)
            rebuilt += 1
        self.stdout.write(f"Rebuilt the progress figures of {rebuilt} members.")
