"""``brytupp set_staff_identity USER``: record a staff member's own identity number (as a keyed
digest only), for the log-review flags "own record" and "colleague's record".

The number is read from standard input, never from the command line, so it stays out of the
shell's history and the process list."""

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from brytupp.organisation.models import User
from brytupp.organisation.services import user_identity_number_set


class Command(BaseCommand):
    help = "Record a user's own identity number (read from standard input) as a keyed digest."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--clear", action="store_true", help="forget the user's number")

    def handle(self, *args, username, clear, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        number = "" if clear else self._read_number()
        if not clear and not number:
            raise CommandError("No identity number given.")
        try:
            user_identity_number_set(user=user, identity_number=number)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        done = "forgotten" if clear else "recorded"
        self.stdout.write(self.style.SUCCESS(f"{username}: identity number {done}."))

    def _read_number(self) -> str:
        if sys.stdin.isatty():
            return getpass.getpass("Identity number (not shown): ").strip()
        return sys.stdin.readline().strip()
