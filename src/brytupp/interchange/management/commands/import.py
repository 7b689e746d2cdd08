"""``brytupp import FILE [--dry-run] [--initial] [--user USERNAME] [--lower-protection]``."""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from brytupp.interchange.initial import InitialRefused
from brytupp.interchange.services import ImportBusy, interchange_import
from brytupp.organisation.models import User


class Command(BaseCommand):
    help = "Import a file in interchange format v1 (JSON Lines): all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument(
            "--initial",
            action="store_true",
            help="The database holds no records yet (a first migration): build the tables' "
            "secondary indexes and foreign keys after loading, in the same transaction. "
            "Refused if any record exists; runs as the schema's owner and locks the tables.",
        )
        parser.add_argument("--user", help="The username of who runs the import (access log).")
        parser.add_argument(
            "--lower-protection",
            action="store_true",
            help="Let lines saying protected_identity false lower a person's protected "
            "identity (needs --user; each lowering is logged).",
        )

    def handle(self, *args, file, dry_run, initial, user, lower_protection, **options):
        if lower_protection and not user:
            raise CommandError("--lower-protection needs --user: the access log names who lowers.")
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No user {user!r}.")
        if not os.path.isfile(file):
            raise CommandError(f"No file {file!r}.")
        bar = _Progress(os.path.getsize(file)) if sys.stderr.isatty() else None
        try:
            result = interchange_import(
                path=file,
                dry_run=dry_run,
                actor=actor,
                lower_protection=lower_protection,
                initial=initial,
                progress=bar.advance if bar else None,
            )
        except (ImportBusy, InitialRefused) as refused:
            if bar:
                bar.close()
            raise CommandError(str(refused)) from None
        if bar:
            bar.close()
        if not result.ok:
            for line in result.problem_lines():
                self.stderr.write(line)
            raise CommandError(f"{result.problem_count} problem(s): nothing imported.")
        heading = "Checked (dry run, nothing written)" if dry_run else "Imported"
        self.stdout.write(f"{heading}: {result.records} records from {result.lines} lines.")
        self.stdout.write(f"{'type':<16}{'created':>10}{'updated':>10}")
        for type_, counts in result.counts().items():
            if counts["created"] or counts["updated"]:
                self.stdout.write(f"{type_:<16}{counts['created']:>10}{counts['updated']:>10}")


class _Progress:
    """A progress bar on standard error, drawn only when it is a terminal."""

    def __init__(self, total: int):
        self.total, self.done, self.shown = max(total, 1), 0, -1

    def advance(self, size: int) -> None:
        self.done += size
        percent = self.done * 100 // self.total
        if percent != self.shown:
            self.shown = percent
            filled = percent // 2
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (50 - filled)}] {percent:3d} %")
            sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
