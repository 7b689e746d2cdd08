"""``brytupp export FILE [--district CODE] [--user USERNAME]``: interchange format v1."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError

from brytupp.interchange.export import interchange_export
from brytupp.organisation.models import District, User


class Command(BaseCommand):
    help = "Export the records in interchange format v1 (JSON Lines), all or one district's."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to write ('-' for standard output)")
        parser.add_argument("--district", help="only this district's cases (a district code)")
        parser.add_argument("--user", help="The username of who runs the export (access log).")

    def handle(self, *args, file, district, user, **options):
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No user {user!r}.")
        scope = None
        if district:
            scope = District.objects.filter(code=district).first()
            if scope is None:
                raise CommandError(f"No district with code {district!r}.")
        if file == "-":
            result = interchange_export(out=self.stdout, actor=actor, district=scope)
        else:
            if os.path.exists(file):
                raise CommandError(f"{file!r} exists already: name a new file.")
            with open(file, "x", encoding="utf-8") as out:
                result = interchange_export(out=out, actor=actor, district=scope)
            summary = ", ".join(f"{n} {type_}" for type_, n in result.counts.items())
            self.stderr.write(f"Exported to {file}: {summary or 'nothing'}.")
