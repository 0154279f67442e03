"""Load the guide's content into the database; safe to run again and again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from careers import registry
from config.sitewide.caching import bump_content_version


class Command(BaseCommand):
    help = (
        "Create the guide's content that is missing (matched by slug), leaving staff edits "
        "alone. With --reset, restore every item to the guide's values."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Overwrite staff edits with the guide's values."
        )

    def handle(self, *args, reset: bool = False, **options) -> None:
        with transaction.atomic():
            for name, loader in registry.guide_loaders:
                counts = loader(reset=reset)
                summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
                self.stdout.write(f"{name}: {summary or 'nothing to load'}")
            bump_content_version()
        self.stdout.write(self.style.SUCCESS("Guide content is loaded."))
