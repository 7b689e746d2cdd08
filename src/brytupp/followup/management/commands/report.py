"""``brytupp report``: the effect-goal figures for a period, as JSON, CSV or XLSX."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from brytupp.followup.report import ReportPeriodError, effect_goal_report
from brytupp.followup.tables import report_csv, report_xlsx

FORMATS = ("json", "csv", "xlsx")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(option: str, text: str) -> datetime.date:
    if not DAY.fullmatch(text or ""):
        raise CommandError(f"{option} {text!r}: write the date as YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} {text}: there is no such date") from None


class Command(BaseCommand):
    help = (
        "The effect goals for a period, for the city and every district "
        "(../shared/spec/effect-goals.md)."
    )
    # Django's system checks import every view (and WeasyPrint) before the command runs:
    # 1.4 s of a report's 4.4-5.5 s at a million cases (docs/performance.md). The report
    # reads the database only; ``brytupp check`` and every other command still run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
        # Checked below rather than with choices=, so that the message is the same however the
        # command is called.
        parser.add_argument("--format", default="json", help="json (default), csv or xlsx")
        parser.add_argument(
            "--suppress", action="store_true", help='show each count from 1 to 4 as "<5"'
        )
        parser.add_argument(
            "--output", type=Path, metavar="FILE", help="write to FILE instead of standard output"
        )

    def handle(self, *args, date_from, date_to, format, suppress, output, **options):
        if format not in FORMATS:
            raise CommandError(f"--format {format!r}: choose one of {', '.join(FORMATS)}")
        start, end = _day("--from", date_from), _day("--to", date_to)
        binary_out = None
        if format == "xlsx" and output is None:
            binary_out = getattr(self.stdout._out, "buffer", None)
            if binary_out is None or binary_out.isatty():
                raise CommandError("--format xlsx writes a binary file: give --output FILE")
        try:
            report = effect_goal_report(date_from=start, date_to=end, suppress=suppress)
        except ReportPeriodError as error:
            raise CommandError(f"--from {start} is after --to {end}") from error
        if format == "xlsx":
            data = report_xlsx(report)
            if output is None:
                binary_out.write(data)
                binary_out.flush()
            else:
                output.write_bytes(data)
            return
        text = (
            json.dumps(report, indent=2, ensure_ascii=False) + "\n"
            if format == "json"
            else report_csv(report)
        )
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8")
