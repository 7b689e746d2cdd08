"""A hand-over of a case to another district (``cases_casetransfer``, decision 0049) moves
every record of the case dated before the day it was received to the district it came from
(``brytupp_case_district_on``): a received hand-over written, changed or deleted deletes every
stored figure that reads the case's records, on every day. (Receiving a case also changes its
district, which the case's own trigger follows; this one covers the hand-over row itself.)

Built with migration 0002's functions, as 0003–0005 are.
"""

import importlib

from django.db import migrations

INVALIDATION = importlib.import_module(
    "brytupp.followup.migrations.0002_stored_figures_invalidation"
)
RISK = importlib.import_module(
    "brytupp.followup.migrations.0003_risk_assessment_figure_invalidation"
)

# Every figure counted by the case's district (all but the screening routine, counted by unit).
CASE_FIGURES = ", ".join(
    f"'{name}'"
    for name in (
        "permanent_housing_after_placement",
        "reactualisation",
        "shis_mellanbo_referrals",
        "child_schooling_within_week",
        "placement_follow_up_within_week",
        "sip_count",
        "active_cases",
        "risk_assessment_within_14_days",
        "children_placed_with_own_decision",
        "reports_of_concern_rvt",
        "permanent_contract_time",
        "shis_applications_granted",
    )
)

TABLES = {
    "cases_casetransfer": (
        ("case_id", "status", "answered_on", "from_district_id"),
        [(CASE_FIGURES, "NULL", "NULL", "{rows} r WHERE r.status = 'accepted'", False)],
    ),
}

FORWARD = "".join(
    INVALIDATION._function(table, columns, parts) for table, (columns, parts) in TABLES.items()
)
BACKWARD = "".join(RISK._dropped(table) for table in TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0005_housing_road_figures_invalidation"),
        ("cases", "0015_case_transfer"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
