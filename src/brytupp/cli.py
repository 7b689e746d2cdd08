"""The ``brytupp`` console command: Bryt upp's own commands and every Django command.

``brytupp demo`` runs with the demo settings; every other command with the production
settings unless ``DJANGO_SETTINGS_MODULE`` says otherwise. Without ``DATABASE_URL`` an
embedded PostgreSQL is started first and stopped when the command ends.

``DATABASE_URL`` is the application's runtime role, which owns nothing and may only read and
append to the access log. The commands that change the schema run as its owner: with
``DATABASE_OWNER_URL`` set, it replaces ``DATABASE_URL`` for them before Django starts; and
``database_roles``, which creates the roles, runs as ``DATABASE_ADMIN_URL`` (a superuser).
Unset, ``DATABASE_URL`` serves every command, as with one role (docs/decisions/0019).
"""

from __future__ import annotations

import os
import signal
import sys

NO_DATABASE = {"help", "--help", "-h", "version", "--version", "makemessages", "compilemessages"}
OWNER_COMMANDS = {"migrate", "createcachetable", "flush", "sqlflush"}
OWNER_SUBCOMMANDS = {("audit", "partitions"), ("demo", "--schema-only"), ("import", "--initial")}
ADMIN_COMMANDS = {"database_roles"}


def database_url_variable(argv: list[str]) -> str:
    """Which environment variable holds the connection for this command line."""
    command = argv[1] if len(argv) > 1 else "help"
    if command in ADMIN_COMMANDS:
        return "DATABASE_ADMIN_URL"
    if command in OWNER_COMMANDS or any(
        command == name and option in argv[2:] for name, option in OWNER_SUBCOMMANDS
    ):
        return "DATABASE_OWNER_URL"
    return "DATABASE_URL"


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "brytupp"
    command = argv[1] if len(argv) > 1 else "help"
    default_settings = (
        "brytupp.settings.demo" if command == "demo" else "brytupp.settings.production"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    # A service manager stops us with SIGTERM: exit normally so that the embedded
    # PostgreSQL is stopped by its exit handler rather than left running.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if command not in NO_DATABASE:
        from brytupp.embedded import ensure_database_urls as ensure_database_url

        ensure_database_url()
        # Swapped before Django reads the settings: the command runs as that role throughout.
        variable = database_url_variable(argv)
        if os.environ.get(variable):
            os.environ["DATABASE_URL"] = os.environ[variable]

    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    main()
