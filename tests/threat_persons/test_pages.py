"""The threat-person pages and the case page's section (decision 0039): the doors are the
lead unit's alone, a protected threat person is masked, the timeline names no one, and the
consent form records the scope of the description of violence."""

import datetime

import pytest
from django.urls import reverse

from brytupp.cases.models import Consent, ThreatPerson
from brytupp.cases.threats import threat_person_add
from brytupp.people.models import ProtectedIdentity
from tests import factories

from .conftest import SECOND_THREAT_NUMBER, TODAY
from .support import text, words

pytestmark = pytest.mark.django_db


def _doors(world) -> list[str]:
    c = world["case"].public_id
    return [
        reverse("cases:threat_person_add", args=[c]),
        reverse("cases:threat_person_end", args=[c, world["threat_row"].public_id]),
        reverse("cases:honour_context", args=[c]),
    ]


@pytest.mark.parametrize("role", ["handlaggare", "enhetschef"])
def test_the_lead_unit_has_the_doors_on_the_case_page(client, world, role):
    factories.sign_in(client, factories.staff(role, world["rvt"]))

    body = text(client.get(reverse("cases:detail", args=[world["case"].public_id])))

    assert [door in body for door in _doors(world)] == [True, True, True]


def test_a_unit_taking_part_by_consent_sees_the_section_without_the_doors(client, world):
    factories.sign_in(client, factories.staff("handlaggare", world["children"]))

    response = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    assert "Hotfull Släktingsson Sibling Current" in words(response)
    assert [door in text(response) for door in _doors(world)] == [False, False, False]


def test_a_protected_threat_person_is_masked_and_the_timeline_names_no_one(client, world):
    protected = factories.person(
        first_name="Dold",
        last_name="Hotaresson",
        birth_date=datetime.date(1901, 2, 3),
        identity_number=SECOND_THREAT_NUMBER,
        protected_identity=ProtectedIdentity.SKYDDAD_FOLKBOKFORING,
    )
    threat_person_add(
        actor=world["rvt_worker"],
        case=world["case"],
        relation="former_partner",
        identity_number=SECOND_THREAT_NUMBER,
    )
    factories.sign_in(client, factories.staff("handlaggare", world["children"]))

    response = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    body = words(response)
    assert "Protected identity Former partner Current" in body
    assert "Dold" not in body
    assert "Hotaresson" not in body
    assert body.count("Threat person recorded") == 2
    assert protected.is_protected


def test_recording_a_threat_person_by_an_unknown_number_says_so_on_the_form(client, world):
    factories.sign_in(client, world["rvt_worker"])
    address = reverse("cases:threat_person_add", args=[world["case"].public_id])

    response = client.post(address, {"relation": "parent", "identity_number": "190102032315"})

    assert response.status_code == 200
    assert (
        "No person with this identity number is registered. "
        "Leave the number empty and describe the person instead."
    ) in text(response)
    assert ThreatPerson.objects.count() == 1


def test_recording_and_ending_through_the_pages(client, world):
    factories.sign_in(client, world["rvt_worker"])
    c = world["case"].public_id

    added = client.post(
        reverse("cases:threat_person_add", args=[c]),
        {"relation": "partners_family", "description": "Svärmor"},
    )
    ended = client.post(
        reverse("cases:threat_person_end", args=[c, world["threat_row"].public_id]),
        {"ended": TODAY.isoformat(), "end_reason": "Dömd, i fängelse"},
    )
    page = words(client.get(reverse("cases:detail", args=[c])))

    assert (added.status_code, ended.status_code) == (302, 302)
    assert added["Location"].endswith("#threat-persons")
    assert "Svärmor Partner's family Current" in page
    assert f"Hotfull Släktingsson Sibling No longer current {TODAY:%Y-%m-%d} Dömd" in page


def test_the_honour_context_is_shown_and_changed_by_the_lead_unit(client, world):
    factories.sign_in(client, world["rvt_worker"])
    c = world["case"].public_id

    response = client.post(reverse("cases:honour_context", args=[c]), {"honour_context": "yes"})
    page = words(client.get(reverse("cases:detail", args=[c])))

    assert response.status_code == 302
    assert "Honour-related context Yes" in page
    assert "Honour-related context: yes" in page


