"""The demo's local processes (decision 0051): every current district's palette answered with
made-up contacts, two gaps left for the city's page, and Farsta's written by its process owner
with a history."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from brytupp.localprocess.models import LocalOffer, LocalOfferVersion
from brytupp.localprocess.selectors import local_process_public
from brytupp.organisation.models import District, User
from tests import factories

from .conftest import TODAY

# One worker reads the demo the package generates once (``--dist loadgroup``).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def current_districts():
    return District.objects.valid_on(TODAY).filter(municipality__code="stockholm")


def test_every_current_district_answers_every_item_of_the_palette(demo):
    per_district = Counter(LocalOffer.objects.values_list("district__code", flat=True))

    assert len(per_district) == current_districts().count() == 11
    assert set(per_district.values()) == {8}


def test_two_gaps_are_left_for_the_city_to_see(demo):
    gaps = LocalOffer.objects.filter(unit__isnull=True, partner__isnull=True)

    assert sorted(gaps.values_list("district__code", "item")) == [
        ("hasselby-vallingby", "praktiskt_stod"),
        ("skarholmen", "stodsamtal_grupp"),
    ]


def test_every_contact_is_made_up(demo):
    offered = LocalOffer.objects.exclude(unit__isnull=True, partner__isnull=True)

    phones = set(offered.values_list("phone", flat=True))
    emails = set(offered.values_list("email", flat=True))
    assert all(re.fullmatch(r"08-123 45 \d\d", phone) for phone in phones)
    assert all(email.endswith("@example.se") for email in emails)
    assert all(
        address.startswith("Exempelgatan ") or address == "Vårdcentralen i stadsdelen"
        for address in offered.values_list("visiting_address", flat=True)
    )


def test_farstas_process_owner_wrote_farstas_with_a_history(demo):
    owner = User.objects.get(username="farsta.process")

    farsta = LocalOffer.objects.filter(district__code="farsta")
    assert set(farsta.values_list("changed_by", flat=True)) == {owner.pk}
    assert set(
        LocalOffer.objects.exclude(district__code="farsta").values_list("changed_by", flat=True)
    ) == {None}
    counselling = farsta.get(item="radgivning")
    assert counselling.version == 2
    assert list(
        LocalOfferVersion.objects.filter(offer=counselling)
        .order_by("number")
        .values_list("hours", flat=True)
    ) == [
        "Måndag–fredag 8.00–16.30. Telefontid 9.00–11.00.",
        "Måndag–fredag 8.00–16.30. Telefontid 13.00–15.00.",
    ]


def test_farstas_public_local_process(demo):
    public = local_process_public(district=District.objects.get(code="farsta"))

    assert [(entry.item, entry.provider) for entry in public] == [
        ("radgivning", "Relationsvåldsteamet Farsta"),
        ("stodsamtal_individuellt", "RVC Sydost"),
        ("stodsamtal_grupp", "RVC Sydost"),
        ("rattsprocess", "Relationsvåldsteamet Farsta"),
        ("stadigvarande_boende", "Relationsvåldsteamet Farsta"),
        ("ekonomiskt_stod", "Ekonomiskt bistånd Farsta"),
        ("praktiskt_stod", "Öppna insatser Farsta"),
        ("halso_sjukvard", "Region Stockholm, hälso- och sjukvård"),
    ]


def test_the_analyst_sees_the_gaps_on_the_citys_page(client, demo):
    factories.sign_in(client, User.objects.get(username="stad.analytiker"))

    response = client.get(reverse("localprocess:city"))

    assert [(d.code, missing) for d, missing in response.context["process"].gaps] == [
        ("hasselby-vallingby", ["Praktiskt stöd"]),
        ("skarholmen", ["Stödsamtal i grupp"]),
    ]
