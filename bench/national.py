"""Benchmark at national scale: import a million synthetic cases, then report a year.

Writes a synthetic file of interchange format v1 (``--cases`` cases with their persons,
parts, consents, screenings, risk assessments, decisions, placements with children,
follow-ups, SHIS referrals and SIPs, across Stockholm's eleven districts, dated 2018–2025),
streamed to disk. Then, into a fresh database (``bench_h1_national``) on the server that
``DATABASE_URL`` names (or the embedded one), it runs ``brytupp import FILE`` in a
subprocess — wall time, records a second and the subprocess's peak RSS — and times
``brytupp report`` for one year (subprocess, median of ``--runs``) against the floor: one
hand-written SQL statement computing the same figures, run directly with psycopg (median of
``--runs``), whose figures are checked equal to the report's. ``--also N`` first imports a
file of N cases into a second database, so that memory can be compared across file sizes.
It prints figures and asserts nothing; see bench/README.md.

    .venv/bin/python bench/national.py --cases 1000000 --also 100000

Everything in the file is made up: persons have no name, producer ids are "b…", and the
identity numbers are valid in form only, serials counted per birth date as the demo does.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SETTINGS = "brytupp.settings.test"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)

FIRST_DAY, LAST_DAY = datetime.date(2018, 1, 1), datetime.date(2025, 6, 30)
REPORT_FROM, REPORT_TO = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
# Lead units of cases: the district's unit of a kind, or a city-wide unit, by share.
LEAD_KINDS = (
    ("rvt", 0.55),
    ("ekonomiskt_bistand", 0.12),
    ("barn_unga", 0.10),
    ("vuxen_beroende", 0.08),
    ("socialpsykiatri", 0.05),
    ("socialjouren", 0.04),
    ("enheten-for-hemlosa", 0.03),
    ("kriscentrum", 0.03),
)
# Producer ids: "b", the type's letters, a number counted over the whole file.
PREFIX = {
    "person": "p",
    "case": "c",
    "case_unit": "cu",
    "consent": "co",
    "screening": "s",
    "risk_assessment": "r",
    "decision": "d",
    "placement": "pl",
    "follow_up": "f",
    "shis_referral": "sh",
    "sip": "sip",
}
PART_KINDS = ("ekonomiskt_bistand", "barn_unga", "vuxen_beroende", "oppna_insatser", "rvt")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument(
        "--also", type=int, default=0, help="first import a file of this many cases (memory)"
    )
    parser.add_argument("--runs", type=int, default=3, help="timed report runs (median)")
    parser.add_argument("--database", default="bench_h1_national")
    parser.add_argument("--keep", action="store_true", help="keep the database and the file")
    parser.add_argument("--directory", help="where to write the file (default: a temporary one)")
    return parser.parse_args()


# --- the database (as in bench/worklists.py) ---------------------------------------------------


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as connection:
        connection.execute(statement)


def database_create(server: str, name: str) -> str:
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(server, f'CREATE DATABASE "{name}"')
    url = _with_database(server, name)
    command, env = brytupp_command(url, "migrate", "--verbosity", "0")
    subprocess.run(command, env=env, check=True)  # noqa: S603 - our own command
    return url


def database_drop(server: str, name: str) -> None:
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def brytupp_command(url: str, *args: str) -> tuple[list[str], dict]:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE=SETTINGS)
    return [str(ROOT / ".venv/bin/brytupp"), *args], env


# --- the synthetic file ------------------------------------------------------------------------


class Generator:
    """Writes one file per record type while it goes, then joins them in the format's order
    (as ``brytupp export`` writes), so nothing but counters is held in memory."""

    def __init__(self, directory: Path, seed: int) -> None:
        from brytupp.demo.identities import pick_gender, years_before
        from brytupp.interchange.validation import TYPES
        from brytupp.people.identity_number import luhn_digit

        self.types = TYPES  # the format's order, as the import reads it

        self.pick_gender, self.luhn_digit, self.before = pick_gender, luhn_digit, years_before
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
        self.directory = directory
        self.parts = {  # closed by join()
            t: open(directory / f"{t}.part", "w", encoding="utf-8")  # noqa: SIM115
            for t in TYPES
        }
        self.counts = dict.fromkeys(TYPES, 0)
        self.serials: dict[datetime.date, int] = {}
        self.next_id = 0
        self._organisation()

    def write(self, record: dict) -> str:
        type_ = record.pop("type")
        if type_ not in ("district", "unit"):
            self.next_id += 1
            record = {"id": f"b{PREFIX[type_]}{self.next_id}", **record}
        self.parts[type_].write(json.dumps({"type": type_, **record}, ensure_ascii=False) + "\n")
        self.counts[type_] += 1
        return record.get("id", "")

    def _organisation(self) -> None:
        configuration = json.loads(
            (ROOT / "src/brytupp/organisation/data/stockholm.json").read_text(encoding="utf-8")
        )
        rng = self.rng
        self.districts = [d["code"] for d in configuration["districts"]]
        self.weights = [rng.uniform(0.5, 1.5) for _ in self.districts]
        for district in configuration["districts"]:
            self.write({"type": "district", "code": district["code"], "name": district["name"]})
            for kind in configuration["district_unit_kinds"]:
                self.write(
                    {
                        "type": "unit",
                        "code": f"{district['code']}-{kind['kind']}",
                        "kind": kind["kind"],
                        "name": kind["name"].format(district=district["name"]),
                        "district": district["code"],
                    }
                )
        for unit in configuration["city_units"]:
            self.write(
                {"type": "unit", "code": unit["code"], "kind": unit["kind"], "name": unit["name"]}
            )
        self.city_units = {u["code"] for u in configuration["city_units"]}
        kinds = [k["kind"] for k in configuration["district_unit_kinds"]]
        units = [f"{d}-{k}" for d in self.districts for k in kinds] + sorted(self.city_units)
        # Each unit asks the violence questions at its own rate: some have the routine (90 %).
        self.asking = {unit: rng.choice((0.82, 0.88, 0.93, 0.97, 1.0)) for unit in units}
        self.screening_units = [u for u in units if not u.endswith(("-utforare", "-stab"))]

    def day(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def person(self, *, adult: bool, born_by: datetime.date) -> str:
        rng = self.rng
        gender = str(self.pick_gender(rng, adult=adult))
        if adult:
            birth = self.day(self.before(born_by, 70), self.before(born_by, 18))
        else:
            birth = self.day(self.before(born_by, 17), born_by)
        record = {"type": "person", "birth_date": birth.isoformat(), "gender": gender}
        roll = rng.random()
        if roll < 0.6:
            record["personnummer"] = self.personnummer(birth, gender)
        if rng.random() < 0.02:
            record["protected_identity"] = True
        return self.write(record)

    def personnummer(self, birth: datetime.date, gender: str) -> str:
        """Valid in form only: serials 2k (women) or 2k + 1 counted per birth date."""
        issued = self.serials.get(birth, 0) + 1
        self.serials[birth] = issued
        serial = 2 * issued + (1 if gender == "male" else 0)
        nine = f"{birth:%y%m%d}{serial:03d}"
        return f"{birth:%Y%m%d}-{serial:03d}{self.luhn_digit(nine)}"

    def cases(self, count: int) -> None:
        made = 0
        while made < count:
            opened = self.day(FIRST_DAY, LAST_DAY - datetime.timedelta(days=30))
            person = self.person(adult=True, born_by=opened)
            again = self.rng.random() < 0.12 and made + 1 < count
            closed = self.case(person, opened, must_close=again)
            made += 1
            if again:
                self.case(person, closed + datetime.timedelta(days=self.rng.randint(1, 500)))
                made += 1

    def case(
        self, person: str, opened: datetime.date, *, must_close: bool = False
    ) -> datetime.date:
        rng = self.rng
        district = rng.choices(self.districts, self.weights)[0]
        kind = rng.choices([k for k, _ in LEAD_KINDS], [w for _, w in LEAD_KINDS])[0]
        lead = kind if kind in self.city_units else f"{district}-{kind}"
        opened = min(opened, LAST_DAY)
        closed = None
        if must_close or rng.random() < 0.8:
            closed = min(opened + datetime.timedelta(days=rng.randint(10, 600)), LAST_DAY)
        record = {
            "type": "case",
            "person": person,
            "district": district,
            "lead_unit": lead,
            "opened": opened.isoformat(),
            "source": rng.choice(("self", "police", "socialjour", "healthcare", "school", "other")),
        }
        if closed is not None:
            record["closed"] = closed.isoformat()
            record["closure_reason"] = rng.choice(("goals_met", "goals_met", "moved", "no_contact"))
        case = self.write(record)
        end = closed or LAST_DAY
        self.around(case, person, district, lead, opened, end)
        return closed or LAST_DAY

    def around(self, case, person, district, lead, opened, end) -> None:
        rng, day = self.rng, self.day
        screened = lead if lead in self.asking else f"{district}-rvt"
        self.screening(screened, opened, person)
        if rng.random() < 0.5:
            self.screening(rng.choice(self.screening_units), day(FIRST_DAY, LAST_DAY), None)
        if rng.random() < 0.15:
            unit = f"{district}-{rng.choice(PART_KINDS)}"
            if unit != lead:
                joined = day(opened, end)
                self.write(
                    {"type": "consent", "case": case, "given": joined.isoformat(), "scope": [unit]}
                )
                part = {
                    "type": "case_unit",
                    "case": case,
                    "unit": unit,
                    "joined": joined.isoformat(),
                }
                if rng.random() < 0.5:
                    part["left"] = day(joined, end).isoformat()
                self.write(part)
        if rng.random() < 0.5:
            self.write(
                {
                    "type": "risk_assessment",
                    "case": case,
                    "date": day(opened, end).isoformat(),
                    "instrument": rng.choice(("freda_kortfragor", "freda_farlighet", "patriark")),
                    "level": rng.choice(("low", "medium", "high")),
                }
            )
        decision = None
        if rng.random() < 0.6:
            decided = day(opened, end)
            record = {
                "type": "decision",
                "case": case,
                "intervention": rng.choice(
                    (
                        "stodsamtal_individuellt",
                        "skyddat_boende",
                        "radgivning",
                        "ekonomiskt_stod",
                        "kontaktperson",
                    )
                ),
                "decided": decided.isoformat(),
                "start": decided.isoformat(),
            }
            if rng.random() < 0.7:
                record["end"] = day(decided, decided + datetime.timedelta(days=180)).isoformat()
            if rng.random() < 0.2:
                record["provider"] = f"{district}-utforare"
            decision = self.write(record)
            if rng.random() < 0.3:
                self.follow_up(
                    case, day(decided, decided + datetime.timedelta(days=90)), decision=decision
                )
        if rng.random() < (0.3 if lead.endswith("-rvt") else 0.05):
            self.placement(case, opened, end)
        if rng.random() < 0.08:
            self.write(
                {
                    "type": "shis_referral",
                    "case": case,
                    "date": day(opened, end).isoformat(),
                    "kind": rng.choice(
                        ("mellanbo", "mellanbo", "avtalat_boende", "genomgangsbostad")
                    ),
                }
            )
        if rng.random() < 0.12:
            held = day(opened, end)
            self.write(
                {
                    "type": "sip",
                    "case": case,
                    "date": held.isoformat(),
                    "participants": ["psykiatri", "beroendevard"][: rng.randint(1, 2)],
                    "responsible": "Socialtjänsten",
                    "next_follow_up": (held + datetime.timedelta(days=90)).isoformat(),
                }
            )

    def screening(self, unit: str, date: datetime.date, person: str | None) -> None:
        rng = self.rng
        asked = rng.random() < self.asking[unit]
        record = {"type": "screening", "unit": unit, "date": date.isoformat(), "asked": asked}
        if asked:
            record["outcome"] = rng.choice(("positive", "negative", "negative", "declined"))
        if person:
            record["person"] = person
        self.write(record)

    def placement(self, case: str, opened: datetime.date, end: datetime.date) -> None:
        rng, day = self.rng, self.day
        start = day(opened, opened + datetime.timedelta(days=14))
        children = []
        if rng.random() < 0.4:
            for _ in range(rng.randint(1, 3)):
                child = {"person": self.person(adult=False, born_by=start)}
                roll = rng.random()
                if roll < 0.85:
                    child["schooling_start"] = day(
                        start, start + datetime.timedelta(days=7)
                    ).isoformat()
                elif roll < 0.95:
                    child["schooling_start"] = day(
                        start + datetime.timedelta(days=8), start + datetime.timedelta(days=40)
                    ).isoformat()
                children.append(child)
        record = {
            "type": "placement",
            "case": case,
            "start": start.isoformat(),
            "children": children,
        }
        if rng.random() < 0.85:
            ended = day(start + datetime.timedelta(days=7), start + datetime.timedelta(days=200))
            record["end"] = ended.isoformat()
            record["end_reason"] = rng.choice(
                ("completed", "completed", "completed", "aborted", "returned_to_perpetrator")
            )
            if record["end_reason"] == "completed" and rng.random() < 0.9:
                housing = rng.choice(
                    ("first_hand", "second_hand", "shis", "lodger", "temporary", "relatives")
                )
                record["next_housing"] = {
                    "type": housing,
                    "contract_months": rng.choice((3, 6, 12, 24)),
                }
        placement = self.write(record)
        if rng.random() < 0.75:
            self.follow_up(
                case, day(start, start + datetime.timedelta(days=12)), placement=placement
            )

    def follow_up(self, case: str, date: datetime.date, **about: str) -> None:
        record = {"type": "follow_up", "case": case, "date": date.isoformat(), **about}
        record["goal_achieved"] = self.rng.random() < 0.6
        self.write(record)

    def join(self, path: Path) -> None:
        with open(path, "wb") as out:
            for type_ in self.types:
                self.parts[type_].close()
                part = self.directory / f"{type_}.part"
                with open(part, "rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 20)
                part.unlink()


def file_write(path: Path, cases: int) -> dict[str, int]:
    generator = Generator(path.parent, seed=cases)
    generator.cases(cases)
    generator.join(path)
    return generator.counts


# --- import and report -------------------------------------------------------------------------


def import_run(url: str, path: Path) -> tuple[float, int, str]:
    """``brytupp import`` in a subprocess: wall seconds, peak RSS in bytes, its summary."""
    command, env = brytupp_command(url, "import", str(path))
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - our own command
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"brytupp import failed ({process.returncode}):\n{output[-3000:]}")
    return elapsed, usage.ru_maxrss * 1024, output


def report_run(url: str) -> tuple[float, dict]:
    command, env = brytupp_command(
        url,
        "report",
        "--from",
        REPORT_FROM.isoformat(),
        "--to",
        REPORT_TO.isoformat(),
        "--format",
        "json",
    )
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own command
        command, env=env, check=True, capture_output=True, text=True
    )
    return time.perf_counter() - started, json.loads(done.stdout)


# Run in a subprocess against the bench's database: the report's figure queries timed one by
# one inside one process (median of RUNS after a warm-up), without starting Django each time.
FIGURES_TIMED = """
import json, statistics, sys, time
import django
django.setup()
from brytupp.followup import figures, report
period = report.period_make(date_from=report.datetime.date.fromisoformat(sys.argv[1]),
                            date_to=report.datetime.date.fromisoformat(sys.argv[2]))
