"""The follow-up figures of the road to a home (issue 17 item 5, decision 0048), on hand-made
records: ``permanent_contract_time`` (contracts for a permanent home signed in the period on
the housing plans, and the median days from the placement's start to them) and
``shis_applications_granted`` (SHIS applications of the housing plans answered in the period,
and those granted). Per district and the city, in the report, the store of closed years with
its triggers, and the effect-goal page with small numbers hidden for a manager."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from brytupp.followup.models import StoredFigure
from brytupp.housing.models import HousingPlan, HousingPlanStep, HousingStepTemplate
from tests import factories
from tests.followup.records import YEAR_FROM, YEAR_TO, D, case, district, placement, report, unit

pytestmark = pytest.mark.django_db

CONTRACT = "permanent_contract_time"
SHIS = "shis_applications_granted"


def scope(result: dict, key: str, name: str = "farsta") -> dict:
    return result["city"][key] if name == "city" else result["districts"][name][key]


@pytest.fixture
def places():
    farsta, solna = district("farsta"), district("solna")
    farsta.name, solna.name = "Farsta", "Solna"
    farsta.save()
    solna.save()
    shis = HousingStepTemplate.objects.create(
        code="shis_application", label="Ansökan till SHIS", kind="application", order=30
    )
    # Farsta's own SHIS step replaces the city's (decision 0046): counted by its code.
    farsta_shis = HousingStepTemplate.objects.create(
        code="shis_application",
        label="Ansökan till SHIS Bostäder (Farsta)",
        kind="application",
        order=30,
        district=farsta,
    )
    priority = HousingStepTemplate.objects.create(
        code="priority_allocation", label="Ansökan om förtur", kind="application", order=20
    )
    return {
        "farsta_rvt": unit(farsta),
        "solna_rvt": unit(solna),
        "shis": shis,
        "farsta_shis": farsta_shis,
        "priority": priority,
    }


def housing_plan(lead_unit, start: datetime.date, signed=None, *, months=12, kind="first_hand"):
    """A placement from ``start`` in a case of the unit's district and its housing plan, with
    a contract signed on ``signed`` if given."""
    placed = placement(case(lead_unit, start), start)
    return HousingPlan.objects.create(
        placement=placed,
        created=start,
        contract_signed=signed,
        contract_housing_type=kind if signed else "",
        contract_months=months if signed else None,
    )


def application(plan, template, outcome="", day=None) -> HousingPlanStep:
    """The plan's application step, submitted ten days before its answer (or in January)."""
    return HousingPlanStep.objects.create(
        plan=plan,
        template=template,
        submitted=(day - datetime.timedelta(days=10)) if day else D(2024, 1, 2),
        outcome=outcome,
        outcome_date=day,
    )


# --- the time to a contract for a permanent home -----------------------------------------------


@pytest.fixture
def contracts(places):
    farsta, solna = places["farsta_rvt"], places["solna_rvt"]
    housing_plan(farsta, D(2024, 1, 1), D(2024, 1, 31))  # 30 days
    housing_plan(farsta, D(2023, 10, 1), D(2024, 1, 10))  # 101 days, from a placement of 2023
    housing_plan(solna, D(2024, 5, 1), D(2024, 6, 15))  # 45 days
    # Not counted: signed before the period, after it, not permanent (3 months), none yet.
    housing_plan(farsta, D(2023, 6, 1), D(2023, 12, 20))
    housing_plan(farsta, D(2024, 11, 1), D(2025, 1, 2))
    housing_plan(farsta, D(2024, 2, 1), D(2024, 3, 1), months=3, kind="second_hand")
    housing_plan(solna, D(2024, 2, 1))
    return places


def test_the_contracts_signed_in_the_period_and_the_median_days_from_the_start(contracts):
    result = report()

    assert scope(result, CONTRACT) == {"contracts": 2, "median_days": 65.5}
    assert scope(result, CONTRACT, "solna") == {"contracts": 1, "median_days": 45.0}
    assert scope(result, CONTRACT, "city") == {"contracts": 3, "median_days": 45.0}


def test_a_district_without_contracts_has_no_median(places):
    housing_plan(places["farsta_rvt"], D(2024, 2, 1))

    assert scope(report(), CONTRACT) == {"contracts": 0, "median_days": None}


def test_six_months_is_a_permanent_contract_and_five_is_not(places):
    housing_plan(places["farsta_rvt"], D(2024, 1, 1), D(2024, 1, 11), months=6)
    housing_plan(places["farsta_rvt"], D(2024, 1, 1), D(2024, 1, 21), months=5, kind="lodger")

    assert scope(report(), CONTRACT) == {"contracts": 1, "median_days": 10.0}


