"""Benchmark of the access log: what a logged request costs once the log has been written for
months, how long verifying takes, and what reading a period costs.

Creates a throw-away database (``bench_audit``) on the same PostgreSQL server as the tests and
times ``access_log_record_many`` (25 rows, as one work-list page) and ``access_log_record``
(one case page), each in its own transaction, on an empty log. Then it fills the log with
``--entries`` made-up entries spread evenly over the ``--months`` months before this one and
this month so far — chained, hashed and written with COPY into one partition per month, as a
log written for that long would be — and times again: the two services, ``--writers`` threads
logging at once, the head look-up alone, ``brytupp audit verify --anchors`` (which also shows
that the concurrent writes kept the chain intact), and reading the log as log review does. It
prints figures and asserts nothing; see bench/README.md.

    DJANGO_SETTINGS_MODULE=brytupp.settings.test .venv/bin/python bench/audit_log.py \\
        --entries 2000000 --months 24

The log holds only made-up identifiers; the units and users are "bench.*".
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
import zoneinfo
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brytupp.settings.test")

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
PERSONS, USERS, UNITS = 40_000, 400, 60
REVIEW_TIMEOUT = "120s"  # a log-review query slower than this is reported, not waited for


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=2_000_000, help="entries in the log")
    parser.add_argument(
        "--months", type=int, default=24, help="months before this one the entries span"
    )
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


# --- people ------------------------------------------------------------------------------------


def staff_create():
    """A case worker who writes the log and a system administrator who reads it."""
    from brytupp.organisation.models import District, Membership, Municipality, Unit, User

    city = Municipality.objects.create(code="benchkommun", name="Benchkommunen")
    district = District.objects.create(municipality=city, code="bench-00", name="Benchdistrikt")
    since = datetime.date(2020, 1, 1)
    unit = Unit.objects.create(
        municipality=city, district=district, kind="rvt", code="bench-rvt", name="Benchenhet"
    )
    staff = Unit.objects.create(
        municipality=city, district=None, kind="stab", code="bench-stab", name="Benchstab"
    )
    worker = User.objects.create(username="bench.handlaggare", first_name="Bench")
    Membership.objects.create(user=worker, unit=unit, role="handlaggare", valid_from=since)
    reviewer = User.objects.create(username="bench.forvaltare", first_name="Bench")
    Membership.objects.create(user=reviewer, unit=staff, role="systemforvaltare", valid_from=since)
    return worker, reviewer


HELD_PERSONS = 300


def manager_create(worker):
    """A manager of the case worker's unit whose unit leads ``HELD_PERSONS`` open cases, so log
    review reads the entries on the persons it holds (decision 0020) as well as its own."""
    from brytupp.cases.models import Case, CaseUnit
    from brytupp.organisation.models import Membership, User
    from brytupp.people.models import Person

    unit = worker.memberships.get().unit
    manager = User.objects.create(username="bench.chef", first_name="Bench")
    Membership.objects.create(
        user=manager, unit=unit, role="enhetschef", valid_from=datetime.date(2020, 1, 1)
    )
    persons = Person.objects.bulk_create(
        Person(first_name="Bench", birth_date=datetime.date(1980, 1, 1), gender="female")
        for _ in range(HELD_PERSONS)
    )
    opened = datetime.date(2024, 1, 1)
    cases = Case.objects.bulk_create(
        Case(person=p, district=unit.district, lead_unit=unit, source="self", opened=opened)
        for p in persons
    )
    CaseUnit.objects.bulk_create(
        CaseUnit(case=c, unit=unit, status="active", joined=opened) for c in cases
    )
    return manager


def fake_case():
    return SimpleNamespace(public_id=uuid.uuid4(), person=SimpleNamespace(public_id=uuid.uuid4()))


# --- filling the log ---------------------------------------------------------------------------

KINDS = ["list_row"] * 14 + ["view"] * 5 + ["search_hit", "change"]
OFFICE_HOURS = (8, 17)  # entries fall on weekdays between these local hours


def _office_times(first_day: datetime.date, until: datetime.datetime, count: int):
    """``count`` increasing times spread evenly over the weekday office hours from
    ``first_day`` until ``until``, in UTC."""
    spans, day = [], first_day
    while day < until.astimezone(STOCKHOLM).date():
        if day.isoweekday() <= 5:
            opens = datetime.datetime.combine(day, datetime.time(OFFICE_HOURS[0]), STOCKHOLM)
            spans.append((opens, OFFICE_HOURS[1] - OFFICE_HOURS[0]))
        day += datetime.timedelta(days=1)
    per_span = count / len(spans)
    for n in range(count):
        opens, hours = spans[int(n / per_span)]
        offset = (n / per_span) % 1 * hours * 3600
        yield (opens + datetime.timedelta(seconds=offset)).astimezone(datetime.UTC)


def _months_back(cursor, months: int) -> tuple[datetime.date, datetime.datetime]:
    cursor.execute(
        "SELECT (date_trunc('month', now() AT TIME ZONE 'Europe/Stockholm') "
        "- make_interval(months => %s))::date, now()",
        [months],
    )
    return cursor.fetchone()


def log_fill(entries: int, months: int) -> float:
    """Write ``entries`` chained entries with times spread over the weekday office hours from
    the first day ``months`` months back until yesterday, one partition per month; one in 2 000
    is an emergency access and one in 5 000 a reveal (flags for log review). Return the
    seconds it took."""
    from django.db import connection

    from brytupp.audit.chain import GENESIS_HASH, HASHED_FIELDS, entry_hash

    columns = (*HASHED_FIELDS, "previous_hash", "entry_hash")

    rng = random.Random(4)  # noqa: S311 - made-up data

    def ids(count):
        return [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(count)]

    persons, users = ids(PERSONS), ids(USERS)
    cases = dict(zip(persons, ids(PERSONS), strict=True))
    units = [f"bench-{n:02}-rvt" for n in range(UNITS)]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        first_month, now = _months_back(cursor, months)
        for offset in range(months + 1):
            cursor.execute(
                "SELECT audit_access_log_partition_create("
                "(%s::date + make_interval(months => %s))::date)",
                [first_month, offset],
            )
        previous = GENESIS_HASH
        copy_sql = f"COPY audit_accesslogentry ({', '.join(columns)}) FROM STDIN"
        times = _office_times(first_month, now, entries)
        with cursor.cursor.copy(copy_sql) as copy:
            for seq, at in enumerate(times, 1):
                person = rng.choice(persons)
                row = {
                    "at": at,
                    "user_public_id": users[seq % USERS],
                    "unit_code": units[seq % UNITS],
                    "role": "handlaggare",
                    "person_public_id": person,
                    "case_public_id": cases[person],
                    "kind": "reveal" if seq % 5000 == 0 else rng.choice(KINDS),
                    "ground": "emergency" if seq % 2000 == 0 else "own_unit",
                    "outcome": "allowed",
                    "request_id": f"{seq // 25:032x}",
                    "seq": seq,
                    "previous_hash": previous,
                }
                row["entry_hash"] = previous = entry_hash(row, previous)
                copy.write_row([row[name] for name in columns])
        cursor.execute("ANALYZE audit_accesslogentry")
    return time.perf_counter() - started


# --- timing ------------------------------------------------------------------------------------


def ms_stats(function, runs: int) -> str:
    function()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1] if runs > 1 else times[0]
    return f"mean {statistics.fmean(times):7.2f} ms   p95 {p95:7.2f} ms"


def log_size() -> str:
    """The log's partitions with their indexes, on disk."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits "
            "WHERE inhparent = 'audit_accesslogentry'::regclass"
        )
        return cursor.fetchone()[0]


