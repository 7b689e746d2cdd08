"""The child's own decision and placement (issue 16 item 2, decision 0045): an application
about a child of the case, decided as any other; a bifall of protected housing gives the
child's placement its own decision and dates; ending the parent's placement leaves such a
child placed, in Att göra, until the child's own end."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from brytupp.cases.models import CaseEvent
from brytupp.interventions.child_track import placement_child_end
from brytupp.interventions.decisions import DecisionTerms, application_decide, application_record
from brytupp.interventions.letter import decision_letter_get
from brytupp.interventions.models import Application, ApplicationDecision, Decision
from brytupp.interventions.services import placement_child_add, placement_end, placement_start
from brytupp.worklists.todo import todo_list
from tests import factories

from .conftest import DAY, TODAY, childs_housing_decision

pytestmark = pytest.mark.django_db


def _apply(world, **fields):
    return application_record(
        actor=world["worker"],
        case=world["case"],
        kind="aktualisering",
        received=TODAY - 19 * DAY,
        asked="Skyddat boende för barnet",
        intervention="skyddat_boende",
        **fields,
    )


def test_an_application_about_a_child_of_the_case_names_the_child(world):
    application = _apply(world, child=world["child"])

    assert application.child == world["child"]
    event = CaseEvent.objects.get(case=world["case"], kind="application_recorded")
    assert event.data["child"] == str(world["child"].public_id)


@pytest.mark.parametrize("who", ["stranger", "person"])
def test_an_application_about_someone_not_a_child_of_the_case_is_refused(world, who):
    someone = factories.person(first_name="Okänd") if who == "stranger" else world["person"]

    with pytest.raises(ValidationError) as refused:
        _apply(world, child=someone)

    assert refused.value.message_dict == {"child": ["Choose a child of the case."]}
    assert not Application.objects.exists()


def test_ekonomiskt_bistand_cannot_apply_for_the_child(world):
    with pytest.raises(ValidationError) as refused:
        application_record(
            actor=world["ekb_worker"],
            case=world["case"],
            kind="aktualisering",
            received=TODAY - 19 * DAY,
            asked="Något för barnet",
            child=world["child"],
        )

    assert refused.value.message_dict == {"child": ["Choose a child of the case."]}
    assert not Application.objects.exists()


def test_an_avslag_without_reasons_is_refused(world):
    application = _apply(world, child=world["child"])

    with pytest.raises(ValidationError) as refused:
        application_decide(
            actor=world["manager"],
            application=application,
            decided=TODAY - 18 * DAY,
            terms=DecisionTerms(outcome="avslag", legal_ground=world["ground"]),
        )

    assert refused.value.message_dict == {
        "reasons": ["Write the reasons: an avslag or a delvis bifall must give them."]
    }
    assert not ApplicationDecision.objects.exists()


def test_a_decision_without_delegation_is_refused(world):
    application = _apply(world, child=world["child"])

    # The case worker may decide support talks only, not protected housing.
    with pytest.raises(ValidationError) as refused:
        application_decide(
            actor=world["worker"],
            application=application,
            decided=TODAY - 18 * DAY,
            terms=DecisionTerms(
                outcome="bifall", legal_ground=world["ground"], start=TODAY - 18 * DAY
            ),
        )

    assert list(refused.value.message_dict) == ["decision_maker"]
    assert not ApplicationDecision.objects.exists()
    assert not Decision.objects.exists()


def test_a_bifall_grants_the_placed_child_a_placement_of_their_own(placed):
    decision = childs_housing_decision(placed)

    row = placed["placement"].children.get()
    assert row.decision == decision
    assert (row.start, row.end, row.end_reason) == (TODAY - 18 * DAY, None, "")
    assert decision.granted.child == placed["child"]
    assert decision.granted.intervention == "skyddat_boende"
    assert decision.appeal_instructions == ""  # a full bifall


def test_a_child_added_later_is_placed_from_their_own_decision(world):
    decision = childs_housing_decision(world, start=TODAY - 10 * DAY)
    placement = placement_start(actor=world["worker"], case=world["case"], start=TODAY - 15 * DAY)

    row = placement_child_add(
        actor=world["worker"], placement=placement, child=world["child"], decision=decision
    )

    assert (row.decision, row.start) == (decision, TODAY - 10 * DAY)


def test_another_childs_decision_cannot_be_named(world):
    decision = childs_housing_decision(world)
    sibling = factories.person(first_name="Syskon", birth_date=TODAY.replace(year=2019))
    from brytupp.people.services import guardian_link

    guardian_link(child=sibling, guardian=world["person"])
    placement = placement_start(actor=world["worker"], case=world["case"], start=TODAY - 15 * DAY)

    with pytest.raises(ValidationError) as refused:
        placement_child_add(
            actor=world["worker"], placement=placement, child=sibling, decision=decision
        )

    assert list(refused.value.message_dict) == ["decision"]
    assert not placement.children.exists()


def test_the_parents_end_leaves_the_child_with_an_own_decision_placed(placed):
    childs_housing_decision(placed)
    other = factories.person(first_name="Lillebror", birth_date=TODAY.replace(year=2020))
    from brytupp.people.services import guardian_link

    guardian_link(child=other, guardian=placed["person"])
    placement_child_add(actor=placed["worker"], placement=placed["placement"], child=other)

    placement_end(
        actor=placed["worker"],
        placement=placed["placement"],
        end=TODAY - 5 * DAY,
        end_reason="completed",
    )

    rows = {row.child_id: row for row in placed["placement"].children.all()}
    own, with_parent = rows[placed["child"].pk], rows[other.pk]
    assert (own.end, own.end_reason, own.placed_on_own) == (None, "", True)
    assert (with_parent.end, with_parent.end_reason) == (TODAY - 5 * DAY, "completed")


def _ended_parent(placed):
    childs_housing_decision(placed)
    placement_end(
        actor=placed["worker"],
        placement=placed["placement"],
        end=TODAY - 5 * DAY,
        end_reason="completed",
    )
    return placed["placement"].children.get()


def test_the_childs_own_end(placed):
    row = _ended_parent(placed)

    placement_child_end(
        actor=placed["worker"], placed=row, end=TODAY - 2 * DAY, end_reason="completed"
    )

    row.refresh_from_db()
    assert (row.end, row.end_reason) == (TODAY - 2 * DAY, "completed")
    event = CaseEvent.objects.get(case=placed["case"], kind="child_placement_ended")
    assert event.day == TODAY - 2 * DAY
    assert event.data == {
        "child": str(placed["child"].public_id),
        "placement": str(placed["placement"].public_id),
        "end_reason": "completed",
    }


@pytest.mark.parametrize(
    ("end", "reason", "message"),
    [
        (-19, "completed", {"end": ["The end cannot be before the child was placed."]}),
        (1, "completed", {"end": ["The date cannot be in the future."]}),
        (-2, "", {"end_reason": ["State why the placement ended."]}),
    ],
)
def test_the_childs_end_is_refused(placed, end, reason, message):
    row = _ended_parent(placed)

    with pytest.raises(ValidationError) as refused:
        placement_child_end(
            actor=placed["worker"], placed=row, end=TODAY + end * DAY, end_reason=reason
        )

    assert refused.value.message_dict == message
    row.refresh_from_db()
    assert (row.end, row.end_reason) == (None, "")
    assert not CaseEvent.objects.filter(kind="child_placement_ended").exists()


def test_ekonomiskt_bistand_cannot_end_the_childs_placement(placed):
    row = _ended_parent(placed)

    with pytest.raises(Http404):
        placement_child_end(
            actor=placed["ekb_worker"], placed=row, end=TODAY - 2 * DAY, end_reason="completed"
        )

    row.refresh_from_db()
    assert row.end is None


def test_att_gora_lists_the_child_until_the_childs_own_end(placed):
    row = _ended_parent(placed)

    kinds = [r.kind for r in todo_list(actor=placed["worker"]).object_list]
    assert kinds.count("child_placement_ongoing") == 1
    item = next(
        r
        for r in todo_list(actor=placed["worker"]).object_list
        if r.kind == "child_placement_ongoing"
    )
    assert item.due == TODAY - 5 * DAY
    # The lead unit's: ekonomiskt bistånd, taking part by consent, is not told of it.
    assert "child_placement_ongoing" not in [
        r.kind for r in todo_list(actor=placed["ekb_worker"]).object_list
    ]
    assert item.item_url == (
        f"/arenden/{placed['case'].public_id}/placeringar/{placed['placement'].public_id}"
        f"/barn/{placed['child'].public_id}/avsluta/"
    )

    placement_child_end(
        actor=placed["worker"], placed=row, end=TODAY - 2 * DAY, end_reason="completed"
    )

    kinds = [r.kind for r in todo_list(actor=placed["worker"]).object_list]
    assert "child_placement_ongoing" not in kinds


def test_the_letter_of_the_childs_decision_goes_to_the_guardians(placed):
    decision = childs_housing_decision(placed)

    letter = decision_letter_get(
        actor=placed["manager"], case_id=placed["case"].public_id, decision_id=decision.public_id
    )

    assert letter.recipient == "Vårdnadshavare för Lillan Påhittadsson"


def test_the_letter_of_a_protected_childs_decision_names_no_one_and_no_address(placed):
    from brytupp.people.services import protection_raise

    protection_raise(child=placed["child"], level="skyddad_folkbokforing")
    decision = childs_housing_decision(placed)

    letter = decision_letter_get(
        actor=placed["manager"], case_id=placed["case"].public_id, decision_id=decision.public_id
    )

    assert letter.recipient == "Vårdnadshavare för Skyddad identitet"
    assert (letter.address_lines, letter.delivery) == ([], "")