# --- SHIS applications granted -------------------------------------------------------------------


@pytest.fixture
def applications(places):
    farsta, solna = places["farsta_rvt"], places["solna_rvt"]

    def farsta_plan():
        return housing_plan(farsta, D(2024, 1, 1))

    application(farsta_plan(), places["farsta_shis"], "granted", D(2024, 4, 1))
    application(farsta_plan(), places["farsta_shis"], "refused", D(2024, 5, 1))
    application(farsta_plan(), places["shis"], "granted", D(2024, 6, 1))
    application(housing_plan(solna, D(2024, 1, 1)), places["shis"], "refused", D(2024, 3, 1))
    # Not counted: answered before the period, not answered yet, another application.
    application(farsta_plan(), places["shis"], "granted", D(2023, 12, 31))
    application(farsta_plan(), places["farsta_shis"])
    application(farsta_plan(), places["priority"], "granted", D(2024, 4, 1))
    return places


def test_the_shis_applications_answered_in_the_period_and_those_granted(applications):
    result = report()

    assert scope(result, SHIS) == {"numerator": 2, "denominator": 3, "share": 2 / 3}
    assert scope(result, SHIS, "solna") == {"numerator": 0, "denominator": 1, "share": 0.0}
    assert scope(result, SHIS, "city") == {"numerator": 2, "denominator": 4, "share": 0.5}


# --- small numbers -----------------------------------------------------------------------------


def test_small_counts_and_what_rests_on_them_are_hidden_in_a_suppressed_report(
    contracts, applications
):
    result = report(suppress=True)

    assert scope(result, CONTRACT) == {"contracts": "<5", "median_days": None}
    assert scope(result, SHIS) == {"numerator": "<5", "denominator": "<5", "share": None}
    # Zero stays zero.
    assert scope(result, SHIS, "solna") == {"numerator": 0, "denominator": "<5", "share": None}
    assert scope(result, CONTRACT, "city") == {"contracts": "<5", "median_days": None}


def test_five_contracts_are_shown_with_their_median(places):
    for days in (10, 20, 30, 40, 50):
        start = D(2024, 3, 1)
        housing_plan(places["farsta_rvt"], start, start + datetime.timedelta(days=days))

    result = report(suppress=True)

    assert scope(result, CONTRACT) == {"contracts": 5, "median_days": 30.0}


# --- the store of closed years (decision 0031) ---------------------------------------------------


def stored(key: str) -> StoredFigure:
    return StoredFigure.objects.get(
        figure=key, date_from=YEAR_FROM, date_to=YEAR_TO, computed_at__isnull=False
    )


def test_the_stored_figures_equal_the_live_ones(contracts, applications):
    live = report(live=True)
    cold = report()
    warm = report()

    assert cold == warm == live
    farsta = str(contracts["farsta_rvt"].district_id)
    assert stored(CONTRACT).values["city"] == [3, 45.0]
    assert stored(CONTRACT).values[farsta] == [2, 65.5]
    assert (stored(SHIS).depends_from, stored(SHIS).depends_to) == (YEAR_FROM, YEAR_TO)
    assert stored(SHIS).values[farsta] == [2, 3]


def sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


def test_every_write_the_contract_figure_reads_deletes_its_stored_values(places):
    farsta, solna = places["farsta_rvt"], places["solna_rvt"]
    plan = housing_plan(farsta, D(2024, 1, 1), D(2024, 1, 31))
    assert scope(report(), CONTRACT) == {"contracts": 1, "median_days": 30.0}

    # The placement's start, then its case's district.
    sql("UPDATE interventions_placement SET start = '2023-12-22' WHERE id = %s", plan.placement_id)
    assert scope(report(), CONTRACT) == {"contracts": 1, "median_days": 40.0}
    sql(
        "UPDATE cases_case SET district_id = %s WHERE id = %s",
        solna.district_id,
        plan.placement.case_id,
    )
    assert scope(report(), CONTRACT) == {"contracts": 0, "median_days": None}
    assert scope(report(), CONTRACT, "solna") == {"contracts": 1, "median_days": 40.0}
    # The contract's length below six months, back, then its day out of the year.
    HousingPlan.objects.filter(pk=plan.pk).update(contract_months=4)
    assert scope(report(), CONTRACT, "city")["contracts"] == 0
    HousingPlan.objects.filter(pk=plan.pk).update(contract_months=24)
    assert scope(report(), CONTRACT, "city")["contracts"] == 1
    HousingPlan.objects.filter(pk=plan.pk).update(contract_signed=D(2025, 1, 3))
    assert scope(report(), CONTRACT, "city") == {"contracts": 0, "median_days": None}
    # A new plan with a contract in the year, then deleted.
    added = housing_plan(farsta, D(2024, 6, 1), D(2024, 6, 11))
    assert scope(report(), CONTRACT, "city") == {"contracts": 1, "median_days": 10.0}
    added.delete()
    assert scope(report(), CONTRACT, "city")["contracts"] == 0


