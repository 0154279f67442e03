"""Load the guide's content into the database; safe to run again and again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from config.sitewide import registry
from config.sitewide.caching import one_content_version_bump
from config.sitewide.loading import LoadReport


class Command(BaseCommand):
    help = (
        "Create the guide's content that is missing (matched by slug) and bring the rest up "
        "to date with the data files field by field, keeping staff edits. With --reset, "
        "restore every item to the data files' values."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Overwrite staff edits with the guide's values."
        )

    def handle(self, *args, reset: bool = False, **options) -> None:
        report = LoadReport()
        with transaction.atomic(), one_content_version_bump():
            for name, loader in registry.guide_loaders:
                counts = loader(reset=reset, report=report)
                summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
                self.stdout.write(f"{name}: {summary or 'nothing to load'}")
        for line in report.changed:
            self.stdout.write(f"changed: {line}")
        for line in report.conflicts:
            self.stdout.write(self.style.WARNING(f"kept, not applied: {line}"))
        self.stdout.write(self.style.SUCCESS("Guide content is loaded."))
