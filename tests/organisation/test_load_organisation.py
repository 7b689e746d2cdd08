import datetime

import pytest
from django.core.management import call_command

from brytupp.organisation.models import District, Municipality, Partner, Unit, UnitKind
from brytupp.organisation.services import organisation_load_stockholm
from tests import factories

pytestmark = pytest.mark.django_db

CURRENT = {
    "jarva": "Järva",
    "hasselby-vallingby": "Hässelby-Vällingby",
    "bromma": "Bromma",
    "kungsholmen": "Kungsholmen",
    "norra-innerstaden": "Norra innerstaden",
    "sodermalm": "Södermalm",
    "enskede-arsta-vantor": "Enskede-Årsta-Vantör",
    "skarpnack": "Skarpnäck",
    "farsta": "Farsta",
    "hagersten-alvsjo": "Hägersten-Älvsjö",
    "skarholmen": "Skärholmen",
}


def test_a_migrated_database_holds_no_organisation():
    assert District.objects.count() == 0
    assert Unit.objects.count() == 0
    assert Partner.objects.count() == 0


def test_stockholm_has_eleven_current_districts_each_with_an_rvt():
    counts = organisation_load_stockholm()

    assert counts == {
        "districts": 17,
        "units": 129,
        "partners": 6,
        "legal_grounds": 1,
        "delegations": 48,
        "housing_steps": 8,
    }
    today = datetime.date(2026, 11, 23)
    current = District.objects.valid_on(today)
    assert {d.code: d.name for d in current} == CURRENT
    for district in current:
        assert Unit.objects.filter(district=district, kind=UnitKind.RVT).count() == 1
        assert district.units.count() == 11


def test_merged_districts_point_to_their_successors():
    organisation_load_stockholm()

    successors = {
        d.code: (d.successor.code, d.valid_to.isoformat())
        for d in District.objects.filter(successor__isnull=False)
    }
    assert successors == {
        "rinkeby-kista": ("jarva", "2023-06-30"),
        "spanga-tensta": ("jarva", "2023-06-30"),
        "norrmalm": ("norra-innerstaden", "2023-06-30"),
        "ostermalm": ("norra-innerstaden", "2023-06-30"),
        "hagersten-liljeholmen": ("hagersten-alvsjo", "2019-12-31"),
        "alvsjo": ("hagersten-alvsjo", "2019-12-31"),
    }
    assert not District.objects.valid_on(datetime.date(2024, 1, 1)).filter(code="norrmalm").exists()
    assert District.objects.valid_on(datetime.date(2023, 6, 30)).filter(code="norrmalm").exists()


def test_each_rvc_serves_its_districts():
    organisation_load_stockholm()

    served = {
        unit.code: sorted(d.code for d in unit.served_districts.all())
        for unit in Unit.objects.filter(kind=UnitKind.RVC)
    }
    assert served == {
        "rvc-innerstaden": ["kungsholmen", "norra-innerstaden", "sodermalm"],
        "rvc-sydost": ["enskede-arsta-vantor", "farsta", "skarpnack"],
        "rvc-sydvast": ["hagersten-alvsjo", "skarholmen"],
        "rvc-vast": ["bromma", "hasselby-vallingby", "jarva"],
    }
    city_wide = set(Unit.objects.filter(district__isnull=True).values_list("kind", flat=True))
    assert city_wide == {"rvc", "socialjour", "hemlosa", "kriscentrum", "stab"}


def test_partners_are_loaded():
    organisation_load_stockholm()

    assert dict(Partner.objects.values_list("code", "kind")) == {
        "region-stockholm": "healthcare",
        "polisen": "police",
        "shis-bostader": "housing_company",
        "bostadsformedlingen": "housing_agency",
        "unizon": "civil_society",
        "roks": "civil_society",
    }


def test_loading_twice_changes_nothing():
    organisation_load_stockholm()
    before = (District.objects.count(), Unit.objects.count(), Partner.objects.count())
    farsta_rvt_pk = Unit.objects.get(code="farsta-rvt").pk

    organisation_load_stockholm()

    assert (District.objects.count(), Unit.objects.count(), Partner.objects.count()) == before
    assert Unit.objects.get(code="farsta-rvt").pk == farsta_rvt_pk


def test_command_loads_and_reports(capsys):
    call_command("load_organisation")

    assert (
        "Loaded 17 districts, 129 units and 6 partners; legal grounds: 1, delegation lines: 48."
        in capsys.readouterr().out
    )
    assert Unit.objects.get(code="farsta-rvt").name == "Relationsvåldsteamet Farsta"


def test_the_stay_limit_is_seeded_and_a_reload_keeps_the_administrators_value(client):
    organisation_load_stockholm()
    stockholm = Municipality.objects.get(code="stockholm")
    assert stockholm.stay_limit_days == 90

    administrator = factories.staff("systemforvaltare", Unit.objects.get(code="farsta-rvt"))
    factories.sign_in(client, administrator)
    url = f"/admin/organisation/municipality/{stockholm.pk}/change/"
    response = client.post(
        url, {"code": "stockholm", "name": "Stockholms stad", "stay_limit_days": "60"}
    )
    assert response.status_code == 302
    organisation_load_stockholm()

    stockholm.refresh_from_db()
    assert (stockholm.name, stockholm.stay_limit_days) == ("Stockholms stad", 60)


@pytest.mark.parametrize("role", ["enhetschef", "handlaggare", "analytiker"])
def test_no_one_but_the_system_administrator_changes_the_stay_limit(client, role):
    organisation_load_stockholm()
    stockholm = Municipality.objects.get(code="stockholm")
    factories.sign_in(client, factories.staff(role, Unit.objects.get(code="farsta-rvt")))

    response = client.post(
        f"/admin/organisation/municipality/{stockholm.pk}/change/",
        {"code": "stockholm", "name": "Stockholms stad", "stay_limit_days": "30"},
    )

    assert response.status_code == 404
    stockholm.refresh_from_db()
    assert stockholm.stay_limit_days == 90
