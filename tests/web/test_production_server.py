"""Production as an operator runs it (docs/deployment.md): on a fresh database, the two roles,
``migrate`` as the owner, ``collectstatic`` with the manifest storage, then gunicorn with the
project's settings serving the production settings as the runtime role.

Every step is the ``brytupp`` command or gunicorn in a process of its own, with nothing but
the environment a server would have. The database and its roles are made for this module on
the tests' server (named with a random suffix, so parallel runs do not collide) and dropped
after it. The server trusts local connections, as for the other tests of the roles.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

# One worker process sets the server up once and runs every test of this module.
pytestmark = pytest.mark.xdist_group("production_server")

HOST = "brytupp.example.org"
HTTPS = {"Host": HOST, "X-Forwarded-Proto": "https"}
KEYS = {
    "SECRET_KEY": "x" * 30 + "production-like-secret-key-for-the-served-test-only",
    "BRYTUPP_FIELD_KEYS": "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3QtcmVhbC0wMCE=",
    "BRYTUPP_SEARCH_KEY": "test-only-search-key",
    "ALLOWED_HOSTS": HOST,
}


def database_url(base: str, *, database: str, user: str | None = None) -> str:
    """``base`` (the tests' server) with another database and, given, another user."""
    parts = urlsplit(base)
    netloc = f"{user}@{parts.netloc.rpartition('@')[2]}" if user else parts.netloc
    return urlunsplit((parts.scheme, netloc, f"/{database}", parts.query, ""))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    port: int
    env: dict[str, str]
    database: str
    admin_url: str
    runtime: str
    log: Path

    def fetch(self, path, *, method="GET", headers=None, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def backends(self) -> list[int]:
        """The server's connections to its database, as the runtime role."""
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            rows = admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND usename = %s",
                [self.database, self.runtime],
            ).fetchall()
        return sorted(pid for (pid,) in rows)


def brytupp(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "brytupp.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"brytupp {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    base = os.environ["DATABASE_URL"]  # the tests' server, as its superuser
    suffix = uuid.uuid4().hex[:10]
    database = f"brytupp_served_{suffix}"
    owner, runtime = f"brytupp_owner_served_{suffix}", f"brytupp_app_served_{suffix}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    tmp = tmp_path_factory.mktemp("served")
    admin_url = database_url(base, database=database)
    leave_out = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        k: v for k, v in os.environ.items() if k not in leave_out and not k.startswith("DATABASE")
    }
    env.update(KEYS)
    env.update(
        DATABASE_URL=database_url(base, database=database, user=runtime),
        DATABASE_OWNER_URL=database_url(base, database=database, user=owner),
        BRYTUPP_DATA_DIR=str(tmp / "data"),
        BRYTUPP_STATIC_ROOT=str(tmp / "static"),
    )
    roles = ["database_roles", "--owner", owner, "--runtime", runtime]
    log = tmp / "gunicorn.log"
    server = None
    # collectstatic needs no database (and compressing the files is the slowest step): it runs
    # beside the database's set-up.
    collecting = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "brytupp.cli", "collectstatic", "--no-input"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        brytupp(*roles, env={**env, "DATABASE_ADMIN_URL": admin_url})
        brytupp("migrate", "--no-input", env=env)
        brytupp(*roles, env={**env, "DATABASE_ADMIN_URL": admin_url})
        collected = collecting.communicate(timeout=120)[0]
        assert collecting.returncode == 0, collected
        assert "static files copied" in collected
        port = free_port()
        with log.open("w") as output:
            server = subprocess.Popen(  # noqa: S603 - our own server
                [
                    *(sys.executable, "-m", "gunicorn"),
                    *("--config", "python:brytupp.gunicorn_conf"),
                    *("--bind", f"127.0.0.1:{port}", "--workers", "1"),
                ],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        result = Served(port, env, database, admin_url, runtime, log)
        deadline = time.monotonic() + 20
        while True:
            assert server.poll() is None, log.read_text()
            try:
                if result.fetch("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield result
    finally:
        if collecting.poll() is None:
            collecting.kill()
            collecting.wait()
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
            )
            for role in (runtime, owner):
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_the_sign_in_page_is_served_with_its_hashed_stylesheet_and_scripts(served):
    status, headers, body = served.fetch("/logga-in/", headers=HTTPS)
    page = body.decode()

    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert 'id="id_username" name="username" type="text"' in page
    assert 'id="id_password" name="password" type="password"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    # Every stylesheet and script under its hashed name from the manifest.
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert [re.sub(r"\.[0-9a-f]{12}\.", ".*.", path) for path in styles + scripts] == [
        "/static/vendor/govuk-frontend/govuk-frontend.min.*.css",
        "/static/brytupp/brytupp.*.css",
        "/static/vendor/govuk-frontend/govuk-frontend.bundle.*.js",
        "/static/vendor/htmx/htmx.min.*.js",
        "/static/brytupp/brytupp.*.js",
    ]

    status, headers, body = served.fetch(styles[0], headers=HTTPS)

    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert b".govuk-button" in body
    for script in scripts:
        status, headers, _ = served.fetch(script, headers=HTTPS)
        assert (status, headers["Cache-Control"]) == (200, "max-age=315360000, public, immutable")


def test_plain_http_is_redirected_and_an_unknown_host_refused(served):
    redirected = served.fetch("/logga-in/", headers={"Host": HOST})
    refused = served.fetch("/logga-in/", headers={"Host": "10.0.0.7", "X-Forwarded-Proto": "https"})

    assert (redirected[0], redirected[1]["Location"]) == (301, f"https://{HOST}/logga-in/")
    assert redirected[1]["Strict-Transport-Security"] is None  # only over HTTPS
    assert refused[0] == 400


def test_healthz_answers_over_plain_http_to_any_host(served):
    status, headers, body = served.fetch("/healthz", headers={"Host": "10.0.0.7:8000"})

    assert (status, body) == (200, b"ok\n")
    assert headers["Cache-Control"] == "no-store"
    assert headers["Set-Cookie"] is None


def sign_in_refused(served) -> tuple[int, str]:
    """A whole request through the stack that reads and writes the database: a sign-in with a
    wrong password (the lock-out counts it)."""
    status, headers, body = served.fetch("/logga-in/", headers=HTTPS)
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode()).group(1)
    cookie = headers["Set-Cookie"].split(";")[0]
    status, _, body = served.fetch(
        "/logga-in/",
        method="POST",
        headers={
            **HTTPS,
            "Cookie": cookie,
            "Origin": f"https://{HOST}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=f"csrfmiddlewaretoken={token}&username=nobody&password=wrong-password-1",
    )
    return status, body.decode()


def test_the_connection_is_kept_and_a_connection_the_database_dropped_costs_no_error(served):
    assert sign_in_refused(served)[0] == 200
    kept = served.backends()
    assert served.fetch("/healthz")[0] == 200
    assert len(kept) == 1
    assert served.backends() == kept  # CONN_MAX_AGE: the same connection serves again

    # As a database restart or a failover would: the server side ends the connection.
    with psycopg.connect(served.admin_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", kept)
    status, page = sign_in_refused(served)

    # CONN_HEALTH_CHECKS: the dead connection is noticed and replaced, no error page.
    assert status == 200
    assert "govuk-error-summary" in page
    assert served.backends() not in ([], kept)
    assert served.fetch("/healthz")[0] == 200


def test_the_access_log_has_no_query_string_and_no_probe(served):
    served.fetch("/logga-in/?next=/arenden/secret-query", headers=HTTPS)
    served.fetch("/healthz")
    time.sleep(0.2)  # the access log line is written after the response

    lines = [line for line in served.log.read_text().splitlines() if '"GET ' in line]

    assert any('"GET /logga-in/" 200 ' in line for line in lines)
    assert not any("secret-query" in line or "next=" in line for line in lines)
    assert not any("/healthz" in line for line in lines)
    assert not any("127.0.0.1" in line for line in lines)
    line = next(line for line in lines if '"GET /logga-in/" 200 ' in line)
    assert re.fullmatch(r'\[[^]]+\] "GET /logga-in/" 200 \d+ \d+ms [0-9a-f]{32}', line)


def test_check_deploy_as_the_runtime_role_is_clean(served):
    result = brytupp(
        "check", "--deploy", "--database", "default", "--fail-level", "WARNING", env=served.env
    )

    assert "System check identified no issues (0 silenced)." in result.stdout
