"""A child placed with a protected parent is protected and masked like the parent; only the
case's lead unit may lower it, for a stated reason, logged (issue 10, finding 3).

Every name is made up."""

import datetime

import pytest
from django.urls import reverse

from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry
from brytupp.cases.events import EventKind
from brytupp.cases.models import CaseEvent
from brytupp.cases.services import case_open, case_unit_join, consent_record
from brytupp.interventions.models import PlacementChild
from brytupp.interventions.services import ChildPlaced, placement_start
from brytupp.people.models import Person, ProtectionLowering
from brytupp.people.names import persons_named
from brytupp.people.protection import person_protection_lower
from brytupp.people.services import guardian_link, protection_raise
from tests import factories

from .conftest import DAY, TODAY
from .support import errors, events, state, text

pytestmark = pytest.mark.django_db

LEVEL = "skyddad_folkbokforing"
NAMES = ("Dolda", "Gömdsson", "Hemligbarn", "Lillgömd")
REASON = "Barnet bor hos den andra föräldern sedan i våras"


@pytest.fixture
def protected(district, rvt):
    """A protected parent's case led by the RVT, a second unit taking part by consent, a unit
    with no part, and the parent's child placed with them."""
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    stranger_unit = factories.UnitFactory(district=district, kind="barn_unga")
    worker = factories.staff("handlaggare", rvt)
    parent = factories.person(
        first_name="Dolda",
        last_name="Gömdsson",
        birth_date=datetime.date(1988, 5, 6),
        protected_identity=LEVEL,
    )
    case = case_open(
        actor=worker,
        person=parent,
        district=district,
        lead_unit=rvt,
        source="self",
        opened=TODAY - 10 * DAY,
    )
    consent_record(
        actor=worker,
        case=case,
        given=TODAY - 9 * DAY,
        form="written",
        purpose="Samhandläggning",
        units=[ekb],
    )
    case_unit_join(case=case, unit=ekb, joined=TODAY - 9 * DAY, actor=worker)
    child = factories.person(
        first_name="Lillgömd", last_name="Gömdsson", birth_date=datetime.date(2016, 2, 3)
    )
    guardian_link(child=child, guardian=parent)
    placement = placement_start(
        actor=worker, case=case, start=TODAY - 5 * DAY, children=[ChildPlaced(child=child)]
    )
    return {
        "worker": worker,
        "manager": factories.staff("enhetschef", rvt),
        "ekb_worker": factories.staff("handlaggare", ekb),
        "stranger": factories.staff("handlaggare", stranger_unit),
        "parent": parent,
        "child": child,
        "case": case,
        "placement": placement,
    }


def lower_url(world, child=None):
    child = child or world["child"]
    return reverse("cases:child_protection_lower", args=[world["case"].public_id, child.public_id])


def test_a_child_linked_to_a_protected_parent_gets_the_parents_level():
    parent = factories.person(protected_identity="sekretessmarkering")
    child = factories.person(birth_date=datetime.date(2015, 1, 1))

    guardian_link(child=child, guardian=parent)

    child.refresh_from_db()
    assert child.protected_identity == "sekretessmarkering"


def test_a_stronger_level_of_the_child_is_kept():
    parent = factories.person(protected_identity="sekretessmarkering")
    child = factories.person(
        birth_date=datetime.date(2015, 1, 1), protected_identity="fingerade_personuppgifter"
    )

    guardian_link(child=child, guardian=parent)

    child.refresh_from_db()
    assert child.protected_identity == "fingerade_personuppgifter"


