"""Effect goal 1: units with the screening routine (at least 90 % asked, at least one)."""

import pytest

from brytupp.assessments.models import SCREENING_UNIT_KINDS
from brytupp.organisation.models import UnitKind
from tests.followup.records import D, district, report, screenings, unit

pytestmark = pytest.mark.django_db

IN_PERIOD, BEFORE = D(2024, 3, 1), D(2023, 12, 31)


@pytest.mark.parametrize(
    ("asked", "not_asked", "has_routine"),
    [
        (9, 1, 1),  # exactly 90 %
        (8, 1, 0),  # 88.9 %
        (27, 3, 1),  # exactly 90 % of 30
        (18, 2, 1),
        (17, 2, 0),  # 89.5 %
        (89, 10, 0),  # 89.9 %: below 90 % even if it rounds to it
        (1, 0, 1),
        (0, 1, 0),
        (0, 0, 0),  # no screening at all: no routine, still counted
    ],
)
def test_routine_needs_ninety_percent_asked(asked, not_asked, has_routine):
    farsta = district("farsta")
    screenings(unit(farsta), IN_PERIOD, asked=asked, not_asked=not_asked)

    figure = report()["districts"]["farsta"]["screening_routine"]

    assert figure["numerator"] == has_routine
    assert figure["denominator"] == 1
    assert figure["share"] == float(has_routine)
    assert figure["met"] is bool(has_routine)


def test_units_without_screening_count_in_the_denominator():
    farsta = district("farsta")
    screenings(unit(farsta, "rvt"), IN_PERIOD, asked=10)
    unit(farsta, "barn_unga")
    unit(farsta, "aldreomsorg")

    figure = report()["districts"]["farsta"]["screening_routine"]

    assert (figure["numerator"], figure["denominator"]) == (1, 3)
    assert figure["share"] == pytest.approx(1 / 3, abs=1e-9)
    assert figure["met"] is False


def test_only_screenings_in_the_period_count():
    farsta = district("farsta")
    rvt = unit(farsta)
    screenings(rvt, IN_PERIOD, asked=1)
    screenings(rvt, BEFORE, not_asked=5)
    screenings(rvt, D(2025, 1, 1), not_asked=5)
    only_outside = unit(farsta, "barn_unga")
    screenings(only_outside, BEFORE, asked=5)

    figure = report()["districts"]["farsta"]["screening_routine"]

    assert (figure["numerator"], figure["denominator"]) == (1, 2)
    assert figure["share"] == 0.5


def test_first_and_last_day_of_the_period_count():
    farsta = district("farsta")
    rvt = unit(farsta)
    screenings(rvt, D(2024, 1, 1), asked=9)
    screenings(rvt, D(2024, 12, 31), not_asked=1)
    screenings(rvt, D(2023, 12, 31), not_asked=1)
    screenings(rvt, D(2025, 1, 1), not_asked=1)

    figure = report()["districts"]["farsta"]["screening_routine"]

    assert (figure["numerator"], figure["denominator"]) == (1, 1)


def test_only_the_kinds_that_meet_people_are_counted():
    farsta = district("farsta")
    for kind in ("utforare", "stab"):
        screenings(unit(farsta, kind), IN_PERIOD, not_asked=1)
    screenings(unit(None, "rvc"), IN_PERIOD, not_asked=1)
    screenings(unit(None, "socialjour"), IN_PERIOD, not_asked=1)
    screenings(unit(None, "kriscentrum"), IN_PERIOD, not_asked=1)
    screenings(unit(farsta, "familjeratt"), IN_PERIOD, asked=1)

    result = report()

    assert result["districts"]["farsta"]["screening_routine"]["denominator"] == 1
    assert result["city"]["screening_routine"]["denominator"] == 1


def test_city_wide_units_count_for_the_city_only():
    farsta, bromma = district("farsta"), district("bromma")
    screenings(unit(farsta, "rvt"), IN_PERIOD, asked=9, not_asked=1)
    screenings(unit(farsta, "barn_unga"), IN_PERIOD, asked=8, not_asked=1)
    screenings(unit(bromma, "rvt"), IN_PERIOD, asked=3)
    screenings(unit(None, "hemlosa"), IN_PERIOD, asked=2)
    unit(None, "rvt")  # a unit of a counted kind without a district, never screening

    result = report()

    city = result["city"]["screening_routine"]
    assert (city["numerator"], city["denominator"]) == (3, 5)
    assert city["share"] == pytest.approx(0.6, abs=1e-9)
    farsta_figure = result["districts"]["farsta"]["screening_routine"]
    assert (farsta_figure["numerator"], farsta_figure["denominator"]) == (1, 2)
    bromma_figure = result["districts"]["bromma"]["screening_routine"]
    assert (bromma_figure["numerator"], bromma_figure["denominator"]) == (1, 1)
    assert bromma_figure["met"] is True


def test_units_outside_their_validity_are_not_counted():
    farsta = district("farsta")
    unit(farsta, valid_to=D(2023, 12, 31))
    unit(farsta, valid_from=D(2025, 1, 1))
    screenings(unit(farsta, valid_to=D(2024, 1, 1)), IN_PERIOD, asked=1)
    screenings(unit(farsta, valid_from=D(2024, 12, 31)), IN_PERIOD, asked=1)

    figure = report()["districts"]["farsta"]["screening_routine"]

    assert (figure["numerator"], figure["denominator"]) == (2, 2)


FOLLOWED_KINDS = {
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
}


def test_routine_counts_the_units_of_the_kinds_that_screen_and_no_other():
    """The unit kinds are the assessments model's ``SCREENING_UNIT_KINDS``, for every kind."""
    for kind in UnitKind.values:
        screenings(unit(district(f"kind-{kind}"), kind), IN_PERIOD, asked=1)

    districts = report()["districts"]

    assert {
        kind: districts[f"kind-{kind}"]["screening_routine"]["denominator"]
        for kind in UnitKind.values
    } == {kind: int(kind in SCREENING_UNIT_KINDS) for kind in UnitKind.values}
    assert set(SCREENING_UNIT_KINDS) == FOLLOWED_KINDS
    assert report()["city"]["screening_routine"]["numerator"] == len(FOLLOWED_KINDS)
