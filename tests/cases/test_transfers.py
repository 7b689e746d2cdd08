"""Handing a case over to another district (issue 17 item 4, decision 0049): the proposal,
the receiving unit's answer, and who sees the case before and after, tried through the real
views as an insider would. Every name is made up."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry
from brytupp.cases.events import EventKind
from brytupp.cases.journal import journal_note_write
from brytupp.cases.models import (
    Case,
    CaseEvent,
    CaseTransfer,
    CaseUnit,
    CaseUnitStatus,
    PartEndReason,
    TransferStatus,
)
from brytupp.cases.services import case_open, case_unit_join, consent_record
from brytupp.cases.transfers import (
    case_transfer_accept,
    case_transfer_decline,
    case_transfer_propose,
    case_transfer_withdraw,
)
from brytupp.plans.kinds import practical_task_kinds_ensure
from brytupp.plans.models import PlanAction, PracticalTaskKind
from brytupp.plans.services import plan_action_add, plan_action_status_set
from brytupp.plans.tasks import practical_task_add
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
FIRST, LAST = "Flyttandra", "Påhittadsdotter"
REASON = "Personen har flyttat till Skärholmen och vill ha stödet där"


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    """Farsta's RVT leads the case, Farsta's economic support takes part by consent, and
    Socialjouren (city-wide) too; Skärholmen's RVT receives it."""
    farsta = factories.DistrictFactory(code="farsta-t", name="Farsta T")
    skarholmen = factories.DistrictFactory(code="skarholmen-t", name="Skärholmen T")
    farsta_rvt = factories.UnitFactory(district=farsta, code="farsta-rvt-t", name="RVT Farsta T")
    farsta_ekb = factories.UnitFactory(
        district=farsta, kind="ekonomiskt_bistand", code="farsta-ekb-t", name="EKB Farsta T"
    )
    jouren = factories.UnitFactory(
        district=None, kind="socialjour", code="jouren-t", name="Socialjouren T"
    )
    skarholmen_rvt = factories.UnitFactory(
        district=skarholmen, code="skarholmen-rvt-t", name="RVT Skärholmen T"
    )
    skarholmen_ekb = factories.UnitFactory(
        district=skarholmen, kind="ekonomiskt_bistand", code="sk-ekb-t", name="EKB Skärholmen T"
    )
    lead = factories.staff("handlaggare", farsta_rvt)
    ekb_worker = factories.staff("handlaggare", farsta_ekb)
    jouren_worker = factories.staff("handlaggare", jouren)
    receiver = factories.staff("handlaggare", skarholmen_rvt)
    receiver_colleague = factories.staff("handlaggare", skarholmen_rvt)
    other_in_skarholmen = factories.staff("handlaggare", skarholmen_ekb)
    person = factories.person(first_name=FIRST, last_name=LAST)
    case = case_open(
        actor=lead,
        person=person,
        district=farsta,
        lead_unit=farsta_rvt,
        source="self",
        opened=TODAY - 60 * DAY,
    )
    consent_record(
        actor=lead,
        case=case,
        given=TODAY - 50 * DAY,
        form="written",
        purpose="Samordning",
        units=[farsta_ekb, jouren],
    )
    for unit in (farsta_ekb, jouren):
        case_unit_join(actor=lead, case=case, unit=unit, joined=TODAY - 50 * DAY)
    return {
        "case": case,
        "farsta": farsta,
        "skarholmen": skarholmen,
        "farsta_rvt": farsta_rvt,
        "farsta_ekb": farsta_ekb,
        "jouren": jouren,
        "skarholmen_rvt": skarholmen_rvt,
        "lead": lead,
        "ekb_worker": ekb_worker,
        "jouren_worker": jouren_worker,
        "receiver": receiver,
        "receiver_colleague": receiver_colleague,
        "other_in_skarholmen": other_in_skarholmen,
    }


def propose(w, **changes) -> CaseTransfer:
    fields = {
        "actor": w["lead"],
        "case": w["case"],
        "to_unit": w["skarholmen_rvt"],
        "reason": REASON,
        "consent_given": TODAY,
        "consent_form": "oral",
    }
    fields.update(changes)
    return case_transfer_propose(**fields)


def case_page(client, user, case):
    factories.sign_in(client, user)
    return client.get(reverse("cases:detail", args=[case.public_id]))


def no_trace(response) -> bool:
    text = response.content.decode()
    return FIRST not in text and LAST not in text and REASON not in text


# --- the lifecycle --------------------------------------------------------------------------


