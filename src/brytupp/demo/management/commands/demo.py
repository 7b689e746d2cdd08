"""``brytupp demo``: migrate, create the synthetic demo data once, and serve the site.

The data are made once and kept between starts (``--reset`` starts over); the demo logins'
password is set on every start. Nothing printed names a person: only the demo logins, their
roles and units, and counts.

With two database roles (the embedded server: ``DATABASE_OWNER_URL`` set) the schema work —
migrating, emptying with ``--reset`` — runs as the owner in a child ``brytupp demo
--schema-only``, and the roles' grants are brought up to date as the superuser
(``database_roles``); the data are made and the site served as the runtime role.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone, translation

from brytupp.audit.append_only import access_log_erase_all
from brytupp.cases.models import Case
from brytupp.demo.staff import DEMO_LOGINS, demo_data_exist, demo_passwords_set
from brytupp.demo.synthetic import demo_generate
from brytupp.interventions.models import SHORT_PROTECTED_HOUSING_DAYS
from brytupp.organisation.models import Role, Unit

DEFAULT_PASSWORD = "demo-bryt-upp"  # noqa: S105 - the demo's published password


class Command(BaseCommand):
    help = "Run the Bryt upp demo: synthetic data for Stockholm, served on localhost."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to serve on")
        parser.add_argument("--port", type=int, default=8000, help="port to serve on")
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="password of every demo login"
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="prepare the data and logins, do not serve"
        )
        parser.add_argument(
            "--reset", action="store_true", help="delete everything and generate the data anew"
        )
        # The owner's part when the demo runs as the runtime role (see the module docstring).
        parser.add_argument("--schema-only", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, host, port, password, no_serve, reset, schema_only, **options):
        if not settings.BRYTUPP_DEMO:
            # Never fill, or with --reset empty, a database meant for real people.
            raise CommandError(
                "The demo runs only with the demo settings (brytupp.settings.demo); "
                f"these are {settings.SETTINGS_MODULE}."
            )
        if schema_only or not os.environ.get("DATABASE_OWNER_URL"):
            self._schema(reset=reset)
        else:
            self._schema_as_owner(reset=reset)
        if schema_only:
            return
        if demo_data_exist():
            demo_passwords_set(password=password)
            self.stdout.write(
                f"Demo data already exist ({Case.objects.count()} cases): kept. "
                "Use --reset to generate them anew."
            )
        else:
            self._generate(password)
        url = f"http://{host}:{port}{reverse('web:login')}"
        self._print_logins(password=password, url=url)
        # Whitenoise warns at start-up when the static root is missing.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        if not no_serve:
            self._serve(host=host, port=port)

    def _schema(self, *, reset: bool) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if reset:
            access_log_erase_all()  # the log refuses TRUNCATE while it holds entries
            call_command("flush", interactive=False, verbosity=0)
            self.stdout.write("Database emptied (--reset).")

    def _schema_as_owner(self, *, reset: bool) -> None:
        steps = [["demo", "--schema-only", *(["--reset"] if reset else [])]]
        if os.environ.get("DATABASE_ADMIN_URL"):
            owner = dj_database_url.parse(os.environ["DATABASE_OWNER_URL"])["USER"]
            runtime = dj_database_url.parse(os.environ["DATABASE_URL"])["USER"]
            steps.append(["database_roles", "--owner", owner, "--runtime", runtime])
        for step in steps:
            self.stdout.flush()
            # The console command picks each step's connection (brytupp.cli).
            command = [sys.executable, "-m", "brytupp.cli", *step]
            done = subprocess.run(command, check=False)  # noqa: S603 - our own command
            if done.returncode != 0:
                raise CommandError(f"`brytupp {' '.join(step)}` failed; see above.")

    def _generate(self, password: str) -> None:
        self.stdout.write("Generating the synthetic demo data…")
        started = time.monotonic()
        summary = demo_generate(today=timezone.localdate(), password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {summary.cases} cases ({summary.open_cases} open), "
                f"{summary.persons} persons ({summary.children} children) and "
                f"{summary.users} staff users in {time.monotonic() - started:.1f} s."
            )
        )
        self._print_journey(summary)

    def _print_journey(self, summary) -> None:
        """What the cases hold, stage by stage: counts only."""
        rows = [
            ("Consents", f"{summary.consents} ({summary.consents_withdrawn} withdrawn)"),
            (
                "Invitations",
                f"{summary.invitations_pending} waiting, {summary.invitations_declined} declined",
            ),
            ("Accounts", str(summary.accounts)),
            ("Joint meetings", str(summary.meetings)),
            ("Needs assessments", str(summary.needs_assessments)),
            ("Plan actions", f"{summary.plan_actions} ({summary.plan_actions_overdue} overdue)"),
            (
                "Decisions",
                f"{summary.decisions} ({summary.decisions_short_protected_housing} on protected "
                f"housing for {SHORT_PROTECTED_HOUSING_DAYS} days or less)",
            ),
            (
                "Placements",
                f"{summary.placements} ({summary.placements_ongoing} ongoing, "
                f"{summary.placement_follow_ups_overdue} follow-ups overdue)",
            ),
            (
                "Children placed",
                f"{summary.placed_children} ({summary.schoolings_overdue} schooling overdue)",
            ),
            ("Follow-ups", str(summary.follow_ups)),
            ("SHIS referrals", str(summary.shis_referrals)),
            ("SIPs", f"{summary.sips} ({summary.sip_follow_ups_overdue} follow-ups overdue)"),
            ("Screenings", str(summary.screenings)),
        ]
        width = max(len(label) for label, _value in rows)
        self.stdout.write("The case journey:")
        for label, value in rows:
            self.stdout.write(f"  {label:<{width}}  {value}")

    def _print_logins(self, *, password: str, url: str) -> None:
        units = {unit.code: unit.name for unit in Unit.objects.all()}
        rows = [("User name", "Role", "Unit")]
        with translation.override("en"):
            rows += [
                (login.username, str(Role(login.role).label), units.get(login.unit_code, ""))
                for login in DEMO_LOGINS
            ]
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins"))
        for number, (username, role, unit) in enumerate(rows):
            line = f"  {username:<{widths[0]}}  {role:<{widths[1]}}  {unit}"
            self.stdout.write(self.style.MIGRATE_LABEL(line) if number == 0 else line)
        self.stdout.write("")
        self.stdout.write(f"Password for every demo login: {password}")
        self.stdout.write(f"Sign in at: {url}")
        self.stdout.write("All persons and cases are synthetic.")

    def _serve(self, *, host: str, port: int) -> None:
        import waitress
        from django.core.wsgi import get_wsgi_application

        self.stdout.write(f"Serving on http://{host}:{port}/ – press Ctrl+C to stop.")
        # A plain SIGTERM would end Python without its exit handlers, leaving the embedded
        # PostgreSQL running: turn it into the same orderly stop as Ctrl+C.
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            # Waitress ends its loop on KeyboardInterrupt and returns.
            waitress.serve(get_wsgi_application(), host=host, port=port, threads=8)
        except KeyboardInterrupt:
            pass  # interrupted before the loop started
        finally:
            signal.signal(signal.SIGTERM, previous)
        self.stdout.write("Demo stopped.")


def _interrupt(signum, frame):
    raise KeyboardInterrupt