def test_every_write_the_shis_figure_reads_deletes_its_stored_values(places):
    farsta, solna = places["farsta_rvt"], places["solna_rvt"]
    plan = housing_plan(farsta, D(2024, 1, 1))
    step = application(plan, places["shis"], "refused", D(2024, 4, 1))
    assert scope(report(), SHIS) == {"numerator": 0, "denominator": 1, "share": 0.0}

    HousingPlanStep.objects.filter(pk=step.pk).update(outcome="granted")
    assert scope(report(), SHIS) == {"numerator": 1, "denominator": 1, "share": 1.0}
    # The template's kind (never changed in the admin, but the database watches it anyway).
    HousingStepTemplate.objects.filter(pk=places["shis"].pk).update(kind="plain")
    assert scope(report(), SHIS)["denominator"] == 0
    HousingStepTemplate.objects.filter(pk=places["shis"].pk).update(kind="application")
    assert scope(report(), SHIS)["denominator"] == 1
    # The case's district.
    sql(
        "UPDATE cases_case SET district_id = %s WHERE id = %s",
        solna.district_id,
        plan.placement.case_id,
    )
    assert scope(report(), SHIS)["denominator"] == 0
    assert scope(report(), SHIS, "solna") == {"numerator": 1, "denominator": 1, "share": 1.0}
    # The answer's day out of the year, and a new answer in it.
    HousingPlanStep.objects.filter(pk=step.pk).update(outcome_date=D(2025, 2, 1))
    assert scope(report(), SHIS, "city")["denominator"] == 0
    other = housing_plan(farsta, D(2024, 1, 1))
    application(other, places["shis"], "granted", D(2024, 9, 1))
    assert scope(report(), SHIS, "city") == {"numerator": 1, "denominator": 1, "share": 1.0}


# --- the effect-goal page ----------------------------------------------------------------------


def _rows(response, key: str) -> dict[str, list[str]]:
    section = next(s for s in response.context["sections"] if s.key == key)
    return {row.label: [cell.text for cell in row.cells] for row in section.table.rows}


def test_the_effect_goal_page_shows_both_after_permanent_housing_for_the_analyst(
    client, contracts, applications
):
    analyst = factories.staff("analytiker", factories.UnitFactory(district=None, kind="stab"))
    factories.sign_in(client, analyst)

    response = client.get(reverse("web:followup_goals"), {"year": "2024"})

    keys = [section.key for section in response.context["sections"]]
    assert keys[1:4] == ["permanent_housing_after_placement", CONTRACT, SHIS]
    assert _rows(response, CONTRACT) == {
        "Staden": ["3", "45 dagar"],
        "Farsta": ["2", "65,5 dagar"],
        "Solna": ["1", "45 dagar"],
    }
    assert _rows(response, SHIS) == {
        "Staden": ["2", "4", "50,0\u00a0%"],
        "Farsta": ["2", "3", "66,7\u00a0%"],
        "Solna": ["0", "1", "0,0\u00a0%"],
    }
    body = response.content.decode()
    assert f'id="section-{CONTRACT}"' in body and f'id="section-{SHIS}"' in body


def test_a_manager_sees_the_city_and_the_district_with_small_numbers_hidden(
    client, contracts, applications
):
    manager = factories.staff("enhetschef", contracts["farsta_rvt"])
    factories.sign_in(client, manager)

    response = client.get(reverse("web:followup_goals"), {"year": "2024"})

    assert _rows(response, CONTRACT) == {"Staden": ["<5", "<5"], "Farsta": ["<5", "<5"]}
    assert _rows(response, SHIS) == {
        "Staden": ["<5", "<5", "<5"],
        "Farsta": ["<5", "<5", "<5"],
    }
    body = response.content.decode()
    assert "65,5" not in body and "66,7" not in body
