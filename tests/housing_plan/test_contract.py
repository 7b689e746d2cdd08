"""The contract for a permanent home on the housing plan (decision 0048): recorded and
corrected with the plan's version, refused without a trace on a closed case, a day in the
future or before the placement began, a kind that is not permanent, or a unit taking no part;
its page for the units taking part only; the end of the placement starting from it."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.events import EventKind
from brytupp.cases.models import CaseEvent
from brytupp.concurrency import ChangedSinceOpened
from brytupp.housing.models import HousingPlan
from brytupp.housing.plan import housing_contract_record, housing_plan_open
from tests import factories

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db


def events(case):
    return list(
        CaseEvent.objects.filter(case=case, kind=EventKind.HOUSING_CONTRACT_RECORDED).values_list(
            "data", flat=True
        )
    )


def contract_of(plan):
    plan.refresh_from_db()
    return (plan.contract_signed, plan.contract_housing_type, plan.contract_months, plan.version)


@pytest.fixture
def plan(world):
    return housing_plan_open(actor=world["worker"], placement=world["placement"])


def test_a_contract_is_recorded_and_corrected_with_the_same_service(world, plan):
    housing_contract_record(
        actor=world["ekb_worker"],
        plan=plan,
        contract_signed=TODAY - 2 * DAY,
        contract_housing_type="second_hand",
        contract_months=6,
        version=1,
    )
    housing_contract_record(
        actor=world["worker"],
        plan=plan,
        contract_signed=TODAY - DAY,
        contract_housing_type="first_hand",
        contract_months=24,
        version=2,
    )

    assert contract_of(plan) == (TODAY - DAY, "first_hand", 24, 3)
    placement = str(world["placement"].public_id)
    assert events(world["case"]) == [
        {
            "placement": placement,
            "housing_type": "second_hand",
            "months": 6,
            "signed": (TODAY - 2 * DAY).isoformat(),
        },
        {
            "placement": placement,
            "housing_type": "first_hand",
            "months": 24,
            "signed": (TODAY - DAY).isoformat(),
        },
    ]
    changes = AccessLogEntry.objects.filter(
        case_public_id=world["case"].public_id, kind=AccessKind.CHANGE
    ).order_by("-seq")
    assert list(changes.values_list("user_public_id", "unit_code")[:2]) == [
        (world["worker"].public_id, world["rvt"].code),
        (world["ekb_worker"].public_id, world["ekb"].code),
    ]


def test_a_contract_changed_since_the_form_was_opened_is_not_overwritten(world, plan):
    housing_contract_record(
        actor=world["ekb_worker"],
        plan=plan,
        contract_signed=TODAY,
        contract_housing_type="shis",
        contract_months=12,
        version=1,
    )

    with pytest.raises(ChangedSinceOpened) as changed:
        housing_contract_record(
            actor=world["worker"],
            plan=HousingPlan.objects.get(pk=plan.pk),
            contract_signed=TODAY - DAY,
            contract_housing_type="lodger",
            contract_months=6,
            version=1,
        )

    assert changed.value.current["Kind of contract"] == "SHIS Bostäder"
    assert contract_of(plan) == (TODAY, "shis", 12, 2)
    assert len(events(world["case"])) == 1


def _refused(world, plan, actor=None, **changes) -> dict:
    values = {
        "contract_signed": TODAY,
        "contract_housing_type": "first_hand",
        "contract_months": 12,
        "version": 1,
        **changes,
    }
    with pytest.raises(ValidationError) as refused:
        housing_contract_record(actor=actor or world["worker"], plan=plan, **values)
    assert contract_of(plan) == (None, "", None, 1)
    assert events(world["case"]) == []
    return (
        refused.value.message_dict
        if hasattr(refused.value, "error_dict")
        else {None: refused.value.messages}
    )


def test_a_contract_signed_in_the_future_is_refused(world, plan):
    errors = _refused(world, plan, contract_signed=TODAY + DAY)

    assert errors == {"contract_signed": ["The date cannot be in the future."]}


def test_a_contract_signed_before_the_placement_began_is_refused(world, plan):
    errors = _refused(world, plan, contract_signed=world["placement"].start - DAY)

    assert errors == {
        "contract_signed": [
            "The contract cannot be signed before the placement started "
            f"({world['placement'].start.isoformat()})."
        ]
    }


def test_a_contract_of_a_kind_that_is_not_permanent_or_without_months_is_refused(world, plan):
    errors = _refused(world, plan, contract_housing_type="temporary", contract_months=0)

    assert errors == {
        "contract_housing_type": ["Choose the kind of contract."],
        "contract_months": ["Give the length of the contract in months."],
    }


def test_a_unit_taking_no_part_records_no_contract(world, plan):
    errors = _refused(world, plan, actor=world["outsider"])

    assert errors == {None: ["Your unit does not take part in the case."]}


def test_a_closed_case_gets_no_contract(world, plan):
    factories.closed_leaving_running(world["case"])

    errors = _refused(world, HousingPlan.objects.get(pk=plan.pk))

    assert errors == {None: ["The case is closed."]}


def test_the_database_holds_a_contract_whole_or_not_at_all(world, plan):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        HousingPlan.objects.filter(pk=plan.pk).update(contract_signed=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        HousingPlan.objects.filter(pk=plan.pk).update(
            contract_signed=TODAY, contract_housing_type="temporary", contract_months=12
        )


# --- the pages -----------------------------------------------------------------------------------


def plan_url(world):
    return reverse(
        "cases:housing_plan", args=[world["case"].public_id, world["placement"].public_id]
    )


def contract_url(world, case_id=None):
    return reverse(
        "cases:housing_contract",
        args=[case_id or world["case"].public_id, world["placement"].public_id],
    )


def test_the_contract_is_recorded_through_the_plan_page(client, world, plan):
    factories.sign_in(client, world["ekb_worker"])
    page = client.get(plan_url(world)).content.decode()
    assert f'href="{contract_url(world)}"' in page
    assert "No contract for permanent housing is recorded yet." in page

    response = client.post(
        contract_url(world),
        {
            "contract_signed": (TODAY - DAY).isoformat(),
            "contract_housing_type": "priority_allocation",
            "contract_months": "36",
            "version": "1",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == plan_url(world)
    assert contract_of(plan) == (TODAY - DAY, "priority_allocation", 36, 2)
    page = client.get(plan_url(world)).content.decode()
    assert "The contract for permanent housing is saved." in page
    assert "Priority allocation (Bostadsförmedlingen)" in page
    assert "36 months" in page
    assert "Correct the contract" in page


def test_the_form_offers_only_the_permanent_kinds_and_shows_the_recorded_contract(
    client, world, plan
):
    housing_contract_record(
        actor=world["worker"],
        plan=plan,
        contract_signed=TODAY,
        contract_housing_type="lodger",
        contract_months=8,
        version=1,
    )
    factories.sign_in(client, world["worker"])

    form = client.get(contract_url(world)).context["form"]

    assert [value for value, _label in form.fields["contract_housing_type"].choices] == [
        "first_hand",
        "second_hand",
        "shis",
        "lodger",
        "priority_allocation",
    ]
    assert (form["contract_housing_type"].value(), form["contract_months"].value()) == (
        "lodger",
        8,
    )
    assert form["version"].value() == 2


def test_a_refused_contract_is_shown_on_the_form_and_nothing_is_written(client, world, plan):
    factories.sign_in(client, world["worker"])

    response = client.post(
        contract_url(world),
        {
            "contract_signed": (TODAY + DAY).isoformat(),
            "contract_housing_type": "first_hand",
            "contract_months": "12",
            "version": "1",
        },
    )

    assert response.status_code == 200
    assert "The date cannot be in the future." in response.content.decode()
    assert contract_of(plan) == (None, "", None, 1)


def test_a_placement_without_a_plan_leads_to_the_plan_page(client, world):
    factories.sign_in(client, world["worker"])

    response = client.get(contract_url(world))

    assert response.status_code == 302
    assert response["Location"] == plan_url(world)
    assert HousingPlan.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_unit_taking_no_part_gets_404_for_the_contract_and_writes_nothing(
    client, world, plan, method
):
    housing_contract_record(
        actor=world["worker"],
        plan=plan,
        contract_signed=TODAY,
        contract_housing_type="first_hand",
        contract_months=12,
        version=1,
    )
    factories.sign_in(client, world["outsider"])
    data = {
        "contract_signed": (TODAY - DAY).isoformat(),
        "contract_housing_type": "shis",
        "contract_months": "6",
        "version": "2",
    }

    response = getattr(client, method)(contract_url(world), data)
    missing = getattr(client, method)(contract_url(world, case_id=uuid.uuid4()), data)

    assert response.status_code == missing.status_code == 404
    assert response.templates[0].name == missing.templates[0].name == "404.html"
    body = response.content.decode()
    assert "Bostadsson" not in body
    assert "First-hand contract" not in body and TODAY.isoformat() not in body
    assert contract_of(plan) == (TODAY, "first_hand", 12, 2)
    assert len(events(world["case"])) == 1
    assert not AccessLogEntry.objects.filter(
        case_public_id=world["case"].public_id,
        user_public_id=world["outsider"].public_id,
        outcome="allowed",
    ).exists()


# --- the end of the placement ----------------------------------------------------------------------


def end_url(world):
    return reverse(
        "cases:placement_end", args=[world["case"].public_id, world["placement"].public_id]
    )


def test_the_end_form_starts_from_the_contract_on_the_plan(client, world, plan):
    housing_contract_record(
        actor=world["worker"],
        plan=plan,
        contract_signed=TODAY,
        contract_housing_type="shis",
        contract_months=24,
        version=1,
    )
    factories.sign_in(client, world["worker"])

    form = client.get(end_url(world)).context["form"]

    assert (form["next_housing_type"].value(), form["next_housing_contract_months"].value()) == (
        "shis",
        24,
    )

    response = client.post(
        end_url(world),
        {
            "end": TODAY.isoformat(),
            "end_reason": "completed",
            "next_housing_type": "shis",
            "next_housing_contract_months": "24",
        },
    )

    assert response.status_code == 302
    world["placement"].refresh_from_db()
    assert world["placement"].next_housing_is_permanent


@pytest.mark.parametrize("with_plan", [False, True])
def test_without_a_contract_the_end_form_starts_empty(client, world, with_plan):
    if with_plan:
        housing_plan_open(actor=world["worker"], placement=world["placement"])
    factories.sign_in(client, world["worker"])

    form = client.get(end_url(world)).context["form"]

    assert (form["next_housing_type"].value(), form["next_housing_contract_months"].value()) == (
        None,
        None,
    )


def test_the_closing_page_starts_the_placements_ending_from_the_contract(client, world, plan):
    housing_contract_record(
        actor=world["worker"],
        plan=plan,
        contract_signed=TODAY,
        contract_housing_type="first_hand",
        contract_months=36,
        version=1,
    )
    factories.sign_in(client, world["worker"])

    form = client.get(reverse("cases:close", args=[world["case"].public_id])).context["form"]

    key = f"placement-{world['placement'].public_id.hex}"
    assert (
        form[f"{key}-next_housing_type"].value(),
        form[f"{key}-next_housing_contract_months"].value(),
    ) == ("first_hand", 36)
