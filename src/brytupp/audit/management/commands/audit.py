"""``brytupp audit verify``: walk the access log's hash chain and name its first fault."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from brytupp.audit.chain import chain_verify


class Command(BaseCommand):
    help = "The access log: verify its hash chain."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        verify = subcommands.add_parser(
            "verify", help="recompute every entry's hash in seq order and check the links"
        )
        verify.add_argument(
            "--chunk-size", type=int, default=2000, help="entries fetched per round trip"
        )

    def handle(self, *args, subcommand, chunk_size=2000, **options):
        report = chain_verify(chunk_size=chunk_size)
        if report.broken is not None:
            raise CommandError(
                f"Access log broken at entry seq={report.broken.seq}: {report.broken.reason}",
                returncode=1,
            )
        noun = "entry" if report.entries == 1 else "entries"
        self.stdout.write(f"Access log intact: {report.entries} {noun}.")
        # The head to keep outside the database (decision 0008): a rewritten log changes it.
        self.stdout.write(f"Last entry: seq={report.last_seq} hash={report.last_hash}")
