"""Benchmark of the access log: what chaining costs a request, and how long verifying takes.

Creates a throw-away database (``bench_audit``) on the same PostgreSQL server as the tests,
times ``access_log_record_many`` (25 rows, as one work-list page) and ``access_log_record``
(one case page) each in its own transaction, fills the log to ``--entries`` through the
chain, times them again and with ``--writers`` threads at once, times ``brytupp audit
verify`` (which also shows that the concurrent writes kept the chain) and drops the
database. It prints figures and asserts nothing; see bench/README.md.

    DJANGO_SETTINGS_MODULE=brytupp.settings.test .venv/bin/python bench/audit_log.py --entries 200000

The log holds only made-up identifiers; the one unit and user are "bench.*".
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
import uuid
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brytupp.settings.test")

FILL_BATCH = 5000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=200_000, help="entries in the log")
    parser.add_argument("--runs", type=int, default=300, help="timed calls per service")
    parser.add_argument("--writers", type=int, default=8, help="concurrent writing threads")
    parser.add_argument("--database", default="bench_audit")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


# --- the database (as in bench/worklists.py) ---------------------------------------------------


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as connection:
        connection.execute(statement)


def database_prepare(name: str) -> str:
    from brytupp.embedded import ensure_database_url

    server = ensure_database_url()
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(server, f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = _with_database(server, name)
    return server


def database_drop(server: str, name: str) -> None:
    from django.db import connections

    connections.close_all()
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the log -----------------------------------------------------------------------------------


def actor_create():
    from brytupp.organisation.models import District, Membership, Municipality, Unit, User

    city = Municipality.objects.create(code="benchkommun", name="Benchkommunen")
    district = District.objects.create(municipality=city, code="bench-00", name="Benchdistrikt")
    unit = Unit.objects.create(
        municipality=city, district=district, kind="rvt", code="bench-rvt", name="Benchenhet"
    )
    user = User.objects.create(username="bench.handlaggare", first_name="Bench")
    Membership.objects.create(
        user=user, unit=unit, role="handlaggare", valid_from=datetime.date(2020, 1, 1)
    )
    return user


def fake_case():
    return SimpleNamespace(public_id=uuid.uuid4(), person=SimpleNamespace(public_id=uuid.uuid4()))


def log_fill(target: int) -> float:
    """Append entries through the chain until the log holds ``target``; return the seconds."""
    from brytupp.audit.chain import chain_append
    from brytupp.audit.models import AccessLogEntry

    started = time.perf_counter()
    missing = target - AccessLogEntry.objects.count()
    while missing > 0:
        batch = min(FILL_BATCH, missing)
        chain_append(
            [
                AccessLogEntry(
                    user_public_id=uuid.uuid4(),
                    unit_code="bench-rvt",
                    role="handlaggare",
                    person_public_id=uuid.uuid4(),
                    case_public_id=uuid.uuid4(),
                    kind="list_row",
                    ground="own_unit",
                    outcome="allowed",
                    request_id=uuid.uuid4().hex,
                )
                for _ in range(batch)
            ]
        )
        missing -= batch
    return time.perf_counter() - started


def ms_stats(function, runs: int) -> str:
    function()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1]
    return f"mean {statistics.fmean(times):6.2f} ms   p95 {p95:6.2f} ms"


def time_services(actor, runs: int, label: str) -> None:
    from brytupp.audit.models import AccessKind, AccessLogEntry
    from brytupp.audit.services import access_log_record, access_log_record_many

    def page():
        access_log_record_many(
            actor=actor, kind=AccessKind.LIST_ROW, cases=[fake_case() for _ in range(25)]
        )

    def view():
        access_log_record(actor=actor, kind=AccessKind.VIEW, case=fake_case())

    print(f"per logged request, log {label} ({AccessLogEntry.objects.count()} entries before):")
    print(f"  access_log_record_many, 25 rows   {ms_stats(page, runs)}")
    print(f"  access_log_record, 1 row          {ms_stats(view, runs)}")


def time_concurrent(actor, writers: int, requests: int) -> None:
    """``writers`` threads, each its own connection, log ``requests`` pages of 25 rows at once."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from brytupp.audit.models import AccessKind
    from brytupp.audit.services import access_log_record_many

    def writer(_n: int) -> None:
        try:
            for _ in range(requests):
                access_log_record_many(
                    actor=actor, kind=AccessKind.LIST_ROW, cases=[fake_case() for _ in range(25)]
                )
        finally:
            connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=writers) as pool:
        list(pool.map(writer, range(writers)))
    elapsed = time.perf_counter() - started
    pages = writers * requests
    print(
        f"{writers} concurrent writers, {pages} pages of 25 rows: {elapsed:.1f} s, "
        f"{pages / elapsed:.0f} pages/s"
    )


def time_verify() -> None:
    from django.core.management import call_command

    out = StringIO()
    started = time.perf_counter()
    call_command("audit", "verify", stdout=out)
    elapsed = time.perf_counter() - started
    count = int(out.getvalue().split()[3])
    print(f"audit verify: {out.getvalue().splitlines()[0]}")
    print(f"  {elapsed:.1f} s in all, {elapsed / count * 100_000:.1f} s per 100 000 entries")


def main() -> None:
    args = parse_args()
    server = database_prepare(args.database)
    import django

    django.setup()
    try:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        actor = actor_create()
        time_services(actor, args.runs, "empty")
        seconds = log_fill(args.entries)
        print(f"filled the log to {args.entries} entries through the chain in {seconds:.1f} s")
        time_services(actor, args.runs, "full")
        time_concurrent(actor, args.writers, args.runs // args.writers)
        time_verify()
    finally:
        if not args.keep:
            database_drop(server, args.database)


if __name__ == "__main__":
    main()
