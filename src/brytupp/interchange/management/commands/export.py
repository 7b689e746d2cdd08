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
            with _private(file) as out:
                result = interchange_export(out=out, actor=actor, district=scope)
            summary = ", ".join(f"{n} {type_}" for type_, n in result.counts.items())
            self.stderr.write(f"Exported to {file}: {summary or 'nothing'}.")


def _private(file: str):
    """A new file only its owner may read or write (0600): it holds personal data. An
    existing file is refused rather than truncated: its mode, owner or hard links may let
    others read it, and an export must not overwrite what someone meant to keep."""
    try:
        descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CommandError(f"{file!r} exists already: name a new file.") from None
    os.fchmod(descriptor, 0o600)  # whatever the umask
    return os.fdopen(descriptor, "w", encoding="utf-8")