def test_the_invite_page_asks_the_lead_units_manager_for_the_decision(client, world):
    factories.sign_in(client, factories.staff("enhetschef", world["rvt"]))

    body = words(client.get(reverse("cases:invite", args=[world["case"].public_id])))

    assert (
        "Ekonomiskt bistånd Test (a threat person in this case is its client: the manager decides)"
    ) in body
    assert "As the lead unit's manager, I decide that the unit is invited" in body
    assert "Reason for the decision" in body


def test_the_invite_page_asks_no_decision_of_a_case_worker(client, world):
    factories.sign_in(client, world["rvt_worker"])

    body = words(client.get(reverse("cases:invite", args=[world["case"].public_id])))

    assert "Ekonomiskt bistånd Test (a threat person in this case is its client" in body
    assert "As the lead unit's manager" not in body


def test_the_consent_form_records_the_description_scope_shown_on_the_case_page(client, world):
    factories.sign_in(client, world["rvt_worker"])
    c = world["case"].public_id
    children, ekb = world["children"], world["ekb"]

    response = client.post(
        reverse("cases:consent_add", args=[c]),
        {
            "given": TODAY.isoformat(),
            "form": "oral",
            "units": [children.pk, ekb.pk],
            "violence_description_units": [children.pk],
            "purpose": "Dela beskrivningen med barnenheten",
        },
    )
    page = words(client.get(reverse("cases:detail", args=[c])))

    assert response.status_code == 302
    consent = Consent.objects.get(purpose="Dela beskrivningen med barnenheten")
    assert list(consent.violence_description_units.all()) == [children]
    assert "Description of violence Barn Test" in page
    assert "Description of violence Only the lead unit" in page


def test_the_consent_form_refuses_a_description_unit_outside_the_consent(client, world):
    factories.sign_in(client, world["rvt_worker"])
    before = Consent.objects.count()

    response = client.post(
        reverse("cases:consent_add", args=[world["case"].public_id]),
        {
            "given": TODAY.isoformat(),
            "form": "oral",
            "units": [world["children"].pk],
            "violence_description_units": [world["ekb"].pk],
            "purpose": "Fel",
        },
    )

    assert response.status_code == 200
    assert "The description of violence can be shared only with units the consent covers." in text(
        response
    )
    assert Consent.objects.count() == before


def _case_page_queries(client, world) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("cases:detail", args=[world["case"].public_id]))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_case_page_reads_one_or_several_threat_persons_in_as_many_queries(client, world):
    factories.sign_in(client, world["rvt_worker"])
    _case_page_queries(client, world)  # the first request warms the session
    one = _case_page_queries(client, world)
    for n, number in enumerate(["190102032323", "190102032331", "190102032349"]):
        factories.person(birth_date=datetime.date(1901, 2, 3), identity_number=number)
        threat_person_add(
            actor=world["rvt_worker"],
            case=world["case"],
            relation="sibling",
            identity_number=number,
        )
        threat_person_add(
            actor=world["rvt_worker"], case=world["case"], relation="other", description=f"N{n}"
        )

    assert _case_page_queries(client, world) == one


def test_the_section_reads_nothing_beyond_the_overview(world):
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext

    from brytupp.cases.overview import case_overview

    overview = case_overview(actor=world["rvt_worker"], public_id=world["case"].public_id)
    with CaptureQueriesContext(connection) as queries:
        body = render_to_string("cases/sections/threat_persons.html", {"overview": overview})

    assert len(queries) == 0
    assert "Hotfull Släktingsson" in body


def test_the_case_page_logs_the_linked_threat_persons_it_shows_naming_no_case(client, world):
    from brytupp.audit.models import AccessLogEntry

    worker = factories.staff("handlaggare", world["children"])
    factories.sign_in(client, worker)

    response = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    entries = list(
        AccessLogEntry.objects.filter(request_id=response["X-Request-Id"])
        .order_by("seq")
        .values_list("kind", "person_public_id", "case_public_id", "ground")
    )
    assert ("view", world["threat"].public_id, None, "consent") in entries
    assert ("view", world["victim"].public_id, world["case"].public_id, "consent") in entries


def test_the_section_speaks_swedish(client, world):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    factories.sign_in(client, world["rvt_worker"])

    page = words(client.get(reverse("cases:detail", args=[world["case"].public_id])))

    assert "Hotande personer Hedersrelaterad kontext Nej" in page
    assert "Hotfull Släktingsson Syskon Aktuell Inte längre ett hot" in page
    assert "Registrera en hotande person" in page
