"""Triggers that delete stored effect-goal figures when a record that feeds them is written.

Every table a figure reads (``followup/figures.py``) gets three statement-level triggers
(INSERT, UPDATE, DELETE, each with its transition table) and one on TRUNCATE. From the rows
written they derive, per row, the figures it can change and the days it touches, and delete
the stored figures whose days (``depends_from``–``depends_to``) overlap. Statement-level, so
an import that COPYs a hundred thousand rows runs each trigger once per statement; in the
database, so no write can forget it: services, the import's bulk paths, the demo and raw SQL
all pass here. An UPDATE counts only the rows whose columns the figures read changed, and
both the old and the new row: a row moved from one year to another touches both years.

Inserting or deleting a row touches its own days. An UPDATE of a row others are counted by
touches their days too: a case's district (its placements, referrals and SIPs count for it),
a person's gender (their cases) or birth date (their placements as a child), a unit's kind
(RVT cases). A new row can have no dependants yet, and a deleted one takes them with it, so
their own triggers cover them.

Each trigger first takes the shared advisory lock "BrytUppF" for its transaction: a reader
about to compute and store a figure tries the lock exclusively and stores nothing while any
write is in flight (``followup/stored.py``, decision 0031).

The SQL is written out here, not imported, so that the migration stays what it was.
"""

from django.db import migrations

LOCK = 4788022894404857926  # "BrytUppF" read as a 64-bit integer

FIGURES_PLACEMENT = "'permanent_housing_after_placement', 'child_schooling_within_week', 'placement_follow_up_within_week'"

# The units a screening routine is counted for (assessments.models.SCREENING_UNIT_KINDS).
SCREENING_KINDS = ", ".join(
    f"'{kind}'"
    for kind in (
        "rvt",
        "barn_unga",
        "vuxen_beroende",
        "socialpsykiatri",
        "funktionsnedsattning",
        "aldreomsorg",
        "ekonomiskt_bistand",
        "familjeratt",
        "oppna_insatser",
        "hemlosa",
    )
)

# table: (columns the figures read, [(figures, lo, hi, from-and-where, on update only)])
# ``{rows}`` is the set of written rows, aliased ``r``; NULL for lo or hi is open-ended.
TABLES = {
    "organisation_unit": (
        ("kind", "district_id", "valid_from", "valid_to"),
        [
            (
                "'screening_routine'",
                "r.valid_from",
                "r.valid_to",
                "{rows} r WHERE r.kind IN (%s)" % SCREENING_KINDS,
                False,
            ),
            ("'reactualisation'", "NULL", "NULL", "{rows} r WHERE r.kind = 'rvt'", True),
        ],
    ),
    "assessments_screening": (
        ("unit_id", "date", "asked"),
        [("'screening_routine'", "r.date", "r.date", "{rows} r", False)],
    ),
    "cases_case": (
        ("person_id", "district_id", "lead_unit_id", "opened", "closed", "acceptance"),
        [
            ("'active_cases', 'reactualisation'", "r.opened", "r.closed", "{rows} r", False),
            (
                FIGURES_PLACEMENT,
                'LEAST(p.start, p."end")',
                'GREATEST(p.start, p."end")',
                "{rows} r JOIN interventions_placement p ON p.case_id = r.id",
                True,
            ),
            (
                "'shis_mellanbo_referrals'",
                "s.date",
                "s.date",
                "{rows} r JOIN housing_shisreferral s ON s.case_id = r.id",
                True,
            ),
            (
                "'sip_count'",
                "s.date",
                "s.date",
                "{rows} r JOIN plans_sip s ON s.case_id = r.id",
                True,
            ),
        ],
    ),
    "people_person": (
        ("gender", "birth_date"),
        [
            (
                "'active_cases'",
                "c.opened",
                "c.closed",
                "{rows} r JOIN cases_case c ON c.person_id = r.id",
                True,
            ),
            (
                "'child_schooling_within_week'",
                "p.start",
                "p.start",
                "{rows} r JOIN interventions_placementchild pc ON pc.child_id = r.id"
                " JOIN interventions_placement p ON p.id = pc.placement_id",
                True,
            ),
        ],
    ),
    "interventions_placement": (
        (
            "case_id",
            "start",
            "end",
            "end_reason",
            "next_housing_type",
            "next_housing_contract_months",
        ),
        [(FIGURES_PLACEMENT, 'LEAST(r.start, r."end")', 'GREATEST(r.start, r."end")', "{rows} r", False)],
    ),
    "interventions_placementchild": (
        ("placement_id", "child_id", "schooling_start"),
        [
            (
                "'child_schooling_within_week'",
                "p.start",
                "p.start",
                "{rows} r JOIN interventions_placement p ON p.id = r.placement_id",
                False,
            )
        ],
    ),
    "interventions_followup": (
        ("placement_id", "date"),
        [("'placement_follow_up_within_week'", "r.date", "r.date", "{rows} r", False)],
    ),
    "housing_shisreferral": (
        ("case_id", "date", "kind"),
        [("'shis_mellanbo_referrals'", "r.date", "r.date", "{rows} r", False)],
    ),
    "plans_sip": (
        ("case_id", "date"),
        [("'sip_count'", "r.date", "r.date", "{rows} r", False)],
    ),
}

