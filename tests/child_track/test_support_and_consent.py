"""The child's support and the guardians' consent (issue 16 item 4, decision 0045): the
support starts only when every guardian has a consent or a reason they were not asked; the
guardian who is a current threat person of the case is offered as not asked."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from brytupp.cases.models import CaseEvent
from brytupp.interventions.child_track import (
    child_support_start,
    guardian_consent_record,
    guardian_consent_rows,
)
from brytupp.interventions.decisions import DecisionTerms, application_decide, application_record
from brytupp.interventions.models import ApplicationDecision, Decision, GuardianConsent

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db


def _start(world, actor=None):
    return child_support_start(
        actor=actor or world["worker"],
        case=world["case"],
        child=world["child"],
        support_form="individual",
        start=TODAY - DAY,
    )


def test_the_support_is_refused_until_every_guardian_has_a_consent_or_a_reason(world):
    guardian_consent_record(
        actor=world["worker"],
        case=world["case"],
        child=world["child"],
        guardian=world["person"],
        given=TODAY - 2 * DAY,
    )

    with pytest.raises(ValidationError) as refused:
        _start(world)

    assert refused.value.messages == [
        "Record each guardian's consent, or why they were not asked, before the child's "
        "support starts: 1 guardian(s) missing."
    ]
    assert not Decision.objects.exists()


def test_the_threat_person_guardian_is_offered_as_not_asked(world):
    rows = guardian_consent_rows(world["case"], world["child"])

    assert [(row.guardian, row.threat, row.covered) for row in rows] == [
        (world["person"], False, False),
        (world["father"], True, False),
    ]


def test_with_both_guardians_covered_the_support_starts(world):
    for guardian, fields in (
        (world["person"], {"given": TODAY - 2 * DAY}),
        (world["father"], {"not_asked_reason": "threat_person"}),
    ):
        guardian_consent_record(
            actor=world["worker"],
            case=world["case"],
            child=world["child"],
            guardian=guardian,
            **fields,
        )

    support = _start(world)

    assert (support.intervention, support.child, support.child_support_form) == (
        "stod_barn",
        world["child"],
        "individual",
    )
    assert (support.start, support.decided_by) == (TODAY - DAY, world["rvt"])
    recorded = CaseEvent.objects.filter(kind="guardian_consent_recorded").order_by("pk")
    assert [e.data["not_asked_reason"] for e in recorded] == ["", "threat_person"]
    assert all("Hotfull" not in str(e.data) for e in recorded)


@pytest.mark.parametrize(
    ("guardian", "fields", "message"),
    [
        (
            "person",
            {"not_asked_reason": "threat_person"},
            {"not_asked_reason": ["The guardian is not a current threat person of the case."]},
        ),
        (
            "father",
            {"not_asked_reason": "other"},
            {"not_asked_text": ["Write why the guardian was not asked."]},
        ),
        (
            "father",
            {},
            {"given": ["Give the day the consent was given, or why the guardian was not asked."]},
        ),
        ("father", {"given": TODAY + DAY}, {"given": ["The date cannot be in the future."]}),
        ("child", {"given": TODAY}, {"guardian": ["Choose a guardian of the child."]}),
    ],
)
def test_a_consent_is_refused(world, guardian, fields, message):
    with pytest.raises(ValidationError) as refused:
        guardian_consent_record(
            actor=world["worker"],
            case=world["case"],
            child=world["child"],
            guardian=world[guardian],
            **fields,
        )

    assert refused.value.message_dict == message
    assert not GuardianConsent.objects.exists()
    assert not CaseEvent.objects.filter(kind="guardian_consent_recorded").exists()


def test_ekonomiskt_bistand_records_no_consent_and_starts_no_support(world):
    with pytest.raises(Http404):
        guardian_consent_record(
            actor=world["ekb_worker"],
            case=world["case"],
            child=world["child"],
            guardian=world["person"],
            given=TODAY,
        )
    with pytest.raises(Http404):
        _start(world, actor=world["ekb_worker"])

    assert not GuardianConsent.objects.exists()
    assert not Decision.objects.exists()


def test_support_for_the_child_granted_by_a_decision_needs_the_consents_too(world):
    application = application_record(
        actor=world["worker"],
        case=world["case"],
        kind="ansokan",
        received=TODAY - 3 * DAY,
        asked="Stödsamtal för barnet",
        intervention="stod_barn",
        child=world["child"],
    )

    with pytest.raises(ValidationError):
        application_decide(
            actor=world["manager"],
            application=application,
            decided=TODAY - DAY,
            terms=DecisionTerms(
                outcome="bifall",
                legal_ground=world["ground"],
                start=TODAY - DAY,
                child_support_form="group",
            ),
        )

    assert not ApplicationDecision.objects.exists()
    assert not Decision.objects.exists()
