"""The ``brytupp`` console command: Bryt upp's own commands and every Django command.

``brytupp demo`` runs with the demo settings; every other command with the production
settings unless ``DJANGO_SETTINGS_MODULE`` says otherwise. Without ``DATABASE_URL`` an
embedded PostgreSQL is started first and stopped when the command ends.
"""

from __future__ import annotations

import os
import signal
import sys

NO_DATABASE = {"help", "--help", "-h", "version", "--version", "makemessages", "compilemessages"}


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
        from brytupp.embedded import ensure_database_url

        ensure_database_url()

    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    main()
