"""Effect goal 3 (reactualisation) and the active cases."""

import pytest

from tests.followup.records import D, case, days, district, person, report, unit

pytestmark = pytest.mark.django_db

OPENED = D(2024, 6, 15)


@pytest.mark.parametrize(
    ("closed_days_before", "reactualised"),
    [
        (0, 1),  # closed the same day the new case opened
        (1, 1),
        (365, 1),  # exactly 365 days before
        (366, 0),
        (-1, 0),  # the earlier case closed after this one opened
    ],
)
def test_reactualisation_within_365_days(closed_days_before, reactualised):
    farsta = district("farsta")
    rvt = unit(farsta)
    someone = person()
    case(rvt, D(2022, 1, 1), closed=OPENED - days(closed_days_before), person_=someone)
    case(rvt, OPENED, person_=someone)

    figure = report()["districts"]["farsta"]["reactualisation"]

    assert (figure["numerator"], figure["denominator"]) == (reactualised, 1)
    assert figure["share"] == float(reactualised)
    assert figure["met"] is (not reactualised)  # share <= 0.2


def test_an_earlier_case_still_open_does_not_reactualise():
    farsta = district("farsta")
    rvt = unit(farsta)
    someone = person()
    # In another district: the database keeps one open accepted case per person and district.
    case(unit(district("bromma")), D(2023, 1, 1), person_=someone)
    case(rvt, OPENED, person_=someone)

    figure = report()["districts"]["farsta"]["reactualisation"]

    assert (figure["numerator"], figure["denominator"]) == (0, 1)


def test_a_case_closed_on_the_day_it_opened_is_not_its_own_reactualisation():
    farsta = district("farsta")
    case(unit(farsta), OPENED, closed=OPENED)

    figure = report()["districts"]["farsta"]["reactualisation"]

    assert (figure["numerator"], figure["denominator"]) == (0, 1)


def test_both_cases_opened_in_the_period_count_once_each():
    farsta = district("farsta")
    rvt = unit(farsta)
    someone = person()
    case(rvt, D(2024, 2, 1), closed=D(2024, 3, 1), person_=someone)
    case(rvt, OPENED, person_=someone)

    figure = report()["districts"]["farsta"]["reactualisation"]

    assert (figure["numerator"], figure["denominator"]) == (1, 2)
    assert figure["share"] == 0.5
    assert figure["met"] is False


def test_the_earlier_case_may_be_in_another_district_but_must_be_led_by_an_rvt():
    farsta, bromma = district("farsta"), district("bromma")
    moved, other_lead = person(), person()
    case(unit(bromma), D(2023, 1, 1), closed=D(2024, 1, 10), person_=moved)
    case(unit(farsta), OPENED, person_=moved)
    ekb = unit(farsta, "ekonomiskt_bistand")
    case(ekb, D(2023, 1, 1), closed=D(2024, 1, 10), person_=other_lead)
    case(unit(farsta), OPENED, person_=other_lead)
    case(ekb, OPENED)  # not led by an RVT: not counted at all

    result = report()

    farsta_figure = result["districts"]["farsta"]["reactualisation"]
    assert (farsta_figure["numerator"], farsta_figure["denominator"]) == (1, 2)
    assert farsta_figure["met"] is False
    bromma_figure = result["districts"]["bromma"]["reactualisation"]
    assert (bromma_figure["numerator"], bromma_figure["denominator"]) == (0, 0)
    assert bromma_figure["share"] is None
    assert bromma_figure["met"] is None
    city = result["city"]["reactualisation"]
    assert (city["numerator"], city["denominator"]) == (1, 2)


@pytest.mark.parametrize(("reopened", "met"), [(1, True), (2, False)])
def test_reactualisation_is_met_at_or_below_twenty_percent(reopened, met):
    farsta = district("farsta")
    rvt = unit(farsta)
    for n in range(5):
        someone = person()
        if n < reopened:
            case(rvt, D(2023, 1, 1), closed=D(2023, 12, 1), person_=someone)
        case(rvt, OPENED, person_=someone)

    figure = report()["districts"]["farsta"]["reactualisation"]

    assert (figure["numerator"], figure["denominator"]) == (reopened, 5)
    assert figure["share"] == pytest.approx(reopened / 5, abs=1e-9)
    assert figure["met"] is met


def test_active_cases_are_open_some_time_in_the_period_by_gender():
    farsta = district("farsta")
    rvt = unit(farsta)
    case(rvt, D(2023, 1, 1), closed=D(2024, 1, 1), person_=person(gender="female"))
    case(rvt, D(2023, 1, 1), closed=D(2023, 12, 31), person_=person(gender="female"))
    case(rvt, D(2024, 12, 31), person_=person(gender="male"))
    case(rvt, D(2025, 1, 1), person_=person(gender="male"))
    case(rvt, D(2020, 1, 1), person_=person(gender="other"))
    case(rvt, D(2024, 5, 1), closed=D(2024, 5, 2), person_=person(gender="unknown"))
    case(unit(farsta, "barn_unga"), D(2024, 5, 1), person_=person(gender="female"))

    figure = report()["districts"]["farsta"]["active_cases"]

    assert figure == {"total": 5, "female": 2, "male": 1, "other": 1, "unknown": 1}


def test_a_case_not_accepted_counts_in_no_figure():
    """A pending case is not a case yet and a refused one never was (decision 0016): neither
    is an active case, a case opened or the earlier case of a reactualisation."""
    farsta = district("farsta")
    rvt = unit(farsta)
    someone = person(gender="female")
    case(rvt, D(2024, 1, 1), closed=D(2024, 5, 1), person_=someone, acceptance="refused")
    case(rvt, OPENED, person_=someone)
    # Pending beside the accepted case in the same district, as the database allows.
    case(rvt, OPENED, person_=someone, acceptance="pending")
    case(rvt, OPENED, person_=person(gender="male"), acceptance="pending")

    result = report()["districts"]["farsta"]

    reactualisation = result["reactualisation"]
    assert (reactualisation["numerator"], reactualisation["denominator"]) == (0, 1)
    assert result["active_cases"] == {
        "total": 1,
        "female": 1,
        "male": 0,
        "other": 0,
        "unknown": 0,
    }
