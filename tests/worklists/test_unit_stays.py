"""Stays in protected housing on "My unit" (decision 0047): each placement going on in the
unit's cases with its nights so far and its cost per night where known, flagged over the
city's limit (90 days, the city's data since decision 0048); a protected person's name is never
shown and each case shown is logged as a list row."""

import re

import pytest
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.interventions.models import Placement
from brytupp.interventions.services import placement_end
from brytupp.organisation.models import Municipality
from brytupp.worklists.unit_overview import unit_overview_list
from tests import factories

from .given import TODAY, open_case, placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(district, rvt):
    manager = factories.staff("enhetschef", rvt, username="chef")
    worker = factories.staff("handlaggare", rvt)
    other = factories.UnitFactory(district=district, kind="barn_unga")
    long = open_case(rvt, actor=worker, last_name="Långvistelse", opened_days_ago=200)
    priced = placement(long, started_days_ago=91, actor=worker)
    Placement.objects.filter(pk=priced.pk).update(cost_per_night="1250.50")
    limit = open_case(rvt, actor=worker, last_name="Gränsfall", opened_days_ago=200)
    placement(limit, started_days_ago=90, actor=worker)
    protected = open_case(rvt, actor=worker, protected=True, opened_days_ago=200)
    placement(protected, started_days_ago=120, actor=worker)
    ended = open_case(rvt, actor=worker, last_name="Avslutad", opened_days_ago=200)
    done = placement(ended, started_days_ago=150, actor=worker)
    placement_end(actor=worker, placement=done, end=TODAY, end_reason="completed")
    elsewhere = open_case(other, last_name="Annanenhet", opened_days_ago=200)
    placement(elsewhere, started_days_ago=100)
    return {"manager": manager, "long": long, "limit": limit, "protected": protected}


def test_the_stays_going_on_with_their_nights_longest_first(world):
    [overview] = unit_overview_list(actor=world["manager"])

    assert [(s.person_name, s.days, s.over_limit) for s in overview.stays] == [
        ("Protected identity", 120, True),
        ("Testa Långvistelse", 91, True),
        ("Testa Gränsfall", 90, False),
    ]
    logged = AccessLogEntry.objects.filter(
        user_public_id=world["manager"].public_id, kind=AccessKind.LIST_ROW
    )
    assert sorted(logged.values_list("case_public_id", flat=True)) == sorted(
        world[name].public_id for name in ("long", "limit", "protected")
    )


def test_the_page_flags_the_stays_over_the_limit(client, world):
    factories.sign_in(client, world["manager"])

    body = client.get(reverse("web:unit_overview")).content.decode()

    assert body.count('<strong class="govuk-tag govuk-tag--red">Over 90 days</strong>') == 2
    assert "Testa Gränsfall" in body
    assert "Avslutad" not in body
    assert "Annanenhet" not in body


def test_the_page_shows_the_cost_per_night_where_known(client, world):
    factories.sign_in(client, world["manager"])

    body = client.get(reverse("web:unit_overview")).content.decode()

    costs = re.findall(r'<td [^>]*data-cost="stay">([^<]*)</td>', body)
    assert costs == ["–", "1,250.50 SEK", "–"]


def test_the_citys_limit_decides_which_stays_are_flagged(client, world):
    Municipality.objects.update(stay_limit_days=100)
    factories.sign_in(client, world["manager"])

    [overview] = unit_overview_list(actor=world["manager"])
    body = client.get(reverse("web:unit_overview")).content.decode()

    assert [(s.days, s.limit, s.over_limit) for s in overview.stays] == [
        (120, 100, True),
        (91, 100, False),
        (90, 100, False),
    ]
    assert body.count('<strong class="govuk-tag govuk-tag--red">Over 100 days</strong>') == 1
    assert "Over 90 days" not in body
