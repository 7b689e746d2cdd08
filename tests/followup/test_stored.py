"""The stored figures of closed periods (decision 0031): read from the store while fresh,
deleted by the database when a write touches their days, however it is written."""

from __future__ import annotations

import datetime
import io
import json
import pathlib

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from brytupp.cases.services import case_open
from brytupp.followup import figures, stored
from brytupp.followup.models import StoredFigure
from brytupp.followup.report import FIGURES, GOALS, period_make
from brytupp.housing.models import ShisReferral
from brytupp.housing.services import shis_referral_record
from tests import factories
from tests.followup.records import D, district, report, unit

pytestmark = pytest.mark.django_db

EXAMPLES = pathlib.Path(__file__).parents[1] / "data" / "examples"
Y2024 = (D(2024, 1, 1), D(2024, 12, 31))
Y2022 = (D(2022, 1, 1), D(2022, 12, 31))


def stored_at(date_from: datetime.date, date_to: datetime.date) -> dict[str, datetime.datetime]:
    return dict(
        StoredFigure.objects.filter(
            date_from=date_from, date_to=date_to, computed_at__isnull=False
        ).values_list("figure", "computed_at")
    )


def city(date_from, date_to, name):
    return report(date_from, date_to)["city"][name]


@pytest.fixture
def referrals():
    """An RVT case open since 2023 with a SHIS Mellanbo referral in 2024, and its worker."""
    place = district("farsta")
    rvt = unit(place)
    worker = factories.staff("handlaggare", rvt)
    case_ = case_open(
        person=factories.person(),
        district=place,
        lead_unit=rvt,
        source="self",
        opened=D(2023, 1, 10),
    )
    ShisReferral.objects.create(case=case_, date=D(2024, 3, 1), kind="mellanbo")
    return {"case": case_, "worker": worker, "rvt": rvt, "district": place}


def test_a_closed_year_is_stored_once_and_then_read_from_the_store(referrals):
    first = report(*Y2024)
    times = stored_at(*Y2024)
    assert sorted(times) == sorted(FIGURES)

    assert report(*Y2024) == first
    assert stored_at(*Y2024) == times
    assert first["city"]["shis_mellanbo_referrals"]["current"] == 1


def test_this_year_is_never_stored(referrals):
    today = timezone.localdate()
    this_year = (D(today.year, 1, 1), today)
    ShisReferral.objects.create(case=referrals["case"], date=today, kind="mellanbo")

    assert city(*this_year, "shis_mellanbo_referrals")["current"] == 1
    assert city(*this_year, "shis_mellanbo_referrals")["current"] == 1
    assert not StoredFigure.objects.filter(date_to__gte=D(today.year, 1, 1)).exists()
    # The same period a year earlier is closed, and stored.
    last_year = period_make(date_from=this_year[0], date_to=this_year[1])
    assert stored.closed(
        period_make(date_from=last_year.previous_from, date_to=last_year.previous_to)
    )
    assert not stored.closed(last_year)


def test_a_write_through_a_service_changes_the_next_read(referrals):
    assert city(*Y2024, "shis_mellanbo_referrals")["current"] == 1
    assert city(*Y2024, "active_cases")["total"] == 1

    shis_referral_record(
        actor=referrals["worker"], case=referrals["case"], date=D(2024, 6, 1), kind="mellanbo"
    )
    case_open(
        person=factories.person(gender="male"),
        district=referrals["district"],
        lead_unit=referrals["rvt"],
        source="self",
        opened=D(2024, 9, 1),
    )

    figure = report(*Y2024)["city"]
    assert figure["shis_mellanbo_referrals"]["current"] == 2
    assert figure["active_cases"] == {"total": 2, "female": 1, "male": 1, "other": 0, "unknown": 0}
    assert figure["reactualisation"]["denominator"] == 1  # the RVT case opened in 2024


