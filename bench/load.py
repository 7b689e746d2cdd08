"""Pages under load, through the real server: gunicorn with the production settings on a big
database, signed-in users requesting pages and writing, as issue 12 item 4 asks.

    .venv/bin/python bench/load.py --database bench_h10_national

Three parts (``--parts abc`` by default):

(a) one case worker, sequential: ``--requests`` requests of each kind of page (a case page,
    Mina ärenden, Enhetens ärenden, Att göra, the search before opening a case), median and
    p95 of the time the client sees; then the same views in this process with Django's test
    client, timing every query (the access log's apart) and the template rendering, to say
    where the server's time goes.
(b) ``--users`` simulated users (case workers of several units, a unit manager, the analyst),
    each requesting a page after a pause drawn from an exponential distribution of mean
    ``--pause`` seconds, with writes among them (a plan action added, the person's account
    edited with the version the form carries), for ``--duration`` seconds: p50/p95/p99 for
    pages and for writes, and every response that is not 2xx/3xx counted as an error.
(c) ``--saturation-users`` case workers without pause for ``--saturation-seconds``: pages a
    second, per core of the machine and per CPU-second the server's processes used.

The bench users (``benchload.*``, synthetic names) are created in the database with approved
memberships and made responsible for some open cases of their unit (so that Mina ärenden is not
empty); at the end they are deactivated and their responsibilities cleared. What they wrote
(plan actions, accounts, access-log entries) stays: run it on a bench database only, never on
one whose data matter. The second factor is turned off for the server
(``BRYTUPP_REQUIRE_TWO_FACTOR=false``): signing in is not what is measured.

The server: ``gunicorn --config python:brytupp.gunicorn_conf`` with
``DJANGO_SETTINGS_MODULE=brytupp.settings.production`` and the test keys (the synthetic data
were sealed with them), workers ``--workers`` (default 2 × cores + 1), on a free port, its
static files collected into a temporary folder first. Requests go to 127.0.0.1 with the
``Host`` and ``X-Forwarded-Proto: https`` a proxy would send.

It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import html.parser
import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

HOST = "brytupp.example.org"
KEYS = {
    # The test settings' keys: the synthetic databases were sealed with them.
    "SECRET_KEY": "bench-load-" + "x" * 40,
    "BRYTUPP_FIELD_KEYS": "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3QtcmVhbC0wMCE=",
    "BRYTUPP_SEARCH_KEY": "test-only-search-key",
    "ALLOWED_HOSTS": HOST,
    "BRYTUPP_REQUIRE_TWO_FACTOR": "false",
}
PREFIX = "benchload"
PASSWORD = "bench-load-password-not-secret"  # noqa: S105 - bench users of a bench database
ROOT = Path(__file__).resolve().parent.parent


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="an existing, migrated bench database")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--parts", default="abc", help="which parts to run: a, b, c")
    parser.add_argument("--requests", type=int, default=20, help="(a) requests of each kind")
    parser.add_argument("--users", type=int, default=50, help="(b) simulated users")
    parser.add_argument("--pause", type=float, default=5.0, help="(b) mean pause, seconds")
    parser.add_argument("--duration", type=float, default=120.0, help="(b) seconds")
    parser.add_argument("--write-share", type=float, default=0.15, help="(b) share of writes")
    parser.add_argument("--units", type=int, default=6, help="units the case workers work in")
    parser.add_argument("--saturation-users", type=int, default=10, help="(c) users")
    parser.add_argument("--saturation-seconds", type=float, default=30.0, help="(c) seconds")
    parser.add_argument("--seed", type=int, default=12)
    return parser.parse_args()


# --- Django in this process ----------------------------------------------------------------------


def django_setup(url: str) -> None:
    os.environ.update(KEYS)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "brytupp.settings.production"
    os.environ.setdefault("BRYTUPP_STATIC_ROOT", tempfile.mkdtemp(prefix="brytupp-load-static-"))
    import django

    django.setup()


@dataclass
class BenchUser:
    username: str
    role: str  # "worker", "manager", "analyst"
    unit_code: str
    cases: list[str] = field(default_factory=list)  # public ids of open cases of the unit
    led: list[str] = field(default_factory=list)  # those of them the unit leads
    searches: list[dict] = field(default_factory=list)  # what to type in the search


def units_chosen(count: int) -> list:
    """The units taking part in the most open cases: where case workers are busiest."""
    from django.db.models import Count, Q

    from brytupp.organisation.models import Unit

    return list(
        Unit.objects.annotate(
            open_parts=Count(
                "case_parts",
                filter=Q(case_parts__case__closed__isnull=True, case_parts__left__isnull=True),
            )
        )
        .filter(open_parts__gt=0)
        .order_by("-open_parts", "code")[:count]
    )


def targets(unit, rng: random.Random, *, count: int = 300) -> tuple[list[str], list[str], list]:
    """Open cases the unit takes part in (public ids), those it leads, and searches for their
    persons."""
    from brytupp.cases.models import Case
    from brytupp.people.sealing import unseal

    ids = list(
        Case.objects.filter(
            closed__isnull=True, case_units__unit=unit, case_units__left__isnull=True
        )
        .order_by("?")
        .values_list("pk", flat=True)[:count]
    )
    cases = list(Case.objects.filter(pk__in=ids).select_related("person"))
    searches = []
    for case in cases:
        person = case.person
        if person.is_protected:
            continue
        if person.identity_number_sealed:
            searches.append({"identity_number": unseal(person.identity_number_sealed)})
        elif person.first_name and person.last_name:
            searches.append(
                {
                    "first_name": person.first_name,
                    "last_name": person.last_name,
                    "birth_date": person.birth_date.isoformat(),
                }
            )
    rng.shuffle(cases)
    led = [str(case.public_id) for case in cases if case.lead_unit_id == unit.pk]
    return [str(case.public_id) for case in cases], led, searches


def users_prepare(args, rng: random.Random) -> list[BenchUser]:
    """The bench users, created (or found and reactivated) with approved memberships."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from brytupp.cases.models import CaseUnit
    from brytupp.organisation.models import Membership, MembershipStatus, Role, User

    units = units_chosen(args.units)
    if not units:
        sys.exit("No unit takes part in an open case: is this a bench database?")
    workers_count = max(1, args.users - 2)
    start = timezone.localdate() - datetime.timedelta(days=365)
    password = make_password(PASSWORD)
    plan = [
        (f"{PREFIX}.w{n:02d}", Role.HANDLAGGARE, units[n % len(units)], "worker")
        for n in range(workers_count)
    ]
    plan.append((f"{PREFIX}.chef", Role.ENHETSCHEF, units[0], "manager"))
    plan.append((f"{PREFIX}.analytiker", Role.ANALYTIKER, units[0], "analyst"))
    per_unit = {unit.pk: targets(unit, rng) for unit in units}
    users = []
    with transaction.atomic():
        for username, role, unit, kind in plan:
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": "Bench",
                    "last_name": f"Last {username.rpartition('.')[2]}",
                    "password": password,
                    "is_active": True,
                },
            )
            Membership.objects.filter(user=user).delete()
            Membership.objects.create(
                user=user, unit=unit, role=role, valid_from=start, status=MembershipStatus.APPROVED
            )
            cases, led, searches = per_unit[unit.pk]
            users.append(BenchUser(username, kind, unit.code, cases, led, searches))
        # Each case worker responsible for a few open cases of the unit: Mina ärenden.
        for user in users:
            if user.role != "worker":
                continue
            parts = CaseUnit.objects.filter(
                unit__code=user.unit_code,
                responsible__isnull=True,
                left__isnull=True,
                case__closed__isnull=True,
            ).values_list("pk", flat=True)[:25]
            CaseUnit.objects.filter(pk__in=list(parts)).update(
                responsible=User.objects.get(username=user.username)
            )
    return users


