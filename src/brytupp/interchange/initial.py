"""An import into an empty database (``brytupp import --initial``, decision 0032).

A district's first migration loads hundreds of thousands of records into tables that hold
none. Keeping every secondary index and foreign key up to date row by row costs about half of
the database's work; building an index once over the loaded table, and checking a foreign key
with one join, costs far less. So, inside the import's transaction: the tables the format
writes are checked to be empty, their non-unique indexes (but the few the import's own
queries need, ``KEPT``) and their foreign keys are dropped
(their definitions kept, as PostgreSQL prints them), the file is loaded, and the indexes and
foreign keys are made again from those definitions before the commit. Unique indexes and
primary keys stay: the import looks records up by producer id and identity number, and a
unique rule (one open case per person and district) must stop the batch that breaks it.

Everything is transactional: a failed or interrupted import rolls the drops back with the
rows. Dropping an index needs the table's owner, so ``--initial`` runs as the schema's owner
(``cli.py``), and it holds the tables locked (ACCESS EXCLUSIVE) until it commits: meant for a
database no one works in yet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db import connection, models

from brytupp.cases.models import CaseEvent, Consent
from brytupp.interventions.models import PlacementChild

from .state import MODELS

# Non-unique indexes the import's own queries need while it loads, kept: the children placed
# with a parent are found through the parent's cases and their placements
# (``people.inheritance``, every batch of placements). Without them each batch scans the
# tables loaded so far: a million-case import slowed to a crawl at its placements.
KEPT = (
    ("cases_case", "person_id"),
    ("interventions_placement", "case_id"),
    ("interventions_placementchild", "placement_id"),
    ("interventions_placementchild", "child_id"),
)
# Memory for building an index (PostgreSQL's default is 64 MB), for this transaction only.
BUILD_MEMORY = "256MB"


class InitialRefused(Exception):
    """``--initial`` on a database that holds records, or without the owner's rights."""


@dataclass
class Rebuild:
    """What was dropped, to be made again: statements as PostgreSQL prints the definitions."""

    tables: list[str] = field(default_factory=list)
    indexes: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)


def initial_tables() -> list[str]:
    """The tables an import writes, but the organisation's (which a database may hold)."""
    written: list[type[models.Model]] = [
        model for type_, model in MODELS.items() if type_ not in ("district", "unit")
    ]
    written += [
        CaseEvent,
        PlacementChild,
        Consent.units.through,
        Consent.violence_description_units.through,
    ]
    return [model._meta.db_table for model in written]


def structures_drop() -> Rebuild:
    """Check the tables are empty, then drop their non-unique indexes and foreign keys."""
    rebuild = Rebuild(tables=initial_tables())
    with connection.cursor() as cursor:
        holding = [
            table
            for table in rebuild.tables
            if _fetch_one(cursor, f'SELECT EXISTS (SELECT 1 FROM "{table}")')  # noqa: S608
        ]
        if holding:
            raise InitialRefused(
                "--initial loads into an empty database; records are already in "
                + ", ".join(sorted(holding))
            )
        owned = _fetch_one(
            cursor,
            "SELECT bool_and(pg_has_role(current_user, relowner, 'USAGE')) FROM pg_class "
            "WHERE oid = ANY (%s::regclass[])",
            [rebuild.tables],
        )
        if not owned:
            raise InitialRefused(
                "--initial drops and builds indexes: run it as the schema's owner "
                "(DATABASE_OWNER_URL)"
            )
        cursor.execute(
            "SELECT format('%%I.%%I', n.nspname, i.relname), pg_get_indexdef(x.indexrelid) "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_namespace n ON n.oid = i.relnamespace "
            "WHERE x.indrelid = ANY (%s::regclass[]) AND NOT x.indisunique "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) "
            "AND (x.indrelid::regclass::text, "
            "     (SELECT attname FROM pg_attribute a "
            "      WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[0])::text) "
            "    NOT IN (SELECT * FROM jsonb_to_recordset(%s::jsonb) AS k (t text, c text)) "
            "ORDER BY 1",
            [rebuild.tables, json.dumps([{"t": t, "c": c} for t, c in KEPT])],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT format('%%s', c.conrelid::regclass), format('%%I', c.conname), "
            "pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "WHERE c.conrelid = ANY (%s::regclass[]) AND c.contype = 'f' ORDER BY 1, 2",
            [rebuild.tables],
        )
        foreign_keys = cursor.fetchall()
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
            rebuild.foreign_keys.append(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
        for name, definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
            rebuild.indexes.append(definition)
    return rebuild


def structures_restore(rebuild: Rebuild) -> None:
    """Build the indexes and add the foreign keys again (checked over every row)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
        for statement in rebuild.indexes + rebuild.foreign_keys:
            cursor.execute(statement)


def tables_analyze() -> None:
    """The planner's statistics of the tables an import writes, gathered in its transaction
    (which counts its own rows). Without them, the first pages after a large import are
    planned as if the tables were empty: a case worker's list took 26 s instead of 0.1 s on
    20 000 imported cases until autovacuum came by (docs/performance.md)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(f'"{table}"' for table in initial_tables()))


def _fetch_one(cursor, statement: str, params=None):
    cursor.execute(statement, params)
    return cursor.fetchone()[0]
