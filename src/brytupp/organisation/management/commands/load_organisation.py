"""``brytupp load_organisation [FILE]``: load a municipality's organisation (default Stockholm)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from brytupp.organisation.services import STOCKHOLM, organisation_load


class Command(BaseCommand):
    help = (
        "Load or update the organisation (districts, units, partners, legal grounds, "
        "delegations) from a configuration file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(STOCKHOLM), help="JSON configuration")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            configuration = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path.name}: {error}") from error
        counts = organisation_load(configuration=configuration)
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded {districts} districts, {units} units and {partners} partners; "
                "legal grounds: {legal_grounds}, delegation lines: {delegations}.".format(**counts)
            )
        )
