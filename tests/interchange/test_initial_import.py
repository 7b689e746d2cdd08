"""``brytupp import --initial`` (``initial.py``, decision 0032): into an empty database, with
the tables' secondary indexes and foreign keys built after the load; the same records as an
ordinary import, the same schema afterwards, refused where it does not apply, and nothing
left behind by a failure."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from brytupp.cases.models import CaseEvent
from brytupp.interchange import services
from brytupp.interchange.initial import InitialRefused, initial_tables, structures_drop
from brytupp.interchange.services import interchange_import
from tests import factories

from .records import BASE, text
from .test_import_batches import row_counts
from .test_import_example import EXAMPLE

pytestmark = pytest.mark.django_db


def _schema() -> list[tuple]:
    """Every index and constraint of the tables an import writes, as PostgreSQL prints them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'index', indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = ANY (%s::regclass[]) UNION ALL "
            "SELECT 'constraint', conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY (%s::regclass[]) ORDER BY 1, 2",
            [initial_tables(), initial_tables()],
        )
        return cursor.fetchall()


def _exported() -> list[dict]:
    out = io.StringIO()
    call_command("export", "-", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_an_initial_import_keeps_what_an_ordinary_import_keeps():
    schema = _schema()
    with transaction.atomic():
        ordinary = interchange_import(path=EXAMPLE)
        expected = _exported()
        transaction.set_rollback(True)

    initial = interchange_import(path=EXAMPLE, initial=True)

    assert initial.problems == [] and ordinary.problems == []
    assert initial.counts() == ordinary.counts()
    assert initial.records == 1336
    assert _exported() == expected
    assert _schema() == schema


def test_the_indexes_and_foreign_keys_are_dropped_while_loading_and_are_the_same_after():
    schema = _schema()
    with transaction.atomic():
        rebuild = structures_drop()
        during = _schema()
        transaction.set_rollback(True)

    names = {name for _, name, _ in schema}
    assert {"cases_case_lead_unit_id_fb1941ea", "cases_case_person_id_f87eeffa"} <= names
    dropped = names - {name for _, name, _ in during}
    # Non-unique indexes and foreign keys go; primary keys, unique rules and the indexes the
    # import's own queries need stay.
    assert "cases_case_lead_unit_id_fb1941ea" in dropped
    assert "cases_case_person_id_f87eeffa" not in dropped
    assert "interventions_placementchild_placement_id_2bae4f42" not in dropped
    assert "cases_case_person_id_f87eeffa_fk_people_person_id" in dropped
    assert "case_one_open_per_person_district" not in dropped
    assert "people_person_identity_number_digest_key" not in dropped
    assert "cases_case_pkey" not in dropped
    assert all(
        "UNIQUE" not in definition and "PRIMARY" not in definition
        for kind, name, definition in schema
        if name in dropped
    )
    assert len(dropped) == len(rebuild.indexes) + len(rebuild.foreign_keys)
    assert len(rebuild.indexes) > 30 and len(rebuild.foreign_keys) > 30
    assert _schema() == schema


def test_refused_when_the_database_holds_a_record_and_nothing_changes():
    factories.person()
    schema, before = _schema(), row_counts()

    with pytest.raises(InitialRefused, match=r"records are already in people_person$"):
        interchange_import(path=EXAMPLE, initial=True)

    assert _schema() == schema
    assert row_counts() == before


def test_a_file_with_a_problem_leaves_the_empty_tables_and_the_schema_as_they_were():
    schema, before = _schema(), row_counts()
    lines = [json.dumps(record) for record in BASE] + ['{"type": "case", "id": "c9"}']

    result = interchange_import(stream=io.BytesIO("\n".join(lines).encode()), initial=True)

    assert result.problems == [
        f"LINE 16: {name}: missing"
        for name in ("person", "district", "lead_unit", "opened", "source")
    ]
    assert row_counts() == before
    assert _schema() == schema


def test_a_dry_run_with_initial_writes_and_drops_nothing():
    schema = _schema()
    result = interchange_import(stream=io.BytesIO(text(BASE).encode()), initial=True, dry_run=True)
    assert result.problems == [] and result.records == 15
    assert _schema() == schema


def test_a_role_that_does_not_own_the_tables_is_refused():
    """The application's runtime role owns nothing: ``--initial`` says to run as the owner."""
    role = "brytupp_initial_" + re.sub(r"[^a-z0-9_]", "_", connection.settings_dict["NAME"])
    schema = _schema()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
        cursor.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")
        with pytest.raises(InitialRefused, match=r"run it as the schema's owner"):
            structures_drop()
        transaction.set_rollback(True)
    assert _schema() == schema


def test_the_command_says_why_it_refuses(tmp_path):
    factories.person()
    with pytest.raises(CommandError, match=r"^--initial loads into an empty database; "):
        call_command("import", str(EXAMPLE), "--initial")


def test_the_command_imports_into_an_empty_database():
    out = io.StringIO()
    call_command("import", str(EXAMPLE), "--initial", stdout=out)
    assert out.getvalue().startswith("Imported: 1336 records from ")


def _reltuples(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        return cursor.fetchone()[0]


def test_a_large_import_gathers_the_planners_statistics(monkeypatch):
    """Until a table is analysed the planner takes it for empty (``reltuples`` -1). ANALYZE
    writes the figures in place, outside the transaction: they survive the test's rollback."""
    monkeypatch.setattr(services, "ANALYZE_AFTER", 15)

    result = interchange_import(stream=io.BytesIO(text(BASE).encode()))

    assert result.records == 15
    assert _reltuples("cases_case") == 1
    assert _reltuples("people_person") == 2


def test_a_small_import_leaves_the_statistics_to_autovacuum(monkeypatch):
    monkeypatch.setattr(services, "ANALYZE_AFTER", 1337)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_case, people_person")  # empty here: 0 rows
    before = {table: _reltuples(table) for table in ("cases_case", "people_person")}
    assert before == {"cases_case": 0, "people_person": 0}

    result = interchange_import(path=EXAMPLE)

    assert result.records == 1336 and result.created["case"] == 60
    assert {table: _reltuples(table) for table in before} == before


def test_an_initial_import_always_gathers_them():
    result = interchange_import(stream=io.BytesIO(text(BASE).encode()), initial=True)
    assert result.records == 15
    assert _reltuples("cases_case") == 1
    assert _reltuples("cases_caseevent") == CaseEvent.objects.count() == 12
