"""A placement's cost per night (issue 17 item 3, decision 0048): entered where the placement
is recorded, in Swedish or English notation, never negative, shown on the placement's card of
the case page and read out in the register extract."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from brytupp.interventions.models import Placement
from brytupp.interventions.services import placement_start

from .conftest import DAY, TODAY
from .support import errors, text

pytestmark = pytest.mark.django_db


def add_url(case):
    return reverse("cases:placement_add", args=[case.public_id])


def case_page(case):
    return reverse("cases:detail", args=[case.public_id])


def cost_shown(response) -> str:
    found = text(response).split('data-field="cost-per-night">', 1)[1]
    return found.split("</dd>", 1)[0]


def test_the_cost_per_night_is_recorded_with_the_placement_and_shown(signed_in, setting):
    case = setting["case"]

    response = signed_in.post(
        add_url(case), {"start": (TODAY - DAY).isoformat(), "cost_per_night": "1250.5"}
    )

    assert response.status_code == 302, errors(response)
    assert Placement.objects.get().cost_per_night == Decimal("1250.50")
    assert cost_shown(signed_in.get(case_page(case))) == "1,250.50 SEK"


def test_swedish_notation_is_read_and_shown_as_swedish(signed_in, setting):
    case = setting["case"]
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"

    response = signed_in.post(
        add_url(case), {"start": (TODAY - DAY).isoformat(), "cost_per_night": "980,75"}
    )

    assert response.status_code == 302, errors(response)
    assert Placement.objects.get().cost_per_night == Decimal("980.75")
    assert cost_shown(signed_in.get(case_page(case))) == "980,75 kr"


def test_a_placement_without_a_cost_says_it_is_not_known(signed_in, setting):
    placement_start(actor=setting["worker"], case=setting["case"], start=TODAY - DAY)

    assert cost_shown(signed_in.get(case_page(setting["case"]))) == "Not known"


def test_a_negative_cost_is_refused_and_nothing_is_recorded(signed_in, setting):
    response = signed_in.post(
        add_url(setting["case"]), {"start": (TODAY - DAY).isoformat(), "cost_per_night": "-1"}
    )

    assert response.status_code == 200
    assert "cost_per_night" in response.context["form"].errors
    assert not Placement.objects.exists()


def test_the_database_refuses_a_negative_cost(setting):
    placement = placement_start(actor=setting["worker"], case=setting["case"], start=TODAY)

    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(cost_per_night=Decimal("-0.01"))