def time_services(actor, runs: int, label: str) -> None:
    from brytupp.audit.models import AccessKind, AccessLogEntry
    from brytupp.audit.partitions import partition_list
    from brytupp.audit.services import access_log_record, access_log_record_many

    def page():
        access_log_record_many(
            actor=actor, kind=AccessKind.LIST_ROW, cases=[fake_case() for _ in range(25)]
        )

    def view():
        access_log_record(actor=actor, kind=AccessKind.VIEW, case=fake_case())

    partitions = len(partition_list())
    print(
        f"per logged request, log {label} ({AccessLogEntry.objects.count()} entries before, "
        f"{partitions} partitions):"
    )
    print(f"  access_log_record_many, 25 rows   {ms_stats(page, runs)}")
    print(f"  access_log_record, 1 row          {ms_stats(view, runs)}")


def time_head(runs: int) -> None:
    from django.db import connection

    from brytupp.audit.chain import _chain_head

    with connection.cursor() as cursor:
        print(f"  the head look-up alone            {ms_stats(lambda: _chain_head(cursor), runs)}")


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

    with tempfile.TemporaryDirectory() as folder:
        anchors = Path(folder) / "anchors.jsonl"
        call_command("audit", "anchor", "--to", str(anchors))
        out = StringIO()
        started = time.perf_counter()
        call_command("audit", "verify", "--anchors", str(anchors), stdout=out)
        elapsed = time.perf_counter() - started
    count = int(out.getvalue().split()[3])
    print(f"audit verify --anchors: {out.getvalue().splitlines()[0]}")
    print(f"  {elapsed:.1f} s in all, {elapsed / count * 100_000:.1f} s per 100 000 entries")