DELETE_TOUCHED = """
    DELETE FROM followup_storedfigure s
    USING touched t
    WHERE s.figure = ANY(t.figures)
      AND s.depends_from <= COALESCE(t.hi, 'infinity'::date)
      AND s.depends_to >= COALESCE(t.lo, '-infinity'::date);"""


def _deleted(parts, sources, *, update: bool, prefix: str = "") -> str:
    """The statement that deletes what the rows touch (none when only an UPDATE can)."""
    selects = [
        f"SELECT ARRAY[{figures}]::text[] AS figures, {lo}::date AS lo, {hi}::date AS hi "
        f"FROM {where.format(rows=source)}"
        for figures, lo, hi, where, update_only in parts
        if update or not update_only
        for source in sources
    ]
    if not selects:
        return "NULL;"
    # Rows of the same days touch the same stored figures: DISTINCT makes an import's
    # hundred thousand rows a few thousand before they meet the store.
    touched = "SELECT DISTINCT * FROM (\n        " + "\n        UNION ALL ".join(selects) + "\n    ) AS rows"
    return f"WITH {prefix}touched AS (\n        {touched}\n    ){DELETE_TOUCHED}"


def _function(table: str, columns, parts) -> str:
    # The rows an UPDATE changed, old and new side by side, with only the id and the columns
    # compared (every part reads only those): one join of the transition tables, narrow.
    old = ", ".join(f'o."{column}" AS "old_{column}"' for column in columns)
    new = ", ".join(f'n."{column}" AS "new_{column}"' for column in columns)
    compared = " IS DISTINCT FROM ".join(
        "(" + ", ".join(f'{side}."{column}"' for column in columns) + ")" for side in "on"
    )
    changed = (
        f"changed AS MATERIALIZED (SELECT o.id, {old}, {new} "
        f"FROM old_table o JOIN new_table n ON n.id = o.id WHERE {compared}),\n    "
        + ",\n    ".join(
            f"changed_{side} AS (SELECT id, "
            + ", ".join(f'"{side}_{column}" AS "{column}"' for column in columns)
            + " FROM changed)"
            for side in ("old", "new")
        )
        + ",\n    "
    )
    # A table whose rows only count through others (a person) needs no INSERT or DELETE
    # trigger: its transition table would cost the import for nothing.
    triggers = (
        f"""CREATE TRIGGER followup_figures_inserted AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_table
    FOR EACH STATEMENT EXECUTE FUNCTION followup_figures_touched_{table}();
CREATE TRIGGER followup_figures_deleted AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_table
    FOR EACH STATEMENT EXECUTE FUNCTION followup_figures_touched_{table}();
"""
        if any(not update_only for *_, update_only in parts)
        else ""
    )
    return f"""
CREATE FUNCTION followup_figures_touched_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared({LOCK});
    IF NOT EXISTS (SELECT 1 FROM followup_storedfigure) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
    {_deleted(parts, ["new_table"], update=False)}
    ELSIF TG_OP = 'DELETE' THEN
    {_deleted(parts, ["old_table"], update=False)}
    ELSE
    {_deleted(parts, ["changed_old", "changed_new"], update=True, prefix=changed)}
    END IF;
    RETURN NULL;
END
$$;
{triggers}CREATE TRIGGER followup_figures_updated AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table
    FOR EACH STATEMENT EXECUTE FUNCTION followup_figures_touched_{table}();
CREATE TRIGGER followup_figures_truncated AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION followup_figures_cleared();
"""


CLEARED = f"""
CREATE FUNCTION followup_figures_cleared() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared({LOCK});
    DELETE FROM followup_storedfigure;
    RETURN NULL;
END
$$;
"""

FORWARD = CLEARED + "".join(
    _function(table, columns, parts) for table, (columns, parts) in TABLES.items()
)
BACKWARD = (
    "".join(
        f"""
DROP TRIGGER IF EXISTS followup_figures_inserted ON {table};
DROP TRIGGER followup_figures_updated ON {table};
DROP TRIGGER IF EXISTS followup_figures_deleted ON {table};
DROP TRIGGER followup_figures_truncated ON {table};
DROP FUNCTION followup_figures_touched_{table}();
"""
        for table in TABLES
    )
    + "DROP FUNCTION followup_figures_cleared();\n"
)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0001_stored_figures"),
        ("organisation", "0004_membership_four_eyes"),
        ("assessments", "0002_riskassessment"),
        ("cases", "0004_one_open_accepted_case_per_person_district"),
        ("people", "0007_person_name_sealed_constraint"),
        ("interventions", "0001_initial"),
        ("housing", "0001_initial"),
        ("plans", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
