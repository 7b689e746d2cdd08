"""The child's record (decision 0044): made when the child enters the case, the school shown
to the lead unit alone for a protected child, guardians linked by the lead unit only."""

import datetime

import pytest
from django.urls import reverse

from brytupp.children.models import ChildRecord
from brytupp.interventions.services import placement_child_add
from brytupp.people.models import Guardianship
from brytupp.people.services import protection_raise
from tests import factories

from .conftest import FATHER_NUMBER

pytestmark = pytest.mark.django_db


def url(world, name):
    return reverse(f"cases:{name}", args=[world["case"].public_id, world["child"].public_id])


def test_a_placed_child_gets_a_record(world):
    records = ChildRecord.objects.filter(case=world["case"])

    assert {(r.child, r.school_kind, r.school_name) for r in records} == {
        (world["child"], "okand", ""),
        (world["second_child"], "okand", ""),
    }


def test_a_child_added_to_a_placement_gets_a_record(world):
    third = factories.person(first_name="Trean", birth_date=datetime.date(2021, 1, 1))

    placement_child_add(actor=world["rvt_worker"], placement=world["placement"], child=third)

    assert ChildRecord.objects.filter(case=world["case"], child=third).count() == 1


def test_the_lead_unit_records_the_school(client, world):
    factories.sign_in(client, world["rvt_worker"])

    response = client.post(
        url(world, "child_school"), {"school_kind": "grundskola", "school_name": "Ekskolan"}
    )
    body = client.get(url(world, "child")).content.decode()

    assert response.status_code == 302
    record = ChildRecord.objects.get(case=world["case"], child=world["child"])
    assert (record.school_kind, record.school_name) == ("grundskola", "Ekskolan")
    assert "Ekskolan" in body


def test_a_protected_childs_school_is_shown_to_the_lead_unit_only(client, world):
    ChildRecord.objects.filter(case=world["case"], child=world["child"]).update(
        school_kind="grundskola", school_name="Ekskolan"
    )
    protection_raise(child=world["child"], level="sekretessmarkering")

    factories.sign_in(client, world["bu_consent_worker"])
    other = client.get(url(world, "child")).content.decode()
    refused = client.post(
        url(world, "child_school"), {"school_kind": "grundskola", "school_name": "Lönnskolan"}
    )
    factories.sign_in(client, world["rvt_worker"])
    lead = client.get(url(world, "child")).content.decode()

    assert "Ekskolan" not in other and "School not shown" in other
    assert "only the lead unit records the school" in refused.content.decode()
    assert ChildRecord.objects.get(case=world["case"], child=world["child"]).school_name == (
        "Ekskolan"
    )
    assert "Ekskolan" in lead


def test_no_school_name_for_a_child_without_a_school(client, world):
    factories.sign_in(client, world["rvt_worker"])

    response = client.post(url(world, "child_school"), {"school_kind": "ingen", "school_name": "X"})

    assert response.status_code == 200
    assert ChildRecord.objects.get(case=world["case"], child=world["child"]).school_kind == "okand"


def test_the_lead_unit_links_a_guardian_by_identity_number(client, world):
    father = factories.person(
        first_name="Pappa",
        last_name="Påhittadsson",
        birth_date=datetime.date(1901, 2, 3),
        gender="male",
        identity_number=FATHER_NUMBER,
    )
    factories.sign_in(client, world["rvt_worker"])

    response = client.post(
        url(world, "child_guardian_add"), {"who": "by_number", "identity_number": FATHER_NUMBER}
    )

    assert response.status_code == 302
    assert Guardianship.objects.filter(child=world["child"], guardian=father).exists()
    assert "Pappa Påhittadsson" in client.get(url(world, "child")).content.decode()


def test_linking_the_case_person_again_is_refused(client, world):
    factories.sign_in(client, world["rvt_worker"])

    response = client.post(url(world, "child_guardian_add"), {"who": "case_person"})

    assert response.status_code == 200
    assert (
        "The person is already recorded as the child&#x27;s guardian." in response.content.decode()
    )


@pytest.mark.parametrize("who", ["bu_consent_worker", "ekb_worker"])
def test_only_the_lead_unit_links_a_guardian(client, world, who):
    factories.person(birth_date=datetime.date(1901, 2, 3), identity_number=FATHER_NUMBER)
    factories.sign_in(client, world[who])

    response = client.post(
        url(world, "child_guardian_add"), {"who": "by_number", "identity_number": FATHER_NUMBER}
    )

    assert response.status_code == 404
    assert Guardianship.objects.filter(child=world["child"]).count() == 1
