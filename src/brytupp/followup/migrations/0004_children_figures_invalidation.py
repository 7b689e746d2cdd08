"""The figures ``children_placed_with_own_decision`` and ``reports_of_concern_rvt`` (issue 16)
are deleted from the store when what they read is written, as every other figure is
(migration 0002, decision 0031).

- A child placed with a parent (``interventions_placementchild``) touches the day its own
  placement began: its ``start``, or the placement's start when it has none. Its own decision
  (``decision_id``) and start are read, so they join the columns compared on an update.
- A placement touches its start (a child without a start of its own counts from it).
- A case touches its placed children's days (its district) and its reports' days (its
  district, lead unit and acceptance), as for SIPs.
- A report of concern (``children_reportofconcern``) touches its own day.
- A unit whose kind changes to or from ``rvt`` touches every period, as for reactualisation.

The triggers of the tables already watched are made again with the new figures added; the
report table gets its triggers. The SQL is built by migration 0002's own functions from the
table definitions of 0002 and 0003 (a migration does not change once applied, so it can be
imported).
"""

import importlib

from django.db import migrations

INVALIDATION = importlib.import_module(
    "brytupp.followup.migrations.0002_stored_figures_invalidation"
)
RISK = importlib.import_module(
    "brytupp.followup.migrations.0003_risk_assessment_figure_invalidation"
)

OWN_DECISION = "'children_placed_with_own_decision'"
REPORTS = "'reports_of_concern_rvt'"
CHILD_DAY = "COALESCE(pc.start, p.start)"

TABLES = {
    "cases_case": (
        RISK.TABLES["cases_case"][0],
        [
            *RISK.TABLES["cases_case"][1],
            (
                OWN_DECISION,
                CHILD_DAY,
                CHILD_DAY,
                "{rows} r JOIN interventions_placement p ON p.case_id = r.id"
                " JOIN interventions_placementchild pc ON pc.placement_id = p.id",
                True,
            ),
            (
                REPORTS,
                "s.date",
                "s.date",
                "{rows} r JOIN children_reportofconcern s ON s.case_id = r.id",
                True,
            ),
        ],
    ),
    "organisation_unit": (
        RISK.TABLES["organisation_unit"][0],
        [
            RISK.TABLES["organisation_unit"][1][0],
            (
                "'reactualisation', 'risk_assessment_within_14_days', " + REPORTS,
                "NULL",
                "NULL",
                "{rows} r WHERE r.kind = 'rvt'",
                True,
            ),
        ],
    ),
    "interventions_placement": (
        INVALIDATION.TABLES["interventions_placement"][0],
        [
            *INVALIDATION.TABLES["interventions_placement"][1],
            (OWN_DECISION, "r.start", "r.start", "{rows} r", False),
        ],
    ),
    "interventions_placementchild": (
        (*INVALIDATION.TABLES["interventions_placementchild"][0], "decision_id", "start"),
        [
            *INVALIDATION.TABLES["interventions_placementchild"][1],
            (
                OWN_DECISION,
                "COALESCE(r.start, p.start)",
                "COALESCE(r.start, p.start)",
                "{rows} r JOIN interventions_placement p ON p.id = r.placement_id",
                False,
            ),
        ],
    ),
    "children_reportofconcern": (
        ("case_id", "date", "direction"),
        [(REPORTS, "r.date", "r.date", "{rows} r", False)],
    ),
}
REMADE = ("cases_case", "organisation_unit", "interventions_placement", "interventions_placementchild")
BEFORE = {
    "cases_case": RISK.TABLES["cases_case"],
    "organisation_unit": RISK.TABLES["organisation_unit"],
    "interventions_placement": INVALIDATION.TABLES["interventions_placement"],
    "interventions_placementchild": INVALIDATION.TABLES["interventions_placementchild"],
}

FORWARD = "".join(RISK._dropped(table) for table in REMADE) + "".join(
    INVALIDATION._function(table, columns, parts) for table, (columns, parts) in TABLES.items()
)
BACKWARD = "".join(RISK._dropped(table) for table in TABLES) + "".join(
    INVALIDATION._function(table, *BEFORE[table]) for table in REMADE
)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0003_risk_assessment_figure_invalidation"),
        ("children", "0002_child_records_for_existing_children"),
        ("interventions", "0006_childs_own_decision_and_support"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
