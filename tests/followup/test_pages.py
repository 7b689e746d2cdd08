"""The follow-up pages (effect goals, equality between districts), their XLSX and PDF: who
sees which district, and small numbers hidden for everyone but the analyst."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from brytupp.followup.report import GOALS
from brytupp.followup.suppression import SUPPRESSED
from tests import factories
from tests.followup.records import D, case, district, unit

pytestmark = pytest.mark.django_db

PAGES = ("web:followup_goals", "web:followup_equality")
EXPORTS = (
    "web:followup_goals_xlsx",
    "web:followup_goals_pdf",
    "web:followup_equality_xlsx",
    "web:followup_equality_pdf",
)
YEAR_2024 = {"year": "2024"}


@pytest.fixture
def city():
    farsta = district("farsta")
    farsta.name = "Farsta"
    farsta.save()
    bromma = district("bromma")
    bromma.name = "Bromma"
    bromma.save()
    farsta_rvt = unit(farsta, name="Relationsvåldsteamet Farsta")
    bromma_rvt = unit(bromma, name="Relationsvåldsteamet Bromma")
    return {"farsta": farsta, "bromma": bromma, "farsta_rvt": farsta_rvt, "bromma_rvt": bromma_rvt}


MARCH_2024 = D(2024, 3, 1)


def rvt_cases(lead_unit, n, opened=MARCH_2024):
    return [case(lead_unit, opened) for _ in range(n)]


def user(role, city):
    if role == "analytiker":
        return factories.staff(role, factories.UnitFactory(district=None, kind="stab"))
    if role == "implementerare":
        return factories.staff(role, factories.UnitFactory(district=city["farsta"], kind="stab"))
    return factories.staff(role, city["farsta_rvt"])


def cells(response):
    for section in response.context["sections"]:
        for table in (section.table, section.trend_table):
            if table is None:
                continue
            for row in table.rows:
                for cell in row.cells:
                    yield table.caption, row.label, cell


def small_counts(response) -> list:
    return [
        (caption, label, cell.value)
        for caption, label, cell in cells(response)
        if type(cell.value) is int and 1 <= cell.value <= 4
    ]


def row_labels(response) -> set[str]:
    return {label for _caption, label, _cell in cells(response)}


@pytest.mark.parametrize("page", PAGES)
def test_the_analyst_sees_the_city_and_every_district_with_exact_counts(client, city, page):
    rvt_cases(city["farsta_rvt"], 3)
    rvt_cases(city["bromma_rvt"], 7)
    factories.sign_in(client, user("analytiker", city))

    response = client.get(reverse(page), YEAR_2024)

    assert response.status_code == 200
    assert row_labels(response) == {"Staden", "Farsta", "Bromma"}
    assert ("Farsta", 3) in {(label, cell.value) for _c, label, cell in cells(response)}
    assert SUPPRESSED not in {cell.value for _c, _l, cell in cells(response)}


@pytest.mark.parametrize("role", ["enhetschef", "implementerare"])
@pytest.mark.parametrize("page", PAGES)
def test_a_manager_and_a_process_owner_see_their_district_beside_the_city(client, city, role, page):
    rvt_cases(city["farsta_rvt"], 6)
    rvt_cases(city["bromma_rvt"], 7)
    factories.sign_in(client, user(role, city))

    response = client.get(reverse(page), YEAR_2024)

    assert response.status_code == 200
    assert row_labels(response) == {"Staden", "Farsta"}
    assert "Bromma" not in response.content.decode()


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("role", ["enhetschef", "implementerare"])
@pytest.mark.parametrize("page", PAGES)
def test_every_count_from_one_to_four_is_hidden_from_all_but_the_analyst(
    client, city, role, page, n
):
    rvt_cases(city["farsta_rvt"], n)
    rvt_cases(city["bromma_rvt"], 10)
    factories.sign_in(client, user(role, city))

    response = client.get(reverse(page), YEAR_2024)

    assert small_counts(response) == []
    assert ("Farsta", SUPPRESSED) in {(label, cell.value) for _c, label, cell in cells(response)}
    assert "&lt;5" in response.content.decode()


@pytest.mark.parametrize("n", [1, 4])
@pytest.mark.parametrize("page", PAGES)
def test_the_analyst_sees_counts_from_one_to_four(client, city, page, n):
    rvt_cases(city["farsta_rvt"], n)
    factories.sign_in(client, user("analytiker", city))

    response = client.get(reverse(page), YEAR_2024)

    assert ("Farsta", n) in {(label, cell.value) for _c, label, cell in cells(response)}


@pytest.mark.parametrize("role", ["handlaggare", "systemforvaltare"])
@pytest.mark.parametrize("page", PAGES + EXPORTS)
def test_roles_without_follow_up_get_not_found_and_no_figure(client, city, role, page):
    rvt_cases(city["farsta_rvt"], 6)
    factories.sign_in(client, user(role, city))

    response = client.get(reverse(page), YEAR_2024)

    assert response.status_code == 404
    body = response.content.decode()
    for trace in ("Farsta", "Bromma", "Staden", "Effektmål", "Likställighet"):
        assert trace not in body


@pytest.mark.parametrize("page", PAGES + EXPORTS)
def test_signed_out_users_are_sent_to_sign_in(client, city, page):
    response = client.get(reverse(page), YEAR_2024)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_the_effect_goals_show_each_goal_with_its_target_and_trend(client, city):
    rvt_cases(city["farsta_rvt"], 5)
    factories.sign_in(client, user("analytiker", city))

    response = client.get(reverse("web:followup_goals"), YEAR_2024)

    sections = response.context["sections"]
    assert [s.key for s in sections] == [
        "screening_routine",
        "permanent_housing_after_placement",
        # The road to permanent housing after its goal (decision 0048), no trend.
        "permanent_contract_time",
        "shis_applications_granted",
        "reactualisation",
        "shis_mellanbo_referrals",
        "child_schooling_within_week",
        # The follow-up figures after the goals, no trend.
        "risk_assessment_within_14_days",
        "children_placed_with_own_decision",
        "reports_of_concern_rvt",
    ]
    reactualisation = next(s for s in sections if s.key == "reactualisation")
    assert reactualisation.facts[0] == ("Mål", "högst 20,0\u00a0%")
    assert reactualisation.trend_table.columns == ["Område", "2020", "2021", "2022", "2023", "2024"]
    farsta = next(r for r in reactualisation.table.rows if r.label == "Farsta")
    assert [c.text for c in farsta.cells] == ["0", "5", "0,0\u00a0%", "Uppfyllt"]
    body = response.content.decode()
    # A bar chart and a trend chart per goal, a bar chart for each follow-up figure.
    assert body.count('role="img"') == 15


def test_a_district_offering_none_of_a_palette_intervention_stands_out(client, city):
    from brytupp.interventions.models import PALETTE, Decision

    farsta_cases = rvt_cases(city["farsta_rvt"], 10)
    bromma_cases = rvt_cases(city["bromma_rvt"], 10)
    for intervention in PALETTE:
        for c in farsta_cases[:5]:
            Decision.objects.create(
                case=c, intervention=intervention, decided=D(2024, 4, 1), start=D(2024, 4, 1)
            )
        if intervention != "stodsamtal_grupp":
            for c in bromma_cases[:5]:
                Decision.objects.create(
                    case=c, intervention=intervention, decided=D(2024, 4, 1), start=D(2024, 4, 1)
                )
    factories.sign_in(client, user("analytiker", city))

    response = client.get(reverse("web:followup_equality"), YEAR_2024)

    section = next(s for s in response.context["sections"] if s.key == "interventions")
    assert section.stands_out == ["Bromma beviljade inga Stödsamtal i grupp."]
    bromma = next(r for r in section.table.rows if r.label == "Bromma")
    assert bromma.emphasis
    assert [c.text for c in bromma.cells[:3]] == ["50,0", "50,0", "Inga"]
    farsta = next(r for r in section.table.rows if r.label == "Farsta")
    assert not farsta.emphasis
    assert "Bromma beviljade inga Stödsamtal i grupp." in response.content.decode()


@pytest.mark.parametrize("role", ["analytiker", "enhetschef"])
def test_the_xlsx_holds_the_page_tables_as_the_role_sees_them(client, city, role):
    rvt_cases(city["farsta_rvt"], 3)
    rvt_cases(city["bromma_rvt"], 7)
    factories.sign_in(client, user(role, city))

    response = client.get(reverse("web:followup_goals_xlsx"), YEAR_2024)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="effektmal-2024-01-01-2024-12-31.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Återaktualisering vid RVT"]
    rows = [row for row in sheet.iter_rows(values_only=True) if row and row[0] == "Farsta"]
    if role == "analytiker":
        assert rows[0][1:5] == (0, 3, 0.0, "Uppfyllt")
    else:
        assert rows[0][1:5] == (0, SUPPRESSED, SUPPRESSED, None)
    names = {row[0] for row in sheet.iter_rows(values_only=True) if row}
    assert ("Bromma" in names) is (role == "analytiker")


def test_the_pdf_report_has_the_charts_titles_and_tables(client, city):
    rvt_cases(city["farsta_rvt"], 6)
    factories.sign_in(client, user("enhetschef", city))

    response = client.get(reverse("web:followup_equality_pdf"), YEAR_2024)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Likställighet mellan stadsdelar, 2024" in text
    assert "Insatser beviljade per 100 ärenden" in text
    assert "Farsta" in text
    assert "Bromma" not in text


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "2024-05-01"},
        {"date_from": "2024-05-01", "date_to": "2024-04-01"},
        {"date_from": "2024-13-01", "date_to": "2024-04-01"},
        {"year": "1800"},
    ],
)
def test_a_bad_period_gets_a_message_and_no_figures(client, city, query):
    rvt_cases(city["farsta_rvt"], 6)
    factories.sign_in(client, user("analytiker", city))

    response = client.get(reverse("web:followup_goals"), query)

    assert response.status_code == 200
    assert response.context["sections"] == []
    assert "govuk-error-summary" in response.content.decode()


def test_a_period_of_dates_is_followed_with_the_same_days_in_earlier_years(client, city):
    rvt_cases(city["farsta_rvt"], 6, opened=D(2024, 3, 1))
    factories.sign_in(client, user("analytiker", city))

    response = client.get(
        reverse("web:followup_goals"), {"date_from": "2024-02-29", "date_to": "2024-03-31"}
    )

    reactualisation = next(s for s in response.context["sections"] if s.key == "reactualisation")
    assert reactualisation.trend_table.columns[-2:] == [
        "2023-02-28 – 2023-03-31",
        "2024-02-29 – 2024-03-31",
    ]
    city_row = reactualisation.table.rows[0]
    assert city_row.label == "Staden"
    assert [c.text for c in city_row.cells[:2]] == ["0", "6"]


def _trend_x_labels(svg: str) -> list[tuple[str, float]]:
    """The x labels of a trend chart: (text, x) of the centred texts under the plot."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    texts = root.findall(".//{http://www.w3.org/2000/svg}text")
    return [
        (t.text, float(t.get("x")))
        for t in texts
        if t.get("text-anchor") == "middle" and t.text and t.text[:4].isdigit()
    ]


