"""``brytupp audit``: verify the access log's hash chain, anchor its head outside the database,
and keep its monthly partitions made ahead of time."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from brytupp.audit import partitions
from brytupp.audit.anchors import AnchorError, anchor_append, anchor_line, anchor_take, anchors_read
from brytupp.audit.chain import chain_verify

# Exit codes: 1 the log is broken (or a partition could not be made), 2 unreadable input.
BROKEN, UNREADABLE = 1, 2


class Command(BaseCommand):
    help = "The access log: verify its hash chain, anchor its head, make its partitions."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        verify = subcommands.add_parser(
            "verify", help="recompute every entry's hash in seq order and check the links"
        )
        verify.add_argument(
            "--chunk-size", type=int, default=2000, help="entries fetched per round trip"
        )
        verify.add_argument(
            "--anchors",
            type=Path,
            action="append",
            default=[],
            metavar="FILE",
            help="JSON lines written by `audit anchor`: each anchored entry must be in the chain "
            "with its anchored hash (may be given more than once)",
        )
        anchor = subcommands.add_parser(
            "anchor", help="print the head of the chain (seq and hash) as one JSON line"
        )
        anchor.add_argument(
            "--to", type=Path, metavar="FILE", help="append the line to FILE instead of printing"
        )
        made = subcommands.add_parser(
            "partitions", help="make this month's partition and the next ones; list them all"
        )
        made.add_argument(
            "--ahead", type=int, default=3, help="months after this one to make (default 3)"
        )

    def handle(self, *args, subcommand, **options):
        {"verify": self.verify, "anchor": self.anchor, "partitions": self.partitions}[subcommand](
            **options
        )

    def verify(self, *, chunk_size=2000, anchors=(), **options):
        anchored = []
        for path in anchors:
            try:
                with path.open(encoding="utf-8") as lines:
                    anchored += anchors_read(lines, source=str(path))
            except (OSError, AnchorError) as error:
                raise CommandError(str(error), returncode=UNREADABLE) from None
        report = chain_verify(chunk_size=chunk_size, anchors=anchored)
        if report.broken is not None:
            raise CommandError(
                f"Access log broken at entry seq={report.broken.seq}: {report.broken.reason}",
                returncode=BROKEN,
            )
        noun = "entry" if report.entries == 1 else "entries"
        self.stdout.write(f"Access log intact: {report.entries} {noun}.")
        self.stdout.write(f"Last entry: seq={report.last_seq} hash={report.last_hash}")
        if anchors:
            self.stdout.write(f"Anchors: {report.anchors_checked} checked, each in the chain.")

    def anchor(self, *, to=None, **options):
        anchor = anchor_take()
        if to is None:
            self.stdout.write(anchor_line(anchor))
            return
        try:
            anchor_append(anchor, to)
        except OSError as error:
            raise CommandError(str(error), returncode=UNREADABLE) from None

    def partitions(self, *, ahead=3, **options):
        if not 0 <= ahead <= 24:
            raise CommandError("--ahead must be between 0 and 24", returncode=UNREADABLE)
        notices: list[str] = []

        def hear(notice) -> None:
            notices.append(notice.message_primary)

        connection.ensure_connection()
        connection.connection.add_notice_handler(hear)  # the database's warnings, if any
        try:
            partitions.partitions_ensure(months_ahead=ahead)
            # A second pass finds nothing to do unless a partition could not be made.
            settled = partitions.partitions_ensure(months_ahead=ahead)
        finally:
            connection.connection.remove_notice_handler(hear)
        listed = partitions.partition_list()
        for partition in listed:
            self.stdout.write(self._describe(partition))
        guard = "installed" if partitions.drop_guard_installed() else "NOT installed"
        self.stdout.write(f"Event triggers refusing DROP and DETACH of a partition: {guard}.")
        for notice in notices:
            self.stderr.write(notice)
        stray = sum(p.entries or 0 for p in listed if p.is_default)
        if stray:
            self.stderr.write(
                f"{stray} entries are in the DEFAULT partition: their months have no partition "
                "of their own (see docs/operations.md)."
            )
        if not settled:
            raise CommandError("Some partitions could not be made.", returncode=BROKEN)

    @staticmethod
    def _describe(partition: partitions.Partition) -> str:
        entries = (
            "entries not yet estimated (no ANALYZE yet)"
            if partition.entries is None
            else f"{partition.entries} entries"
        )
        if not partition.is_default:
            entries = f"about {entries}" if partition.entries is not None else entries
        guard = "" if partition.guarded else "  NOT GUARDED (no append-only trigger)"
        return f"{partition.name}  {partition.bounds}  {entries}{guard}"
