"""Effect goals 2 and 5 and the placement follow-up: placements, their children, their end."""

import pytest

from brytupp.housing.models import HousingType, is_permanent
from tests.followup.records import (
    D,
    case,
    child,
    days,
    district,
    follow_up,
    placement,
    report,
    unit,
)

pytestmark = pytest.mark.django_db

START = D(2024, 5, 10)
TEN_YEARS_OLD = D(2014, 1, 1)


@pytest.fixture
def farsta_case():
    return case(unit(district("farsta")), D(2024, 5, 1))


@pytest.mark.parametrize(
    ("housing", "months", "permanent"),
    [
        ("first_hand", 6, 1),
        ("first_hand", 5, 0),
        ("second_hand", 6, 1),
        ("shis", 24, 1),
        ("lodger", 6, 1),
        ("priority_allocation", 6, 1),
        ("priority_allocation", 5, 0),
        ("first_hand", None, 0),
        ("temporary", 12, 0),
        ("relatives", 12, 0),
        ("", None, 0),
    ],
)
def test_permanent_housing_needs_a_permanent_type_and_six_months(
    farsta_case, housing, months, permanent
):
    placement(farsta_case, START, end=D(2024, 8, 1), housing=housing, months=months)

    figure = report()["districts"]["farsta"]["permanent_housing_after_placement"]

    assert (figure["numerator"], figure["denominator"]) == (permanent, 1)
    assert figure["share"] == float(permanent)
    assert figure["met"] is bool(permanent)


def test_permanent_housing_counts_completed_placements_ending_in_the_period(farsta_case):
    placement(farsta_case, START, end=D(2024, 12, 31), housing="first_hand", months=6)
    placement(farsta_case, D(2023, 12, 1), end=D(2024, 1, 1), housing="first_hand", months=5)
    placement(farsta_case, D(2023, 1, 1), end=D(2023, 12, 31), housing="first_hand", months=6)
    placement(farsta_case, START, end=D(2025, 1, 1), housing="first_hand", months=6)
    placement(farsta_case, START, end=D(2024, 8, 1), end_reason="aborted", housing="shis", months=6)
    placement(farsta_case, START)

    figure = report()["districts"]["farsta"]["permanent_housing_after_placement"]

    assert (figure["numerator"], figure["denominator"]) == (1, 2)
    assert figure["share"] == 0.5
    assert figure["met"] is False


def test_permanent_housing_is_met_at_eighty_percent(farsta_case):
    for months in (6, 6, 6, 6, 5):
        placement(farsta_case, START, end=D(2024, 8, 1), housing="first_hand", months=months)

    figure = report()["districts"]["farsta"]["permanent_housing_after_placement"]

    assert (figure["numerator"], figure["denominator"]) == (4, 5)
    assert figure["share"] == pytest.approx(0.8, abs=1e-9)
    assert figure["met"] is True


@pytest.mark.parametrize(
    ("schooling_days_after", "within"),
    [(-3, 1), (0, 1), (7, 1), (8, 0), (None, 0)],
)
def test_schooling_within_seven_days_of_the_placement(farsta_case, schooling_days_after, within):
    placed = placement(farsta_case, START)
    schooling = None if schooling_days_after is None else START + days(schooling_days_after)
    child(placed, TEN_YEARS_OLD, schooling)

    figure = report()["districts"]["farsta"]["child_schooling_within_week"]

    assert (figure["numerator"], figure["denominator"]) == (within, 1)
    assert figure["share"] == float(within)
    assert figure["met"] is bool(within)


@pytest.mark.parametrize(
    ("birth_date", "counted"),
    [
        (D(2018, 5, 10), 1),  # six today
        (D(2018, 5, 11), 0),  # six tomorrow
        (D(2006, 5, 11), 1),  # 17, eighteen tomorrow
        (D(2006, 5, 10), 0),  # eighteen today
        (D(2012, 1, 1), 1),
        (D(2020, 1, 1), 0),
    ],
)
def test_children_of_six_to_seventeen_years_are_counted(farsta_case, birth_date, counted):
    child(placement(farsta_case, START), birth_date, START)

    figure = report()["districts"]["farsta"]["child_schooling_within_week"]

    assert (figure["numerator"], figure["denominator"]) == (counted, counted)


