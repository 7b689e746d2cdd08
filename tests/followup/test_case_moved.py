"""The effect goals of a case that moved between districts (issue 17 item 4, decision 0049),
on hand-made records: every record counts in the district the case belonged to on the
record's date — the district it was handed over from before the day the hand-over was
received, the receiving district from that day — and the city counts it once. Synthetic data
only."""

from __future__ import annotations

import pytest
from django.utils import timezone

from brytupp.cases.models import CaseTransfer, Consent, TransferStatus
from brytupp.followup import figures
from brytupp.followup.equality import equality_report
from brytupp.followup.models import StoredFigure
from brytupp.followup.report import effect_goal_report
from tests import factories
from tests.followup.records import (
    YEAR_FROM,
    YEAR_TO,
    D,
    case,
    district,
    placement,
    report,
    risk_assessment,
    shis_referral,
    sip,
    unit,
)

pytestmark = pytest.mark.django_db

MOVED_ON = D(2024, 6, 1)


def handed_over(case_, from_unit, to_unit, on, status=TransferStatus.ACCEPTED):
    """The case as a received hand-over leaves it: led by ``to_unit`` in its district, the
    hand-over's row naming the district it came from."""
    proposer = factories.staff("handlaggare", from_unit)
    consent = Consent.objects.create(
        case=case_, given=on, form="oral", purpose="Överlämning", recorded_by=proposer
    )
    transfer = CaseTransfer.objects.create(
        case=case_,
        from_unit=from_unit,
        from_district=from_unit.district,
        to_unit=to_unit,
        reason="Flyttat",
        consent=consent,
        proposed_by=proposer,
        status=status,
        answered_on=None if status == TransferStatus.PROPOSED else on,
    )
    if status == TransferStatus.ACCEPTED:
        case_.district, case_.lead_unit = to_unit.district, to_unit
        case_.save(update_fields=["district", "lead_unit"])
    return transfer


@pytest.fixture
def moved():
    """A Farsta case opened in January, received by Solna on 1 June, with records before and
    after; and a Farsta case whose hand-over to Solna is still waiting."""
    farsta, solna = district("farsta"), district("solna")
    farsta_rvt, solna_rvt = unit(farsta), unit(solna)
    c = case(farsta_rvt, D(2024, 1, 10))
    risk_assessment(c, D(2024, 1, 15))
    placement(c, D(2024, 2, 1), end=D(2024, 5, 31), housing="first_hand", months=12)
    placement(c, D(2024, 6, 1), end=D(2024, 9, 30), housing="temporary")
    shis_referral(c, D(2024, 5, 2))
    shis_referral(c, D(2024, 7, 2))
    sip(c, D(2024, 3, 3))
    sip(c, D(2024, 6, 1))
    sip(c, D(2024, 8, 8))
    handed_over(c, farsta_rvt, solna_rvt, MOVED_ON)
    waiting = case(farsta_rvt, D(2024, 2, 2))
    sip(waiting, D(2024, 9, 9))
    handed_over(waiting, farsta_rvt, solna_rvt, D(2024, 9, 10), status=TransferStatus.PROPOSED)
    return c


def test_each_record_counts_in_the_district_of_its_date(moved):
    result = report()
    farsta, solna, city = (
        result["districts"]["farsta"],
        result["districts"]["solna"],
        result["city"],
    )

    # Ended on 31 May in Farsta with a permanent home; on 30 September in Solna without.
    permanent = "permanent_housing_after_placement"
    assert (farsta[permanent]["numerator"], farsta[permanent]["denominator"]) == (1, 1)
    assert (solna[permanent]["numerator"], solna[permanent]["denominator"]) == (0, 1)
    assert (city[permanent]["numerator"], city[permanent]["denominator"]) == (1, 2)
    # The case opened in Farsta: its risk assessment within 14 days counts there.
    risk = "risk_assessment_within_14_days"
    assert (farsta[risk]["numerator"], farsta[risk]["denominator"]) == (1, 2)
    assert solna[risk]["denominator"] == 0
    # The day of the hand-over is the receiving district's.
    assert farsta["sip_count"]["current"] == 2  # 3 March, and the waiting case's 9 September
    assert solna["sip_count"]["current"] == 2  # 1 June, 8 August
    assert city["sip_count"]["current"] == 4
    assert farsta["shis_mellanbo_referrals"]["current"] == 1
    assert solna["shis_mellanbo_referrals"]["current"] == 1
    # Active in both, counted once: where it was on its last day in the year.
    assert (farsta["active_cases"]["total"], solna["active_cases"]["total"]) == (1, 1)
    assert city["active_cases"]["total"] == 2


def test_a_year_before_the_move_counts_the_case_where_it_was_then(moved):
    result = effect_goal_report(date_from=D(2024, 1, 1), date_to=D(2024, 5, 31))

    assert result["districts"]["farsta"]["active_cases"]["total"] == 2
    assert result["districts"]["solna"]["active_cases"]["total"] == 0
    assert result["districts"]["farsta"]["sip_count"]["current"] == 1


def test_without_hand_overs_every_record_counts_in_the_cases_district(moved):
    CaseTransfer.objects.all().delete()

    result = report()

    # The moved case is Solna's today: with no hand-over recorded, all of it counts there.
    assert result["districts"]["solna"]["sip_count"]["current"] == 3
    assert result["districts"]["farsta"]["sip_count"]["current"] == 1


def test_equality_counts_the_case_where_it_was_on_each_date(moved):
    result = equality_report(date_from=YEAR_FROM, date_to=YEAR_TO)

    assert result["districts"]["farsta"]["protected_housing_stays"]["placements"] == 1
    assert result["districts"]["solna"]["protected_housing_stays"]["placements"] == 1
    assert result["districts"]["farsta"]["shis_referrals"]["mellanbo"] == 1
    assert result["districts"]["solna"]["shis_referrals"]["mellanbo"] == 1


def test_a_received_hand_over_deletes_the_stored_figures_of_every_day(moved):
    report()  # a closed year: its figures are stored
    assert StoredFigure.objects.filter(figure="sip_count").exists()

    CaseTransfer.objects.filter(status=TransferStatus.ACCEPTED).update(
        answered_on=timezone.localdate()
    )

    # Only the screening routine, counted by unit, is left.
    assert set(StoredFigure.objects.values_list("figure", flat=True)) == {"screening_routine"}


def test_only_the_cases_ever_handed_over_ask_the_function():
    sql = figures.district_on_fast(
        "SELECT brytupp_case_district_on(c.id, c.district_id, LEAST(COALESCE(c.closed, d), d))"
        " AS district_id, brytupp_case_district_on(id, district_id, opened) FROM x"
    )

    assert sql == (
        "SELECT CASE WHEN c.id IN (SELECT case_id FROM cases_casetransfer"
        " WHERE status = 'accepted') THEN brytupp_case_district_on(c.id, c.district_id,"
        " LEAST(COALESCE(c.closed, d), d)) ELSE c.district_id END AS district_id,"
        " CASE WHEN id IN (SELECT case_id FROM cases_casetransfer WHERE status = 'accepted')"
        " THEN brytupp_case_district_on(id, district_id, opened) ELSE district_id END FROM x"
    )
