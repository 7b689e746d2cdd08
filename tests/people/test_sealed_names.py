"""A protected identity's name is stored sealed: a database session of the application's role
reads no protected person's name (issue 10, "done when"; decision 0022). Searching, the
reserve identity's uniqueness and the reveal still work through the keyed digest and the
keys. Every name is made up."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation

from brytupp.audit.append_only import access_log_erase_all
from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry
from brytupp.cases.services import case_open
from brytupp.interchange.services import interchange_import_text
from brytupp.people.models import Person
from brytupp.people.presentation import person_full_name
from brytupp.people.services import guardian_link, person_register, protection_raise
from tests import factories
from tests.interchange.records import BASE, changed, text

pytestmark = pytest.mark.django_db

FIRST, LAST = "Hemlighild", "Gömdadottir"
BORN = datetime.date(1979, 8, 9)
CHILD_FIRST, CHILD_LAST = "Lillhemlis", "Gömdason"
LEVELS = ["sekretessmarkering", "skyddad_folkbokforing", "fingerade_personuppgifter"]
REASON = "Barnet bor hos den andra föräldern sedan i våras"
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def raw_row(person) -> dict:
    """The person's row as any session of the application's role reads it: every column."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person WHERE id = %s", [person.pk])
        names = [column.name for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def names_in(row: dict, *names: str) -> list[str]:
    """Which of ``names`` any column of the row holds, in any case."""
    values = " ".join(str(value) for value in row.values()).casefold()
    return [name for name in names if name.casefold() in values]


def protected_person(level="skyddad_folkbokforing", **fields):
    return factories.person(
        first_name=FIRST, last_name=LAST, birth_date=BORN, protected_identity=level, **fields
    )


@pytest.mark.parametrize("level", LEVELS)
def test_the_row_of_a_protected_person_holds_no_name_in_any_column(level):
    person = protected_person(level)

    row = raw_row(person)

    assert names_in(row, FIRST, LAST) == []
    assert (row["first_name"], row["last_name"]) == ("", "")
    assert row["name_sealed"] != ""
    assert len(row["name_digest"]) == 64
    assert person_full_name(Person.objects.get(pk=person.pk)) == f"{FIRST} {LAST}"


def test_an_unprotected_persons_name_stays_in_clear_as_before():
    person = factories.person(first_name=FIRST, last_name=LAST, birth_date=BORN)

    row = raw_row(person)

    assert (row["first_name"], row["last_name"], row["name_sealed"], row["name_digest"]) == (
        FIRST,
        LAST,
        "",
        None,
    )


def test_the_database_refuses_a_protected_row_with_a_name_in_clear():
    person = factories.person(first_name=FIRST, last_name=LAST, birth_date=BORN)

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(protected_identity="skyddad_folkbokforing")

    assert raw_row(person)["protected_identity"] == "none"


def test_the_search_before_opening_finds_a_protected_person_by_name_and_logs_the_hit(client, rvt):
    person = protected_person()
    worker = factories.staff("handlaggare", rvt)
    factories.sign_in(client, worker)

    # Typed in another case and with extra spaces, as the match on names in clear allows.
    response = client.post(
        reverse("cases:open"),
        {
            "step": "search",
            "first_name": f"  {FIRST.upper()} ",
            "last_name": LAST.lower(),
            "birth_date": BORN.isoformat(),
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "This person is already registered" in page
    assert "Protected identity" in page
    assert names_in({"page": page}, FIRST, LAST) == []
    hits = AccessLogEntry.objects.filter(kind=AccessKind.SEARCH_HIT)
    assert list(hits.values_list("person_public_id", "user_public_id", "ground")) == [
        (person.public_id, worker.public_id, AccessGround.CASE_OPENING)
    ]


def test_another_birth_date_does_not_find_the_protected_person(client, rvt):
    protected_person()
    factories.sign_in(client, factories.staff("handlaggare", rvt))

    response = client.post(
        reverse("cases:open"),
        {"step": "search", "first_name": FIRST, "last_name": LAST, "birth_date": "1979-08-10"},
    )

    assert "This person is already registered" not in response.content.decode()
    assert not AccessLogEntry.objects.filter(kind=AccessKind.SEARCH_HIT).exists()


def test_a_second_reserve_identity_with_the_protected_name_and_birth_date_is_refused():
    protected_person()

    with pytest.raises(ValidationError) as refused:
        person_register(
            actor=None,
            first_name=FIRST.lower(),
            last_name=LAST,
            birth_date=BORN,
            protected_identity="skyddad_folkbokforing",
        )

    assert refused.value.messages == [
        "A person with this name and date of birth is already registered: search for them."
    ]
    assert Person.objects.count() == 1


def test_registering_the_protected_name_again_through_the_form_makes_no_double(client, rvt):
    protected_person()
    factories.sign_in(client, factories.staff("handlaggare", rvt))

    response = client.post(
        reverse("cases:open"),
        {
            "step": "register",
            "first_name": FIRST,
            "last_name": LAST,
            "birth_date": BORN.isoformat(),
            "gender": "female",
            "protected_identity": "none",
        },
    )

    page = response.content.decode()
    assert "This person is already registered" in page
    assert "Protected identity" in page
    assert Person.objects.count() == 1


def test_the_reveal_shows_the_full_name(client, rvt):
    person = protected_person()
    worker = factories.staff("handlaggare", rvt)
    case = factories.case(person_=person, unit=rvt, actor=worker)
    factories.sign_in(client, worker)

    response = client.post(
        reverse("cases:identity_reveal", args=[case.public_id]),
        {"reason": "Ansökan om skyddat boende kräver namnet"},
    )

    assert response.status_code == 200
    assert f"{FIRST} {LAST}" in response.content.decode()


@pytest.fixture
def placed(district, rvt):
    """A parent's case, led by the RVT, and the parent's child registered here with a name and
    linked to them while both were unprotected; then the parent became protected (as an
    import or Skatteverket's notice raises them). The child is not placed yet."""
    worker = factories.staff("handlaggare", rvt)
    parent = factories.person(first_name=FIRST, last_name=LAST, birth_date=BORN)
    child = factories.person(
        first_name=CHILD_FIRST, last_name=CHILD_LAST, birth_date=datetime.date(2016, 2, 3)
    )
    guardian_link(child=child, guardian=parent)
    protection_raise(child=parent, level="skyddad_folkbokforing")
    case = case_open(
        actor=worker,
        person=parent,
        district=district,
        lead_unit=rvt,
        source="self",
        opened=TODAY - datetime.timedelta(days=10),
    )
    return {"worker": worker, "case": case, "child": child}


def place(client, placed):
    factories.sign_in(client, placed["worker"])
    return client.post(
        reverse("cases:placement_add", args=[placed["case"].public_id]),
        {"start": TODAY.isoformat(), "children": [str(placed["child"].public_id)]},
    )


def test_a_child_placed_with_a_protected_parent_gets_the_name_sealed(client, placed):
    assert names_in(raw_row(placed["child"]), CHILD_FIRST, CHILD_LAST) == [CHILD_FIRST, CHILD_LAST]

    response = place(client, placed)

    assert response.status_code == 302
    row = raw_row(placed["child"])
    assert row["protected_identity"] == "skyddad_folkbokforing"
    assert names_in(row, CHILD_FIRST, CHILD_LAST) == []
    child = Person.objects.get(pk=placed["child"].pk)
    assert person_full_name(child) == f"{CHILD_FIRST} {CHILD_LAST}"


def test_lowering_the_childs_protection_puts_the_name_back_in_clear(client, placed):
    place(client, placed)
    case, child = placed["case"], placed["child"]

    response = client.post(
        reverse("cases:child_protection_lower", args=[case.public_id, child.public_id]),
        {"reason": REASON},
    )

    assert response.status_code == 302
    row = raw_row(child)
    assert (row["protected_identity"], row["first_name"], row["last_name"]) == (
        "none",
        CHILD_FIRST,
        CHILD_LAST,
    )
    assert (row["name_sealed"], row["name_digest"]) == ("", None)


def test_a_protected_child_registered_with_a_guardian_is_sealed_from_the_start():
    parent = protected_person("sekretessmarkering")

    child = factories.person(
        first_name=CHILD_FIRST,
        last_name=CHILD_LAST,
        birth_date=datetime.date(2016, 2, 3),
        guardian=parent,
    )

    row = raw_row(child)
    assert (row["protected_identity"], names_in(row, CHILD_FIRST, CHILD_LAST)) == (
        "sekretessmarkering",
        [],
    )


def test_an_import_raising_a_parent_seals_the_name_of_a_child_registered_here():
    assert interchange_import_text(text(BASE)).problems == []
    parent = Person.objects.get(external_id="p1")
    child = factories.person(
        first_name=CHILD_FIRST, last_name=CHILD_LAST, birth_date=datetime.date(2016, 2, 3)
    )
    guardian_link(child=child, guardian=parent)  # unprotected then

    result = interchange_import_text(text(changed(4, protected_identity=True)))

    assert result.problems == []
    row = raw_row(child)
    assert (row["protected_identity"], names_in(row, CHILD_FIRST, CHILD_LAST)) == (
        "sekretessmarkering",
        [],
    )
    assert person_full_name(Person.objects.get(pk=child.pk)) == f"{CHILD_FIRST} {CHILD_LAST}"


def test_an_import_lowering_a_person_with_a_name_puts_it_back_in_clear():
    admin = factories.staff("systemforvaltare", factories.UnitFactory())
    person = protected_person("sekretessmarkering", external_id="p9")
    line = {"type": "person", "id": "p9", "birth_date": BORN.isoformat(), "gender": "female"}

    result = interchange_import_text(
        text([{**line, "protected_identity": False}]), actor=admin, lower_protection=True
    )

    assert result.problems == []
    row = raw_row(person)
    assert (row["protected_identity"], row["first_name"], row["last_name"]) == (
        "none",
        FIRST,
        LAST,
    )
    assert (row["name_sealed"], row["name_digest"]) == ("", None)


def test_an_import_that_keeps_the_level_keeps_the_name_sealed():
    person = protected_person("sekretessmarkering", external_id="p9")
    sealed = raw_row(person)["name_sealed"]
    line = {"type": "person", "id": "p9", "birth_date": BORN.isoformat(), "gender": "female"}

    assert interchange_import_text(text([{**line, "protected_identity": True}])).problems == []

    row = raw_row(person)
    assert (row["first_name"], row["last_name"], row["name_sealed"]) == ("", "", sealed)


BEFORE = ("people", "0005_identity_reveal_log_seq")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])


def migrate_to_the_latest():
    """Every app to its latest migration: going back to ``BEFORE`` also unapplied the later
    migrations of other apps that depend on people (threat persons, safety plans)."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def access_log_erased_before_flush():
    """Registering writes the access log, which refuses the TRUNCATE of the teardown of a
    transactional test while it holds entries: erase it first."""
    yield
    access_log_erase_all()


@pytest.mark.usefixtures("access_log_erased_before_flush")
@pytest.mark.django_db(transaction=True)  # migrations cannot run inside the test's transaction
def test_the_migration_seals_the_names_of_existing_protected_persons():
    protected = protected_person()
    unprotected = factories.person(first_name="Öppen", last_name="Klarsson", birth_date=BORN)
    try:
        migrate(BEFORE)
        # Before the migration the name was in clear, as every row of that time had it.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT first_name, last_name FROM people_person WHERE id = %s", [protected.pk]
            )
            assert cursor.fetchone() == (FIRST, LAST)
    finally:
        migrate_to_the_latest()

    row = raw_row(protected)
    assert names_in(row, FIRST, LAST) == []
    assert person_full_name(Person.objects.get(pk=protected.pk)) == f"{FIRST} {LAST}"
    assert (raw_row(unprotected)["first_name"], raw_row(unprotected)["name_sealed"]) == (
        "Öppen",
        "",
    )
