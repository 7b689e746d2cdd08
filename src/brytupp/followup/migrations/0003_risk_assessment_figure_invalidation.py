"""The figure ``risk_assessment_within_14_days`` is deleted from the store when what it reads
is written, as every other figure is (migration 0002, decision 0031).

It reads three tables: a risk assessment (its case, date and instrument) touches its own
day; a case (opened, district, lead unit, acceptance) touches the day it was opened; and a
unit whose kind changes to or from ``rvt`` touches every period, as for reactualisation. The
stored figure depends on the days from the period's start to 14 days after its end
(``stored.depends_on``), so an assessment dated up to 14 days into the next year deletes the
closed year's figure.

The triggers of ``cases_case`` and ``organisation_unit`` are made again with the new figure
added; ``assessments_riskassessment`` gets its triggers. The SQL is built by migration 0002's
own functions (a migration does not change once applied, so it can be imported) from the
table definitions written out here.
"""

import importlib

from django.db import migrations

INVALIDATION = importlib.import_module(
    "brytupp.followup.migrations.0002_stored_figures_invalidation"
)

FIGURE = "'risk_assessment_within_14_days'"

TABLES = {
    "cases_case": (
        INVALIDATION.TABLES["cases_case"][0],
        [
            *INVALIDATION.TABLES["cases_case"][1],
            (FIGURE, "r.opened", "r.opened", "{rows} r", False),
        ],
    ),
    "organisation_unit": (
        INVALIDATION.TABLES["organisation_unit"][0],
        [
            INVALIDATION.TABLES["organisation_unit"][1][0],
            (
                "'reactualisation', " + FIGURE,
                "NULL",
                "NULL",
                "{rows} r WHERE r.kind = 'rvt'",
                True,
            ),
        ],
    ),
    "assessments_riskassessment": (
        ("case_id", "date", "instrument"),
        [(FIGURE, "r.date", "r.date", "{rows} r", False)],
    ),
}
REMADE = ("cases_case", "organisation_unit")


def _dropped(table: str) -> str:
    return f"""
DROP TRIGGER IF EXISTS followup_figures_inserted ON {table};
DROP TRIGGER followup_figures_updated ON {table};
DROP TRIGGER IF EXISTS followup_figures_deleted ON {table};
DROP TRIGGER followup_figures_truncated ON {table};
DROP FUNCTION followup_figures_touched_{table}();
"""


FORWARD = "".join(_dropped(table) for table in REMADE) + "".join(
    INVALIDATION._function(table, columns, parts) for table, (columns, parts) in TABLES.items()
)
BACKWARD = "".join(_dropped(table) for table in TABLES) + "".join(
    INVALIDATION._function(table, *INVALIDATION.TABLES[table]) for table in REMADE
)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0002_stored_figures_invalidation"),
        ("assessments", "0002_riskassessment"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
