"""Benchmark of the work lists: the to-do list and both case lists for a user in a busy unit.

Creates a throw-away database (``bench_worklists``) on the same PostgreSQL server as the
tests, fills it with synthetic cases through ``bulk_create`` (no services: speed matters
more than timeline events here), times each list (median of several runs) and drops the
database again. It prints figures and asserts nothing; see bench/README.md.

    DJANGO_SETTINGS_MODULE=brytupp.settings.test .venv/bin/python bench/worklists.py --cases 100000

Every person, unit and user here is made up: "Benchperson", "Benchdistrikt", "bench.*".
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brytupp.settings.test")

DISTRICTS = 14
WORKERS_PER_UNIT = 12
UNIT_KINDS = ("rvt", "ekonomiskt_bistand", "barn_unga", "vuxen_beroende")
BATCH = 5000

# The index proposed for the models (see bench/README.md); --with-indexes creates it here.
PROPOSED_INDEXES = [
    'CREATE INDEX bench_decision_end ON interventions_decision ("end")',
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per list (median)")
    parser.add_argument(
        "--busy-share", type=float, default=0.08, help="share of all cases that the busy unit leads"
    )
    parser.add_argument("--open-share", type=float, default=0.25, help="share of cases open")
    parser.add_argument("--database", default="bench_worklists")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="time a kept database again")
    parser.add_argument(
        "--with-indexes", action="store_true", help="create the proposed index before timing"
    )
    parser.add_argument("--explain", action="store_true", help="print the to-do query's plan")
    return parser.parse_args()


# --- the database ------------------------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as connection:
        connection.execute(statement)


def database_prepare(name: str, *, reuse: bool) -> str:
    """Point Django at a fresh database ``name`` on the test server; return the server URL."""
    from brytupp.embedded import ensure_database_url

    server = ensure_database_url()
    if not reuse:
        _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin(server, f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = _with_database(server, name)
    return server


def database_drop(server: str, name: str) -> None:
    from django.db import connections

    connections.close_all()
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- synthetic data ----------------------------------------------------------------------------


def _bulk(model, objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH)


def organisation_create():
    from django.utils import timezone

    from brytupp.organisation.models import District, Membership, Municipality, Unit, User

    today = timezone.localdate()
    city = Municipality.objects.create(code="benchkommun", name="Benchkommunen")
    districts = _bulk(
        District,
        [
            District(municipality=city, code=f"bench-{d:02d}", name=f"Benchdistrikt {d:02d}")
            for d in range(DISTRICTS)
        ],
    )
    units = _bulk(
        Unit,
        [
            Unit(
                municipality=city,
                district=district,
                kind=kind,
                code=f"{district.code}-{kind}",
                name=f"Benchenhet {kind} {district.code}",
            )
            for district in districts
            for kind in UNIT_KINDS
        ],
    )
    users = _bulk(
        User,
        [
            User(username=f"bench.{unit.code}.{n}", first_name="Bench", last_name=f"Handläggare{n}")
            for unit in units
            for n in range(WORKERS_PER_UNIT)
        ],
    )
    manager = User.objects.create(username="bench.chef", first_name="Bench", last_name="Chef")
    start = today - datetime.timedelta(days=3650)
    memberships = [
        Membership(
            user=user, unit=units[i // WORKERS_PER_UNIT], role="handlaggare", valid_from=start
        )
        for i, user in enumerate(users)
    ]
    memberships.append(Membership(user=manager, unit=units[0], role="enhetschef", valid_from=start))
    _bulk(Membership, memberships)
    workers = {
        unit.pk: users[i * WORKERS_PER_UNIT : (i + 1) * WORKERS_PER_UNIT]
        for i, unit in enumerate(units)
    }
    return districts, units, workers, manager


def cases_create(args, districts, units, workers) -> dict:
    """Persons, cases, parts and consents. The busy unit (the first district's RVT) leads
    ``busy_share`` of all cases; another unit of the district joins 12 % of the cases with
    consent, and the busy unit is invited to 2 % of its district's other open cases."""
    from django.utils import timezone

    from brytupp.cases.models import Case, CaseUnit, Consent
    from brytupp.people.models import Person

    rng = random.Random(4711)  # noqa: S311 - synthetic data, not secrets
    today = timezone.localdate()
    busy = units[0]
    by_district = {d.pk: [u for u in units if u.district_id == d.pk] for d in districts}
    persons = _bulk(
        Person,
        [
            Person(
                first_name="Benchperson",
                last_name=f"Nummer{n:06d}",
                birth_date=datetime.date(1960 + n % 40, 1 + n % 12, 1 + n % 28),
                gender="female",
                protected_identity="skyddad_folkbokforing" if n % 50 == 0 else "none",
            )
            for n in range(args.cases)
        ],
    )
    cases = []
    for person in persons:
        lead = busy if rng.random() < args.busy_share else rng.choice(units[1:])
        opened = today - datetime.timedelta(days=rng.randint(1, 3000))
        is_open = rng.random() < args.open_share
        closed = (
            None if is_open else min(today, opened + datetime.timedelta(days=rng.randint(0, 400)))
        )
        cases.append(
            Case(
                person=person,
                district_id=lead.district_id,
                lead_unit=lead,
                source=rng.choice(["self", "police", "socialjour", "healthcare"]),
                opened=opened,
                closed=closed,
                closure_reason="" if closed is None else "goals_met",
            )
        )
    cases = _bulk(Case, cases)
    parts, consents, joins = [], [], []
    for case in cases:
        parts.append(
            CaseUnit(
                case=case,
                unit=case.lead_unit,
                status="active",
                joined=case.opened,
                responsible=rng.choice(workers[case.lead_unit_id]),
            )
        )
        others = [u for u in by_district[case.district_id] if u.pk != case.lead_unit_id]
        if rng.random() < 0.12:
            joins.append((case, rng.choice(others), "active"))
        elif (
            case.closed is None
            and case.lead_unit_id != busy.pk
            and (case.district_id == busy.district_id and rng.random() < 0.02)
        ):
            joins.append((case, busy, "invited"))
    for case, unit, status in joins:
        given = case.opened
        parts.append(
            CaseUnit(
                case=case,
                unit=unit,
                status=status,
                invited=given,
                joined=given if status == "active" else None,
                responsible=rng.choice(workers[unit.pk]) if status == "active" else None,
            )
        )
        consents.append(
            Consent(case=case, given=given, form="written", purpose="Benchmark (syntetiskt)")
        )
    _bulk(CaseUnit, parts)
    consents = _bulk(Consent, consents)
    through = Consent.units.through
    _bulk(
        through,
        [
            through(consent=consent, unit=unit)
            for consent, (_case, unit, _status) in zip(consents, joins, strict=True)
        ],
    )
    return {"cases": cases, "joins": joins}


def items_create(cases: list, joins: list) -> dict:
    """Placements, children, follow-ups, decisions, plan actions and SIPs, dated around today."""
    from django.utils import timezone

    from brytupp.interventions.models import Decision, FollowUp, Placement, PlacementChild
    from brytupp.people.models import Person
    from brytupp.plans.models import PlanAction, Sip

    rng = random.Random(1984)  # noqa: S311 - synthetic data, not secrets
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    units_of = {}
    for case in cases:
        units_of[case.pk] = [case.lead_unit_id]
    for case, unit, status in joins:
        if status == "active":
            units_of[case.pk].append(unit.pk)

    def around(case, before: int, after: int) -> datetime.date:
        last = case.closed or today
        return max(case.opened, last + rng.randint(-before, after) * day)

    placements, decisions, actions, sips = [], [], [], []
    for case in cases:
        weight = 1.0 if case.closed is None else 0.3
        if rng.random() < 0.3 * weight:
            placements.append(
                Placement(case=case, start=min(today, around(case, 60, 0)), provider="Benchboende")
            )
        for _ in range(rng.choice((0, 1, 1, 2)) if weight == 1.0 else 1):
            start = around(case, 200, 0)
            decisions.append(
                Decision(
                    case=case,
                    intervention="stodsamtal_individuellt",
                    decided=start,
                    start=start,
                    end=start + rng.randint(30, 260) * day,
                )
            )
        for _ in range(2 if weight == 1.0 else 1):
            actions.append(
                PlanAction(
                    case=case,
                    description="Benchåtgärd (syntetisk)",
                    responsible_unit_id=rng.choice(units_of[case.pk]),
                    due=around(case, 40, 90),
                    status=rng.choice(["planned", "in_progress", "done", "done", "cancelled"]),
                )
            )
        if rng.random() < 0.3 * weight:
            held = around(case, 90, 0)
            for k in range(rng.choice((1, 2))):
                sips.append(
                    Sip(
                        case=case,
                        date=held + k * 20 * day,
                        next_follow_up=held + (k * 20 + rng.randint(14, 90)) * day,
                    )
                )
    placements = _bulk(Placement, placements)
    children = [
        Person(
            first_name="Benchbarn",
            last_name=f"Nummer{n:06d}",
            birth_date=datetime.date(2015, 1, 1),
            gender="unknown",
        )
        for n, _p in enumerate(placements)
    ]
    children = _bulk(Person, children)
    placed, follow_ups = [], []
    for placement, child in zip(placements, children, strict=True):
        if rng.random() < 0.6:
            schooled = rng.random() < 0.5
            placed.append(
                PlacementChild(
                    placement=placement,
                    child=child,
                    schooling_start=placement.start if schooled else None,
                    schooling_kind="school" if schooled else "",
                )
            )
        if rng.random() < 0.7:
            follow_ups.append(
                FollowUp(
                    case_id=placement.case_id,
                    placement=placement,
                    date=min(today, placement.start + 5 * day),
                )
            )
    _bulk(PlacementChild, placed)
    _bulk(FollowUp, follow_ups)
    _bulk(Decision, decisions)
    _bulk(PlanAction, actions)
    _bulk(Sip, sips)
    return {
        "placements": len(placements),
        "children": len(placed),
        "follow-ups": len(follow_ups),
        "decisions": len(decisions),
        "plan actions": len(actions),
        "SIPs": len(sips),
    }


def generate(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    districts, units, workers, _manager = organisation_create()
    made = cases_create(args, districts, units, workers)
    counts = items_create(made["cases"], made["joins"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{value} {name}" for name, value in counts.items())
    print(f"generated {len(made['cases'])} cases, {summary} in {elapsed:.1f} s")


# --- timing ------------------------------------------------------------------------------------


def median_ms(function, runs: int) -> tuple[float, object]:
    result = function()  # warm the caches once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def todo_plan(worker) -> str:
    """The plan of the to-do list's page query, as PostgreSQL ran it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from brytupp.worklists import todo

    with CaptureQueriesContext(connection) as captured:
        todo.todo_list(actor=worker)
    [page_query] = [q["sql"] for q in captured.captured_queries if "LIMIT 25" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {page_query}")
        return "\n".join(row[0] for row in cursor.fetchall())


def time_lists(args) -> None:
    from django.db import connection
    from django.utils import timezone

    from brytupp.organisation.models import User
    from brytupp.worklists import selectors as worklists
    from brytupp.worklists import todo

    busy_unit = "bench-00-rvt"
    worker = User.objects.get(username=f"bench.{busy_unit}.0")
    manager = User.objects.get(username="bench.chef")
    overdue = todo.TodoFilter(overdue=True)
    today = timezone.localdate()
    by_kind = todo.TodoFilter(sort="kind")
    timed = [
        ("to do, page 1 (count + items + cases + log)", lambda: todo.todo_list(actor=worker)),
        ("to do, overdue only", lambda: todo.todo_list(actor=worker, filters=overdue)),
        (
            "to do, by kind, page 3",
            lambda: todo.todo_list(actor=worker, filters=by_kind, page_number=3),
        ),
        ("to do, manager", lambda: todo.todo_list(actor=manager)),
        (
            "overdue count alone (a menu tag would cost this)",
            lambda: todo.todo_items(actor=worker, filters=overdue, today=today).count(),
        ),
        ("my cases, page 1", lambda: worklists.case_list_mine(actor=worker)),
        ("the unit's cases, page 1", lambda: worklists.case_list_unit(actor=worker)),
        (
            "the unit's cases, page 40",
            lambda: worklists.case_list_unit(actor=worker, page_number=40),
        ),
        ("invitations", lambda: worklists.invitation_list(actor=worker)),
    ]
    print(f"user bench.{busy_unit}.0 in the busy unit; median of {args.runs} runs")
    for label, function in timed:
        ms, result = median_ms(function, args.runs)
        size = getattr(getattr(result, "paginator", None), "count", None)
        if size is None:
            size = len(result.rows) if hasattr(result, "rows") else result
        print(f"  {label:<46} {ms:8.1f} ms   ({size} rows in all)")
    if args.explain:
        print(todo_plan(worker))
    connection.close()


def main() -> None:
    args = parse_args()
    server = database_prepare(args.database, reuse=args.reuse)
    import django

    django.setup()
    try:
        if not args.reuse:
            generate(args)
        if args.with_indexes:
            from django.db import connection

            with connection.cursor() as cursor:
                for statement in PROPOSED_INDEXES:
                    cursor.execute(statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))
                cursor.execute("ANALYZE")
            print("with the proposed index")
        time_lists(args)
    finally:
        if not args.keep:
            database_drop(server, args.database)


if __name__ == "__main__":
    main()
