"""The figures ``permanent_contract_time`` and ``shis_applications_granted`` (issue 17,
decision 0048) are deleted from the store when what they read is written, as every other
figure is (migration 0002, decision 0031).

- A housing plan (``housing_housingplan``) touches the day its contract was signed: its
  placement, the day and the contract's length are read. A plan without a contract touches
  nothing (its day is NULL, which would otherwise mean every day).
- A step of a plan (``housing_housingplanstep``) touches the day of its outcome: its plan,
  template, outcome and the outcome's day are read. A step without an outcome touches nothing.
- A step template (``housing_housingsteptemplate``) whose code or kind changes touches the
  outcome days of its steps (an UPDATE only: a new template has no steps, and one with steps
  is never deleted).
- A placement whose start or case changes touches its plan's contract day (the days from the
  start are counted, and the case names the district).
- A case whose district changes touches its plans' contract days and its steps' outcome days.

The triggers of the tables already watched (``cases_case``, ``interventions_placement``) are
made again with the new figures added; the housing tables get their triggers. The SQL is built
by migration 0002's own functions from the table definitions of 0004 (a migration does not
change once applied, so it can be imported).
"""

import importlib

from django.db import migrations

INVALIDATION = importlib.import_module(
    "brytupp.followup.migrations.0002_stored_figures_invalidation"
)
RISK = importlib.import_module(
    "brytupp.followup.migrations.0003_risk_assessment_figure_invalidation"
)
CHILDREN = importlib.import_module(
    "brytupp.followup.migrations.0004_children_figures_invalidation"
)

CONTRACT = "'permanent_contract_time'"
SHIS = "'shis_applications_granted'"

TABLES = {
    "cases_case": (
        CHILDREN.TABLES["cases_case"][0],
        [
            *CHILDREN.TABLES["cases_case"][1],
            (
                CONTRACT,
                "hp.contract_signed",
                "hp.contract_signed",
                "{rows} r JOIN interventions_placement p ON p.case_id = r.id"
                " JOIN housing_housingplan hp ON hp.placement_id = p.id"
                " WHERE hp.contract_signed IS NOT NULL",
                True,
            ),
            (
                SHIS,
                "s.outcome_date",
                "s.outcome_date",
                "{rows} r JOIN interventions_placement p ON p.case_id = r.id"
                " JOIN housing_housingplan hp ON hp.placement_id = p.id"
                " JOIN housing_housingplanstep s ON s.plan_id = hp.id"
                " WHERE s.outcome_date IS NOT NULL",
                True,
            ),
        ],
    ),
    "interventions_placement": (
        CHILDREN.TABLES["interventions_placement"][0],
        [
            *CHILDREN.TABLES["interventions_placement"][1],
            (
                CONTRACT,
                "hp.contract_signed",
                "hp.contract_signed",
                "{rows} r JOIN housing_housingplan hp ON hp.placement_id = r.id"
                " WHERE hp.contract_signed IS NOT NULL",
                True,
            ),
        ],
    ),
    "housing_housingplan": (
        ("placement_id", "contract_signed", "contract_months"),
        [
            (
                CONTRACT,
                "r.contract_signed",
                "r.contract_signed",
                "{rows} r WHERE r.contract_signed IS NOT NULL",
                False,
            )
        ],
    ),
    "housing_housingplanstep": (
        ("plan_id", "template_id", "outcome", "outcome_date"),
        [
            (
                SHIS,
                "r.outcome_date",
                "r.outcome_date",
                "{rows} r WHERE r.outcome_date IS NOT NULL",
                False,
            )
        ],
    ),
    "housing_housingsteptemplate": (
        ("code", "kind"),
        [
            (
                SHIS,
                "s.outcome_date",
                "s.outcome_date",
                "{rows} r JOIN housing_housingplanstep s ON s.template_id = r.id"
                " WHERE s.outcome_date IS NOT NULL",
                True,
            )
        ],
    ),
}
REMADE = ("cases_case", "interventions_placement")
BEFORE = {
    "cases_case": CHILDREN.TABLES["cases_case"],
    "interventions_placement": CHILDREN.TABLES["interventions_placement"],
}

FORWARD = "".join(RISK._dropped(table) for table in REMADE) + "".join(
    INVALIDATION._function(table, columns, parts) for table, (columns, parts) in TABLES.items()
)
BACKWARD = "".join(RISK._dropped(table) for table in TABLES) + "".join(
    INVALIDATION._function(table, *BEFORE[table]) for table in REMADE
)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0004_children_figures_invalidation"),
        ("housing", "0003_housing_plan_contract"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
