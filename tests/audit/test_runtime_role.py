"""The application's database role, tried as a database session of that role would try it.

The roles are set up on the test database by ``database_roles_ensure`` (the owner and the
runtime role named after the test database, so parallel runs on one server do not collide);
then a separate connection logs in as the runtime role. Everything that would let it change,
silence or remove the access log is refused with a permission error and changes nothing; what
the application does (the chain writer, reading, ordinary rows) works.
"""

import re
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from psycopg import errors

from brytupp.audit.append_only import access_log_erase_all
from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.audit.services import access_log_record
from brytupp.dbroles import RoleSetupError, database_roles_ensure, runtime_role_problems
from brytupp.people.models import Person
from tests import factories

from .entries import fake_case, log_views, partition, worker

pytestmark = pytest.mark.django_db(transaction=True)


def _role_names() -> tuple[str, str]:
    database = re.sub(r"[^a-z0-9_]", "_", connection.settings_dict["NAME"].lower())
    return f"brytupp_owner_{database}", f"brytupp_app_{database}"


@pytest.fixture
def roles(transactional_db):
    owner, runtime = _role_names()
    with transaction.atomic(), connection.cursor() as cursor:
        database_roles_ensure(cursor, owner=owner, runtime=runtime)
    yield owner, runtime
    # The flush after a transactional test truncates every table, which the log refuses.
    access_log_erase_all()


@pytest.fixture
def as_runtime(roles):
    """A connection of its own, signed in as the runtime role."""
    settings = connection.settings_dict
    place = {"host": settings["HOST"] or None, "port": settings["PORT"] or None}
    # The embedded server's socket comes as options of its URL (?host=…&port=…).
    place.update({k: v for k, v in settings["OPTIONS"].items() if k in ("host", "port")})
    session = psycopg.connect(dbname=settings["NAME"], user=roles[1], autocommit=True, **place)
    yield session
    session.close()


def _log_state():
    return list(AccessLogEntry.objects.order_by("seq").values())


def _verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


REFUSED = {
    "update": "UPDATE audit_accesslogentry SET role = 'enhetschef'",
    "delete": "DELETE FROM audit_accesslogentry",
    "truncate": "TRUNCATE audit_accesslogentry",
    "update a partition": "UPDATE {partition} SET role = 'enhetschef'",
    "delete from a partition": "DELETE FROM {partition}",
    "truncate a partition": "TRUNCATE {partition}",
    "disable the trigger": "ALTER TABLE audit_accesslogentry DISABLE TRIGGER access_log_append_only",
    "disable a partition's trigger": "ALTER TABLE {partition} DISABLE TRIGGER USER",
    "replica mode": "SET session_replication_role = replica",
    "drop a partition": "DROP TABLE {partition}",
    "detach a partition": "ALTER TABLE audit_accesslogentry DETACH PARTITION {partition}",
    "drop the log": "DROP TABLE audit_accesslogentry CASCADE",
    "alter the log": "ALTER TABLE audit_accesslogentry ADD COLUMN note text",
    "rename the log": "ALTER TABLE audit_accesslogentry RENAME TO old_log",
    "add a trigger": (
        "CREATE TRIGGER quiet BEFORE INSERT ON audit_accesslogentry "
        "FOR EACH ROW EXECUTE FUNCTION audit_access_log_append_only()"
    ),
    "create a function": (
        "CREATE FUNCTION public.quiet() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RETURN NULL; END $$"
    ),
    "replace the guard": (
        "CREATE OR REPLACE FUNCTION public.audit_access_log_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$"
    ),
    "create a table": "CREATE TABLE public.copy_of_log (id bigint)",
    "create a schema": "CREATE SCHEMA elsewhere",
    "become superuser": "ALTER ROLE CURRENT_USER SUPERUSER",
    "bypass row security": "ALTER ROLE CURRENT_USER BYPASSRLS",
    "create a role": "CREATE ROLE helper LOGIN SUPERUSER",
    "join the owner": "GRANT {owner} TO CURRENT_USER",
    "write all data": "GRANT pg_write_all_data TO CURRENT_USER",
    "become the owner": "SET ROLE {owner}",
    "an event trigger": (
        "CREATE EVENT TRIGGER quiet ON sql_drop EXECUTE FUNCTION audit_access_log_refuse_drop()"
    ),
}


@pytest.mark.parametrize("statement", REFUSED.values(), ids=REFUSED.keys())
def test_the_runtime_role_cannot_change_silence_or_remove_the_log(
    rvt, roles, as_runtime, statement
):
    log_views(worker(rvt), 3)
    before = _log_state()

    with pytest.raises(errors.InsufficientPrivilege), as_runtime.transaction():
        as_runtime.execute(statement.format(partition=partition(0), owner=roles[0]))

    assert _log_state() == before
    assert _verify().startswith("Access log intact: 3 entries.")