def test_receiving_moves_the_case_and_ends_the_earlier_districts_parts(world):
    w = world
    transfer = propose(w)

    case_transfer_accept(actor=w["receiver"], transfer=transfer, responsible=w["receiver"])

    case = Case.objects.get(pk=w["case"].pk)
    assert (case.district, case.lead_unit) == (w["skarholmen"], w["skarholmen_rvt"])
    assert case.closed is None
    parts = {
        part.unit.code: (part.status, part.left, part.end_reason)
        for part in CaseUnit.objects.filter(case=case).select_related("unit")
    }
    assert parts == {
        "farsta-rvt-t": (CaseUnitStatus.LEFT, TODAY, PartEndReason.CASE_HANDED_OVER),
        "farsta-ekb-t": (CaseUnitStatus.LEFT, TODAY, PartEndReason.CASE_HANDED_OVER),
        "jouren-t": (CaseUnitStatus.ACTIVE, None, ""),
        "skarholmen-rvt-t": (CaseUnitStatus.ACTIVE, None, ""),
    }
    received = CaseUnit.objects.get(case=case, unit=w["skarholmen_rvt"])
    assert (received.joined, received.responsible) == (TODAY, w["receiver"])
    transfer.refresh_from_db()
    assert (transfer.status, transfer.answered_on, transfer.answered_by) == (
        TransferStatus.ACCEPTED,
        TODAY,
        w["receiver"],
    )
    assert transfer.from_district == w["farsta"]
    events = list(
        CaseEvent.objects.filter(case=case, kind__startswith="transfer_")
        .order_by("pk")
        .values_list("kind", "unit__code", "data")
    )
    assert events == [
        (
            EventKind.TRANSFER_PROPOSED,
            "farsta-rvt-t",
            {"transfer": str(transfer.public_id), "to_unit": "skarholmen-rvt-t"},
        ),
        (
            EventKind.TRANSFER_ACCEPTED,
            "skarholmen-rvt-t",
            {
                "transfer": str(transfer.public_id),
                "from_district": "farsta-t",
                "to_district": "skarholmen-t",
            },
        ),
    ]
    # The consent to the hand-over is the person's, recorded with the proposal.
    assert list(transfer.consent.units.values_list("code", flat=True)) == ["skarholmen-rvt-t"]
    assert (transfer.consent.form, transfer.consent.given) == ("oral", TODAY)


def test_declined_and_withdrawn_hand_overs_change_nothing_of_the_case(world):
    w = world
    declined = propose(w)
    case_transfer_decline(actor=w["receiver"], transfer=declined, reason="Bor inte här ännu")
    withdrawn = propose(w)
    case_transfer_withdraw(actor=w["lead"], transfer=withdrawn)

    case = Case.objects.get(pk=w["case"].pk)
    assert (case.district, case.lead_unit) == (w["farsta"], w["farsta_rvt"])
    assert list(
        CaseTransfer.objects.filter(case=case)
        .order_by("pk")
        .values_list("status", "decline_reason", "answered_on")
    ) == [
        (TransferStatus.DECLINED, "Bor inte här ännu", TODAY),
        (TransferStatus.WITHDRAWN, "", TODAY),
    ]
    assert not CaseUnit.objects.filter(case=case, unit=w["skarholmen_rvt"]).exists()
    with pytest.raises(ValidationError, match="no longer waiting"):
        case_transfer_accept(actor=w["receiver"], transfer=declined, responsible=w["receiver"])


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"to_unit": "farsta_ekb"}, "relationship violence team of another district"),
        ({"to_unit": "farsta_rvt"}, "relationship violence team of another district"),
        ({"reason": "  "}, "Say why the case is handed over"),
        ({"consent_given": TODAY + DAY}, "cannot be in the future"),
        ({"actor": "ekb_worker"}, "Only the lead unit hands the case over"),
    ],
)
def test_a_refused_proposal_writes_nothing(world, changes, message):
    w = world
    changes = {
        key: w[value] if isinstance(value, str) and value in w else value
        for key, value in changes.items()
    }
    consents = w["case"].consents.count()

    with pytest.raises(ValidationError, match=message):
        propose(w, **changes)

    assert CaseTransfer.objects.count() == 0
    assert w["case"].consents.count() == consents
    assert not CaseEvent.objects.filter(kind=EventKind.TRANSFER_PROPOSED).exists()


def test_one_hand_over_waits_at_a_time_and_a_closed_case_is_not_handed_over(world):
    w = world
    propose(w)
    with pytest.raises(ValidationError, match="already waits for an answer"):
        propose(w)
    assert CaseTransfer.objects.count() == 1


