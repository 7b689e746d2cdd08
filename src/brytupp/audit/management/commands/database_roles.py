"""``brytupp database_roles``: create or update the owner and the runtime database roles.

Run as a superuser (``DATABASE_ADMIN_URL``, see cli.py) once before the first ``migrate`` and
again after every ``migrate``: idempotent. Passwords are not handled here: set them with
``\\password`` in psql, or use certificate or peer authentication (docs/operations.md).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction

from brytupp.dbroles import RoleSetupError, database_roles_ensure


class Command(BaseCommand):
    help = "Create or update the database's owner role and the application's runtime role."

    def add_arguments(self, parser):
        parser.add_argument("--owner", default="brytupp_owner", help="the role that migrates")
        parser.add_argument("--runtime", default="brytupp_app", help="the application's role")

    def handle(self, *args, owner, runtime, **options):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                done = database_roles_ensure(cursor, owner=owner, runtime=runtime)
        except RoleSetupError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(
                f"Could not set up the roles ({error.__class__.__name__}): run this as a "
                "superuser, with DATABASE_ADMIN_URL (docs/operations.md)."
            ) from None
        for line in done:
            self.stdout.write(line)
        self.stdout.write(f"Roles ready: {owner} owns the schema, {runtime} is the application's.")
