"""The follow-up figure ``risk_assessment_within_14_days`` (issue 14 item 5): the share of
cases opened in the period and led by an RVT that had a structured risk assessment from the
opening day to 14 days after, on hand-made records. In the report, the command, the store
of closed years, the equality report and the pages."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from brytupp.followup.equality import equality_report
from brytupp.followup.figures import RISK_ASSESSMENT_WITHIN_DAYS, STRUCTURED_RISK_INSTRUMENTS
from brytupp.followup.models import StoredFigure
from tests import factories
from tests.followup.records import (
    YEAR_FROM,
    YEAR_TO,
    D,
    case,
    days,
    district,
    report,
    risk_assessment,
    unit,
)

pytestmark = pytest.mark.django_db

KEY = "risk_assessment_within_14_days"
OPENED = D(2024, 5, 10)


def figure(result: dict, scope: str = "farsta") -> dict:
    return result["city"][KEY] if scope == "city" else result["districts"][scope][KEY]


@pytest.fixture
def farsta_rvt():
    return unit(district("farsta"))


def test_the_structured_instruments_are_freda_dangerousness_and_patriark():
    assert RISK_ASSESSMENT_WITHIN_DAYS == 14
    assert sorted(STRUCTURED_RISK_INSTRUMENTS) == ["freda_farlighet", "patriark"]


@pytest.mark.parametrize(
    ("days_after_opening", "assessed"),
    [(-1, 0), (0, 1), (1, 1), (14, 1), (15, 0), (None, 0)],
    ids=["day-before", "opening-day", "day-1", "day-14", "day-15", "no-assessment"],
)
def test_a_structured_assessment_counts_from_the_opening_day_to_the_fourteenth_day_after(
    farsta_rvt, days_after_opening, assessed
):
    opened = case(farsta_rvt, OPENED)
    if days_after_opening is not None:
        risk_assessment(opened, OPENED + days(days_after_opening))

    result = report()

    expected = {"numerator": assessed, "denominator": 1, "share": float(assessed)}
    assert figure(result) == expected
    assert figure(result, "city") == expected


def test_several_assessments_count_their_case_once(farsta_rvt):
    assessed = case(farsta_rvt, OPENED)
    risk_assessment(assessed, OPENED, "freda_farlighet")
    risk_assessment(assessed, OPENED + days(3), "patriark")
    risk_assessment(assessed, OPENED + days(14), "freda_farlighet")
    case(farsta_rvt, OPENED)  # not assessed
    late = case(farsta_rvt, OPENED)
    risk_assessment(late, OPENED + days(15))
    risk_assessment(late, OPENED + days(30), "patriark")

    assert figure(report()) == {"numerator": 1, "denominator": 3, "share": 1 / 3}


@pytest.mark.parametrize(
    ("instrument", "assessed"),
    [
        ("freda_farlighet", 1),
        ("patriark", 1),
        ("freda_kortfragor", 0),  # screening
        ("freda_beskrivning", 0),  # describes the violence
        ("sara_sv", 0),  # the police's own assessment
    ],
)
def test_only_a_structured_instrument_counts(farsta_rvt, instrument, assessed):
    risk_assessment(case(farsta_rvt, OPENED), OPENED + days(2), instrument)

    assert figure(report()) == {"numerator": assessed, "denominator": 1, "share": float(assessed)}


@pytest.mark.parametrize("kind", ["barn_unga", "vuxen_beroende", "socialjour", "rvc"])
def test_a_case_led_by_another_unit_than_an_rvt_is_not_counted(kind):
    farsta = district("farsta")
    risk_assessment(case(unit(farsta, kind=kind), OPENED), OPENED)
    risk_assessment(case(unit(farsta), OPENED), OPENED)

    result = report()

    assert figure(result) == {"numerator": 1, "denominator": 1, "share": 1.0}
    assert figure(result, "city") == {"numerator": 1, "denominator": 1, "share": 1.0}


@pytest.mark.parametrize("acceptance", ["pending", "refused"])
def test_a_case_not_accepted_is_not_counted(farsta_rvt, acceptance):
    risk_assessment(case(farsta_rvt, OPENED, acceptance=acceptance), OPENED)

    assert figure(report()) == {"numerator": 0, "denominator": 0, "share": None}


def test_cases_count_by_their_opening_in_the_period_and_the_days_may_run_past_its_end(
    farsta_rvt,
):
    before = case(farsta_rvt, D(2023, 12, 31))  # opened the day before the period
    risk_assessment(before, D(2024, 1, 2))
    first_day = case(farsta_rvt, D(2024, 1, 1))
    risk_assessment(first_day, D(2024, 1, 15))  # day 14
    late_december = case(farsta_rvt, D(2024, 12, 28))
    risk_assessment(late_december, D(2025, 1, 11))  # day 14, in the next year
    last_day = case(farsta_rvt, D(2024, 12, 31))
    risk_assessment(last_day, D(2025, 1, 15))  # day 15
    after = case(farsta_rvt, D(2025, 1, 1))  # opened the day after the period
    risk_assessment(after, D(2025, 1, 1))

    assert figure(report()) == {"numerator": 2, "denominator": 3, "share": 2 / 3}


def test_each_district_counts_its_own_cases_and_the_city_all(farsta_rvt):
    bromma_rvt = unit(district("bromma"))
    district("skarholmen")
    for _ in range(3):
        risk_assessment(case(farsta_rvt, OPENED), OPENED + days(1))
    case(farsta_rvt, OPENED)
    risk_assessment(case(bromma_rvt, OPENED), OPENED + days(20))
    # A Bromma case led by Farsta's RVT counts for Bromma, whoever leads it.
    risk_assessment(case(farsta_rvt, OPENED, district_=bromma_rvt.district), OPENED)

    result = report()

    assert figure(result) == {"numerator": 3, "denominator": 4, "share": 0.75}
    assert figure(result, "bromma") == {"numerator": 1, "denominator": 2, "share": 0.5}
    assert figure(result, "skarholmen") == {"numerator": 0, "denominator": 0, "share": None}
    assert figure(result, "city") == {"numerator": 4, "denominator": 6, "share": 4 / 6}
    # After the keys of interchange format v1, the first of the keys added since.
    assert list(result["city"])[8] == KEY


def test_small_numbers_are_hidden_with_the_share_computed_from_them(farsta_rvt):
    risk_assessment(case(farsta_rvt, OPENED), OPENED)
    for _ in range(5):
        case(farsta_rvt, OPENED)

    shown = report(suppress=True)

    assert figure(shown) == {"numerator": "<5", "denominator": 6, "share": None}


def test_the_command_prints_the_figure_as_json_and_csv(farsta_rvt):
    risk_assessment(case(farsta_rvt, OPENED), OPENED + days(14))
    case(farsta_rvt, OPENED)
    period = ("--from", "2024-01-01", "--to", "2024-12-31")

    out = io.StringIO()
    call_command("report", *period, stdout=out)
    printed = json.loads(out.getvalue())
    out = io.StringIO()
    call_command("report", *period, "--format", "csv", stdout=out)
    rows = [row for row in csv.reader(io.StringIO(out.getvalue())) if row[4] == KEY]

    assert printed["districts"]["farsta"][KEY] == {"numerator": 1, "denominator": 2, "share": 0.5}
    assert printed["city"][KEY] == {"numerator": 1, "denominator": 2, "share": 0.5}
    assert [row[2:] for row in rows] == [
        ["city", "", KEY, "numerator", "1"],
        ["city", "", KEY, "denominator", "2"],
        ["city", "", KEY, "share", "0.5"],
        ["district", "farsta", KEY, "numerator", "1"],
        ["district", "farsta", KEY, "denominator", "2"],
        ["district", "farsta", KEY, "share", "0.5"],
    ]


def test_the_equality_report_has_the_figure(farsta_rvt):
    risk_assessment(case(farsta_rvt, OPENED), OPENED)
    case(farsta_rvt, OPENED)

    result = equality_report(date_from=YEAR_FROM, date_to=YEAR_TO)

    assert result["districts"]["farsta"][KEY] == {"numerator": 1, "denominator": 2, "share": 0.5}
    assert result["city"][KEY] == {"numerator": 1, "denominator": 2, "share": 0.5}


# --- the store of closed years (decision 0031) ---------------------------------------------


def stored_row() -> StoredFigure:
    return StoredFigure.objects.get(
        figure=KEY, date_from=YEAR_FROM, date_to=YEAR_TO, computed_at__isnull=False
    )


def test_the_stored_figure_of_a_closed_year_equals_the_live_one(farsta_rvt):
    risk_assessment(case(farsta_rvt, OPENED), OPENED)
    case(farsta_rvt, OPENED)
    late_december = case(farsta_rvt, D(2024, 12, 28))
    risk_assessment(late_december, D(2025, 1, 11))

    live = report(live=True)
    cold = report()
    warm = report()

    assert figure(live) == {"numerator": 2, "denominator": 3, "share": 2 / 3}
    assert figure(cold) == figure(warm) == figure(live)
    assert cold == warm == live
    row = stored_row()
    assert (row.depends_from, row.depends_to) == (D(2024, 1, 1), D(2025, 1, 14))
    assert row.values == {"city": [2, 3], str(farsta_rvt.district_id): [2, 3]}


@pytest.mark.parametrize(
    ("assessed_on", "invalidated"),
    [(D(2024, 5, 12), True), (D(2025, 1, 14), True), (D(2025, 1, 15), False)],
)
def test_a_new_risk_assessment_deletes_the_stored_figure_of_the_days_it_touches(
    farsta_rvt, assessed_on, invalidated
):
    opened = case(farsta_rvt, OPENED)
    case(farsta_rvt, D(2024, 12, 31))
    assert figure(report()) == {"numerator": 0, "denominator": 2, "share": 0.0}
    stored_at = stored_row().computed_at

    risk_assessment(opened, assessed_on)

    assert StoredFigure.objects.filter(figure=KEY).exists() is not invalidated
    in_time = assessed_on == D(2024, 5, 12)
    assert figure(report())["numerator"] == int(in_time)
    if not invalidated:
        assert stored_row().computed_at == stored_at


def test_an_assessment_changed_or_deleted_changes_the_stored_figure(farsta_rvt):
    assessment = risk_assessment(case(farsta_rvt, OPENED), OPENED, "freda_kortfragor")
    assert figure(report())["numerator"] == 0

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessments_riskassessment SET instrument = 'patriark' WHERE id = %s",
            [assessment.pk],
        )
    assert figure(report())["numerator"] == 1

    assessment.date = OPENED + days(15)
    assessment.save(update_fields=["date"])
    assert figure(report())["numerator"] == 0

    assessment.date = OPENED
    assessment.save(update_fields=["date"])
    assert figure(report())["numerator"] == 1
    assessment.delete()
    assert figure(report())["numerator"] == 0


def test_a_change_to_the_case_or_its_lead_unit_changes_the_stored_figure(farsta_rvt):
    opened = case(farsta_rvt, OPENED)
    risk_assessment(opened, OPENED + days(10))
    assert figure(report()) == {"numerator": 1, "denominator": 1, "share": 1.0}

    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET opened = '2024-05-01' WHERE id = %s", [opened.pk])
    assert figure(report()) == {"numerator": 0, "denominator": 1, "share": 0.0}

    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET opened = %s WHERE id = %s", [OPENED, opened.pk])
    assert figure(report())["numerator"] == 1
    with connection.cursor() as cursor:
        cursor.execute("UPDATE organisation_unit SET kind = 'barn_unga'")
    assert figure(report()) == {"numerator": 0, "denominator": 0, "share": None}

    with connection.cursor() as cursor:
        cursor.execute("UPDATE organisation_unit SET kind = 'rvt'")
        cursor.execute("UPDATE cases_case SET acceptance = 'refused'")
    assert figure(report()) == {"numerator": 0, "denominator": 0, "share": None}


def test_a_risk_assessment_imported_into_a_closed_year_changes_the_stored_figure(
    farsta_rvt, tmp_path
):
    case(farsta_rvt, OPENED)
    assert figure(report()) == {"numerator": 0, "denominator": 1, "share": 0.0}
    farsta = farsta_rvt.district
    lines = [
        {"type": "person", "id": "p-import-1", "birth_date": "1990-01-01", "gender": "female"},
        {
            "type": "case",
            "id": "c-import-1",
            "person": "p-import-1",
            "district": farsta.code,
            "lead_unit": farsta_rvt.code,
            "opened": "2024-06-01",
            "source": "self",
        },
        {
            "type": "risk_assessment",
            "id": "ra-import-1",
            "case": "c-import-1",
            "date": "2024-06-15",
            "instrument": "patriark",
            "level": "medium",
        },
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    call_command("import", str(path), stdout=io.StringIO())

    assert figure(report()) == {"numerator": 1, "denominator": 2, "share": 0.5}


# --- the pages -----------------------------------------------------------------------------


@pytest.fixture
def followed_city():
    farsta = district("farsta")
    farsta.name = "Farsta"
    farsta.save()
    bromma = district("bromma")
    bromma.name = "Bromma"
    bromma.save()
    farsta_rvt, bromma_rvt = unit(farsta), unit(bromma)
    for n in range(8):  # 6 of 8 assessed in time in Farsta
        opened = case(farsta_rvt, OPENED)
        if n < 6:
            risk_assessment(opened, OPENED + days(n))
    for _ in range(2):  # 2 cases in Bromma, none assessed
        case(bromma_rvt, OPENED)
    return {"farsta": farsta, "bromma": bromma, "farsta_rvt": farsta_rvt}


def section_rows(response) -> dict[str, list[str]]:
    section = next(s for s in response.context["sections"] if s.key == KEY)
    return {row.label: [cell.text for cell in row.cells] for row in section.table.rows}


@pytest.mark.parametrize("page", ["web:followup_goals", "web:followup_equality"])
def test_the_pages_show_the_figure_for_the_city_and_each_district(client, followed_city, page):
    analyst = factories.staff("analytiker", factories.UnitFactory(district=None, kind="stab"))
    factories.sign_in(client, analyst)

    response = client.get(reverse(page), {"year": "2024"})

    assert response.status_code == 200
    assert section_rows(response) == {
        "Staden": ["6", "10", "60,0\u00a0%"],
        "Bromma": ["0", "2", "0,0\u00a0%"],
        "Farsta": ["6", "8", "75,0\u00a0%"],
    }
    body = response.content.decode()
    assert '<h2 class="govuk-heading-m" id="section-risk_assessment_within_14_days">' in body
    assert "Strukturerad riskbedömning inom 14 dagar</h2>" in body
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--s">'
        "Strukturerad riskbedömning inom 14 dagar</caption>"
    ) in body
    assert ">Bedömda inom 14 dagar</th>" in body
    assert ">Nya ärenden vid RVT</th>" in body
    assert (
        "Ärenden som leds av en RVT och öppnades under perioden och som fick en strukturerad "
        "riskbedömning (FREDA-farlighetsbedömning eller PATRIARK) från dagen de öppnades till "
        "14 dagar efter."
    ) in body


def test_a_manager_sees_small_numbers_of_the_figure_hidden(client, followed_city):
    manager = factories.staff("enhetschef", followed_city["farsta_rvt"])
    factories.sign_in(client, manager)

    response = client.get(reverse("web:followup_goals"), {"year": "2024"})

    assert section_rows(response) == {
        "Staden": ["6", "10", "60,0\u00a0%"],
        "Farsta": ["6", "8", "75,0\u00a0%"],
    }
    equality = client.get(reverse("web:followup_equality"), {"year": "2024"})
    assert "Bromma" not in equality.content.decode()


def test_a_manager_of_a_district_with_few_cases_sees_them_hidden(client, followed_city):
    bromma_rvt = unit(followed_city["bromma"])
    manager = factories.staff("enhetschef", bromma_rvt)
    factories.sign_in(client, manager)

    response = client.get(reverse("web:followup_goals"), {"year": "2024"})

    assert section_rows(response) == {
        "Staden": ["6", "10", "60,0\u00a0%"],
        "Bromma": ["0", "<5", "<5"],
    }
    assert "Farsta" not in response.content.decode()
