"""Names in Swedish alphabetical order: a–z, then å, ä, ö, whatever the letter case, in the
database (``swedish_order``) and in Python (``swedish_key``) alike. Every name is made up."""

import re

import pytest
from django.urls import reverse

from brytupp.organisation.models import District, Role, Unit
from brytupp.sort_order import swedish_key
from tests import factories

pytestmark = pytest.mark.django_db

SWEDISH = ["Alby", "bromsten", "Ektorp", "Zeta", "Åre", "ängby", "Östberga"]
SHUFFLED = ["Östberga", "Zeta", "ängby", "Alby", "Åre", "Ektorp", "bromsten"]


def test_python_sorts_a_to_z_then_a_ring_a_diaeresis_o_diaeresis():
    assert sorted(SHUFFLED, key=swedish_key) == SWEDISH


def test_districts_and_units_come_in_swedish_order_from_the_database():
    for name in SHUFFLED:
        district = factories.DistrictFactory(name=name, code=f"d-{swedish_key(name)[:20]}")
        factories.UnitFactory(district=district, name=f"{name} enhet", kind="rvt")

    assert [d.name for d in District.objects.filter(name__in=SWEDISH)] == SWEDISH
    assert list(Unit.objects.values_list("name", flat=True)) == [f"{n} enhet" for n in SWEDISH]


def test_the_district_page_lists_its_units_in_swedish_order(client):
    district = factories.DistrictFactory(name="Provby", code="provby")
    for name in SHUFFLED:
        factories.UnitFactory(district=district, name=f"{name} stöd", kind="stab")
    chef = factories.staff(Role.ENHETSCHEF, factories.UnitFactory(district=district, kind="rvt"))
    factories.sign_in(client, chef)

    body = client.get(reverse("web:district_detail", args=["provby"])).content.decode()

    shown = [name for name in re.findall(r">([^<>]+) stöd<", body)]
    assert shown == SWEDISH