def test_a_write_through_the_import_changes_the_next_read():
    from tests.followup.test_example import assert_example_report

    expected = json.loads((EXAMPLES / "small.report-2024.json").read_text(encoding="utf-8"))
    before = report(*Y2024)  # an empty database: zeros, stored
    assert before["city"]["active_cases"]["total"] == 0
    assert sorted(stored_at(*Y2024)) == sorted(FIGURES)

    call_command("import", str(EXAMPLES / "small.jsonl"), stdout=io.StringIO())

    assert_example_report(report(*Y2024), expected)


def test_a_raw_sql_update_that_moves_a_row_between_years_changes_both(referrals):
    assert city(*Y2024, "shis_mellanbo_referrals")["current"] == 1
    assert city(*Y2022, "shis_mellanbo_referrals")["current"] == 0
    with connection.cursor() as cursor:
        cursor.execute("UPDATE housing_shisreferral SET date = '2022-05-05'")

    assert city(*Y2024, "shis_mellanbo_referrals")["current"] == 0
    assert city(*Y2022, "shis_mellanbo_referrals")["current"] == 1


def test_a_write_in_another_year_leaves_the_stored_year_as_it_was(
    referrals, django_assert_num_queries
):
    report(*Y2022)
    times = stored_at(*Y2022)

    shis_referral_record(
        actor=referrals["worker"], case=referrals["case"], date=D(2024, 6, 1), kind="mellanbo"
    )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE housing_shisreferral SET date = date + 1")

    with django_assert_num_queries(2):  # the store and the districts: nothing computed
        report(*Y2022)
    assert stored_at(*Y2022) == times


def test_an_update_that_changes_no_column_a_figure_reads_keeps_the_figures(referrals):
    report(*Y2024)
    times = stored_at(*Y2024)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET account = account")
        cursor.execute("UPDATE people_person SET first_name = 'Ändrad'")

    assert stored_at(*Y2024) == times


def test_what_a_row_counts_through_changes_its_figures(referrals):
    """A person's gender counts through their cases; a case's district through its records."""
    other = district("skarholmen")
    assert city(*Y2024, "active_cases")["female"] == 1
    before = report(*Y2024)["districts"]["farsta"]["shis_mellanbo_referrals"]["current"]
    assert before == 1

    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_person SET gender = 'male'")
    assert city(*Y2024, "active_cases")["female"] == 0
    assert city(*Y2024, "active_cases")["male"] == 1

    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET district_id = %s", [other.pk])
    after = report(*Y2024)
    assert after["districts"]["farsta"]["shis_mellanbo_referrals"]["current"] == 0
    assert after["districts"]["skarholmen"]["shis_mellanbo_referrals"]["current"] == 1


def test_a_deleted_row_and_a_truncated_table_change_the_figures(referrals):
    assert city(*Y2024, "shis_mellanbo_referrals")["current"] == 1
    ShisReferral.objects.all().delete()
    assert city(*Y2024, "shis_mellanbo_referrals")["current"] == 0

    ShisReferral.objects.create(case=referrals["case"], date=D(2024, 3, 1), kind="mellanbo")
    assert city(*Y2024, "shis_mellanbo_referrals")["current"] == 1
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before TRUNCATE
        cursor.execute("TRUNCATE housing_shisreferral")
    assert city(*Y2024, "shis_mellanbo_referrals")["current"] == 0


def test_the_report_from_the_store_equals_the_report_computed_live():
    call_command("import", str(EXAMPLES / "small.jsonl"), stdout=io.StringIO())
    years = [(D(year, 1, 1), D(year, 12, 31)) for year in range(2019, 2026)]
    live = [report(*year, live=True) for year in years]
    assert not StoredFigure.objects.exists()

    cold = [report(*year) for year in years]
    warm = [report(*year) for year in years]
    assert StoredFigure.objects.filter(computed_at__isnull=False).count() == 7 * len(FIGURES)
    assert cold == live
    assert warm == live


