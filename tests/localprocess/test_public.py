"""What the public pages may read of a district's local process: each item of the palette in
the palette's order, the provider's name or a gap, and how to reach them; no member of staff."""

import dataclasses

import pytest

from brytupp.localprocess.selectors import PublicOffer, local_process_public
from brytupp.organisation.models import Unit

from .conftest import offer

pytestmark = pytest.mark.django_db


def gap(item, label):
    return PublicOffer(
        item=item,
        label=label,
        provider=None,
        phone="",
        email="",
        visiting_address="",
        hours="",
        safe_contact="",
        waiting_days=None,
    )


def test_every_item_of_the_palette_in_order_with_its_provider_or_a_gap(org):
    owner, district = org["owner"], org["district"]
    offer(owner, district, "radgivning", unit=org["rvt"])
    offer(
        owner,
        district,
        "stodsamtal_grupp",
        unit=org["rvc"],
        phone="08-123 45 02",
        email="rvc@example.se",
        visiting_address="",
        hours="Tisdagar 17–19",
        safe_contact="",
        waiting_days=None,
    )
    offer(owner, district, "halso_sjukvard", partner=org["partner"], waiting_days=0)
    # Contact details without a provider are not shown: no one offers it.
    offer(owner, district, "ekonomiskt_stod")
    # Another district's answers are not this district's.
    offer(org["other_owner"], org["other_district"], "rattsprocess", unit=org["other_rvt"])

    public = local_process_public(district=district)  # the labels in the active language

    contacts = {
        "phone": "08-123 45 01",
        "email": "rvt@example.se",
        "visiting_address": "Testgatan 1, Stockholm",
        "hours": "Mån–fre 8–16",
        "safe_contact": "Ring så ringer vi upp från dolt nummer.",
    }
    assert public == [
        PublicOffer(
            item="radgivning",
            label="Individuell rådgivning och vägledning",
            provider="Relationsvåldsteamet Test",
            waiting_days=3,
            **contacts,
        ),
        gap("stodsamtal_individuellt", "Individuella stödsamtal"),
        PublicOffer(
            item="stodsamtal_grupp",
            label="Stödsamtal i grupp",
            provider="Relationsvåldscentrum Test",
            phone="08-123 45 02",
            email="rvc@example.se",
            visiting_address="",
            hours="Tisdagar 17–19",
            safe_contact="",
            waiting_days=None,
        ),
        gap("rattsprocess", "Stöd i rättsprocessen och hjälp med skyddande åtgärder"),
        gap("stadigvarande_boende", "Stöd och hjälp till stadigvarande boende"),
        gap("ekonomiskt_stod", "Ekonomiskt stöd"),
        gap("praktiskt_stod", "Praktiskt stöd"),
        PublicOffer(
            item="halso_sjukvard",
            label="Kontakt med hälso- och sjukvården",
            provider="Kvinnojouren Test",
            waiting_days=0,
            **contacts,
        ),
    ]


def test_a_district_without_a_local_process_is_eight_gaps(org):
    public = local_process_public(district=org["other_district"])

    assert [entry.item for entry in public] == [
        "radgivning",
        "stodsamtal_individuellt",
        "stodsamtal_grupp",
        "rattsprocess",
        "stadigvarande_boende",
        "ekonomiskt_stod",
        "praktiskt_stod",
        "halso_sjukvard",
    ]
    assert {entry.provider for entry in public} == {None}


def test_a_unit_no_longer_valid_offers_nothing_to_the_public(org):
    import datetime

    from django.utils import timezone

    offer(org["owner"], org["district"], "radgivning", unit=org["rvt"])
    Unit.objects.filter(pk=org["rvt"].pk).update(
        valid_to=timezone.localdate() - datetime.timedelta(days=1)
    )

    [first, *_rest] = local_process_public(district=org["district"])

    assert first == gap("radgivning", "Individuell rådgivning och vägledning")


def test_the_public_read_names_no_member_of_staff(org):
    for item in ("radgivning", "praktiskt_stod"):
        offer(org["owner"], org["district"], item, unit=org["rvt"])

    public = local_process_public(district=org["district"])

    fields = {field.name for field in dataclasses.fields(PublicOffer)}
    assert fields == {
        "item",
        "label",
        "provider",
        "phone",
        "email",
        "visiting_address",
        "hours",
        "safe_contact",
        "waiting_days",
    }
    text = repr(public)
    owner = org["owner"]
    assert owner.username not in text
    assert "Ägare" not in text
    assert "Egen" not in text


def test_the_labels_are_in_the_language_of_the_page(org):
    from django.utils import translation

    with translation.override("en"):
        labels = [entry.label for entry in local_process_public(district=org["district"])]

    assert labels[:2] == ["Individual counselling and guidance", "Individual support talks"]
