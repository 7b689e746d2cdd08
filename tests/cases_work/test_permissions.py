"""Only a unit taking part in the case works in it: everyone else gets 404, on GET and POST,
sees nothing of the person or the case, and changes nothing."""

import pytest
from django.urls import reverse

from brytupp.cases.services import (
    case_unit_invite,
    case_unit_join,
    consent_record,
    consent_withdraw,
)
from tests import factories

from .conftest import DAY, TODAY
from .support import state, text

pytestmark = pytest.mark.django_db

PAGES = [
    "meeting_add",
    "assessment_add",
    "plan_action_add",
    "plan_action_status",
    "decision_add",
    "placement_add",
    "placement_child_add",
    "child_schooling",
    "placement_cost",
    "placement_end",
    "follow_up_add",
    "shis_add",
    "sip_add",
    "practical_task_add",
    "practical_task_done",
]

SECRETS = (
    "Fejka",
    "Påhittadsson",
    "Lillan",
    "Tvåan",
    "Hemligt protokoll 4711",
    "Hemlig anteckning 4712",
    "Ansöka om förtur",
    "Hemlig uppgift 4716",
    "Relationsvåldsteamet Test",
)


def invited_unit_worker(work):
    unit = factories.UnitFactory(district=work["district"], kind="barn_unga")
    consent_record(
        actor=work["worker"],
        case=work["case"],
        given=TODAY - 3 * DAY,
        form="oral",
        purpose="Barnens behov",
        units=[unit],
    )
    case_unit_invite(actor=work["worker"], case=work["case"], unit=unit, invited=TODAY - 2 * DAY)
    return factories.staff("handlaggare", unit)


def withdrawn_unit_worker(work):
    unit = factories.UnitFactory(district=work["district"], kind="vuxen_beroende")
    consent = consent_record(
        actor=work["worker"],
        case=work["case"],
        given=TODAY - 10 * DAY,
        form="written",
        purpose="Beroendevård",
        units=[unit],
    )
    case_unit_join(case=work["case"], unit=unit, joined=TODAY - 9 * DAY)
    consent_withdraw(actor=work["worker"], consent=consent, withdrawn=TODAY - DAY)
    return factories.staff("handlaggare", unit)


def other_district_worker(work):
    return factories.staff("handlaggare", factories.UnitFactory(kind="rvt"))


def analyst(work):
    return factories.staff("analytiker", work["rvt"])


def system_administrator(work):
    return factories.staff("systemforvaltare", work["rvt"])


OUTSIDERS = {
    "invited unit": invited_unit_worker,
    "unit whose consent was withdrawn": withdrawn_unit_worker,
    "case worker of another district": other_district_worker,
    "analyst of the lead unit": analyst,
    "system administrator": system_administrator,
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_404_and_see_and_change_nothing(client, work, outsider, page):
    factories.sign_in(client, OUTSIDERS[outsider](work))
    address, data = work["posts"][page]
    before = state()

    shown = client.get(address)
    posted = client.post(address, data)

    assert (shown.status_code, posted.status_code) == (404, 404)
    assert state() == before
    for response in (shown, posted):
        body = text(response)
        assert "Page not found" in body
        for secret in SECRETS:
            assert secret not in body


def test_the_invited_unit_gets_an_overview_without_the_cases_content(work):
    """Its part is current (it may see the invitation) but not active: nothing of the case's
    content is read for it, so no section can show any (decision 0021)."""
    from django.template.loader import render_to_string

    from brytupp.cases.overview import case_overview

    worker = invited_unit_worker(work)

    overview = case_overview(actor=worker, public_id=work["case"].public_id)
    sections = render_to_string("cases/sections/meetings.html", {"overview": overview})

    assert (overview.invitation_only, overview.may_participate) == (True, False)
    assert (overview.meetings, overview.placements, overview.decisions, overview.events) == (
        [],
        [],
        [],
        [],
    )
    assert "Hemligt protokoll 4711" not in sections
    assert reverse("cases:meeting_add", args=[work["case"].public_id]) not in sections


def test_signed_out_visitors_are_sent_to_sign_in(client, work):
    address, data = work["posts"]["decision_add"]
    before = state()

    shown = client.get(address)
    posted = client.post(address, data)

    assert shown.status_code == posted.status_code == 302
    assert shown["Location"].startswith(reverse("web:login"))
    assert state() == before


@pytest.mark.parametrize("role", ["handlaggare", "enhetschef"])
def test_case_workers_and_managers_of_a_unit_taking_part_work_in_it(client, work, role):
    factories.sign_in(client, factories.staff(role, work["ekb"]))
    address, data = work["posts"]["shis_add"]

    assert client.get(address).status_code == 200
    assert client.post(address, data).status_code == 302
