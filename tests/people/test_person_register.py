import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from brytupp.people.models import Guardianship, IdentityKind, Person
from brytupp.people.presentation import person_display_name, person_display_number
from brytupp.people.selectors import person_find_by_identity_number
from brytupp.people.services import guardian_link, person_register
from tests import factories

pytestmark = pytest.mark.django_db

TEST_NUMBER = "201701012393"  # Skatteverket's published test number
BORN = datetime.date(2017, 1, 1)


def register(**fields):
    defaults = {
        "actor": None,
        "first_name": "Testa",
        "last_name": "Testsson",
        "birth_date": BORN,
        "gender": "female",
    }
    defaults.update(fields)
    return person_register(**defaults)


def test_register_with_personnummer_seals_the_number():
    person = register(identity_number="170101-2393")

    assert person.identity_kind == IdentityKind.PERSONNUMMER
    assert person_display_number(person) == "20170101-2393"
    assert TEST_NUMBER not in person.identity_number_sealed
    assert TEST_NUMBER not in person.identity_number_digest


def test_no_column_holds_the_number_in_clear_text():
    register(identity_number=TEST_NUMBER)

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person")
        rows = cursor.fetchall()

    assert len(rows) == 1
    assert TEST_NUMBER not in repr(rows)
    assert "170101" not in repr(rows)


def test_register_with_samordningsnummer():
    person = register(identity_number="199001611236", birth_date=datetime.date(1990, 1, 1))

    assert person.identity_kind == IdentityKind.SAMORDNINGSNUMMER
    assert person_display_number(person) == "19900161-1236"


def test_duplicate_identity_number_is_refused_and_nothing_is_saved():
    register(identity_number=TEST_NUMBER)

    with pytest.raises(ValidationError) as error:
        register(identity_number="20170101-2393", first_name="Annan")

    assert error.value.message_dict == {
        "identity_number": [
            "Det finns redan en person registrerad med det här person- eller samordningsnumret."
        ]
    }
    assert Person.objects.count() == 1


def test_identity_number_must_agree_with_birth_date():
    with pytest.raises(ValidationError) as error:
        register(identity_number=TEST_NUMBER, birth_date=datetime.date(2017, 1, 2))

    assert error.value.message_dict == {
        "identity_number": ["Person- eller samordningsnumret stämmer inte med födelsedatumet."]
    }
    assert Person.objects.count() == 0


def test_invalid_identity_number_is_refused():
    with pytest.raises(ValidationError) as error:
        register(identity_number="201701012394")

    assert error.value.message_dict == {
        "identity_number": ["Kontrollsiffran stämmer inte. Kontrollera numret."]
    }
    assert Person.objects.count() == 0


def test_reserve_identity_needs_a_name():
    with pytest.raises(ValidationError) as error:
        register(first_name="", last_name="")

    assert error.value.message_dict == {
        "first_name": [
            "En person utan person- eller samordningsnummer måste ha både förnamn och efternamn."
        ]
    }
    assert Person.objects.count() == 0


def test_reserve_identity_with_name_and_birth_date():
    person = register()

    assert person.identity_kind == IdentityKind.RESERVE
    assert person.identity_number_digest is None
    assert person_display_number(person) == "Reservidentitet"
    assert person_display_name(person) == "Testa Testsson"


@pytest.mark.parametrize(
    "level", ["sekretessmarkering", "skyddad_folkbokforing", "fingerade_personuppgifter"]
)
def test_protected_identity_masks_name_and_number(level):
    person = register(identity_number=TEST_NUMBER, protected_identity=level)

    assert person_display_name(person) == "Skyddad identitet"
    assert person_display_number(person) == "********-****"
    assert "Testsson" not in str(person)


def test_str_of_a_person_never_holds_the_name():
    person = register()

    assert str(person) == f"Person {person.public_id}"


def test_child_is_linked_to_guardian():
    parent = register(birth_date=datetime.date(1985, 5, 5))
    child = register(first_name="Barn", birth_date=datetime.date(2019, 6, 1))

    guardian_link(child=child, guardian=parent)

    assert list(child.guardians.all()) == [parent]
    assert list(parent.children.all()) == [child]


def test_person_cannot_be_own_guardian():
    parent = register()

    with pytest.raises(ValidationError):
        guardian_link(child=parent, guardian=parent)

    assert Guardianship.objects.count() == 0


def test_guardian_must_be_older_than_child():
    older = register(birth_date=datetime.date(1980, 1, 1))
    younger = register(first_name="Yngre", birth_date=datetime.date(2000, 1, 1))

    with pytest.raises(ValidationError):
        guardian_link(child=older, guardian=younger)

    assert Guardianship.objects.count() == 0


def test_exact_search_finds_only_persons_the_actor_may_see(rvt):
    visible = register(identity_number=TEST_NUMBER)
    factories.case(person_=visible, unit=rvt)
    worker = factories.staff("handlaggare", rvt)
    other_unit = factories.UnitFactory()
    outsider = factories.staff("handlaggare", other_unit)

    assert list(person_find_by_identity_number(actor=worker, identity_number="170101-2393")) == [
        visible
    ]
    assert list(person_find_by_identity_number(actor=outsider, identity_number=TEST_NUMBER)) == []
    assert list(person_find_by_identity_number(actor=worker, identity_number="garbage")) == []


def test_a_second_reserve_identity_with_the_same_name_and_birth_date_is_refused():
    register()

    with pytest.raises(ValidationError):
        register(first_name="TESTA", last_name="testsson")

    assert Person.objects.count() == 1