def users_retire() -> None:
    """Deactivate the bench users and clear their responsibilities; what they wrote stays."""
    from brytupp.cases.models import CaseUnit
    from brytupp.organisation.models import User

    bench = User.objects.filter(username__startswith=PREFIX + ".")
    CaseUnit.objects.filter(responsible__in=bench).update(responsible=None)
    bench.update(is_active=False)


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(url: str, port: int, workers: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(KEYS)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="brytupp.settings.production",
        BRYTUPP_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
    )
    return env


@contextlib.contextmanager
def server_running(url: str, workers: int, log: Path):
    port = free_port()
    env = server_env(url, port, workers)
    subprocess.run(
        [sys.executable, "-m", "brytupp.cli", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        check=True,
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [str(gunicorn), "--config", "python:brytupp.gunicorn_conf", "brytupp.wsgi"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _ = request(port, "GET", "/healthz", {})
                if status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"gunicorn did not start; see {log}")
            time.sleep(0.3)
        yield port, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()


def process_cpu_seconds(root_pid: int) -> float:
    """User + system CPU of a process and its children still running (from /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if pid == root_pid or ppid == root_pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def postgres_cpu_seconds(database: str) -> dict[int, float] | None:
    """CPU of each PostgreSQL backend connected to ``database``, if their /proc is visible."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        pids = [pid for (pid,) in cursor.fetchall()]
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / tick
    return seconds or None


def postgres_cpu_spent(before: dict | None, after: dict | None) -> float | None:
    """CPU the backends used between two readings (a backend that ended meanwhile is lost)."""
    if after is None:
        return None
    before = before or {}
    return sum(max(0.0, cpu - before.get(pid, 0.0)) for pid, cpu in after.items())


# --- the client ---------------------------------------------------------------------------------


def request(port, method, path, cookies, body=None, timeout=60):
    headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"https://{HOST}"
        headers["Referer"] = f"https://{HOST}{path}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.partition(";")[0]
        return response.status, response.getheader("Location", ""), data
    finally:
        connection.close()


class FormParser(html.parser.HTMLParser):
    """The POST forms of a page: their action and the values they would send."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is None or "name" not in a:
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("radio", "checkbox") and "checked" not in a:
                self._form["fields"].setdefault(a["name"], None)
            else:
                self._form["fields"][a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form["fields"][a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self._form["fields"][a["name"]] = ""

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def post_form(page: bytes, wanted: str) -> dict | None:
    parser = FormParser()
    parser.feed(page.decode("utf-8", "replace"))
    for form in parser.forms:
        if wanted in form["fields"]:
            return form
    return None


def options(page: bytes, name: str) -> list[str]:
    match = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page.decode(), re.S)
    return re.findall(r'<option value="([^"]+)"', match.group(1)) if match else []


class Session:
    def __init__(self, port: int, user: BenchUser, rng: random.Random):
        self.port, self.user, self.rng = port, user, rng
        self.cookies: dict[str, str] = {}
        self.writes = 0

    def get(self, path):
        return request(self.port, "GET", path, self.cookies)

    def post(self, path, fields: dict):
        data = {**{k: v for k, v in fields.items() if v is not None}}
        data["csrfmiddlewaretoken"] = data.get("csrfmiddlewaretoken") or self.cookies.get(
            "csrftoken", ""
        )
        return request(self.port, "POST", path, self.cookies, body=urlencode(data))

    def sign_in(self) -> None:
        status, _, page = self.get("/logga-in/")
        form = post_form(page, "username")
        if status != 200 or form is None:
            raise RuntimeError(f"sign-in page: {status}")
        fields = {**form["fields"], "username": self.user.username, "password": PASSWORD}
        status, location, _ = self.post("/logga-in/", fields)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"sign-in of {self.user.username}: {status} → {location}")

    # The pages: each returns (kind, status) after one request.

    def case_path(self) -> str:
        return f"/arenden/{self.rng.choice(self.user.cases)}/"

    def page(self, kind: str) -> tuple[int, bytes]:
        if kind == "search":
            return self.search()
        path = {
            "case": self.case_path,
            "mina": lambda: "/mina-arenden/",
            "enhetens": lambda: "/enhetens-arenden/",
            "att_gora": lambda: "/att-gora/",
            "start": lambda: "/",
            "min_enhet": lambda: "/min-enhet/",
            "uppfoljning": lambda: "/uppfoljning/",
            "likstallighet": lambda: "/uppfoljning/likstallighet/",
            "effektmal": lambda: "/uppfoljning/effektmal/",
        }[kind]()
        status, _, body = self.get(path)
        return status, body

    def search(self) -> tuple[int, bytes]:
        typed = self.rng.choice(self.user.searches)
        fields = {"step": "search", **typed}
        if "birth_date" in typed:
            fields["birth_date"] = typed["birth_date"]
        status, _, body = self.post("/arenden/nytt/", fields)
        return status, body


# --- figures ------------------------------------------------------------------------------------


def quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ms(value: float) -> str:
    return f"{value * 1000:7.1f}"


def summary(label: str, values: list[float]) -> str:
    if not values:
        return f"  {label:<24} (none)"
    return (
        f"  {label:<24} n={len(values):5d}  p50 {ms(quantile(values, 0.5))} ms"
        f"  p95 {ms(quantile(values, 0.95))} ms  p99 {ms(quantile(values, 0.99))} ms"
        f"  max {ms(max(values))} ms"
    )


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- (a) one user, sequential ---------------------------------------------------------------------

KINDS_A = ["case", "mina", "enhetens", "att_gora", "search"]


def part_a(port: int, users: list[BenchUser], args, rng) -> None:
    user = next(u for u in users if u.role == "worker")
    session = Session(port, user, rng)
    session.sign_in()
    print(f"\n(a) one case worker ({user.unit_code}), sequential, {args.requests} of each")
    print(f"    load average before: {load_average()}")
    for kind in KINDS_A:
        for _ in range(3 * args.workers):
            session.page(kind)  # warm-up: every worker a few times (its first is slow)
        times, statuses = [], set()
        for _ in range(args.requests):
            begin = time.perf_counter()
            status, _ = session.page(kind)
            times.append(time.perf_counter() - begin)
            statuses.add(status)
        print(summary(kind, times) + f"  status {sorted(statuses)}")
    breakdown(user, args, rng)


class Phases:
    """Query and template time of one request, in this process."""

    def __init__(self):
        self.queries: list[tuple[float, bool, bool]] = []  # (seconds, access log, in template)
        self.template = 0.0
        self.depth = 0
        self.orm = 0.0  # in the ORM's compiler, executing included
        self.orm_depth = 0
        self.orm_queries = 0.0  # the queries' time while in the compiler

    def __call__(self, execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - begin
            is_log = "audit_" in sql or "access_log" in sql or "pg_advisory_xact_lock" in sql
            self.queries.append((spent, is_log, self.depth > 0))
            if self.orm_depth:
                self.orm_queries += spent


def breakdown(user: BenchUser, args, rng) -> None:
    """The same views in this process: where the server's time goes."""
    from django.db import connection
    from django.template.backends.django import Template
    from django.test import Client

    client = Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    # Through the sign-in form, as the server's users: the session is marked signed in there.
    signed_in = client.post(
        "/logga-in/", {"username": user.username, "password": PASSWORD}, secure=True
    )
    if signed_in.status_code != 302:
        print(f"    sign-in in this process failed: {signed_in.status_code}")
        return
    current: list[Phases] = []
    original = Template.render

    def timed_render(self, context=None, request=None):
        phases = current[-1] if current else None
        if phases is None:
            return original(self, context, request)
        phases.depth += 1
        begin = time.perf_counter()
        try:
            return original(self, context, request)
        finally:
            phases.depth -= 1
            if phases.depth == 0:
                phases.template += time.perf_counter() - begin

    Template.render = timed_render
    from django.db.models.sql.compiler import SQLCompiler

    original_execute = SQLCompiler.execute_sql

    def timed_execute(self, *args, **kwargs):
        phases = current[-1] if current else None
        if phases is None:
            return original_execute(self, *args, **kwargs)
        phases.orm_depth += 1
        begin = time.perf_counter()
        try:
            return original_execute(self, *args, **kwargs)
        finally:
            phases.orm_depth -= 1
            if phases.orm_depth == 0:
                phases.orm += time.perf_counter() - begin

    SQLCompiler.execute_sql = timed_execute
    paths = {
        "case": lambda: ("get", f"/arenden/{rng.choice(user.cases)}/", None),
        "mina": lambda: ("get", "/mina-arenden/", None),
        "enhetens": lambda: ("get", "/enhetens-arenden/", None),
        "att_gora": lambda: ("get", "/att-gora/", None),
        "search": lambda: (
            "post",
            "/arenden/nytt/",
            {"step": "search", **rng.choice(user.searches)},
        ),
    }
    print("\n    where the server's time goes (same views in this process, Django's test client;")
    print("    medians over the requests, ms: the queries (of which the access log's), the ORM")
    print("    compiling queries and building objects (its queries' time not counted), the")
    print("    templates (the queries they run not counted), the rest (middleware, views, forms)")
    print(
        f"    {'page':<10} {'total':>7} {'queries':>8} {'q time':>7} {'log q':>6} {'log t':>7}"
        f" {'ORM':>7} {'tmpl':>7} {'rest':>7}"
    )
    try:
        for kind, make in paths.items():
            rows = []
            for n in range(args.requests + 1):
                method, path, data = make()
                phases = Phases()
                current.append(phases)
                begin = time.perf_counter()
                with connection.execute_wrapper(phases):
                    response = getattr(client, method)(path, data, secure=True)
                total = time.perf_counter() - begin
                current.pop()
                if response.status_code != 200:
                    print(f"    {kind}: status {response.status_code} {response.get('Location')}")
                if n == 0:
                    continue  # warm-up
                q_time = sum(t for t, _, _ in phases.queries)
                log_q = [t for t, is_log, _ in phases.queries if is_log]
                in_template = sum(t for t, _, inside in phases.queries if inside)
                template = phases.template - in_template
                orm = phases.orm - phases.orm_queries
                rows.append(
                    (
                        total,
                        len(phases.queries),
                        q_time,
                        len(log_q),
                        sum(log_q),
                        orm,
                        template,
                        total - q_time - orm - template,
                    )
                )
            med = [statistics.median(column) for column in zip(*rows, strict=True)]
            print(
                f"    {kind:<10} {ms(med[0])} {med[1]:8.0f} {ms(med[2])} {med[3]:6.0f}"
                f" {ms(med[4])} {ms(med[5])} {ms(med[6])} {ms(med[7])}"
            )
    finally:
        Template.render = original
        SQLCompiler.execute_sql = original_execute


# --- (b) many users with pauses, (c) saturation ----------------------------------------------------

WORKER_MIX = [("case", 35), ("mina", 12), ("enhetens", 10), ("att_gora", 15), ("search", 10)]
MANAGER_MIX = [("min_enhet", 30), ("enhetens", 30), ("att_gora", 20), ("case", 20)]
# The analyst's start page redirects to Uppföljning; the two follow-up pages compute figures
# over the whole city (seconds at a million cases, see bench/followup_pages.py).
ANALYST_MIX = [("uppfoljning", 60), ("likstallighet", 20), ("effektmal", 20)]


@dataclass
class Record:
    pages: dict[str, list[float]] = field(default_factory=dict)
    writes: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    refused: int = 0  # writes answered with the form again (a version conflict, say)
    redirected: int = 0  # pages answered with a redirect (to sign in, say): none expected
    lock: threading.Lock = field(default_factory=threading.Lock)

    def page(self, kind, seconds, status, what):
        with self.lock:
            self.pages.setdefault(kind, []).append(seconds)
            if status >= 400:
                self.errors.append(f"{what} {status}")
            elif status >= 300:
                self.redirected += 1

    def write(self, kind, seconds, status, what):
        with self.lock:
            self.writes.setdefault(kind, []).append(seconds)
            if status >= 400:
                self.errors.append(f"{what} {status}")
            elif status == 200:
                self.refused += 1


def write_once(session: Session, record: Record) -> None:
    """Open a form (a page) and send it (a write): a plan action added, or the account
    edited with the version the form carries."""
    # The account is the lead unit's to write (policies.case_lead); a plan action any part's.
    kind = session.rng.choice(["plan_action", "account"] if session.user.led else ["plan_action"])
    case = session.rng.choice(session.user.led if kind == "account" else session.user.cases)
    path = f"/arenden/{case}/plan/ny/" if kind == "plan_action" else f"/arenden/{case}/berattelse/"
    begin = time.perf_counter()
    status, _, page = session.get(path)
    record.page("form", time.perf_counter() - begin, status, f"GET form {kind}")
    if status != 200:
        return
    session.writes += 1
    if kind == "plan_action":
        form = post_form(page, "description")
        units = options(page, "responsible_unit")
        if form is None or not units:
            record.errors.append("plan action form not found")
            return
        due = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(
            days=session.rng.randint(7, 60)
        )
        fields = {
            **form["fields"],
            "description": f"Benchåtgärd {session.writes}",
            "responsible_unit": session.rng.choice(units),
            "due": due.isoformat(),
        }
    else:
        form = post_form(page, "account")
        if form is None:
            record.errors.append("account form not found")
            return
        fields = {**form["fields"], "account": f"Bench-berättelse {session.writes}"}
    begin = time.perf_counter()
    status, _, _ = session.post(form["action"] or path, fields)
    record.write(kind, time.perf_counter() - begin, status, f"POST {kind}")


def user_loop(session, mix, record, stop_at, *, pause, write_share):
    kinds, weights = zip(*mix, strict=True)
    rng = session.rng
    if pause:
        time.sleep(rng.uniform(0, pause))
    while time.monotonic() < stop_at:
        try:
            if write_share and session.user.role == "worker" and rng.random() < write_share:
                write_once(session, record)
            else:
                kind = rng.choices(kinds, weights)[0]
                begin = time.perf_counter()
                status, _ = session.page(kind)
                record.page(kind, time.perf_counter() - begin, status, f"GET {kind}")
        except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the run
            with record.lock:
                record.errors.append(f"{type(error).__name__}: {error}")
        if pause:
            time.sleep(max(0.0, min(rng.expovariate(1 / pause), stop_at - time.monotonic())))


def sessions_signed_in(port, users, seed) -> list[Session]:
    rngs = [random.Random(seed + n) for n in range(len(users))]  # noqa: S311 - not secrets
    sessions = [Session(port, user, rng) for user, rng in zip(users, rngs, strict=True)]
    threads = [threading.Thread(target=s.sign_in) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sessions


def run_users(sessions, *, seconds, pause, write_share, server_pid, database) -> tuple:
    record = Record()
    mixes = {"worker": WORKER_MIX, "manager": MANAGER_MIX, "analyst": ANALYST_MIX}
    cpu_before, pg_before = process_cpu_seconds(server_pid), postgres_cpu_seconds(database)
    client_before = os.times()
    begin = time.monotonic()
    stop_at = begin + seconds
    threads = [
        threading.Thread(
            target=user_loop,
            args=(s, mixes[s.user.role], record, stop_at),
            kwargs={"pause": pause, "write_share": write_share},
        )
        for s in sessions
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - begin
    client_after = os.times()
    cpu = process_cpu_seconds(server_pid) - cpu_before
    pg = postgres_cpu_spent(pg_before, postgres_cpu_seconds(database))
    client = (client_after.user - client_before.user) + (client_after.system - client_before.system)
    return record, wall, cpu, pg, client


def print_record(record: Record, wall: float) -> None:
    pages = [t for values in record.pages.values() for t in values]
    writes = [t for values in record.writes.values() for t in values]
    print(f"    {len(pages)} pages and {len(writes)} writes in {wall:.1f} s")
    print(summary("all pages", pages))
    for kind, values in sorted(record.pages.items()):
        print(summary(f"  {kind}", values))
    print(summary("all writes", writes))
    for kind, values in sorted(record.writes.items()):
        print(summary(f"  {kind}", values))
    print(f"    writes answered with the form again (refused, e.g. a conflict): {record.refused}")
    print(f"    pages answered with a redirect instead (none expected): {record.redirected}")
    print(f"    errors (non-2xx/3xx or failed requests): {len(record.errors)}")
    for error in sorted(set(record.errors))[:10]:
        print(f"      {record.errors.count(error)} × {error}")


def part_b(port, process, users, args) -> None:
    sessions = sessions_signed_in(port, users, args.seed)
    roles = {r: sum(1 for u in users if u.role == r) for r in ("worker", "manager", "analyst")}
    print(
        f"\n(b) {len(users)} users ({roles['worker']} case workers in "
        f"{len({u.unit_code for u in users})} units, {roles['manager']} manager, "
        f"{roles['analyst']} analyst), a request every exp({args.pause:g} s), "
        f"writes {args.write_share:.0%} of a case worker's requests, {args.duration:g} s"
    )
    print(f"    load average before: {load_average()}")
    record, wall, cpu, pg, client = run_users(
        sessions,
        seconds=args.duration,
        pause=args.pause,
        write_share=args.write_share,
        server_pid=process.pid,
        database=args.database,
    )
    print(f"    load average after: {load_average()}")
    print_record(record, wall)
    print(cpu_line(cpu, pg, client, wall))


def cpu_line(cpu, pg, client, wall) -> str:
    pg_text = "not visible" if pg is None else f"{pg / wall:.2f}"
    return (
        f"    cores busy on average: gunicorn {cpu / wall:.2f}, PostgreSQL backends {pg_text}, "
        f"this client {client / wall:.2f} (of {os.cpu_count()})"
    )


def part_c(port, process, users, args) -> None:
    workers = [u for u in users if u.role == "worker"][: args.saturation_users]
    sessions = sessions_signed_in(port, workers, args.seed + 1000)
    print(
        f"\n(c) saturation: {len(sessions)} case workers without pause, pages only, "
        f"{args.saturation_seconds:g} s; {args.workers} gunicorn workers, "
        f"{os.cpu_count()} cores"
    )
    print(f"    load average before: {load_average()}")
    record, wall, cpu, pg, client = run_users(
        sessions,
        seconds=args.saturation_seconds,
        pause=0,
        write_share=0,
        server_pid=process.pid,
        database=args.database,
    )
    print(f"    load average after: {load_average()}")
    print_record(record, wall)
    print(cpu_line(cpu, pg, client, wall))
    pages = sum(len(v) for v in record.pages.values())
    rate = pages / wall
    busy = cpu + (pg or 0)
    print(
        f"    {rate:.1f} pages/s; {rate / (os.cpu_count() or 1):.1f} pages/s per core; "
        f"{pages / cpu:.1f} pages per CPU-second of gunicorn"
        + (f", {pages / busy:.1f} per CPU-second of gunicorn and PostgreSQL" if pg else "")
    )


# --- main ---------------------------------------------------------------------------------------


def database_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def main() -> None:
    args = parse_args()
    url = database_url(args.database)
    django_setup(url)
    from django.db import connection

    from brytupp.cases.models import Case

    rng = random.Random(args.seed)  # noqa: S311 - which cases and searches, not secrets
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(
        f"bench/load.py on {args.database}: {Case.objects.count()} cases, PostgreSQL {version}, "
        f"{os.cpu_count()} cores, {args.workers} gunicorn workers, "
        f"load average {load_average()}, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC"
    )
    users = users_prepare(args, rng)
    connection.close()
    log = Path(tempfile.mkdtemp(prefix="brytupp-load-")) / "gunicorn.log"
    try:
        with server_running(url, args.workers, log) as (port, process):
            print(f"gunicorn on port {port}, log {log}")
            if "a" in args.parts:
                part_a(port, users, args, rng)
            if "b" in args.parts:
                part_b(port, process, users, args)
            if "c" in args.parts:
                part_c(port, process, users, args)
    finally:
        users_retire()


if __name__ == "__main__":
    main()
