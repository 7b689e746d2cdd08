"""The follow-up pages clicked through: the analyst sees the effect goals with their charts for
the city and every district, and downloads them; a unit manager sees their district beside
the city with small numbers hidden; a case worker cannot reach either page. axe-core clean.

The data is the spec's example data set (``tests/data/examples``), imported as an operator
would, so the figures on the page are the ones its expected report holds.
"""

from __future__ import annotations

import io
import pathlib
import re

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from brytupp.organisation.models import District, Role, Unit, UnitKind
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

EXAMPLES = pathlib.Path(__file__).parents[1] / "data" / "examples"
DISTRICTS = ("Norrby", "Sjöstad", "Älvdal", "Östberga")


@pytest.fixture
def example(transactional_db):
    call_command("import", str(EXAMPLES / "small.jsonl"), stdout=io.StringIO())
    norrby_rvt = Unit.objects.get(code="d0-norrby-rvt")
    stab = factories.UnitFactory(district=None, kind=UnitKind.STAB, name="Stadens stab")
    return {
        "analytiker": factories.staff(Role.ANALYTIKER, stab, username="test.analytiker"),
        "enhetschef": factories.staff(Role.ENHETSCHEF, norrby_rvt, username="test.chef"),
        "handlaggare": factories.staff(Role.HANDLAGGARE, norrby_rvt, username="test.handlaggare"),
    }


def choose_2024(page):
    page.get_by_label("År", exact=True).select_option("2024")
    with page.expect_navigation():
        page.get_by_role("button", name="Visa").click()


def scope_labels(table) -> list[str]:
    return [text.strip() for text in table.locator("tbody th").all_inner_texts()]


def test_the_analyst_follows_the_effect_goals_of_the_city_and_every_district(
    page, live_server, example
):
    sign_in(page, live_server, "test.analytiker", factories.TEST_PASSWORD)
    page.get_by_role("link", name="Effektmål").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Effektmål")
    choose_2024(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Effektmål 2024")
    charts = page.get_by_role("img")
    # A bar chart and a trend chart for each goal, a bar chart for each follow-up figure.
    expect(charts).to_have_count(15)
    table = page.get_by_role("table", name="Strukturerad riskbedömning inom 14 dagar")
    assert scope_labels(table) == ["Staden", *DISTRICTS]
    expect(page.get_by_role("img", name=re.compile("^Återaktualisering vid RVT"))).to_have_count(2)
    table = page.get_by_role("table", name="Återaktualisering vid RVT, 2024")
    assert scope_labels(table) == ["Staden", *DISTRICTS]
    expect(table).not_to_contain_text("<5")
    assert_accessible(page, "followup-goals-analytiker")

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som Excel (XLSX)").click()
    workbook = load_workbook(io.BytesIO(pathlib.Path(download.value.path()).read_bytes()))
    assert "Återaktualisering vid RVT" in workbook.sheetnames
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som PDF-rapport").click()
    assert pathlib.Path(download.value.path()).read_bytes().startswith(b"%PDF")

    page.get_by_role("link", name="Likställighet mellan stadsdelar").click()
    choose_2024(page)
    table = page.get_by_role("table", name="Insatser beviljade per 100 aktuella ärenden")
    assert scope_labels(table)[0] == "Staden"
    assert_accessible(page, "followup-equality-analytiker")


def test_a_unit_manager_sees_only_their_district_beside_the_city(page, live_server, example):
    sign_in(page, live_server, "test.chef", factories.TEST_PASSWORD)
    # "Min enhet" links to it too; the menu's door is the one every page has.
    page.get_by_role("navigation", name="Meny").get_by_role("link", name="Uppföljning").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Effektmål")
    choose_2024(page)

    table = page.get_by_role("table", name="Återaktualisering vid RVT, 2024")
    assert scope_labels(table) == ["Staden", "Norrby"]
    expect(page.get_by_text("Antal från 1 till 4 visas som <5")).to_be_visible()
    html = page.content()
    for other in DISTRICTS[1:]:
        assert other not in html
    assert_accessible(page, "followup-goals-enhetschef")

    page.get_by_role("link", name="Likställighet mellan stadsdelar").click()
    choose_2024(page)
    table = page.get_by_role("table", name="Aktuella ärenden efter kön")
    assert scope_labels(table) == ["Staden", "Norrby"]
    assert District.objects.count() == 4
    assert_accessible(page, "followup-equality-enhetschef")


def test_a_case_worker_cannot_reach_the_follow_up(page, live_server, example):
    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)
    expect(page.get_by_role("link", name="Uppföljning")).to_have_count(0)

    for path in ("/uppfoljning/effektmal/", "/uppfoljning/likstallighet/"):
        response = page.goto(f"{live_server.url}{path}?year=2024")
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Sidan hittades inte")
        html = page.content()
        for district in DISTRICTS:
            assert district not in html


def test_the_effect_goals_reflow_on_a_narrow_screen(page, live_server, example):
    sign_in(page, live_server, "test.chef", factories.TEST_PASSWORD)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/uppfoljning/effektmal/?year=2024")

    expect(page.get_by_role("img")).to_have_count(15)
    # WCAG 1.4.10: no scrolling sideways; charts shrink, wide tables scroll in their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page, "followup-goals-narrow")