def _timed(label: str, function, runs: int = 5) -> None:
    """Median of ``runs`` after one warm-up; a query over REVIEW_TIMEOUT is reported as such."""
    from django.db import connection, transaction
    from django.db.utils import OperationalError

    def once():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = '{REVIEW_TIMEOUT}'")
            function()

    try:
        once()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            once()
            times.append((time.perf_counter() - started) * 1000)
    except OperationalError:
        print(f"  {label:<55} over {REVIEW_TIMEOUT} (cancelled)")
        return
    print(f"  {label:<55} median {statistics.median(times):9.1f} ms")


def time_reading(reviewer, months: int, *, who: str = "administrator") -> None:
    from django.db import connection

    from brytupp.audit import review
    from brytupp.audit.models import AccessLogEntry

    with connection.cursor() as cursor:
        first_month, _now = _months_back(cursor, months // 2)
    day = first_month.replace(day=14)
    start = datetime.datetime.combine(first_month, datetime.time.min, STOCKHOLM)
    end = datetime.datetime.combine(
        (first_month + datetime.timedelta(days=32)).replace(day=1), datetime.time.min, STOCKHOLM
    )
    person = AccessLogEntry.objects.filter(at__gte=start).values_list("person_public_id")[0][0]
    print(
        f"reading the log as the {who} ({first_month:%Y-%m}, a month in the middle; "
        f"{day} a day in it):"
    )

    def search(**filters):
        return list(review.log_search(actor=reviewer, **filters).object_list)

    a_day = {"date_from": day, "date_to": day}
    _timed(
        "entries of a month, counted (one partition)",
        lambda: AccessLogEntry.objects.filter(at__gte=start, at__lt=end).count(),
    )
    _timed("log review search, a day, page 1", lambda: search(**a_day))
    _timed("log review search, no filter, page 1", search)
    _timed(
        "log review search, a day, flagged only, page 1", lambda: search(**a_day, flagged_only=True)
    )
    _timed(
        "monthly review (flagged entries and the sample)",
        lambda: review.log_review_month(actor=reviewer, month=first_month),
        runs=1,
    )
    _timed(
        "register extract of one person (all months)",
        lambda: review.register_extract(actor=reviewer, person_id=person),
    )


def main() -> None:
    args = parse_args()
    server = database_prepare(args.database)
    import django

    django.setup()
    try:
        from django.core.management import call_command
        from django.db import connection

        from brytupp.audit.append_only import access_log_erase_all

        call_command("migrate", verbosity=0)
        version = connection.cursor().connection.info.server_version
        print(
            f"PostgreSQL {version // 10000}.{version % 10000}; --entries {args.entries} --months {args.months} "
            f"--runs {args.runs} --writers {args.writers}"
        )
        worker, reviewer = staff_create()
        time_services(worker, args.runs, "empty")
        access_log_erase_all()  # the filled log starts at seq 1, months ago
        seconds = log_fill(args.entries, args.months)
        print(
            f"filled the log with {args.entries} entries over {args.months + 1} months in "
            f"{seconds:.1f} s (chained in Python, COPY into the partitions); {log_size()} on disk"
        )
        time_services(worker, args.runs, "full")
        time_head(args.runs)
        time_concurrent(worker, args.writers, args.runs // args.writers)
        time_verify()
        time_reading(reviewer, args.months)
        time_reading(
            manager_create(worker), args.months, who=f"unit manager holding {HELD_PERSONS} persons"
        )
    finally:
        if not args.keep:
            database_drop(server, args.database)


if __name__ == "__main__":
    main()
