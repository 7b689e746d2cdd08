"""The follow-up figures of the children's own track (issue 16 item 6), on hand-made records:
``children_placed_with_own_decision`` (the children placed with a parent whose own placement
began in the period, and those placed on a decision of their own) and
``reports_of_concern_rvt`` (reports of concern the units made about children in accepted
cases led by an RVT, in the period and a year earlier). In the report, the store of closed
years with its triggers, and the effect-goal page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from brytupp.children.models import ReportOfConcern
from brytupp.followup.models import StoredFigure
from brytupp.interventions.models import (
    Application,
    ApplicationDecision,
    Delegation,
    LegalGround,
    PlacementChild,
)
from tests import factories
from tests.followup.records import (
    YEAR_FROM,
    YEAR_TO,
    D,
    case,
    district,
    person,
    placement,
    report,
    unit,
)

pytestmark = pytest.mark.django_db

OWN = "children_placed_with_own_decision"
REPORTS = "reports_of_concern_rvt"


def scope(result: dict, key: str, name: str = "farsta") -> dict:
    return result["city"][key] if name == "city" else result["districts"][name][key]


@pytest.fixture
def farsta_rvt():
    return unit(district("farsta"))


@pytest.fixture
def worker(farsta_rvt):
    return factories.staff("handlaggare", farsta_rvt)


def own_decision(case_, worker) -> ApplicationDecision:
    """A bifall for a child, recorded by hand: what the figure reads is only that there is one."""
    ground, _ = LegalGround.objects.get_or_create(
        code="provlagen-1-1",
        defaults={
            "law": "Provlagen (2025:9)",
            "provision": "1 kap. 1 §",
            "label": "Bistånd",
            "valid_from": D(2020, 1, 1),
        },
    )
    application = Application.objects.create(
        case=case_,
        kind="ansokan",
        received=D(2024, 5, 1),
        asked="Skyddat boende för barnet.",
        intervention="skyddat_boende",
        unit=case_.lead_unit,
        recorded_by=worker,
    )
    return ApplicationDecision.objects.create(
        application=application,
        decided=D(2024, 5, 1),
        outcome="bifall",
        legal_ground=ground,
        decision_maker=worker,
        delegation=Delegation.objects.get_or_create(
            unit=case_.lead_unit, role="handlaggare", intervention="", valid_from=D(2020, 1, 1)
        )[0],
        recorded_by=worker,
    )


def placed(placement_, worker, *, own: bool, start=None) -> PlacementChild:
    return PlacementChild.objects.create(
        placement=placement_,
        child=person(birth_date=D(2016, 3, 3), gender="male"),
        decision=own_decision(placement_.case, worker) if own else None,
        start=start,
    )


def concern(case_, worker, date, *, direction="made") -> ReportOfConcern:
    return ReportOfConcern.objects.create(
        case=case_,
        child=person(birth_date=D(2015, 1, 1), gender="female"),
        direction=direction,
        reporter_kind="socialtjanst",
        date=date,
        concern="Barnet har bevittnat våld i hemmet.",
        recorded_by=worker,
        unit=case_.lead_unit,
    )


# --- children placed with their own decision ---------------------------------------------------


def test_the_children_whose_placement_began_in_the_period_and_those_with_their_own_decision(
    farsta_rvt, worker
):
    may = placement(case(farsta_rvt, D(2024, 4, 1)), D(2024, 5, 1))
    placed(may, worker, own=True)
    placed(may, worker, own=False)
    # Placed with the parent from the start of 2024 on a placement begun in December 2023.
    december = placement(case(farsta_rvt, D(2023, 12, 1)), D(2023, 12, 20))
    placed(december, worker, own=True, start=D(2024, 1, 5))
    placed(december, worker, own=True)  # from the placement's start: 2023
    # Another district's child counts there and for the city.
    solna = placement(case(unit(district("solna")), D(2024, 2, 1)), D(2024, 2, 2))
    placed(solna, worker, own=False)
    placed(placement(case(farsta_rvt, D(2025, 1, 1)), D(2025, 1, 2)), worker, own=True)

    result = report()

    assert scope(result, OWN) == {"numerator": 2, "denominator": 3, "share": 2 / 3}
    assert scope(result, OWN, "solna") == {"numerator": 0, "denominator": 1, "share": 0.0}
    assert scope(result, OWN, "city") == {"numerator": 2, "denominator": 4, "share": 0.5}


def test_no_child_placed_gives_no_share(farsta_rvt):
    placement(case(farsta_rvt, D(2024, 4, 1)), D(2024, 5, 1))

    assert scope(report(), OWN) == {"numerator": 0, "denominator": 0, "share": None}


# --- reports of concern made in RVT cases ------------------------------------------------------


def test_reports_made_in_rvt_cases_in_the_period_and_a_year_earlier(farsta_rvt, worker):
    rvt_case = case(farsta_rvt, D(2023, 1, 10))
    concern(rvt_case, worker, D(2024, 3, 1))
    concern(rvt_case, worker, D(2024, 12, 31))
    concern(rvt_case, worker, D(2023, 6, 1))  # the year before
    concern(rvt_case, worker, D(2022, 12, 31))  # before that: not counted
    concern(rvt_case, worker, D(2024, 4, 1), direction="received")  # received: not counted
    # Not led by an RVT, not accepted: not counted.
    concern(
        case(unit(farsta_rvt.district, kind="ekonomiskt_bistand"), D(2024, 1, 1)),
        worker,
        D(2024, 5, 1),
    )
    concern(case(farsta_rvt, D(2024, 1, 1), acceptance="pending"), worker, D(2024, 5, 1))
    concern(case(unit(district("solna")), D(2024, 1, 1)), worker, D(2024, 5, 1))

    result = report()

    assert scope(result, REPORTS) == {"current": 2, "previous": 1}
    assert scope(result, REPORTS, "solna") == {"current": 1, "previous": 0}
    assert scope(result, REPORTS, "city") == {"current": 3, "previous": 1}


def test_small_counts_are_hidden_in_a_suppressed_report(farsta_rvt, worker):
    rvt_case = case(farsta_rvt, D(2024, 1, 10))
    concern(rvt_case, worker, D(2024, 3, 1))

    assert scope(report(suppress=True), REPORTS) == {"current": "<5", "previous": 0}


# --- the store of closed years (decision 0031) ---------------------------------------------------


def stored(key: str) -> StoredFigure:
    return StoredFigure.objects.get(
        figure=key, date_from=YEAR_FROM, date_to=YEAR_TO, computed_at__isnull=False
    )


def test_the_stored_figures_equal_the_live_ones_and_depend_on_their_days(farsta_rvt, worker):
    may = placement(case(farsta_rvt, D(2024, 4, 1)), D(2024, 5, 1))
    placed(may, worker, own=True)
    concern(may.case, worker, D(2023, 3, 1))

    live = report(live=True)
    cold = report()
    warm = report()

    assert cold == warm == live
    assert (stored(OWN).depends_from, stored(OWN).depends_to) == (D(2024, 1, 1), D(2024, 12, 31))
    assert (stored(REPORTS).depends_from, stored(REPORTS).depends_to) == (
        D(2023, 1, 1),
        D(2024, 12, 31),
    )
    assert stored(REPORTS).values == {"city": [0, 1], str(farsta_rvt.district_id): [0, 1]}


def test_every_write_the_figures_read_deletes_their_stored_values(farsta_rvt, worker):
    may = placement(case(farsta_rvt, D(2024, 4, 1)), D(2024, 5, 1))
    child = placed(may, worker, own=False)
    report_ = concern(may.case, worker, D(2024, 3, 1))
    assert scope(report(), OWN) == {"numerator": 0, "denominator": 1, "share": 0.0}
    assert scope(report(), REPORTS) == {"current": 1, "previous": 0}

    # The child's own decision recorded, then its own start moved out of the year.
    PlacementChild.objects.filter(pk=child.pk).update(decision=own_decision(may.case, worker))
    assert scope(report(), OWN) == {"numerator": 1, "denominator": 1, "share": 1.0}
    PlacementChild.objects.filter(pk=child.pk).update(start=D(2025, 1, 3))
    assert scope(report(), OWN) == {"numerator": 0, "denominator": 0, "share": None}
    PlacementChild.objects.filter(pk=child.pk).update(start=None)
    # The placement's start, which the child's day follows.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE interventions_placement SET start = '2023-12-31' WHERE id = %s", [may.pk]
        )
    assert scope(report(), OWN)["denominator"] == 0

    # A report's direction, its case's acceptance, its lead unit's kind.
    ReportOfConcern.objects.filter(pk=report_.pk).update(direction="received")
    assert scope(report(), REPORTS) == {"current": 0, "previous": 0}
    ReportOfConcern.objects.filter(pk=report_.pk).update(direction="made")
    assert scope(report(), REPORTS) == {"current": 1, "previous": 0}
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET acceptance = 'refused' WHERE id = %s", [may.case_id])
    assert scope(report(), REPORTS) == {"current": 0, "previous": 0}
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET acceptance = 'accepted' WHERE id = %s", [may.case_id])
    assert scope(report(), REPORTS)["current"] == 1
    with connection.cursor() as cursor:
        cursor.execute("UPDATE organisation_unit SET kind = 'barn_unga'")
    assert scope(report(), REPORTS) == {"current": 0, "previous": 0}


# --- the effect-goal page -----------------------------------------------------------------------


def test_the_effect_goal_page_shows_both_figures_for_the_city_and_each_district(
    client, farsta_rvt, worker
):
    may = placement(case(farsta_rvt, D(2024, 4, 1)), D(2024, 5, 1))
    for own in (True, True, False, True, True, True):
        placed(may, worker, own=own)
    for month in range(1, 7):
        concern(may.case, worker, D(2024, month, 1))
    analyst = factories.UserFactory()
    factories.MembershipFactory(
        user=analyst, unit=unit(None, kind="stadsledning"), role="analytiker"
    )
    factories.sign_in(client, analyst)

    response = client.get(
        reverse("web:followup_goals"), {"date_from": "2024-01-01", "date_to": "2024-12-31"}
    )

    sections = {s.key: s for s in response.context["sections"]}
    own_rows = {row.label: [c.text for c in row.cells] for row in sections[OWN].table.rows}
    report_rows = {row.label: [c.text for c in row.cells] for row in sections[REPORTS].table.rows}
    name = farsta_rvt.district.name
    assert own_rows[name] == ["5", "6", "83,3\u00a0%"]
    assert report_rows[name] == ["6", "0"]
    body = response.content.decode()
    assert f'id="section-{OWN}"' in body and f'id="section-{REPORTS}"' in body