@pytest.mark.parametrize(
    ("birth_date", "start", "counted"),
    [
        # Born on 29 February: a year is completed on 1 March in a common year.
        (D(2016, 2, 29), D(2022, 2, 28), 0),  # still five
        (D(2016, 2, 29), D(2022, 3, 1), 1),  # six
        (D(2004, 2, 29), D(2022, 2, 28), 1),  # still seventeen
        (D(2004, 2, 29), D(2022, 3, 1), 0),  # eighteen
        (D(2016, 2, 29), D(2024, 2, 29), 1),  # eight, on the birthday itself
    ],
)
def test_children_born_on_29_february_have_their_birthday_on_1_march(birth_date, start, counted):
    placed = placement(case(unit(district("farsta")), start), start)
    child(placed, birth_date, start)

    figure = report(start, start)["districts"]["farsta"]["child_schooling_within_week"]

    assert (figure["numerator"], figure["denominator"]) == (counted, counted)


def test_children_count_by_the_placements_start_in_the_period(farsta_case):
    child(placement(farsta_case, D(2023, 12, 31)), TEN_YEARS_OLD, D(2023, 12, 31))
    child(placement(farsta_case, D(2024, 1, 1)), TEN_YEARS_OLD, D(2024, 1, 9))
    both = placement(farsta_case, D(2024, 12, 31))
    child(both, TEN_YEARS_OLD, D(2024, 12, 31))
    child(both, D(2012, 6, 1), D(2025, 1, 7))
    child(both, D(2023, 1, 1), D(2025, 1, 7))  # too young: not counted
    child(placement(farsta_case, D(2025, 1, 1)), TEN_YEARS_OLD, D(2025, 1, 1))

    figure = report()["districts"]["farsta"]["child_schooling_within_week"]

    assert (figure["numerator"], figure["denominator"]) == (2, 3)
    assert figure["share"] == pytest.approx(2 / 3, abs=1e-9)
    assert figure["met"] is False


@pytest.mark.parametrize(
    ("follow_up_days_after", "within"),
    [(-1, 0), (0, 1), (7, 1), (8, 0), (None, 0)],
)
def test_placement_followed_up_from_its_start_to_seven_days_after(
    farsta_case, follow_up_days_after, within
):
    placed = placement(farsta_case, START)
    if follow_up_days_after is not None:
        follow_up(placed, START + days(follow_up_days_after))

    figure = report()["districts"]["farsta"]["placement_follow_up_within_week"]

    assert figure == {"numerator": within, "denominator": 1, "share": float(within)}


def test_a_follow_up_counts_only_for_the_placement_it_names(farsta_case):
    first, second = placement(farsta_case, START), placement(farsta_case, START)
    follow_up(first, START)
    follow_up(first, START + days(1))
    placement(farsta_case, D(2025, 1, 1))

    figure = report()["districts"]["farsta"]["placement_follow_up_within_week"]

    assert second.follow_ups.count() == 0
    assert figure == {"numerator": 1, "denominator": 2, "share": 0.5}


CONTRACT_MONTHS = (None, 0, 5, 6, 24)
PERMANENT = {
    (housing, months)
    for housing in ("first_hand", "second_hand", "shis", "lodger", "priority_allocation")
    for months in (6, 24)
}


def test_permanent_housing_counts_a_placement_exactly_when_is_permanent_says_so():
    """One rule: the figure's SQL and the placement's end (``is_permanent``) read the same
    types and months, for every housing type and contract length."""
    ended = [
        (housing, months) for housing in ["", *HousingType.values] for months in CONTRACT_MONTHS
    ]
    for index, (housing, months) in enumerate(ended):
        case_ = case(unit(district(f"housing-{index}")), D(2024, 5, 1))
        placement(case_, START, end=D(2024, 8, 1), housing=housing, months=months)

    districts = report()["districts"]
    counted = {
        ended[index]: districts[f"housing-{index}"]["permanent_housing_after_placement"]
        for index in range(len(ended))
    }

    assert {key: (f["numerator"], f["denominator"]) for key, f in counted.items()} == {
        (housing, months): (int(is_permanent(housing, months)), 1) for housing, months in ended
    }
    assert {key for key in ended if is_permanent(*key)} == PERMANENT
    assert report()["city"]["permanent_housing_after_placement"]["numerator"] == len(PERMANENT)