def test_a_person_with_an_open_case_in_the_receiving_district_is_refused_and_nothing_moves(
    world,
):
    w = world
    case_open(
        actor=w["receiver"],
        person=w["case"].person,
        district=w["skarholmen"],
        lead_unit=w["skarholmen_rvt"],
        source="other_unit",
        opened=TODAY - 5 * DAY,
    )
    transfer = propose(w)

    with pytest.raises(ValidationError, match="already has an open case in your district"):
        case_transfer_accept(actor=w["receiver"], transfer=transfer, responsible=w["receiver"])

    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PROPOSED
    assert Case.objects.get(pk=w["case"].pk).lead_unit == w["farsta_rvt"]
    assert CaseUnit.objects.get(case=w["case"], unit=w["farsta_ekb"]).status == "active"


def test_the_responsible_case_worker_must_work_in_the_receiving_unit(world):
    w = world
    transfer = propose(w)
    with pytest.raises(ValidationError, match="must work in the unit"):
        case_transfer_accept(actor=w["receiver"], transfer=transfer, responsible=w["lead"])
    assert Case.objects.get(pk=w["case"].pk).lead_unit == w["farsta_rvt"]


# --- who sees what, before and after, through the views ---------------------------------------


def test_before_the_answer_the_receiving_unit_sees_only_the_answer_page(client, world):
    w = world
    transfer = propose(w)
    answer = reverse("cases:transfer_answer", args=[transfer.public_id])

    assert case_page(client, w["receiver"], w["case"]).status_code == 404
    response = client.get(answer)
    assert response.status_code == 200
    text = response.content.decode()
    assert f"{FIRST} {LAST}" in text and REASON in text and "RVT Farsta T" in text
    entry = AccessLogEntry.objects.filter(
        user_public_id=w["receiver"].public_id, kind=AccessKind.VIEW
    ).latest("seq")
    assert (entry.case_public_id, entry.ground, entry.unit_code) == (
        w["case"].public_id,
        AccessGround.CONSENT,
        "skarholmen-rvt-t",
    )
    # The start page lists it, without the person.
    start = client.get(reverse("web:work")).content.decode()
    assert answer in start and FIRST not in start


@pytest.mark.parametrize("who", ["other_in_skarholmen", "ekb_worker", "jouren_worker", "lead"])
def test_no_one_else_reaches_the_answer_page_nor_answers(client, world, who):
    w = world
    transfer = propose(w)
    factories.sign_in(client, w[who])
    answer = reverse("cases:transfer_answer", args=[transfer.public_id])

    assert client.get(answer).status_code == 404
    response = client.post(answer, {"action": "accept", "responsible": w[who].pk})

    assert response.status_code == 404
    assert no_trace(response)
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PROPOSED
    assert Case.objects.get(pk=w["case"].pk).lead_unit == w["farsta_rvt"]


def test_receiving_through_the_page_and_who_sees_the_case_after(client, world):
    w = world
    transfer = propose(w)
    factories.sign_in(client, w["receiver"])

    response = client.post(
        reverse("cases:transfer_answer", args=[transfer.public_id]),
        {"action": "accept", "responsible": w["receiver_colleague"].pk},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[w["case"].public_id])
    assert (
        CaseUnit.objects.get(case=w["case"], unit=w["skarholmen_rvt"]).responsible
        == (w["receiver_colleague"])
    )
    page = case_page(client, w["receiver"], w["case"])
    assert page.status_code == 200
    assert f"{FIRST} {LAST}" in page.content.decode()
    # Socialjouren's city-wide part goes on.
    assert case_page(client, w["jouren_worker"], w["case"]).status_code == 200
    # The earlier district's units no longer see it, and learn nothing from trying.
    for earlier in ("lead", "ekb_worker"):
        response = case_page(client, w[earlier], w["case"])
        assert response.status_code == 404
        assert no_trace(response)
    # The answer page is gone once answered.
    factories.sign_in(client, w["receiver"])
    assert (
        client.get(reverse("cases:transfer_answer", args=[transfer.public_id])).status_code == 404
    )


def test_only_the_lead_unit_proposes_and_withdraws_through_the_pages(client, world):
    w = world
    propose_url = reverse("cases:transfer_propose", args=[w["case"].public_id])
    for who in ("ekb_worker", "receiver", "other_in_skarholmen"):
        factories.sign_in(client, w[who])
        response = client.post(
            propose_url,
            {
                "to_unit": w["skarholmen_rvt"].pk,
                "reason": REASON,
                "consent_given": TODAY.isoformat(),
                "consent_form": "oral",
            },
        )
        assert response.status_code == 404
        assert no_trace(response)
    assert CaseTransfer.objects.count() == 0

    transfer = propose(w)
    withdraw = reverse("cases:transfer_withdraw", args=[w["case"].public_id, transfer.public_id])
    factories.sign_in(client, w["ekb_worker"])
    assert client.post(withdraw).status_code == 404
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PROPOSED

    factories.sign_in(client, w["lead"])
    assert client.post(withdraw).status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.WITHDRAWN


