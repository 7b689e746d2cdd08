"""Which units the lead unit may invite is one rule, ``cases.selectors.invitable_units``: the
invite form offers exactly those units and ``case_unit_invite`` accepts exactly those, each
refusal with its reason and nothing written."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brytupp.cases.models import CaseEvent, CaseUnit
from brytupp.cases.selectors import invitable_units
from brytupp.cases.services import case_unit_invite, consent_record, consent_withdraw
from tests import factories

from .data import DAY, PURPOSE, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def wide(journey):
    """A second consent, from five days ago, covering the children's unit and the lead unit;
    the financial assistance unit (covered by the first consent) already invited."""
    consent_record(
        actor=journey.worker,
        case=journey.case,
        given=TODAY - 5 * DAY,
        form="oral",
        purpose=PURPOSE,
        units=[journey.barn, journey.rvt],
    )
    case_unit_invite(actor=journey.worker, case=journey.case, unit=journey.ekb, invited=TODAY)
    return journey


def test_the_invitable_units_are_covered_not_the_lead_and_not_yet_in_the_case(wide):
    assert list(invitable_units(case=wide.case, on=TODAY)) == [wide.barn]


def test_a_unit_is_invitable_only_on_the_days_its_consent_is_in_force(journey):
    assert list(invitable_units(case=journey.case, on=TODAY - 21 * DAY)) == []
    assert list(invitable_units(case=journey.case, on=TODAY - 20 * DAY)) == [journey.ekb]

    consent_withdraw(actor=journey.worker, consent=journey.consent, withdrawn=TODAY)

    assert list(invitable_units(case=journey.case, on=TODAY)) == []
    assert list(invitable_units(case=journey.case, on=TODAY - DAY)) == [journey.ekb]


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        ("rvt", "The lead unit already takes part."),
        ("ekb", "The unit is already invited or taking part."),
        ("stab", "The person's consent does not cover this unit."),
    ],
)
def test_the_service_refuses_a_unit_the_rule_leaves_out_and_writes_nothing(wide, unit, message):
    parts, events = CaseUnit.objects.count(), CaseEvent.objects.count()

    with pytest.raises(ValidationError) as error:
        case_unit_invite(actor=wide.worker, case=wide.case, unit=getattr(wide, unit), invited=TODAY)

    assert error.value.message_dict == {"unit": [message]}
    assert (CaseUnit.objects.count(), CaseEvent.objects.count()) == (parts, events)


def test_the_form_offers_what_the_service_accepts(client, wide):
    factories.sign_in(client, wide.worker)

    offered = client.get(reverse("cases:invite", args=[wide.case.public_id]))
    response = client.post(
        reverse("cases:invite", args=[wide.case.public_id]), {"unit": wide.barn.pk}
    )

    assert offered.context["form"].invitable == [wide.barn]
    assert response.status_code == 302
    assert CaseUnit.objects.get(case=wide.case, unit=wide.barn).status == "invited"
    assert list(invitable_units(case=wide.case, on=TODAY)) == []