def test_granting_itself_a_right_on_the_log_gives_it_nothing(rvt, roles, as_runtime):
    log_views(worker(rvt), 1)
    # A grantor without the grant option is only warned; what counts is that nothing changed.
    with as_runtime.transaction():
        as_runtime.execute("GRANT UPDATE, DELETE, TRUNCATE ON audit_accesslogentry TO CURRENT_USER")

    rights = as_runtime.execute(
        "SELECT privilege, has_table_privilege('audit_accesslogentry', privilege) "
        "FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS privilege"
    ).fetchall()
    assert rights == [
        ("SELECT", True),
        ("INSERT", True),
        ("UPDATE", False),
        ("DELETE", False),
        ("TRUNCATE", False),
    ]


def test_the_runtime_role_has_no_dangerous_attribute_and_owns_nothing(roles, as_runtime):
    attributes = as_runtime.execute(
        "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin "
        "FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    owned = as_runtime.execute(
        "SELECT count(*) FROM pg_class WHERE relowner = current_user::regrole"
    ).fetchone()
    memberships = as_runtime.execute(
        "SELECT count(*) FROM pg_auth_members WHERE member = current_user::regrole"
    ).fetchone()
    create_on_public = as_runtime.execute(
        "SELECT has_schema_privilege('public', 'CREATE')"
    ).fetchone()

    assert attributes == (False, False, False, False, False, True)
    assert owned == (0,)
    assert memberships == (0,)
    assert create_on_public == (False,)
    assert runtime_role_problems(as_runtime.cursor()) == []


def test_the_runtime_role_writes_the_log_through_the_chain_and_ordinary_rows(
    rvt, roles, as_runtime
):
    actor = worker(rvt)
    log_views(actor, 2)
    person = factories.person()
    written = AccessLogEntry.objects.count()

    # The application's own code, with the runtime role's rights only.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {roles[1]}")
        entry = access_log_record(actor=actor, kind=AccessKind.VIEW, case=fake_case())
        Person.objects.filter(pk=person.pk).update(first_name="Ändrad")
        cursor.execute("SELECT current_user")
        acted_as = cursor.fetchone()[0]
    # And on the runtime role's own connection: read the log and the head, write a person.
    head = as_runtime.execute("SELECT last_seq FROM audit_access_log_head()").fetchone()
    read = as_runtime.execute("SELECT count(*) FROM audit_accesslogentry").fetchone()
    with as_runtime.transaction():
        as_runtime.execute(
            "UPDATE people_person SET last_name = 'Annat' WHERE public_id = %s", [person.public_id]
        )

    assert acted_as == roles[1]
    assert entry.seq == written + 1
    assert (head, read) == ((written + 1,), (written + 1,))
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Ändrad", "Annat")
    assert _verify().startswith(f"Access log intact: {written + 1} entries.")


def test_a_month_partition_made_later_is_append_only_for_the_runtime_role(roles):
    runtime = roles[1]
    # Made by the function the chain writer and `audit partitions` call: it runs as the owner.
    # Rolled back: the drop guard refuses to drop a partition, even for the test.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT audit_access_log_partition_create('2041-05-01')")
        made = cursor.fetchone()
        cursor.execute(
            "SELECT privilege, has_table_privilege(%s, 'audit_accesslogentry_2041_05', privilege) "
            "FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS privilege",
            [runtime],
        )
        rights = cursor.fetchall()
        transaction.set_rollback(True)

    assert made == ("created",)
    assert rights == [
        ("SELECT", True),
        ("INSERT", True),
        ("UPDATE", False),
        ("DELETE", False),
        ("TRUNCATE", False),
    ]


def test_the_set_up_is_idempotent_and_refuses_a_single_role(roles):
    owner, runtime = roles
    with transaction.atomic(), connection.cursor() as cursor:
        again = database_roles_ensure(cursor, owner=owner, runtime=runtime)
        with pytest.raises(RoleSetupError, match="two different roles"):
            database_roles_ensure(cursor, owner=owner, runtime=owner)
        with pytest.raises(RoleSetupError, match="not a plain role name"):
            database_roles_ensure(cursor, owner=owner, runtime=f"x; DROP ROLE {owner}")
        cursor.execute(
            "SELECT relowner::regrole::text FROM pg_class WHERE oid = 'audit_accesslogentry'::regclass"
        )
        log_owner = cursor.fetchone()[0]

    assert again == []
    assert log_owner == owner


def test_the_deploy_check_names_a_superuser_connection():
    with connection.cursor() as cursor:
        problems = runtime_role_problems(cursor)

    assert problems[0] == "is a superuser: it can switch off the access log's triggers"
    assert "may SET session_replication_role, which silences every trigger" in problems
