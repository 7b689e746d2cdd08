"""A placement's cost per night (issue 17 item 3, decision 0048): entered where the placement
is recorded, or on its own page once known (a versioned edit, decision 0029), in Swedish or
English notation, never negative, shown on the placement's card of the case page and read out
in the register extract. Only a unit taking part sets it, while the case is open."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.events import EventKind
from brytupp.cases.models import CaseEvent
from brytupp.interventions.models import Placement
from brytupp.interventions.services import placement_cost_set, placement_start
from tests import factories

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


# --- set after the placement was recorded (its own page) ----------------------------------------


def cost_url(placement, case=None):
    return reverse(
        "cases:placement_cost", args=[(case or placement.case).public_id, placement.public_id]
    )


def cost_events(case) -> list[dict]:
    return list(
        CaseEvent.objects.filter(case=case, kind=EventKind.PLACEMENT_COST_CHANGED).values_list(
            "data", flat=True
        )
    )


def cost_of(placement) -> tuple:
    placement.refresh_from_db()
    return (placement.cost_per_night, placement.version)


@pytest.fixture
def placement(setting):
    return placement_start(actor=setting["worker"], case=setting["case"], start=TODAY - 3 * DAY)


def test_the_case_page_offers_to_set_the_cost_on_the_placements_card(signed_in, placement):
    page = text(signed_in.get(case_page(placement.case)))

    assert f'href="{cost_url(placement)}"' in page


def test_the_cost_learned_later_is_set_on_its_page_and_logged(signed_in, setting, placement):
    form = signed_in.get(cost_url(placement)).context["form"]
    assert (form["cost_per_night"].value(), form["version"].value()) == (None, 1)

    response = signed_in.post(cost_url(placement), {"cost_per_night": "1150", "version": "1"})

    assert response.status_code == 302, errors(response)
    assert response["Location"] == f"{case_page(setting['case'])}#placement-{placement.public_id}"
    assert cost_of(placement) == (Decimal("1150.00"), 2)
    assert cost_events(setting["case"]) == [
        {"placement": str(placement.public_id), "cost_per_night": "1150.00"}
    ]
    event = CaseEvent.objects.get(kind=EventKind.PLACEMENT_COST_CHANGED)
    assert (event.day, event.actor, event.unit) == (TODAY, setting["worker"], setting["rvt"])
    change = AccessLogEntry.objects.filter(
        case_public_id=setting["case"].public_id, kind=AccessKind.CHANGE
    ).latest("seq")
    assert (change.user_public_id, change.unit_code) == (
        setting["worker"].public_id,
        setting["rvt"].code,
    )
    page = signed_in.get(case_page(setting["case"]))
    assert "The cost per night is saved." in text(page)
    assert cost_shown(page) == "1,150.00 SEK"


def test_another_unit_taking_part_corrects_it_in_swedish_notation(client, setting, placement):
    placement_cost_set(
        actor=setting["worker"], placement=placement, cost_per_night=Decimal("900"), version=1
    )
    factories.sign_in(client, setting["ekb_worker"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"

    response = client.post(cost_url(placement), {"cost_per_night": "980,75", "version": "2"})

    assert response.status_code == 302, errors(response)
    assert cost_of(placement) == (Decimal("980.75"), 3)
    assert cost_events(setting["case"])[-1]["cost_per_night"] == "980.75"
    assert cost_shown(client.get(case_page(setting["case"]))) == "980,75 kr"


def test_an_emptied_cost_is_not_known_again(signed_in, setting, placement):
    placement_cost_set(
        actor=setting["worker"], placement=placement, cost_per_night=Decimal("1200"), version=1
    )

    response = signed_in.post(cost_url(placement), {"cost_per_night": "", "version": "2"})

    assert response.status_code == 302, errors(response)
    assert cost_of(placement) == (None, 3)
    assert cost_events(setting["case"])[-1]["cost_per_night"] is None
    assert cost_shown(signed_in.get(case_page(setting["case"]))) == "Not known"


def test_a_cost_changed_since_the_form_was_opened_is_not_overwritten(signed_in, setting, placement):
    placement_cost_set(
        actor=setting["ekb_worker"], placement=placement, cost_per_night=Decimal("1400")
    )

    response = signed_in.post(cost_url(placement), {"cost_per_night": "1000", "version": "1"})

    assert response.status_code == 200
    body = text(response)
    assert "Changed by someone else since you opened it." in body
    assert "1400.00 SEK" in body
    assert cost_of(placement) == (Decimal("1400.00"), 2)
    assert len(cost_events(setting["case"])) == 1


def _refused(setting, placement, *, actor=None, cost=Decimal("-1"), version=1):
    before = cost_of(placement)
    with pytest.raises(ValidationError) as refused:
        placement_cost_set(
            actor=actor or setting["worker"],
            placement=Placement.objects.get(pk=placement.pk),
            cost_per_night=cost,
            version=version,
        )
    assert cost_of(placement) == before
    assert cost_events(setting["case"]) == []
    return (
        refused.value.message_dict
        if hasattr(refused.value, "error_dict")
        else {None: refused.value.messages}
    )


def test_a_negative_cost_later_is_refused_and_writes_nothing(signed_in, setting, placement):
    assert _refused(setting, placement) == {"cost_per_night": ["The cost cannot be negative."]}

    response = signed_in.post(cost_url(placement), {"cost_per_night": "-5", "version": "1"})

    assert response.status_code == 200
    assert "cost_per_night" in response.context["form"].errors
    assert cost_of(placement) == (None, 1)
    assert cost_events(setting["case"]) == []


def test_a_cost_of_too_many_digits_is_refused(setting, placement):
    errors_ = _refused(setting, placement, cost=Decimal("1234567.891"))

    assert list(errors_) == ["cost_per_night"]


def test_a_closed_case_gets_no_cost(signed_in, setting, placement):
    factories.closed_leaving_running(setting["case"])

    assert _refused(setting, placement, cost=Decimal("1000")) == {None: ["The case is closed."]}
    response = signed_in.post(cost_url(placement), {"cost_per_night": "1000", "version": "1"})

    assert response.status_code == 200
    assert "The case is closed." in text(response)
    assert cost_of(placement) == (None, 1)
    page = text(signed_in.get(case_page(setting["case"])))
    assert f'href="{cost_url(placement)}"' not in page


def test_a_unit_taking_no_part_sets_no_cost(setting, placement):
    outsider = factories.staff("handlaggare", factories.UnitFactory(kind="rvt"))

    assert _refused(setting, placement, actor=outsider, cost=Decimal("1000")) == {
        None: ["Your unit does not take part in the case."]
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_unit_gets_404_for_the_cost_page_and_nothing_of_the_placement(
    client, setting, placement, method
):
    placement_cost_set(
        actor=setting["worker"], placement=placement, cost_per_night=Decimal("1875.25")
    )
    factories.sign_in(client, factories.staff("handlaggare", factories.UnitFactory(kind="rvt")))

    response = getattr(client, method)(
        cost_url(placement), {"cost_per_night": "10", "version": "2"}
    )

    assert response.status_code == 404
    body = text(response)
    for secret in ("Fejka", "Påhittadsson", "1875", "1,875", "Cost per night"):
        assert secret not in body
    assert cost_of(placement) == (Decimal("1875.25"), 2)
    assert len(cost_events(setting["case"])) == 1


def test_a_placement_of_another_case_is_not_found_through_this_case(
    signed_in, setting, district, rvt
):
    other_case = factories.case(unit=rvt, actor=setting["worker"])
    other = placement_start(actor=setting["worker"], case=other_case, start=TODAY - DAY)

    response = signed_in.post(
        cost_url(other, case=setting["case"]), {"cost_per_night": "10", "version": "1"}
    )

    assert response.status_code == 404
    assert cost_of(other) == (None, 1)
