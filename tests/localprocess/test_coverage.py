"""Likställighet shows each district's coverage of the palette from its local process as it is
today: how many of the eight items someone offers and which no one does."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from brytupp.followup.equality import equality_report, palette_coverage
from brytupp.interventions.models import PALETTE
from brytupp.organisation.models import Unit
from tests import factories

from .conftest import offer

pytestmark = pytest.mark.django_db

YEAR = {"year": str(timezone.localdate().year)}


@pytest.fixture
def covered(org):
    """The district offers all eight but one, and one gap row; the other district two."""
    district, other = org["district"], org["other_district"]
    district.name = "Stadsdel Test"
    district.save()
    for item in PALETTE:
        if item.value == "praktiskt_stod":
            continue
        provider = {"partner": org["partner"]} if item == "halso_sjukvard" else {"unit": org["rvt"]}
        offer(org["owner"], district, item.value, **provider)
    offer(org["other_owner"], other, "radgivning", unit=org["rvc"])
    offer(org["other_owner"], other, "stodsamtal_individuellt", unit=org["other_rvt"])
    offer(org["other_owner"], other, "rattsprocess")  # a gap: no one
    return org


def test_the_coverage_of_each_current_district(covered):
    gone = factories.DistrictFactory(valid_to=timezone.localdate() - datetime.timedelta(days=1))

    coverage = palette_coverage()

    assert coverage == {
        covered["district"].pk: ["praktiskt_stod"],
        covered["other_district"].pk: [
            "stodsamtal_grupp",
            "rattsprocess",
            "stadigvarande_boende",
            "ekonomiskt_stod",
            "praktiskt_stod",
            "halso_sjukvard",
        ],
    }
    assert gone.pk not in coverage


def test_a_unit_no_longer_valid_leaves_a_gap(covered):
    Unit.objects.filter(pk=covered["rvc"].pk).update(
        valid_to=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert palette_coverage()[covered["other_district"].pk][0] == "radgivning"


def test_the_report_holds_the_coverage_per_district_and_for_the_city(covered):
    today = timezone.localdate()

    report = equality_report(date_from=today.replace(month=1, day=1), date_to=today)

    assert report["districts"][covered["district"].code]["palette_coverage"] == {
        "offered": 7,
        "items": 8,
        "missing": ["praktiskt_stod"],
    }
    assert report["districts"][covered["other_district"].code]["palette_coverage"]["offered"] == 2
    assert report["city"]["palette_coverage"] == {"districts": 2, "complete": 0}


def section_of(response):
    return next(s for s in response.context["sections"] if s.key == "palette_coverage")


def test_the_analyst_sees_every_districts_coverage_on_the_page(client, covered):
    factories.sign_in(client, covered["analyst"])

    response = client.get(reverse("web:followup_equality"), YEAR)

    section = section_of(response)
    assert section.title == "Paletten i lokala processer"
    assert section.facts == [("Stadsdelar som erbjuder alla åtta", "0 av 2")]
    assert [
        (row.label, [c.text for c in row.cells], row.emphasis) for row in section.table.rows
    ] == [
        (
            "Stadsdel Annan",
            [
                "2 av 8",
                "Stödsamtal i grupp, Stöd i rättsprocessen och hjälp med skyddande åtgärder, "
                "Stöd och hjälp till stadigvarande boende, Ekonomiskt stöd, Praktiskt stöd, "
                "Kontakt med hälso- och sjukvården",
            ],
            True,
        ),
        ("Stadsdel Test", ["7 av 8", "Praktiskt stöd"], True),
    ]
    assert section.stands_out[1] == "Stadsdel Test: ingen erbjuder Praktiskt stöd."
    assert "Stadsdel Test: ingen erbjuder Praktiskt stöd." in response.content.decode()


def test_a_district_offering_all_eight_does_not_stand_out(client, covered):
    offer(covered["owner"], covered["district"], "praktiskt_stod", unit=covered["rvc"])
    factories.sign_in(client, covered["owner"])

    response = client.get(reverse("web:followup_equality"), YEAR)

    section = section_of(response)
    assert section.facts == [("Stadsdelar som erbjuder alla åtta", "1 av 2")]
    [row] = section.table.rows  # their own district only
    assert (row.label, [c.text for c in row.cells], row.emphasis) == (
        "Stadsdel Test",
        ["8 av 8", "–"],
        False,
    )
    assert section.stands_out == []
    assert "Stadsdel Annan" not in response.content.decode()


def test_the_xlsx_has_the_coverage_sheet(client, covered):
    factories.sign_in(client, covered["analyst"])

    response = client.get(reverse("web:followup_equality_xlsx"), YEAR)

    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Paletten i lokala processer"]
    rows = [
        row[:3] for row in sheet.iter_rows(values_only=True) if row and row[0] == "Stadsdel Test"
    ]
    assert rows == [("Stadsdel Test", 7, "Praktiskt stöd")]