def test_the_trend_charts_x_labels_are_years_apart_from_each_other_on_the_page_and_in_the_pdf(
    client, city
):
    from brytupp.followup.charts import GAP, text_width

    rvt_cases(city["farsta_rvt"], 6, opened=D(2024, 3, 1))
    factories.sign_in(client, user("analytiker", city))
    period = {"date_from": "2024-01-01", "date_to": "2024-06-10"}

    response = client.get(reverse("web:followup_goals"), period)

    trended = [s for s in response.context["sections"] if s.trend_chart is not None]
    assert [s.key for s in trended] == list(GOALS)  # the follow-up figure has no trend
    for section in trended:
        labels = _trend_x_labels(str(section.trend_chart))
        assert [text for text, _x in labels] == ["2020", "2021", "2022", "2023", "2024"]
        for (left, left_x), (right, right_x) in zip(labels, labels[1:], strict=False):
            room = right_x - left_x - (text_width(left) + text_width(right)) / 2
            assert room >= GAP, (section.key, left, right, room)
        assert ">1 januari – 10 juni varje år</text>" in str(section.trend_chart)
    reactualisation = next(s for s in response.context["sections"] if s.key == "reactualisation")
    assert reactualisation.trend_table.columns[1:] == [
        f"{year}-01-01 – {year}-06-10" for year in range(2020, 2025)
    ]
    pdf = client.get(reverse("web:followup_goals_pdf"), period)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert text.count("1 januari – 10 juni varje år") == 5
    assert len(re.findall(r"\b2020\s+2021\s+2022\s+2023\s+2024\b", text)) == 5


