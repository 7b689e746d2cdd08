"""The threat-person services: linking, describing, ending, the honour context, and the
invitation rule for a unit that has a threat person as a client (decision 0039)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from brytupp.audit.models import AccessLogEntry
from brytupp.cases.models import CaseEvent, CaseUnit, ThreatPerson
from brytupp.cases.services import THREAT_CLIENT_REFUSAL, case_close, case_unit_invite
from brytupp.cases.threats import case_honour_context_set, threat_person_add, threat_person_end
from tests import factories

from .conftest import DAY, SECOND_THREAT_NUMBER, THREAT_NUMBER, TODAY

pytestmark = pytest.mark.django_db


def _events(case, *kinds):
    return [
        (event.kind, event.data)
        for event in CaseEvent.objects.filter(case=case, kind__in=kinds).order_by("pk")
    ]


def test_a_threat_person_is_linked_by_identity_number(world):
    row = world["threat_row"]

    assert (row.person, row.description, row.relation, row.recorded_by, row.ended) == (
        world["threat"],
        "",
        "sibling",
        world["rvt_worker"],
        None,
    )
    assert _events(world["case"], "threat_person_added") == [
        (
            "threat_person_added",
            {"threat_person": str(row.public_id), "relation": "sibling", "linked": True},
        )
    ]


def test_an_unknown_threat_person_is_described(world):
    row = threat_person_add(
        actor=world["rvt_worker"],
        case=world["case"],
        relation="partners_family",
        description="  Svärfar,   okänt namn ",
    )

    assert (row.person, row.description, row.relation) == (
        None,
        "Svärfar, okänt namn",
        "partners_family",
    )
    assert _events(world["case"], "threat_person_added")[-1][1] == {
        "threat_person": str(row.public_id),
        "relation": "partners_family",
        "linked": False,
    }


def test_a_number_with_no_person_is_refused_with_a_clear_message(world):
    with pytest.raises(ValidationError) as refused:
        threat_person_add(
            actor=world["rvt_worker"],
            case=world["case"],
            relation="parent",
            identity_number=SECOND_THREAT_NUMBER,
        )

    assert refused.value.message_dict == {
        "identity_number": [
            "No person with this identity number is registered. "
            "Leave the number empty and describe the person instead."
        ]
    }
    assert ThreatPerson.objects.count() == 1


def test_the_cases_own_person_cannot_be_its_threat_person(world):
    own = factories.person(
        first_name="Egen",
        last_name="Persson",
        birth_date=datetime.date(1901, 2, 3),
        identity_number=SECOND_THREAT_NUMBER,
    )
    case = factories.case(person_=own, unit=factories.UnitFactory(kind="rvt"))
    worker = factories.staff("handlaggare", case.lead_unit)

    with pytest.raises(ValidationError) as refused:
        threat_person_add(
            actor=worker, case=case, relation="other", identity_number=SECOND_THREAT_NUMBER
        )

    assert refused.value.message_dict == {
        "identity_number": ["The threat person cannot be the case's own person."]
    }
    assert ThreatPerson.objects.filter(case=case).count() == 0


def test_neither_a_number_nor_a_description_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        threat_person_add(actor=world["rvt_worker"], case=world["case"], relation="other")

    assert refused.value.message_dict == {
        "description": ["Give the identity number, or describe who the person is."]
    }


def test_the_same_person_twice_while_current_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        threat_person_add(
            actor=world["rvt_worker"],
            case=world["case"],
            relation="parent",
            identity_number=THREAT_NUMBER,
        )

    assert refused.value.message_dict == {
        "identity_number": ["The person is already a threat person in the case."]
    }
    assert ThreatPerson.objects.count() == 1


def test_ending_keeps_the_threat_person_with_the_day_and_the_reason(world):
    row = threat_person_end(
        actor=world["rvt_worker"], threat=world["threat_row"], ended=TODAY, reason=" Flyttat "
    )

    row.refresh_from_db()
    assert (row.ended, row.end_reason, row.ended_by) == (TODAY, "Flyttat", world["rvt_worker"])
    assert ThreatPerson.objects.count() == 1
    assert _events(world["case"], "threat_person_ended") == [
        ("threat_person_ended", {"threat_person": str(row.public_id)})
    ]


def test_ending_twice_or_without_a_reason_is_refused(world):
    with pytest.raises(ValidationError) as no_reason:
        threat_person_end(
            actor=world["rvt_worker"], threat=world["threat_row"], ended=TODAY, reason=" "
        )
    threat_person_end(
        actor=world["rvt_worker"], threat=world["threat_row"], ended=TODAY, reason="Ok"
    )
    with pytest.raises(ValidationError) as twice:
        threat_person_end(
            actor=world["rvt_worker"], threat=world["threat_row"], ended=TODAY, reason="Igen"
        )

    assert no_reason.value.message_dict == {
        "end_reason": ["Write why the person is no longer a threat."]
    }
    assert twice.value.messages == ["The threat person is already no longer current."]


def test_a_threat_person_ended_can_be_recorded_again(world):
    threat_person_end(
        actor=world["rvt_worker"], threat=world["threat_row"], ended=TODAY, reason="Ok"
    )

    again = threat_person_add(
        actor=world["rvt_worker"],
        case=world["case"],
        relation="sibling",
        identity_number=THREAT_NUMBER,
    )

    assert ThreatPerson.objects.filter(case=world["case"], ended__isnull=True).get() == again


def test_the_linked_persons_log_entries_name_no_case(world):
    threat_person_end(
        actor=world["rvt_worker"], threat=world["threat_row"], ended=TODAY, reason="Ok"
    )

    entries = list(
        AccessLogEntry.objects.filter(
            person_public_id=world["threat"].public_id,
            user_public_id=world["rvt_worker"].public_id,
        )
        .order_by("seq")
        .values_list("kind", "case_public_id", "unit_code")
    )

    rvt = world["rvt"].code
    assert entries == [("search_hit", None, rvt), ("change", None, rvt), ("change", None, rvt)]


def test_honour_context_is_set_and_cleared_with_timeline_events(world):
    case = world["case"]

    case_honour_context_set(actor=world["rvt_worker"], case=case, honour_context=True)
    case_honour_context_set(actor=world["rvt_worker"], case=case, honour_context=True)
    case_honour_context_set(actor=world["rvt_worker"], case=case, honour_context=False)

    case.refresh_from_db()
    assert case.honour_context is False
    assert _events(case, "honour_context_set", "honour_context_cleared") == [
        ("honour_context_set", {}),
        ("honour_context_cleared", {}),
    ]


# --- inviting a unit that has a threat person as a client ------------------------------------


def _invite(world, actor, **decision):
    return case_unit_invite(
        actor=actor, case=world["case"], unit=world["ekb"], invited=TODAY, **decision
    )


def _ekb_parts(world):
    return CaseUnit.objects.filter(case=world["case"], unit=world["ekb"]).count()


def test_a_case_worker_cannot_invite_a_unit_that_has_a_threat_person_as_client(world):
    with pytest.raises(ValidationError) as refused:
        _invite(world, world["rvt_worker"], threat_decision=True, threat_decision_reason="Behövs")

    assert refused.value.message_dict == {"unit": [THREAT_CLIENT_REFUSAL]}
    assert _ekb_parts(world) == 0
    assert _events(world["case"], "unit_invited", "threat_invitation_decided") == []


def test_the_lead_units_manager_invites_it_on_an_explicit_decision_with_a_reason(world):
    manager = factories.staff("enhetschef", world["rvt"])

    part = _invite(world, manager, threat_decision=True, threat_decision_reason=" Försörjning ")

    assert (part.status, part.threat_decision_reason) == ("invited", "Försörjning")
    code = world["ekb"].code
    assert _events(world["case"], "unit_invited", "threat_invitation_decided") == [
        ("unit_invited", {"invited_unit": code}),
        ("threat_invitation_decided", {"invited_unit": code}),
    ]
    decided = CaseEvent.objects.get(case=world["case"], kind="threat_invitation_decided")
    assert (decided.actor, decided.unit) == (manager, world["rvt"])


@pytest.mark.parametrize(
    ("decision", "refusal"),
    [
        ({}, {"unit": [THREAT_CLIENT_REFUSAL]}),
        (
            {"threat_decision": True, "threat_decision_reason": "  "},
            {"threat_decision_reason": ["Write the reason for your decision."]},
        ),
    ],
)
def test_the_manager_must_tick_the_decision_and_give_a_reason(world, decision, refusal):
    manager = factories.staff("enhetschef", world["rvt"])

    with pytest.raises(ValidationError) as refused:
        _invite(world, manager, **decision)

    assert refused.value.message_dict == refusal
    assert _ekb_parts(world) == 0


def test_a_manager_of_another_unit_cannot_decide(world):
    with pytest.raises(ValidationError) as refused:
        _invite(
            world,
            factories.staff("enhetschef", world["ekb"]),
            threat_decision=True,
            threat_decision_reason="Vi vill",
        )

    assert refused.value.message_dict == {"unit": [THREAT_CLIENT_REFUSAL]}
    assert _ekb_parts(world) == 0


def _no_decision_needed(world):
    part = _invite(world, world["rvt_worker"])
    return (part.status, part.threat_decision_reason)


def test_an_ended_threat_person_needs_no_decision(world):
    threat_person_end(
        actor=world["rvt_worker"], threat=world["threat_row"], ended=TODAY, reason="Ok"
    )

    assert _no_decision_needed(world) == ("invited", "")


def test_a_closed_case_of_the_threat_person_needs_no_decision(world):
    case_close(case=world["threat_case"], closed=TODAY, reason="goals_met")

    assert _no_decision_needed(world) == ("invited", "")


def test_a_described_threat_person_needs_no_decision(world):
    ThreatPerson.objects.filter(pk=world["threat_row"].pk).update(
        person=None, description="Brodern"
    )

    assert _no_decision_needed(world) == ("invited", "")


def test_an_invitation_to_the_threat_persons_case_counts_as_a_client(world):
    """The unit is only invited to the threat person's case, which another unit leads."""
    other = factories.UnitFactory(district=world["district"], kind="socialpsykiatri")
    from brytupp.cases.services import consent_record

    consent_record(
        actor=world["ekb_worker"],
        case=world["threat_case"],
        given=TODAY - DAY,
        form="oral",
        purpose="Stöd",
        units=[other],
    )
    case_unit_invite(
        actor=world["ekb_worker"], case=world["threat_case"], unit=other, invited=TODAY
    )
    consent_record(
        actor=world["rvt_worker"],
        case=world["case"],
        given=TODAY,
        form="oral",
        purpose="Stöd",
        units=[other],
    )

    with pytest.raises(ValidationError) as refused:
        case_unit_invite(actor=world["rvt_worker"], case=world["case"], unit=other, invited=TODAY)

    assert refused.value.message_dict == {"unit": [THREAT_CLIENT_REFUSAL]}


@pytest.mark.parametrize("unit", ["children", "ekb"])
def test_the_services_refuse_anyone_but_the_lead_unit(world, unit):
    from django.http import Http404

    outsider = factories.staff("handlaggare", world[unit])
    before = (ThreatPerson.objects.count(), CaseEvent.objects.count())

    with pytest.raises(Http404):
        threat_person_add(actor=outsider, case=world["case"], relation="other", description="Okänd")
    with pytest.raises(Http404):
        threat_person_end(actor=outsider, threat=world["threat_row"], ended=TODAY, reason="Nej")
    with pytest.raises(Http404):
        case_honour_context_set(actor=outsider, case=world["case"], honour_context=True)

    assert (ThreatPerson.objects.count(), CaseEvent.objects.count()) == before
