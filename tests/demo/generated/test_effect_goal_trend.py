"""The effect-goal page's trend on the demo (issue 13): the demo's data span the five years the
trend shows, so that no earlier year reads 0 % or nothing for want of data."""

import datetime

import pytest

from brytupp.followup import selectors
from brytupp.followup.forms import PeriodForm
from brytupp.followup.report import GOALS
from brytupp.organisation.models import User

from .conftest import TODAY

# One worker reads the demo the package generates once (``--dist loadgroup``).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def test_the_effect_goal_trend_has_city_figures_in_each_of_its_five_years(demo):
    # The period the page opens with (this year up to today), and the trend it draws: the same
    # days of each of the four years before. The analyst sees the counts as they are.
    form = PeriodForm({"year": str(TODAY.year)}, today=TODAY)
    assert form.is_valid()
    date_from, date_to = form.period()
    trend = selectors.effect_goal_trend(
        actor=User.objects.get(username="stad.analytiker"), date_from=date_from, date_to=date_to
    )

    assert [(followed.date_from, followed.date_to) for followed in trend] == [
        (datetime.date(year, 1, 1), datetime.date(year, 3, 15)) for year in range(2022, 2027)
    ]
    for followed in trend:
        year = followed.date_from.year
        city = followed.report["city"]
        for name in GOALS:
            figure = city[name]
            if name == "shis_mellanbo_referrals":
                # The trend shows the referrals themselves. Their change compares with the same
                # days of the year before, which the demo's history reaches back to even for
                # the oldest year (from 1 January 2021).
                assert figure["current"] > 0, (name, year)
                assert figure["previous"] > 0, (name, year)
                assert figure["change"] is not None, (name, year)
            else:
                assert figure["share"] is not None, (name, year)
        # Screened in every year: some units have the routine, not 0 % for want of screenings.
        assert city["screening_routine"]["numerator"] > 0, year