def test_a_whole_years_trend_chart_has_no_caption_under_its_years(client, city):
    rvt_cases(city["farsta_rvt"], 6)
    factories.sign_in(client, user("analytiker", city))

    response = client.get(reverse("web:followup_goals"), YEAR_2024)

    chart = str(response.context["sections"][0].trend_chart)
    assert [text for text, _x in _trend_x_labels(chart)] == ["2020", "2021", "2022", "2023", "2024"]
    assert "varje år</text>" not in chart


def test_the_xlsx_shares_are_fractions_shown_as_percentages_in_sheets_named_in_swedish(
    client, city
):
    rvt_cases(city["farsta_rvt"], 8)
    factories.sign_in(client, user("analytiker", city))

    response = client.get(reverse("web:followup_goals_xlsx"), YEAR_2024)

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Enheter som frågar om våld som",
        "Stadigvarande boende efter",
        "Tid till kontrakt på permanent",
        "Beviljade ansökningar till SHIS",
        "Återaktualisering vid RVT",
        "Remisser till SHIS Mellanbo",
        "Skolgång inom en vecka för",
        "Strukturerad riskbedömning inom",
        "Barn i skyddat boende med eget",
        "Orosanmälningar om barn i",
    ]
    sheet = workbook["Återaktualisering vid RVT"]
    farsta = [
        [(cell.value, cell.number_format) for cell in row]
        for row in sheet.iter_rows()
        if row[0].value == "Farsta"
    ]
    assert farsta[0][:5] == [
        ("Farsta", "General"),
        (0, "General"),
        (8, "General"),
        (0.0, "0.0 %"),
        ("Uppfyllt", "General"),
    ]
    # The trend table: the share of each year, empty in the years without cases.
    assert farsta[1][:6] == [
        ("Farsta", "General"),
        (None, "General"),
        (None, "General"),
        (None, "General"),
        (None, "General"),
        (0.0, "0.0 %"),
    ]
    equality = client.get(reverse("web:followup_equality_xlsx"), YEAR_2024)
    assert equality["Content-Disposition"] == (
        'attachment; filename="likstallighet-2024-01-01-2024-12-31.xlsx"'
    )
