"""Setting a district's answer for an item of the palette: created, changed against the version
the form was opened at, every version kept with who and when; refusals write nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from brytupp.concurrency import ChangedSinceOpened
from brytupp.localprocess.models import LocalOffer, LocalOfferVersion
from brytupp.localprocess.services import local_offer_set
from brytupp.organisation.models import Unit
from tests import factories

from .conftest import CONTACTS, offer

pytestmark = pytest.mark.django_db


def state():
    offers = list(
        LocalOffer.objects.order_by("pk").values(
            "district_id", "item", "unit_id", "partner_id", "phone", "waiting_days", "version"
        )
    )
    versions = list(
        LocalOfferVersion.objects.order_by("pk").values("offer_id", "number", "unit_id", "phone")
    )
    return offers, versions


def test_the_first_answer_is_version_1_with_its_snapshot(org):
    before = timezone.now()

    saved = offer(org["owner"], org["district"], "radgivning", unit=org["rvt"])

    saved.refresh_from_db()
    assert (saved.version, saved.unit, saved.partner, saved.changed_by) == (
        1,
        org["rvt"],
        None,
        org["owner"],
    )
    assert saved.changed_at >= before
    [version] = LocalOfferVersion.objects.all()
    assert (version.offer, version.number, version.item, version.unit, version.changed_by) == (
        saved,
        1,
        "radgivning",
        org["rvt"],
        org["owner"],
    )
    assert version.changed_at == saved.changed_at
    assert {name: getattr(version, name) for name in CONTACTS} == CONTACTS


def test_a_change_against_the_current_version_writes_and_adds_a_version(org):
    owner, district = org["owner"], org["district"]
    first = offer(owner, district, "radgivning", unit=org["rvt"], version=0)
    second_owner = factories.staff("implementerare", org["rvt"])

    changed = offer(
        second_owner,
        district,
        "radgivning",
        partner=org["partner"],
        phone=" 08-123 45 09 ",
        waiting_days=10,
        version=1,
    )

    assert changed.pk == first.pk
    assert state() == (
        [
            {
                "district_id": district.pk,
                "item": "radgivning",
                "unit_id": None,
                "partner_id": org["partner"].pk,
                "phone": "08-123 45 09",
                "waiting_days": 10,
                "version": 2,
            }
        ],
        [
            {"offer_id": first.pk, "number": 1, "unit_id": org["rvt"].pk, "phone": "08-123 45 01"},
            {"offer_id": first.pk, "number": 2, "unit_id": None, "phone": "08-123 45 09"},
        ],
    )
    assert [v.changed_by for v in LocalOfferVersion.objects.order_by("number")] == [
        owner,
        second_owner,
    ]


def test_a_form_opened_before_someone_elses_change_writes_nothing_and_shows_theirs(org):
    owner, district = org["owner"], org["district"]
    offer(owner, district, "rattsprocess", unit=org["rvt"], version=0)
    offer(owner, district, "rattsprocess", unit=org["rvc"], phone="08-123 45 07", version=1)
    before = state()

    with pytest.raises(ChangedSinceOpened) as refused:
        offer(owner, district, "rattsprocess", unit=org["rvt"], phone="08-123 45 99", version=1)

    assert state() == before
    assert refused.value.version == 2
    assert refused.value.current == {
        "Erbjuds av": "Relationsvåldscentrum Test",
        "Telefon": "08-123 45 07",
        "E-post": "rvt@example.se",
        "Besöksadress": "Testgatan 1, Stockholm",
        "Öppettider": "Mån–fre 8–16",
        "Så når man dem säkert": "Ring så ringer vi upp från dolt nummer.",
        "Väntetid": "3 dagar",
    }


def test_a_form_opened_while_there_was_no_answer_finds_the_first_one_and_writes_nothing(org):
    offer(org["owner"], org["district"], "praktiskt_stod", unit=org["rvt"], version=0)
    before = state()

    with pytest.raises(ChangedSinceOpened) as refused:
        offer(org["owner"], org["district"], "praktiskt_stod", partner=org["partner"], version=0)

    assert state() == before
    assert refused.value.version == 1


def test_a_gap_is_an_answer_without_a_provider(org):
    gap = offer(org["owner"], org["district"], "ekonomiskt_stod", waiting_days=None)

    assert (gap.unit, gap.partner, gap.offered, gap.waiting_days) == (None, None, False, None)


def yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


REFUSALS = {
    "another district's unit": (
        lambda org: {"unit": org["other_rvt"]},
        {
            "unit": [
                "Enheten ska vara en av stadsdelens egna eller en stadsövergripande enhet som gäller i dag."
            ]
        },
    ),
    "a unit not valid today": (
        lambda org: {
            "unit": factories.UnitFactory(
                district=org["district"], kind="barn_unga", valid_to=yesterday()
            )
        },
        {
            "unit": [
                "Enheten ska vara en av stadsdelens egna eller en stadsövergripande enhet som gäller i dag."
            ]
        },
    ),
    "a city-wide unit of another municipality": (
        lambda org: {
            "unit": factories.UnitFactory(
                district=None,
                kind="rvc",
                municipality=factories.MunicipalityFactory(code="annan", name="Annan kommun"),
            )
        },
        {
            "unit": [
                "Enheten ska vara en av stadsdelens egna eller en stadsövergripande enhet som gäller i dag."
            ]
        },
    ),
    "both a unit and a partner": (
        lambda org: {"unit": org["rvt"], "partner": org["partner"]},
        {"partner": ["Välj en enhet eller en samarbetspart, inte båda."]},
    ),
    "a negative wait": (
        lambda org: {"unit": org["rvt"], "waiting_days": -1},
        {"waiting_days": ["Väntetiden är från 0 till 365 dagar."]},
    ),
    "a wait of more than a year": (
        lambda org: {"unit": org["rvt"], "waiting_days": 366},
        {"waiting_days": ["Väntetiden är från 0 till 365 dagar."]},
    ),
    "an e-mail that is not one": (
        lambda org: {"unit": org["rvt"], "email": "inte en adress"},
        {"email": ["Fyll i en giltig e-postadress."]},
    ),
}


@pytest.mark.parametrize("refusal", REFUSALS.values(), ids=REFUSALS.keys())
@pytest.mark.parametrize("existing", [False, True], ids=["first answer", "a change"])
def test_a_refused_answer_writes_nothing(org, refusal, existing):
    fields, message = refusal
    if existing:
        offer(org["owner"], org["district"], "radgivning", unit=org["rvt"])
    before = state()

    with pytest.raises(ValidationError) as refused:
        offer(org["owner"], org["district"], "radgivning", version=int(existing), **fields(org))

    assert refused.value.message_dict == message
    assert state() == before


def test_an_item_outside_the_palette_is_refused(org):
    with pytest.raises(ValidationError) as refused:
        offer(org["owner"], org["district"], "skyddat_boende", unit=org["rvt"])

    assert refused.value.message_dict == {"item": ["Välj en insats ur paletten."]}
    assert state() == ([], [])


@pytest.mark.parametrize(
    "who", ["other_owner", "city_owner", "analyst", "manager", "worker", "admin"]
)
def test_only_the_districts_process_owner_may_set_its_answers(org, who):
    offer(org["owner"], org["district"], "radgivning", unit=org["rvt"])
    before = state()

    with pytest.raises(ValidationError) as refused:
        offer(org[who], org["district"], "radgivning", unit=org["rvc"], version=1)

    assert refused.value.messages == ["Du får inte ändra stadsdelens lokala process."]
    assert state() == before


def test_a_district_no_longer_valid_is_kept_by_no_one(org):
    district = org["district"]
    district.valid_to = yesterday()
    district.save()

    with pytest.raises(ValidationError):
        offer(org["owner"], district, "radgivning", unit=None)

    assert state() == ([], [])


def test_the_system_sets_answers_without_an_actor(org):
    saved = local_offer_set(
        actor=None, district=org["district"], item="radgivning", unit=org["rvc"], **CONTACTS
    )

    assert (saved.version, saved.changed_by, saved.versions.get().changed_by) == (1, None, None)


def _save_changed(world):
    version = LocalOfferVersion.objects.get()
    version.phone = "08-000 00 00"
    version.save()


def _raw(sql):
    def attempt(world):
        with connection.cursor() as cursor:
            cursor.execute(sql)

    return attempt


ATTEMPTS = {
    "queryset update": lambda w: LocalOfferVersion.objects.update(phone="08-000 00 00"),
    "instance save": _save_changed,
    "queryset delete": lambda w: LocalOfferVersion.objects.all().delete(),
    "raw update": _raw("UPDATE localprocess_localofferversion SET phone = '08-000 00 00'"),
    "raw delete": _raw("DELETE FROM localprocess_localofferversion"),
}


@pytest.mark.parametrize("attempt", ATTEMPTS.values(), ids=ATTEMPTS.keys())
def test_the_database_refuses_to_change_or_delete_a_version(org, attempt):
    offer(org["owner"], org["district"], "radgivning", unit=org["rvt"])
    before = state()

    with (
        pytest.raises(DatabaseError, match="local process versions are written once"),
        transaction.atomic(),
    ):
        attempt(org)

    assert state() == before


def test_a_unit_that_offers_an_item_is_not_deleted(org):
    from django.db.models import ProtectedError

    offer(org["owner"], org["district"], "radgivning", unit=org["rvc"])

    with pytest.raises(ProtectedError), transaction.atomic():
        Unit.objects.filter(pk=org["rvc"].pk).delete()