def test_a_new_child_placed_with_a_protected_parent_is_registered_protected_and_masked(
    client, protected
):
    factories.sign_in(client, protected["worker"])

    response = client.post(
        reverse("cases:placement_add", args=[protected["case"].public_id]),
        {
            "start": (TODAY - DAY).isoformat(),
            "new_child_first_name": "Hemligbarn",
            "new_child_last_name": "Gömdsson",
            "new_child_birth_date": "2019-04-05",
            "new_child_gender": "female",
        },
    )

    assert response.status_code == 302
    # Protected, the child's name is sealed in the row: found by its digest, as the search is.
    child = persons_named(
        first_name="Hemligbarn", last_name="Gömdsson", birth_date=datetime.date(2019, 4, 5)
    ).get()
    assert child.protected_identity == LEVEL
    assert child.guardians.get() == protected["parent"]
    registered = AccessLogEntry.objects.get(person_public_id=child.public_id, kind="change")
    assert (registered.case_public_id, registered.ground, registered.user_public_id) == (
        protected["case"].public_id,
        AccessGround.OWN_UNIT,
        protected["worker"].public_id,
    )
    page = text(client.get(reverse("cases:detail", args=[protected["case"].public_id])))
    assert [name for name in NAMES if name in page] == []
    assert "Protected identity" in page


@pytest.mark.parametrize("user", ["worker", "ekb_worker"])
def test_the_case_page_and_the_placement_section_mask_the_placed_child(client, protected, user):
    factories.sign_in(client, protected[user])

    page = text(client.get(reverse("cases:detail", args=[protected["case"].public_id])))

    assert [name for name in NAMES if name in page] == []
    assert '<td class="govuk-table__cell">Protected identity</td>' in page


def test_a_child_placed_after_the_parent_became_protected_is_raised(client, district, rvt):
    worker = factories.staff("handlaggare", rvt)
    parent = factories.person(first_name="Dolda", last_name="Gömdsson")
    child = factories.person(
        first_name="Lillgömd", last_name="Gömdsson", birth_date=datetime.date(2016, 2, 3)
    )
    guardian_link(child=child, guardian=parent)  # both unprotected then
    case = case_open(
        actor=worker,
        person=parent,
        district=district,
        lead_unit=rvt,
        source="self",
        opened=TODAY - 3 * DAY,
    )
    protection_raise(child=parent, level=LEVEL)  # as an import or Skatteverket's notice does
    factories.sign_in(client, worker)

    response = client.post(
        reverse("cases:placement_add", args=[case.public_id]),
        {"start": TODAY.isoformat(), "children": [str(child.public_id)]},
    )

    assert response.status_code == 302
    child.refresh_from_db()
    assert child.protected_identity == LEVEL
    raised = [data for kind, data in events(case) if kind == EventKind.PROTECTION_RAISED]
    assert raised == [{"person": str(child.public_id), "level": LEVEL}]
    page = text(client.get(reverse("cases:detail", args=[case.public_id])))
    assert [name for name in NAMES if name in page] == []


@pytest.mark.parametrize("user", ["ekb_worker", "stranger"])
def test_lowering_is_not_found_for_a_unit_that_does_not_lead_the_case(client, protected, user):
    factories.sign_in(client, protected[user])
    before = state()

    shown = client.get(lower_url(protected))
    posted = client.post(lower_url(protected), {"reason": REASON})

    for response in (shown, posted):
        assert response.status_code == 404
        body = text(response)
        assert [name for name in NAMES if name in body] == []
        assert protected["child"].birth_date.isoformat() not in body
    assert state() == before
    assert ProtectionLowering.objects.count() == 0
    assert Person.objects.get(pk=protected["child"].pk).protected_identity == LEVEL
    requests = [shown["X-Request-Id"], posted["X-Request-Id"]]
    # Nothing changed; both attempts are logged as refused (decision 0020), with the case.
    entries = AccessLogEntry.objects.filter(request_id__in=requests).order_by("seq")
    assert [(e.kind, e.ground, e.outcome) for e in entries] == [
        ("view", "refused", "refused"),
        ("change", "refused", "refused"),
    ]
    assert {e.case_public_id for e in entries} == {protected["case"].public_id}


