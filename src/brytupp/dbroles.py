"""Two database roles: the owner that migrates, and the runtime role the application uses.

The access log refuses UPDATE, DELETE, TRUNCATE, DROP and DETACH by triggers (audit app,
decision 0008), but the tables' owner can ``ALTER TABLE … DISABLE TRIGGER`` and a superuser can
``SET session_replication_role = replica``, which silences every trigger. Connected as either,
the application — or anyone who takes over its process or its credentials — could rewrite the
log. So the application connects as a *runtime* role that owns nothing, is no superuser, cannot
create roles or databases, replicate or bypass row security, is a member of no role, and may
only SELECT and INSERT the log's tables. The *owner* role owns the schema and every object in
it and is used only by the commands that change the schema (``migrate``, ``audit partitions``;
see ``cli.py``). See docs/decisions/0019-database-roles.md.

``database_roles_ensure`` creates or updates both roles and every grant, and takes ownership of
objects another role made (a database migrated by one role before). It is idempotent: run it as
a superuser after each ``migrate``. ``runtime_role_problems`` is what ``check --deploy
--database default`` reports about the role the application connects as.

Both take a DB-API cursor (Django's or psycopg's), so the embedded server and the tests can use
them on a connection of their own.
"""

from __future__ import annotations

import re

LOG_TABLE = "audit_accesslogentry"
# Every table carrying a trigger of this name (the log, each partition, any later table of the
# chain that uses the same guard) is append-only for the runtime role: SELECT and INSERT.
APPEND_ONLY_TRIGGER = "access_log_append_only"
# Database functions the application calls (the chain writer).
RUNTIME_FUNCTIONS = (
    "audit_access_log_head()",
    "audit_access_log_partitions_ensure(integer, text)",
)
# The event triggers of audit migration 0004: name, function, event.
EVENT_TRIGGERS = (
    ("access_log_refuse_drop", "audit_access_log_refuse_drop()", "ON sql_drop"),
    (
        "access_log_refuse_detach",
        "audit_access_log_refuse_detach()",
        "ON ddl_command_end WHEN TAG IN ('ALTER TABLE')",
    ),
)
ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_ALTER_KIND = {"r": "TABLE", "p": "TABLE", "f": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW"}


class RoleSetupError(Exception):
    """A role name or set-up that would leave the log unprotected; nothing was changed."""


def _name(value: str) -> str:
    """Role and schema names go into statements unquoted: plain lower-case identifiers only."""
    if not _NAME.fullmatch(value):
        raise RoleSetupError(
            f"{value!r} is not a plain role name (lower-case letters, digits and _)"
        )
    return value


def _one(cursor, statement: str, params=()):
    cursor.execute(statement, params)
    row = cursor.fetchone()
    return None if row is None else row[0]


def _all(cursor, statement: str, params=()) -> list:
    cursor.execute(statement, params)
    return [row[0] for row in cursor.fetchall()]


def database_roles_ensure(cursor, *, owner: str, runtime: str, schema: str = "public") -> list[str]:
    """Create or update the two roles, their ownership and grants in the current database.

    Returns what it changed, one line each (empty when everything was already so)."""
    owner, runtime, schema = _name(owner), _name(runtime), _name(schema)
    if owner == runtime:
        raise RoleSetupError("the owner and the runtime role must be two different roles")
    if runtime == _one(cursor, "SELECT current_user"):
        raise RoleSetupError("run this as another role than the runtime role")
    done = _roles_ensure(cursor, owner=owner, runtime=runtime)
    done += _ownership_ensure(cursor, owner=owner, schema=schema)
    done += _grants_ensure(cursor, owner=owner, runtime=runtime, schema=schema)
    done += _drop_guard_ensure(cursor, schema=schema)
    return done


def _roles_ensure(cursor, *, owner: str, runtime: str) -> list[str]:
    done = []
    if _one(cursor, "SELECT 1 FROM pg_roles WHERE rolname = %s", [owner]) is None:
        cursor.execute(f"CREATE ROLE {owner} {ROLE_ATTRIBUTES}")
        done.append(f"created the owner role {owner}")
    if _one(cursor, "SELECT 1 FROM pg_roles WHERE rolname = %s", [runtime]) is None:
        cursor.execute(f"CREATE ROLE {runtime} {ROLE_ATTRIBUTES}")
        done.append(f"created the runtime role {runtime}")
    else:
        # Whatever was changed by hand is put back: these attributes are the point of the role.
        cursor.execute(f"ALTER ROLE {runtime} {ROLE_ATTRIBUTES}")
    # A role inherits the rights of the roles it is a member of (the owner, pg_write_all_data).
    memberships = _all(
        cursor,
        "SELECT granted.rolname FROM pg_auth_members AS link "
        "JOIN pg_roles AS granted ON granted.oid = link.roleid "
        "JOIN pg_roles AS member ON member.oid = link.member WHERE member.rolname = %s",
        [runtime],
    )
    for granted in memberships:
        cursor.execute(f'REVOKE "{granted}" FROM {runtime}')
        done.append(f"{runtime} is no longer a member of {granted}")
    return done


def _ownership_ensure(cursor, *, owner: str, schema: str) -> list[str]:
    """The owner owns the schema and everything in it, except the event triggers' functions: whoever
    owns those could replace them with functions that let a DROP through."""
    done = []
    if (
        _one(
            cursor, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = %s", [schema]
        )
        != owner
    ):
        cursor.execute(f"ALTER SCHEMA {schema} OWNER TO {owner}")
        done.append(f"schema {schema} now owned by {owner}")
    cursor.execute(
        "SELECT rel.oid::regclass::text, rel.relkind FROM pg_class AS rel "
        "WHERE rel.relnamespace = %s::regnamespace AND rel.relowner <> %s::regrole "
        "AND rel.relkind IN ('r', 'p', 'f', 'v', 'm') ORDER BY 1",
        [schema, owner],
    )
    for name, kind in cursor.fetchall():
        # Moves the table's identity and serial sequences with it.
        cursor.execute(f"ALTER {_ALTER_KIND[kind]} {name} OWNER TO {owner}")
        done.append(f"{name} now owned by {owner}")
    standalone_sequences = _all(
        cursor,
        "SELECT seq.oid::regclass::text FROM pg_class AS seq "
        "WHERE seq.relnamespace = %s::regnamespace AND seq.relkind = 'S' "
        "AND seq.relowner <> %s::regrole AND NOT EXISTS ("
        "  SELECT 1 FROM pg_depend WHERE objid = seq.oid AND deptype IN ('a', 'i')"
        ") ORDER BY 1",
        [schema, owner],
    )
    for name in standalone_sequences:
        cursor.execute(f"ALTER SEQUENCE {name} OWNER TO {owner}")
        done.append(f"{name} now owned by {owner}")
    routines = _all(
        cursor,
        "SELECT oid::regprocedure::text FROM pg_proc WHERE pronamespace = %s::regnamespace "
        "AND proowner <> %s::regrole AND prokind IN ('f', 'p') "
        "AND prorettype <> 'event_trigger'::regtype ORDER BY 1",
        [schema, owner],
    )
    for signature in routines:
        cursor.execute(f"ALTER ROUTINE {signature} OWNER TO {owner}")
        done.append(f"{signature} now owned by {owner}")
    return done


def append_only_tables(cursor, *, schema: str = "public") -> list[str]:
    """The log, its partitions and every table carrying the append-only trigger."""
    return _all(
        cursor,
        "SELECT rel.oid::regclass::text FROM pg_class AS rel "
        "WHERE rel.relnamespace = %(schema)s::regnamespace AND rel.relkind IN ('r', 'p') AND ("
        "  rel.oid = to_regclass(%(log)s)"
        "  OR rel.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass(%(log)s))"
        "  OR EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = rel.oid AND tgname = %(trigger)s)"
        ") ORDER BY 1",
        {"schema": schema, "log": f"{schema}.{LOG_TABLE}", "trigger": APPEND_ONLY_TRIGGER},
    )


def _grants_ensure(cursor, *, owner: str, runtime: str, schema: str) -> list[str]:
    database = _one(cursor, "SELECT quote_ident(current_database())")
    statements = [
        f"GRANT CONNECT ON DATABASE {database} TO {owner}, {runtime}",
        # PostgreSQL 15 no longer grants CREATE on public to PUBLIC; older clusters and
        # upgraded ones still do. Nobody but the owner creates anything in the schema.
        f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC",
        f"REVOKE ALL ON SCHEMA {schema} FROM {runtime}",
        f"GRANT USAGE ON SCHEMA {schema} TO {runtime}",
        # Start from nothing, so a right granted by hand does not survive a re-run.
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {runtime}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {runtime}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {runtime}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {runtime}",
        # Tables and sequences the owner makes later (migrations, month partitions) get the same.
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {runtime}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {runtime}",
    ]
    for statement in statements:
        cursor.execute(statement)
    for table in append_only_tables(cursor, schema=schema):
        # From every role but the owner (PUBLIC included), not only the runtime role.
        cursor.execute(
            f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {table} FROM PUBLIC"
        )
        cursor.execute(
            f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {table} FROM {runtime}"
        )
    for signature in RUNTIME_FUNCTIONS:
        if _one(cursor, "SELECT to_regprocedure(%s) IS NOT NULL", [f"{schema}.{signature}"]):
            cursor.execute(f"GRANT EXECUTE ON FUNCTION {schema}.{signature} TO {runtime}")
    return []


def _drop_guard_ensure(cursor, *, schema: str) -> list[str]:
    """Install the event triggers refusing DROP and DETACH of the log's partitions when the
    migration could not (it ran as the non-superuser owner). Needs a superuser; else skipped."""
    if not _one(cursor, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"):
        return []
    done = []
    for name, signature, event in EVENT_TRIGGERS:
        function = f"{schema}.{signature}"
        if not _one(cursor, "SELECT to_regprocedure(%s) IS NOT NULL", [function]):
            continue  # not migrated yet: run again after migrate
        # Owned by a superuser, so that the owner role cannot replace it with a no-op.
        cursor.execute(f"ALTER FUNCTION {function} OWNER TO CURRENT_USER")
        if _one(cursor, "SELECT 1 FROM pg_event_trigger WHERE evtname = %s", [name]) is None:
            cursor.execute(f"CREATE EVENT TRIGGER {name} {event} EXECUTE FUNCTION {function}")
            done.append(f"installed the event trigger {name}")
    return done


RUNTIME_PROBLEMS_SQL = """
SELECT role.rolsuper, role.rolbypassrls, role.rolreplication, role.rolcreaterole,
       role.rolcreatedb,
       log.oid IS NOT NULL AND pg_has_role(current_user, log.relowner, 'USAGE'),
       log.oid IS NOT NULL AND (
           has_table_privilege(log.oid, 'UPDATE') OR has_table_privilege(log.oid, 'DELETE')
           OR has_table_privilege(log.oid, 'TRUNCATE')
       ),
       current_setting('server_version_num')::int >= 150000
           AND has_parameter_privilege('session_replication_role', 'SET')
FROM pg_roles AS role LEFT JOIN pg_class AS log ON log.oid = to_regclass(%s)
WHERE role.rolname = current_user
"""
RUNTIME_PROBLEMS = (
    "is a superuser: it can switch off the access log's triggers",
    "can bypass row-level security",
    "has the REPLICATION attribute",
    "can create roles",
    "can create databases",
    "owns the access log (or is a member of its owner): it can disable its triggers",
    "may UPDATE, DELETE or TRUNCATE the access log",
    "may SET session_replication_role, which silences every trigger",
)


def runtime_role_problems(cursor) -> list[str]:
    """What the role of this connection may do that the application's role must not."""
    cursor.execute(RUNTIME_PROBLEMS_SQL, [LOG_TABLE])
    flags = cursor.fetchone()
    return [problem for problem, present in zip(RUNTIME_PROBLEMS, flags, strict=True) if present]