def test_the_proposal_form_offers_other_districts_rvts_and_refuses_bad_input(client, world):
    w = world
    factories.sign_in(client, w["lead"])
    url = reverse("cases:transfer_propose", args=[w["case"].public_id])

    page = client.get(url)
    assert page.status_code == 200
    assert [unit.code for unit in page.context["form"].fields["to_unit"].queryset] == [
        "skarholmen-rvt-t"
    ]
    response = client.post(
        url, {"to_unit": w["farsta_ekb"].pk, "reason": "", "consent_given": "igår"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "to_unit",
        "reason",
        "consent_given",
        "consent_form",
    }
    assert CaseTransfer.objects.count() == 0

    response = client.post(
        url,
        {
            "to_unit": w["skarholmen_rvt"].pk,
            "reason": REASON,
            "consent_given": TODAY.isoformat(),
            "consent_form": "written",
            "submission": page.context["form"]["submission"].value(),
        },
    )
    assert response.status_code == 302
    assert CaseTransfer.objects.get().to_unit == w["skarholmen_rvt"]


def test_the_earlier_districts_journal_goes_with_the_case_and_stays_as_it_was(client, world):
    w = world
    note_text = "Samtal om flytten till Skärholmen, påhittat"
    ekb_text = "Ekonomiskt bistånd beviljat för mars, påhittat"
    journal_note_write(
        actor=w["lead"], case=w["case"], kind="samtal", date=TODAY - DAY, text=note_text
    )
    journal_note_write(
        actor=w["ekb_worker"], case=w["case"], kind="samtal", date=TODAY - DAY, text=ekb_text
    )
    transfer = propose(w)
    case_transfer_accept(actor=w["receiver"], transfer=transfer, responsible=w["receiver"])
    journal = reverse("cases:journal", args=[w["case"].public_id])

    factories.sign_in(client, w["receiver"])
    text = client.get(journal).content.decode()
    assert note_text in text and ekb_text in text
    for earlier in ("lead", "ekb_worker"):
        factories.sign_in(client, w[earlier])
        response = client.get(journal)
        assert response.status_code == 404
        assert note_text not in response.content.decode()
    # Socialjouren, whose part goes on, reads only what the consent lets it read, as before.
    factories.sign_in(client, w["jouren_worker"])
    text = client.get(journal).content.decode()
    assert note_text not in text and ekb_text in text


def test_open_work_of_the_earlier_district_goes_to_the_receiving_unit(world):
    w = world
    open_action = plan_action_add(
        actor=w["lead"],
        case=w["case"],
        description="Kontakta skolan",
        responsible_unit=w["farsta_ekb"],
        due=TODAY + 7 * DAY,
    )
    done_action = plan_action_add(
        actor=w["lead"],
        case=w["case"],
        description="Ansöka om ID-kort",
        responsible_unit=w["farsta_rvt"],
        due=TODAY - DAY,
    )
    plan_action_status_set(actor=w["lead"], action=done_action, status="done")
    jouren_action = plan_action_add(
        actor=w["lead"],
        case=w["case"],
        description="Följa upp natten",
        responsible_unit=w["jouren"],
        due=TODAY + DAY,
    )
    practical_task_kinds_ensure()
    task = practical_task_add(
        actor=w["lead"],
        case=w["case"],
        support=PracticalTaskKind.objects.get(code="bankid"),
        responsible_unit=w["farsta_rvt"],
        assignee=w["lead"],
        due=TODAY + 3 * DAY,
    )
    transfer = propose(w)

    case_transfer_accept(actor=w["receiver"], transfer=transfer, responsible=w["receiver"])

    units = {
        action.description: (action.responsible_unit.code, action.version)
        for action in PlanAction.objects.filter(case=w["case"]).select_related("responsible_unit")
    }
    assert units == {
        "Kontakta skolan": ("skarholmen-rvt-t", open_action.version + 1),
        "Ansöka om ID-kort": ("farsta-rvt-t", PlanAction.objects.get(pk=done_action.pk).version),
        "Följa upp natten": ("jouren-t", jouren_action.version),
    }
    task.refresh_from_db()
    assert (task.responsible_unit, task.assignee) == (w["skarholmen_rvt"], None)


def test_the_earlier_districts_units_are_told_the_case_was_handed_over_not_where(client, world):
    w = world
    transfer = propose(w)
    case_transfer_accept(actor=w["receiver"], transfer=transfer, responsible=w["receiver"])
    factories.sign_in(client, w["ekb_worker"])

    page = client.get(reverse("web:work")).content.decode()

    short_id = str(w["case"].public_id)[:8]
    assert f"Case {short_id} is no longer shared with EKB Farsta T from {TODAY.isoformat()}" in page
    assert "handed over to another district" in page
    assert "Skärholmen" not in page and FIRST not in page