def test_lowering_a_person_who_is_not_a_child_in_the_case_is_not_found(client, protected):
    other = factories.person(
        first_name="Annan", birth_date=datetime.date(2017, 1, 1), protected_identity=LEVEL
    )
    factories.sign_in(client, protected["worker"])

    response = client.post(lower_url(protected, other), {"reason": REASON})

    assert response.status_code == 404
    assert "Annan" not in text(response)
    assert Person.objects.get(pk=other.pk).protected_identity == LEVEL


def test_the_lead_unit_sees_the_link_and_a_consenting_unit_does_not(client, protected):
    detail = reverse("cases:detail", args=[protected["case"].public_id])
    factories.sign_in(client, protected["worker"])
    assert lower_url(protected) in client.get(detail).content.decode()

    factories.sign_in(client, protected["ekb_worker"])
    assert lower_url(protected) not in client.get(detail).content.decode()


@pytest.mark.parametrize("reason", ["", "   ", "För att"])
def test_lowering_without_a_reason_of_ten_characters_changes_nothing(client, protected, reason):
    factories.sign_in(client, protected["worker"])
    before = state()

    response = client.post(lower_url(protected), {"reason": reason})

    assert response.status_code == 200
    assert errors(response)["reason"] == [
        "Fill in “Why does the child not need the protection?”."
        if not reason.strip()
        else "State why the child does not need the protection, in at least 10 characters."
    ]
    assert state() == before
    assert ProtectionLowering.objects.count() == 0


@pytest.mark.parametrize("user", ["worker", "manager"])
def test_the_lead_unit_lowers_with_a_reason_logged_and_on_the_timeline(client, protected, user):
    actor, child, case = protected[user], protected["child"], protected["case"]
    factories.sign_in(client, actor)

    response = client.post(lower_url(protected), {"reason": REASON})

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.public_id])
    child.refresh_from_db()
    assert child.protected_identity == "none"
    lowering = ProtectionLowering.objects.get()
    assert (lowering.user, lowering.person, lowering.case, lowering.reason) == (
        actor,
        child,
        case,
        REASON,
    )
    assert (lowering.from_level, lowering.to_level) == (LEVEL, "none")
    changes = AccessLogEntry.objects.filter(
        request_id=response["X-Request-Id"], kind=AccessKind.CHANGE
    ).order_by("seq")
    assert [(e.person_public_id, e.case_public_id, e.user_public_id) for e in changes] == [
        (child.public_id, case.public_id, actor.public_id),
        (protected["parent"].public_id, case.public_id, actor.public_id),  # the timeline's
    ]
    assert REASON not in repr(list(changes.values()))
    event = CaseEvent.objects.get(case=case, kind=EventKind.PROTECTION_LOWERED)
    assert (event.actor, event.data) == (actor, {"person": str(child.public_id), "level": LEVEL})


def test_a_childs_own_stronger_protection_is_not_lowered(client, protected):
    child = factories.person(
        first_name="Egen",
        birth_date=datetime.date(2018, 1, 1),
        protected_identity="fingerade_personuppgifter",
    )
    guardian_link(child=child, guardian=protected["parent"])
    factories.sign_in(client, protected["worker"])

    response = client.post(lower_url(protected, child), {"reason": REASON})

    assert response.status_code == 200
    assert errors(response)["__all__"] == [
        "The child's protected identity is their own, not the parent's: it stays."
    ]
    assert Person.objects.get(pk=child.pk).protected_identity == "fingerade_personuppgifter"
    assert ProtectionLowering.objects.count() == 0


def test_a_lowered_child_is_raised_again_when_placed_anew(protected):
    child = protected["child"]
    person_protection_lower(
        actor=protected["worker"], person=child, case=protected["case"], reason=REASON
    )
    child.refresh_from_db()

    placement_start(
        actor=protected["worker"],
        case=protected["case"],
        start=TODAY,
        children=[ChildPlaced(child=child)],
    )

    child.refresh_from_db()
    assert child.protected_identity == LEVEL
    assert PlacementChild.objects.filter(child=child).count() == 2
