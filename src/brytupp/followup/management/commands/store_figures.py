"""``brytupp store_figures``: compute and store the effect-goal figures of closed periods."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from brytupp.followup.forms import FIRST_YEAR
from brytupp.followup.stored import figures_store


class Command(BaseCommand):
    help = (
        "Store the effect-goal figures of every closed year, and of this year's period up to "
        "today in the years before (the effect-goal page's trend), that are not stored yet; "
        "drop stored periods no page asks for any more. Run it after an import and each night "
        "(docs/operations.md)."
    )
    requires_system_checks = []  # reads and writes the figures only, as ``brytupp report``

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            type=int,
            default=FIRST_YEAR,
            metavar="YEAR",
            help=f"the first year to store (default {FIRST_YEAR})",
        )

    def handle(self, *args, since, **options):
        today = timezone.localdate()
        if not FIRST_YEAR <= since <= today.year:
            raise CommandError(f"--since {since}: give a year from {FIRST_YEAR} to {today.year}")
        computed, stored, dropped = figures_store(today, since)
        self.stdout.write(
            f"{computed} figures computed, {stored} stored in all, {dropped} of other periods "
            "dropped."
        )
