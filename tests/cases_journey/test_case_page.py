"""The case page: what every unit in the case reads, what the lead unit may do, and a fixed
number of queries however much the case holds."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brytupp.audit.models import AccessLogEntry
from brytupp.cases.joint import meeting_record
from brytupp.cases.services import (
    case_close,
    case_open,
    case_unit_invite,
    case_unit_join,
    consent_record,
)
from brytupp.interventions.services import decision_make
from tests import factories

from .data import ACCOUNT, DAY, IDENTITY_NUMBER, PURPOSE, TODAY, body, iso

pytestmark = pytest.mark.django_db


def detail(case):
    return reverse("cases:detail", args=[case.public_id])


def test_the_lead_unit_reads_the_whole_case_and_may_act(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.get(detail(journey.case))

    assert response.status_code == 200
    page = body(response)
    for text in (
        "Testa Exempelsson",
        IDENTITY_NUMBER,
        "Norrby",
        "Relationsvåldsteamet Norrby",
        iso(TODAY - 30 * DAY),
        "Police",
        ACCOUNT,
        PURPOSE,
        "Ekonomiskt bistånd Norrby",
        "In force",
        "Rut Rvtsson",
        "Case opened",
        "The person&#x27;s account written",
        "Consent recorded",
    ):
        assert text in page, text
    for url in (
        reverse("cases:account", args=[journey.case.public_id]),
        reverse("cases:invite", args=[journey.case.public_id]),
        reverse("cases:consent_add", args=[journey.case.public_id]),
        reverse("cases:close", args=[journey.case.public_id]),
        reverse("cases:consent_withdraw", args=[journey.case.public_id, journey.consent.public_id]),
    ):
        assert f'href="{url}"' in page, url


def test_the_timeline_is_newest_first_with_unit_and_actor(client, journey):
    factories.sign_in(client, journey.worker)

    timeline = body(client.get(detail(journey.case))).split('id="timeline"')[1]

    consent = timeline.index("Consent recorded")
    opened = timeline.index("Case opened")
    assert consent < opened
    assert iso(TODAY - 20 * DAY) in timeline
    assert "Rut Rvtsson" in timeline


def test_viewing_the_case_is_logged(client, journey):
    factories.sign_in(client, journey.worker)
    before = AccessLogEntry.objects.count()

    client.get(detail(journey.case))

    entry = AccessLogEntry.objects.order_by("pk").last()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.kind, entry.case_public_id, entry.unit_code) == (
        "view",
        journey.case.public_id,
        "norrby-rvt",
    )


def test_an_invited_unit_is_sent_from_the_case_page_to_the_invitation(client, journey):
    case_unit_invite(actor=journey.worker, case=journey.case, unit=journey.ekb, invited=TODAY)
    factories.sign_in(client, journey.ekb_worker)

    response = client.get(detail(journey.case), follow=True)

    page = body(response)
    invitation = reverse("cases:invitation", args=[journey.case.public_id])
    assert response.redirect_chain == [(invitation, 302)]
    assert '<button type="submit" name="action" value="accept"' in page
    assert '<button type="submit" name="action" value="decline"' in page
    assert reverse("cases:close", args=[journey.case.public_id]) not in page
    assert reverse("cases:invite", args=[journey.case.public_id]) not in page
    assert ACCOUNT not in page


def test_a_participating_unit_reads_the_case_without_lead_actions(client, journey):
    case_unit_join(case=journey.case, unit=journey.ekb, joined=TODAY)
    factories.sign_in(client, journey.ekb_worker)

    page = body(client.get(detail(journey.case)))

    assert ACCOUNT in page
    assert "is invited to this case" not in page
    assert reverse("cases:close", args=[journey.case.public_id]) not in page
    assert reverse("cases:account", args=[journey.case.public_id]) not in page


def test_a_protected_person_is_masked_on_the_case_page(client, journey):
    person = factories.person(
        first_name="Hemliga",
        last_name="Skyddadsdotter",
        birth_date=datetime.date(2017, 1, 1),
        identity_number="201701012393",
        protected_identity="sekretessmarkering",
    )
    case = factories.case(person_=person, unit=journey.rvt)
    factories.sign_in(client, journey.worker)

    page = body(client.get(detail(case)))

    assert "Protected identity" in page
    assert "********-****" in page
    assert "Hemliga" not in page
    assert "Skyddadsdotter" not in page
    assert not any(form in page for form in ("20170101-2393", "201701012393", "170101-2393"))


def test_a_closed_case_shows_its_reason_and_no_actions(client, journey):
    case_close(case=journey.case, closed=TODAY - DAY, reason="goals_met", actor=journey.worker)
    factories.sign_in(client, journey.worker)

    page = body(client.get(detail(journey.case)))

    assert f"on {iso(TODAY - DAY)}: Goals met" in page
    assert reverse("cases:close", args=[journey.case.public_id]) not in page
    assert reverse("cases:consent_add", args=[journey.case.public_id]) not in page


def test_the_previous_case_is_linked_when_visible(client, journey):
    case_close(case=journey.case, closed=TODAY - 2 * DAY, reason="no_contact")
    later = case_open(
        actor=journey.worker,
        person=journey.person,
        district=journey.district,
        lead_unit=journey.rvt,
        source="self",
        opened=TODAY,
    )
    factories.sign_in(client, journey.worker)

    page = body(client.get(detail(later)))

    assert f"Closed on {iso(TODAY - 2 * DAY)}" in page
    assert f'href="{detail(journey.case)}"' in page


def test_the_previous_case_is_not_linked_when_not_visible(client, journey):
    case_close(case=journey.case, closed=TODAY - 2 * DAY, reason="moved")
    elsewhere = factories.UnitFactory(kind="rvt", name="RVT Söderby")
    worker = factories.staff("handlaggare", elsewhere)
    later = case_open(
        actor=worker,
        person=journey.person,
        district=elsewhere.district,
        lead_unit=elsewhere,
        source="self",
        opened=TODAY,
    )
    factories.sign_in(client, worker)

    page = body(client.get(detail(later)))

    assert f"Closed on {iso(TODAY - 2 * DAY)}" in page
    assert detail(journey.case) not in page
    assert ACCOUNT not in page


def fill(case, actor, unit, count):
    for n in range(count):
        meeting_record(
            actor=actor, case=case, held=TODAY - DAY, units=[unit], minutes=f"Anteckning {n}"
        )
        decision_make(
            actor=actor,
            case=case,
            intervention="radgivning",
            decided=TODAY - DAY,
            start=TODAY,
        )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_case_page_runs_as_many_queries_with_one_or_twenty_of_everything(client, journey):
    small = factories.case(unit=journey.rvt, actor=journey.worker)
    for case in (small, journey.case):
        consent_record(
            actor=journey.worker,
            case=case,
            given=TODAY - 11 * DAY,
            form="oral",
            purpose="Möten",
            units=[journey.ekb],
        )
        case_unit_join(case=case, unit=journey.ekb, joined=TODAY - 10 * DAY)
    fill(small, journey.worker, journey.rvt, 1)
    fill(journey.case, journey.worker, journey.rvt, 20)
    factories.sign_in(client, journey.worker)
    queries_for(client, detail(small))  # the first request warms the session

    one = queries_for(client, detail(small))
    twenty = queries_for(client, detail(journey.case))

    assert one == twenty


def test_every_contents_link_leads_to_exactly_one_section(client, journey):
    factories.sign_in(client, journey.worker)

    page = body(client.get(detail(journey.case)))

    contents = page.split('id="contents-title"')[1].split("</nav>")[0]
    anchors = re.findall(r'href="#([\w-]+)"', contents)
    assert len(anchors) == 14  # with "Moved to another district" for the lead unit
    for anchor in anchors:
        assert page.count(f'id="{anchor}"') == 1, anchor