def test_two_readers_computing_at_once_both_answer_and_one_stores(referrals):
    period = period_make(date_from=Y2024[0], date_to=Y2024[1])
    inner = {}

    def compute_while_another_reader_does(period_):
        inner["rows"] = stored._compute_and_store("sip_count", period_, figures.sip_count)
        return figures.sip_count(period_)

    outer = stored._compute_and_store("sip_count", period, compute_while_another_reader_does)

    assert outer == inner["rows"] == {None: (0, 0)}
    row = StoredFigure.objects.get(figure="sip_count")
    assert row.values == {"city": [0, 0]}
    assert row.computed_at is not None


def test_a_write_during_the_computation_leaves_nothing_stored(referrals):
    period = period_make(date_from=Y2024[0], date_to=Y2024[1])

    def compute_while_written(period_):
        rows = figures.shis_mellanbo_referrals(period_)
        ShisReferral.objects.create(case=referrals["case"], date=D(2024, 4, 1), kind="mellanbo")
        return rows

    stored._compute_and_store("shis_mellanbo_referrals", period, compute_while_written)

    assert not StoredFigure.objects.exists()
    assert city(*Y2024, "shis_mellanbo_referrals")["current"] == 2


def test_nothing_is_stored_while_a_write_is_in_flight_elsewhere(referrals):
    """Another connection's write holds the triggers' lock until it commits."""
    settings = connection.settings_dict
    writer = psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        dbname=settings["NAME"],
        password=settings["PASSWORD"],
        autocommit=False,
    )
    try:
        writer.execute("SELECT pg_advisory_xact_lock_shared(%s)", [stored.LOCK])
        first = report(*Y2024, names=tuple(GOALS))
        assert first["city"]["shis_mellanbo_referrals"]["current"] == 1
        assert not StoredFigure.objects.filter(computed_at__isnull=False).exists()
        assert StoredFigure.objects.filter(values__isnull=True).count() == len(GOALS)
    finally:
        writer.rollback()
        writer.close()
    report(*Y2024, names=tuple(GOALS))
    assert sorted(stored_at(*Y2024)) == sorted(GOALS)


def test_the_command_stores_the_closed_years_and_the_page_periods(referrals):
    abandoned = StoredFigure.objects.create(
        date_from=Y2024[0],
        date_to=Y2024[1],
        figure="sip_count",
        depends_from=Y2024[0],
        depends_to=Y2024[1],
        started_at=timezone.now() - datetime.timedelta(hours=2),
    )
    old_period = StoredFigure.objects.create(  # a user's period, never the page's default
        date_from=D(2024, 1, 2),
        date_to=D(2024, 2, 3),
        figure="sip_count",
        depends_from=D(2023, 1, 1),
        depends_to=D(2024, 2, 3),
        values={"city": [0, 0]},
        started_at=timezone.now(),
        computed_at=timezone.now(),
    )
    out = io.StringIO()
    call_command("store_figures", "--since", "2023", stdout=out)

    today = timezone.localdate()
    assert sorted(stored_at(*Y2024)) == sorted(FIGURES)
    # The page's default period, this year up to today, in the years before: the goals.
    earlier = period_make(date_from=D(today.year, 1, 1), date_to=today)
    assert sorted(stored_at(earlier.previous_from, earlier.previous_to)) == sorted(GOALS)
    assert "stored" in out.getvalue()
    assert not StoredFigure.objects.filter(pk__in=[abandoned.pk, old_period.pk]).exists()

    again = io.StringIO()
    call_command("store_figures", "--since", "2023", stdout=again)
    assert "0 figures computed" in again.getvalue()


def test_an_import_empties_the_store_and_a_dry_run_leaves_it(referrals):
    report(*Y2024)
    times = stored_at(*Y2024)

    call_command("import", "--dry-run", str(EXAMPLES / "small.jsonl"), stdout=io.StringIO())
    assert stored_at(*Y2024) == times

    call_command("import", str(EXAMPLES / "small.jsonl"), stdout=io.StringIO())
    assert not StoredFigure.objects.exists()