runs = int(sys.argv[3])
report.effect_goal_report(date_from=period.date_from, date_to=period.date_to)
times = {}
for name in report.FIGURES:
    spent = []
    for _ in range(runs):
        started = time.perf_counter()
        getattr(figures, name)(period)
        spent.append(time.perf_counter() - started)
    times[name] = statistics.median(spent)
whole = []
for _ in range(runs):
    started = time.perf_counter()
    report.effect_goal_report(date_from=period.date_from, date_to=period.date_to)
    whole.append(time.perf_counter() - started)
print(json.dumps({"figures": times, "report": whole}))
"""


def figures_run(url: str, runs: int) -> dict:
    _, env = brytupp_command(url)
    done = subprocess.run(  # noqa: S603 - our own command
        [
            str(ROOT / ".venv/bin/python"),
            "-c",
            FIGURES_TIMED,
            REPORT_FROM.isoformat(),
            REPORT_TO.isoformat(),
            str(runs),
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def startup_run(url: str) -> float:
    """What a ``brytupp`` subprocess costs before any figure: Django set up, nothing run."""
    command, env = brytupp_command(url, "shell", "-c", "pass")
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)  # noqa: S603
    return time.perf_counter() - started


# The floor: the report's figures as hand-written statements on an open connection, each
# table read once where figures share it (placements for three figures). Each returns rows
# of: figure, district id (NULL: the city), the figure's counts (five, zeros to fill), and
# whether the row is the city's.
FLOOR_STATEMENTS = [
    """
    SELECT 'screening_routine', district_id, COUNT(*) FILTER (WHERE has), COUNT(*), 0, 0, 0, GROUPING(district_id) = 1
    FROM (
        SELECT u.district_id, COALESCE(s.total > 0 AND 10 * s.asked >= 9 * s.total, false) AS has
        FROM organisation_unit u
        LEFT JOIN (
            SELECT unit_id, COUNT(*) AS total, COUNT(*) FILTER (WHERE asked) AS asked
            FROM assessments_screening WHERE date BETWEEN %(f)s AND %(t)s GROUP BY unit_id
        ) s ON s.unit_id = u.id
        WHERE u.kind = ANY(%(kinds)s)
          AND (u.valid_from IS NULL OR u.valid_from <= %(t)s)
          AND (u.valid_to IS NULL OR u.valid_to >= %(f)s)
    ) units GROUP BY GROUPING SETS ((district_id), ())
    """,
    """
    WITH placements AS (
        SELECT c.district_id, p.id, p.start, p."end", p.end_reason, p.next_housing_type,
               p.next_housing_contract_months,
               p.start BETWEEN %(f)s AND %(t)s AS started,
               p."end" BETWEEN %(f)s AND %(t)s AND p.end_reason = 'completed' AS completed
        FROM interventions_placement p JOIN cases_case c ON c.id = p.case_id
        WHERE p.start BETWEEN %(f)s AND %(t)s
           OR (p."end" BETWEEN %(f)s AND %(t)s AND p.end_reason = 'completed')
    ), counted AS (
        SELECT district_id, GROUPING(district_id) = 1 AS is_city,
               COUNT(*) FILTER (WHERE completed AND next_housing_type = ANY(%(housing)s)
                                  AND next_housing_contract_months >= 6) AS housed,
               COUNT(*) FILTER (WHERE completed) AS completed,
               COUNT(*) FILTER (WHERE started AND EXISTS (
                   SELECT 1 FROM interventions_followup fu
                   WHERE fu.placement_id = placements.id
                     AND fu.date BETWEEN placements.start AND placements.start + 7
               )) AS followed,
               COUNT(*) FILTER (WHERE started) AS started
        FROM placements GROUP BY GROUPING SETS ((district_id), ())
    )
    SELECT 'permanent_housing_after_placement', district_id, housed, completed, 0, 0, 0, is_city
    FROM counted
    UNION ALL
    SELECT 'placement_follow_up_within_week', district_id, followed, started, 0, 0, 0, is_city
    FROM counted
    """,
    """
    SELECT 'child_schooling_within_week',
           district_id, COUNT(*) FILTER (WHERE pc.schooling_start <= p.start + 7), COUNT(*), 0, 0, 0, GROUPING(district_id) = 1
    FROM interventions_placement p
    JOIN cases_case c ON c.id = p.case_id
    JOIN interventions_placementchild pc ON pc.placement_id = p.id
    JOIN people_person ch ON ch.id = pc.child_id
    WHERE p.start BETWEEN %(f)s AND %(t)s
      AND ch.birth_date <= (p.start - interval '6 years')::date
      AND ch.birth_date > (p.start - interval '18 years')::date
    GROUP BY GROUPING SETS ((district_id), ())
    """,
    # Re-actualisation: the RVT cases opened in the period or closed in the year before it,
    # read once, joined with themselves by person (a hash join instead of one index probe
    # per case opened; the report's EXISTS read the case table once per RVT unit).
    """
    WITH rvt AS MATERIALIZED (SELECT id FROM organisation_unit WHERE kind = 'rvt'),
    rc AS MATERIALIZED (
        SELECT id, person_id, district_id, opened, closed FROM cases_case
        WHERE lead_unit_id IN (SELECT id FROM rvt)
          AND (opened BETWEEN %(f)s AND %(t)s OR closed BETWEEN %(f)s::date - 365 AND %(t)s)
    ), per_case AS (
        SELECT o.district_id, o.id, bool_or(e.id IS NOT NULL) AS again
        FROM rc o LEFT JOIN rc e ON e.person_id = o.person_id AND e.id <> o.id
             AND e.closed BETWEEN o.opened - 365 AND o.opened
        WHERE o.opened BETWEEN %(f)s AND %(t)s
        GROUP BY o.district_id, o.id
    )
    SELECT 'reactualisation', district_id, COUNT(*) FILTER (WHERE again), COUNT(*), 0, 0, 0,
           GROUPING(district_id) = 1
    FROM per_case GROUP BY GROUPING SETS ((district_id), ())
    """,
    """
    SELECT 'active_cases', district_id, COUNT(*), COUNT(*) FILTER (WHERE gender = 'female'), COUNT(*) FILTER (WHERE gender = 'male'), COUNT(*) FILTER (WHERE gender = 'other'), COUNT(*) FILTER (WHERE gender = 'unknown'), GROUPING(district_id) = 1
    FROM cases_case c JOIN people_person pe ON pe.id = c.person_id
    WHERE c.opened <= %(t)s AND (c.closed IS NULL OR c.closed >= %(f)s)
    GROUP BY GROUPING SETS ((district_id), ())
    """,
    """
    SELECT 'shis_mellanbo_referrals',
           district_id, COUNT(*) FILTER (WHERE r.date >= %(f)s), COUNT(*) FILTER (WHERE r.date < %(f)s), 0, 0, 0, GROUPING(district_id) = 1
    FROM housing_shisreferral r JOIN cases_case c ON c.id = r.case_id
    WHERE r.kind = 'mellanbo'
      AND (r.date BETWEEN %(f)s AND %(t)s OR r.date BETWEEN %(pf)s AND %(pt)s)
    GROUP BY GROUPING SETS ((district_id), ())
    """,
    """
    SELECT 'sip_count',
           district_id, COUNT(*) FILTER (WHERE s.date >= %(f)s), COUNT(*) FILTER (WHERE s.date < %(f)s), 0, 0, 0, GROUPING(district_id) = 1
    FROM plans_sip s JOIN cases_case c ON c.id = s.case_id
    WHERE s.date BETWEEN %(f)s AND %(t)s OR s.date BETWEEN %(pf)s AND %(pt)s
    GROUP BY GROUPING SETS ((district_id), ())
    """,
]


def floor_run(url: str) -> tuple[float, dict]:
    """The floor statements, timed on an open connection: seconds, figures as in the report."""
    import psycopg

    from brytupp.assessments.models import SCREENING_UNIT_KINDS
    from brytupp.housing.models import PERMANENT_TYPES

    params = {
        "f": REPORT_FROM,
        "t": REPORT_TO,
        "pf": REPORT_FROM.replace(year=REPORT_FROM.year - 1),
        "pt": REPORT_TO.replace(year=REPORT_TO.year - 1),
        "kinds": sorted(kind.value for kind in SCREENING_UNIT_KINDS),
        "housing": sorted(housing.value for housing in PERMANENT_TYPES),
    }
    with psycopg.connect(url) as connection:
        codes = dict(connection.execute("SELECT id, code FROM organisation_district").fetchall())
        started = time.perf_counter()
        rows = [row for sql in FLOOR_STATEMENTS for row in connection.execute(sql, params)]
        elapsed = time.perf_counter() - started
    figures: dict = {}
    for figure, district_id, *values, is_city in rows:
        if is_city or district_id is not None:
            scope = "city" if is_city else codes[district_id]
            figures.setdefault(scope, {})[figure] = tuple(values)
    return elapsed, figures


def report_counts(report: dict) -> dict:
    """The report's counts in the floor's shape."""
    keys = {
        "share": ("numerator", "denominator"),
        "change": ("current", "previous"),
        "active_cases": ("total", "female", "male", "other", "unknown"),
    }
    scopes = {"city": report["city"], **report["districts"]}
    counts: dict = {}
    for scope, values in scopes.items():
        for figure, value in values.items():
            names = (
                keys["active_cases"]
                if figure == "active_cases"
                else (keys["share"] if "numerator" in value else keys["change"])
            )
            numbers = tuple(value[n] for n in names)
            if any(numbers):
                counts.setdefault(scope, {})[figure] = numbers + (0,) * (5 - len(numbers))
    return counts


def floor_counts(figures: dict) -> dict:
    return {scope: {f: v for f, v in values.items() if any(v)} for scope, values in figures.items()}


# --- the run -----------------------------------------------------------------------------------


def import_measure(server: str, name: str, directory: Path, cases: int, keep: bool) -> dict:
    path = directory / f"national-{cases}.jsonl"
    started = time.perf_counter()
    counts = file_write(path, cases)
    written = time.perf_counter() - started
    records = sum(counts.values())
    size = path.stat().st_size
    print(
        f"file: {cases:,} cases, {records:,} records, {size / 1e6:,.0f} MB, written in {written:.0f} s",
        flush=True,
    )
    print("  " + ", ".join(f"{t} {n:,}" for t, n in counts.items()), flush=True)
    url = database_create(server, name)
    seconds, peak, output = import_run(url, path)
    print(
        f"  import: {seconds:.1f} s, {records / seconds:,.0f} records/s, peak RSS {peak / 1e6:,.0f} MB",
        flush=True,
    )
    if not keep:
        path.unlink()
    return {
        "cases": cases,
        "records": records,
        "bytes": size,
        "seconds": seconds,
        "rate": records / seconds,
        "peak": peak,
        "url": url,
        "output": output,
    }


def vacuum(url: str) -> float:
    """What autovacuum would do after the import, done now so that every timed run reads the
    same tables: statistics, the visibility map, hint bits."""
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - started


def report_measure(url: str, runs: int) -> dict:
    print(f"  VACUUM (ANALYZE) after the import: {vacuum(url):.0f} s", flush=True)
    startup = statistics.median(startup_run(url) for _ in range(runs))
    reports = [report_run(url) for _ in range(runs)]
    floor_run(url)  # a warm-up, as the report's first run warms the cache for the others
    floors = [floor_run(url) for _ in range(runs)]
    inside = figures_run(url, runs)
    report = reports[-1][1]
    same = report_counts(report) == floor_counts(floors[-1][1])
    if not same:
        print("  the floor's figures differ from the report's:")
        mine, theirs = floor_counts(floors[-1][1]), report_counts(report)
        for scope in sorted(set(mine) | set(theirs)):
            for figure in sorted(set(mine.get(scope, {})) | set(theirs.get(scope, {}))):
                a, b = mine.get(scope, {}).get(figure), theirs.get(scope, {}).get(figure)
                if a != b:
                    print(f"    {scope} {figure}: floor {a}, report {b}")
    return {
        "report": statistics.median(s for s, _ in reports),
        "reports": [s for s, _ in reports],
        "startup": startup,
        "floor": statistics.median(s for s, _ in floors),
        "floors": [s for s, _ in floors],
        "same": same,
        "city": report["city"],
        "inside": statistics.median(inside["report"]),
        "figures": inside["figures"],
    }


def main() -> None:
    args = parse_args()
    import django

    django.setup()
    import psycopg

    from brytupp.embedded import ensure_database_url

    server = ensure_database_url()
    with psycopg.connect(_with_database(server, "postgres")) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
    print(
        f"bench/national.py --cases {args.cases} --also {args.also}; PostgreSQL {version}; "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    directory = Path(args.directory or tempfile.mkdtemp(prefix="bench_h1_"))
    directory.mkdir(parents=True, exist_ok=True)
    imports, names = [], []
    try:
        if args.also:
            names.append(f"{args.database}_also")
            imports.append(import_measure(server, names[-1], directory, args.also, args.keep))
            if not args.keep:
                database_drop(server, names[-1])
        names.append(args.database)
        imports.append(import_measure(server, names[-1], directory, args.cases, args.keep))
        timing = report_measure(imports[-1]["url"], args.runs)
    finally:
        if args.keep:
            print(f"kept: the files in {directory}, the databases {', '.join(names)}")
        else:
            for name in names:
                database_drop(server, name)
            if not args.directory:
                shutil.rmtree(directory, ignore_errors=True)
    print()
    print(
        f"| cases | records | file | import | records/s | peak RSS |  (load now {os.getloadavg()[0]:.1f})"
    )
    print("|---|---|---|---|---|---|")
    for done in imports:
        print(
            f"| {done['cases']:,} | {done['records']:,} | {done['bytes'] / 1e6:,.0f} MB "
            f"| {done['seconds']:.1f} s | {done['rate']:,.0f} | {done['peak'] / 1e6:,.0f} MB |"
        )
    print()
    ratio = timing["report"] / timing["floor"]
    print(f"report {REPORT_FROM}..{REPORT_TO} at {args.cases:,} cases (median of {args.runs}):")
    print(
        f"  brytupp report --format json: {timing['report']:.2f} s  (runs {_runs(timing['reports'])})"
    )
    print(f"  of which starting brytupp:   {timing['startup']:.2f} s  (brytupp shell -c pass)")
    print(
        f"  floor (hand-written SQL):     {timing['floor']:.2f} s  (runs {_runs(timing['floors'])})"
    )
    inside = timing["inside"]
    print(f"  effect_goal_report() in one process: {inside:.2f} s")
    print(
        f"  report / floor: {ratio:.1f} (the command), {inside / timing['floor']:.1f} (in-process);"
        f" figures equal: {'yes' if timing['same'] else 'NO'}"
    )
    print(
        "  each figure's query (median): "
        + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in timing["figures"].items())
    )
    city = timing["city"]
    print("  city: " + ", ".join(f"{k} {_short(v)}" for k, v in city.items()))


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _short(value: dict) -> str:
    if "numerator" in value:
        return f"{value['numerator']}/{value['denominator']}"
    if "current" in value:
        return f"{value['current']} (before {value['previous']})"
    return str(value.get("total"))


if __name__ == "__main__":
    main()
