"""Small numbers: each count from 1 to 4 shown as "<5", and what is computed from it hidden."""

import pytest

from brytupp.followup.suppression import figure_suppress, report_suppress
from tests.followup.records import D, case, district, person, report, shis_referral, unit

pytestmark = pytest.mark.django_db

SHOWN = {0: 0, 1: "<5", 2: "<5", 3: "<5", 4: "<5", 5: 5}


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5])
def test_a_small_numerator_hides_it_its_share_and_met(count):
    figure = {
        "numerator": count,
        "denominator": 10,
        "share": count / 10,
        "target": 0.2,
        "met": True,
    }

    hidden = figure_suppress(figure)

    small = SHOWN[count] == "<5"
    assert hidden == {
        "numerator": SHOWN[count],
        "denominator": 10,
        "share": None if small else count / 10,
        "target": 0.2,
        "met": None if small else True,
    }


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5])
def test_a_small_denominator_hides_the_share(count):
    share = 0.0 if count else None
    figure = {"numerator": 0, "denominator": count, "share": share}

    hidden = figure_suppress(figure)

    assert hidden == {
        "numerator": 0,
        "denominator": SHOWN[count],
        "share": None if SHOWN[count] == "<5" else share,
    }


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5])
def test_small_referral_counts_hide_the_change(count):
    previous = {"current": 8, "previous": count}
    as_current = {"current": count, "previous": 8}
    small = SHOWN[count] == "<5"

    hidden_previous = figure_suppress(
        {
            **previous,
            "change": (8 - count) / count if count else None,
            "target": 0.25,
            "met": True if count else None,
        }
    )
    hidden_current = figure_suppress(
        {**as_current, "change": (count - 8) / 8, "target": 0.25, "met": False}
    )

    assert hidden_previous["previous"] == SHOWN[count]
    assert hidden_previous["change"] == (None if small or not count else (8 - count) / count)
    assert hidden_previous["met"] is (None if small or not count else True)
    assert hidden_current["current"] == SHOWN[count]
    assert hidden_current["change"] == (None if small else (count - 8) / 8)
    assert hidden_current["met"] is (None if small else False)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5])
def test_every_count_of_a_report_is_suppressed(count):
    farsta = district("farsta")
    rvt = unit(farsta)
    for _ in range(count):
        shis_referral(case(rvt, D(2024, 3, 1), person_=person(gender="male")), D(2024, 3, 1))

    exact = report()
    shown = report(suppress=True)

    for scope in (shown["city"], shown["districts"]["farsta"]):
        assert scope["active_cases"] == {
            "total": SHOWN[count],
            "female": 0,
            "male": SHOWN[count],
            "other": 0,
            "unknown": 0,
        }
        assert scope["reactualisation"]["numerator"] == 0
        assert scope["reactualisation"]["denominator"] == SHOWN[count]
        assert scope["reactualisation"]["share"] == (0.0 if count == 5 else None)
        assert scope["reactualisation"]["met"] is (True if count == 5 else None)
        assert scope["shis_mellanbo_referrals"]["current"] == SHOWN[count]
        assert scope["shis_mellanbo_referrals"]["change"] is None  # nothing the year before
    assert report_suppress(exact) == shown
    assert exact["city"]["active_cases"]["total"] == count  # the exact report is untouched


def test_suppression_leaves_the_period_targets_and_zeros():
    district("farsta")
    shown = report(suppress=True)

    assert shown == report()
