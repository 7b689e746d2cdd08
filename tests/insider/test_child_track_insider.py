"""An insider review of the child's matters (decisions 0044, 0045) and Socialjouren's
after-hours decision (0042), through the real pages: each actor tries every page of the child
Lillan it should not reach, swapped ids and writes. A refusal is the same 404 as a page that
does not exist, shows none of the child's data (``conftest.SECRETS``), writes nothing, and is
in the access log as refused."""

import pytest
from django.urls import reverse

from brytupp.audit.models import AccessLogEntry
from brytupp.cases.models import CaseEvent, JournalNote
from brytupp.cases.services import case_unit_join, consent_record
from brytupp.children.models import ChildPart, ChildRecord, ReportOfConcern
from brytupp.children.services import child_part_accept, child_part_decline
from brytupp.interventions.models import Application, Decision, GuardianConsent, PlacementChild
from brytupp.people.models import Guardianship
from tests import factories

from .conftest import CONCERN, DAY, SCHOOL, SECOND_CONCERN, SECRETS, TODAY, VOICE

pytestmark = pytest.mark.django_db


def child_urls(world, child=None, report=None) -> dict[str, str]:
    """Every page of a child's matters, for ``child`` (Lillan unless given)."""
    c = world["case"].public_id
    child = child or world["child"]
    k = child.public_id
    report = report or world["report"]
    return {
        "child": reverse("cases:child", args=[c, k]),
        "school": reverse("cases:child_school", args=[c, k]),
        "guardian": reverse("cases:child_guardian_add", args=[c, k]),
        "report": reverse("cases:report_of_concern_add", args=[c, k]),
        "outcome": reverse("cases:report_of_concern_outcome", args=[c, k, report.public_id]),
        "consent_father": reverse("cases:guardian_consent", args=[c, k, world["father"].public_id]),
        "consent_parent": reverse("cases:guardian_consent", args=[c, k, world["parent"].public_id]),
        "support": reverse("cases:child_support_add", args=[c, k]),
        "voice": reverse("cases:child_voice_add", args=[c, k]),
        "end": reverse("cases:placement_child_end", args=[c, world["placement"].public_id, k]),
    }


# The child's page itself is GET only (405 to a POST, before any rule): not posted to.
POSTS = {
    "school": {"school_kind": "grundskola", "school_name": "Inbrottsskolan"},
    "guardian": {"who": "case_person"},
    "report": {
        "direction": "made",
        "reporter_kind": "annan",
        "date": (TODAY - DAY).isoformat(),
        "concern": "Försök att skriva en anmälan",
    },
    "outcome": {"outcome": "ingen_utredning", "date": TODAY.isoformat()},
    "consent_father": {"not_asked_reason": "threat_person"},
    "consent_parent": {"given": (TODAY - DAY).isoformat()},
    "support": {"support_form": "individual", "start": TODAY.isoformat()},
    "voice": {"date": TODAY.isoformat(), "text": "Ett påhittat barns röst"},
    "end": {"end": TODAY.isoformat(), "end_reason": "completed"},
}


def written() -> tuple:
    """What a write to the child's matters would change."""
    record = ChildRecord.objects.order_by("pk").values_list("school_kind", "school_name")
    reports = ReportOfConcern.objects.order_by("pk").values_list("pk", "outcome")
    parts = ChildPart.objects.order_by("pk").values_list("pk", "status")
    return (
        list(record),
        list(reports),
        list(parts),
        GuardianConsent.objects.count(),
        Guardianship.objects.count(),
        JournalNote.objects.count(),
        Decision.objects.count(),
        Application.objects.count(),
        list(PlacementChild.objects.order_by("pk").values_list("end", flat=True)),
        CaseEvent.objects.count(),
    )


def assert_refused(response, *secrets):
    assert response.status_code == 404
    body = response.content.decode()
    for secret in secrets or SECRETS:
        assert secret not in body, secret


def assert_every_child_page_refused(client, world, user, urls=None):
    factories.sign_in(client, user)
    before = written()
    for name, url in (urls or child_urls(world)).items():
        assert_refused(client.get(url))
        if name in POSTS:
            assert_refused(client.post(url, POSTS[name]))
    assert written() == before


# The requests ``assert_every_child_page_refused`` makes: a GET of each page, a POST but to one.
TRIES = 2 * len(POSTS) + 1


def refused_entries(user):
    return AccessLogEntry.objects.filter(user_public_id=user.public_id, outcome="refused")


def start_page(client):
    """The user's start page (web:start sends each role on to its own)."""
    page = client.get(reverse("web:start"), follow=True)
    assert page.status_code == 200
    return page


def father_client_of(world, unit):
    """The threatening father becomes a client of ``unit``: it takes part in his case."""
    father_case = world["father_case"]
    consent_record(
        actor=world["father_worker"],
        case=father_case,
        given=TODAY,
        form="written",
        purpose="Samhandläggning",
        units=[unit],
    )
    case_unit_join(case=father_case, unit=unit, joined=TODAY, actor=world["father_worker"])


# --- ekonomiskt bistånd, taking part in the parent's case by consent ---------------------------


@pytest.mark.parametrize("who", ["ekb_worker", "ekb_manager"])
def test_ekonomiskt_bistand_reaches_no_page_of_the_childs_matters(client, world, who):
    assert_every_child_page_refused(client, world, world[who])
    # Each refused request is in the access log as refused, on the case and the child (the
    # child's register extract shows who tried).
    entries = refused_entries(world[who])
    assert entries.count() == TRIES
    assert set(entries.values_list("case_public_id", "person_public_id", "ground")) == {
        (world["case"].public_id, world["child"].public_id, "refused")
    }


def test_ekonomiskt_bistand_sees_the_case_without_the_childs_matters(client, world):
    factories.sign_in(client, world["ekb_worker"])
    page = client.get(reverse("cases:detail", args=[world["case"].public_id]))
    assert page.status_code == 200
    body = page.content.decode()
    # The children are in the parent's case (placed with her), their matters are not.
    for secret in (SCHOOL, CONCERN, SECOND_CONCERN, VOICE, "Klassläraren"):
        assert secret not in body, secret
    assert reverse("cases:child", args=[world["case"].public_id, world["child"].public_id]) not in (
        body
    )
    journal = client.get(reverse("cases:journal", args=[world["case"].public_id]))
    assert journal.status_code == 200
    assert VOICE not in journal.content.decode()
    start = start_page(client)
    assert CONCERN not in start.content.decode()


def test_ekonomiskt_bistand_cannot_correct_the_childs_voice(client, world):
    factories.sign_in(client, world["ekb_worker"])
    url = reverse(
        "cases:journal_note_correct", args=[world["case"].public_id, world["voice"].public_id]
    )
    before = written()
    assert_refused(client.get(url))
    assert_refused(client.post(url, {"text": "Ändrad", "reason": "Försök", "version": "1"}))
    assert written() == before


def test_ekonomiskt_bistand_cannot_apply_for_the_child(client, world):
    """The child's own decision is refused to a unit that does not read the child's matters;
    the form does not offer the child."""
    factories.sign_in(client, world["ekb_worker"])
    url = reverse("cases:application_add", args=[world["case"].public_id])
    form = client.get(url)
    assert form.status_code == 200
    assert "Lillan" not in form.content.decode()
    assert str(world["child"].public_id) not in form.content.decode()
    before = written()
    client.post(
        url,
        {
            "kind": "ansokan",
            "received": TODAY.isoformat(),
            "asked": "Skyddat boende för barnet",
            "intervention": "skyddat_boende",
            "child": str(world["child"].public_id),
        },
    )
    assert not Application.objects.filter(child=world["child"]).exists()
    assert written()[:6] == before[:6]


# --- the barn och unga unit: invited, declined, accepted for one child -------------------------


def test_barn_och_unga_invited_reads_the_report_but_not_the_childs_matters(client, world):
    assert_every_child_page_refused(client, world, world["bu_worker"])
    factories.sign_in(client, world["bu_worker"])
    # Invited, the unit reads the report to answer it, the child's name masked as for others.
    answer = client.get(
        reverse("cases:report_of_concern_answer", args=[world["report"].routing.public_id])
    )
    assert answer.status_code == 200
    assert CONCERN in answer.content.decode()
    assert SCHOOL not in answer.content.decode()
    assert VOICE not in answer.content.decode()
    # Never the parent's case.
    assert_refused(client.get(reverse("cases:detail", args=[world["case"].public_id])))
    assert_refused(client.get(reverse("cases:journal", args=[world["case"].public_id])))


def test_barn_och_unga_after_declining_reads_nothing(client, world):
    child_part_decline(
        actor=world["bu_worker"], part=world["report"].routing, reason="Inte vårt uppdrag här"
    )
    assert_every_child_page_refused(client, world, world["bu_worker"])
    factories.sign_in(client, world["bu_worker"])
    before = written()
    answer = reverse("cases:report_of_concern_answer", args=[world["report"].routing.public_id])
    assert_refused(client.get(answer))
    assert_refused(client.post(answer, {"answer": "accept"}))
    assert written() == before
    start = start_page(client)
    assert CONCERN not in start.content.decode()


def test_barn_och_unga_accepted_for_one_child_reaches_nothing_of_the_other(client, world):
    child_part_accept(actor=world["bu_worker"], part=world["report"].routing)
    factories.sign_in(client, world["bu_worker"])
    own = client.get(child_urls(world)["child"])
    assert own.status_code == 200
    assert CONCERN in own.content.decode()

    second = world["second_child"]
    urls = child_urls(world, child=second, report=world["second_report"])
    before = written()
    for name, url in urls.items():
        assert_refused(client.get(url), SECOND_CONCERN, "Tvåan")
        if name in POSTS:
            assert_refused(client.post(url, POSTS[name]), SECOND_CONCERN, "Tvåan")
    # Swapped ids: Lillan's page with the other child's report, the other child's page with
    # Lillan's report.
    c, k = world["case"].public_id, world["child"].public_id
    swapped = [
        reverse("cases:report_of_concern_outcome", args=[c, k, world["second_report"].public_id]),
        reverse(
            "cases:report_of_concern_outcome",
            args=[c, second.public_id, world["report"].public_id],
        ),
    ]
    for url in swapped:
        assert_refused(client.get(url), SECOND_CONCERN, "Tvåan")
        assert_refused(client.post(url, POSTS["outcome"]), SECOND_CONCERN, "Tvåan")
    assert written() == before
    # Accepted for Lillan's matters, not for the parent's case nor its journal.
    assert_refused(client.get(reverse("cases:detail", args=[c])), SECOND_CONCERN)
    assert_refused(client.get(reverse("cases:journal", args=[c])), VOICE)
    # Lillan's voice is a journal note: barn och unga by its report reads it on her page but
    # writes none, having no part in the case.
    assert VOICE in own.content.decode()
    assert_refused(client.post(child_urls(world)["voice"], POSTS["voice"]), "Ett påhittat")
    assert written() == before


def test_an_accepted_part_in_another_case_opens_nothing_here(client, world, district):
    """Lillan's page under another case of the same child (a case the unit has no part in):
    the ChildPart is for this case only."""
    other_case = factories.case(person_=world["father"], unit=world["rvt2"])
    child_part_accept(actor=world["bu_worker"], part=world["report"].routing)
    factories.sign_in(client, world["bu_worker"])
    url = reverse("cases:child", args=[other_case.public_id, world["child"].public_id])
    assert_refused(client.get(url))


def test_another_units_invitation_is_not_answered(client, world):
    """The answer page of a report routed to barn och unga, tried by every other unit."""
    url = reverse("cases:report_of_concern_answer", args=[world["report"].routing.public_id])
    for who in ("ekb_worker", "father_worker", "rvt2_worker", "jour_worker", "admin"):
        factories.sign_in(client, world[who])
        before = written()
        assert_refused(client.get(url))
        assert_refused(client.post(url, {"answer": "accept"}))
        assert written() == before


# --- the unit whose client is the threat person, a guardian of the child ---------------------


def test_the_threatening_guardians_unit_reaches_nothing(client, world):
    assert_every_child_page_refused(client, world, world["father_worker"])
    factories.sign_in(client, world["father_worker"])
    assert_refused(client.get(reverse("cases:detail", args=[world["case"].public_id])))
    start = start_page(client)
    for secret in SECRETS[:5]:
        assert secret not in start.content.decode()


def test_a_report_routed_before_the_guardian_became_a_client_is_not_shown_to_that_unit(
    client, world
):
    """The report went to barn och unga; then the threatening father became a client of
    barn och unga itself. Its invitation shows it nothing of the child: not on the start page,
    not on the answer page, and it cannot accept (decision 0039's rule, as on the child's
    page)."""
    father_client_of(world, world["bu"])
    factories.sign_in(client, world["bu_worker"])
    start = start_page(client)
    for secret in SECRETS:
        assert secret not in start.content.decode(), secret
    url = reverse("cases:report_of_concern_answer", args=[world["report"].routing.public_id])
    before = written()
    assert_refused(client.get(url))
    assert_refused(client.post(url, {"answer": "accept"}))
    assert written() == before
    assert_every_child_page_refused(client, world, world["bu_worker"])


def test_an_accepted_unit_whose_client_becomes_the_threat_person_loses_the_child(client, world):
    child_part_accept(actor=world["bu_worker"], part=world["report"].routing)
    father_client_of(world, world["bu"])
    assert_every_child_page_refused(client, world, world["bu_worker"])


# --- another district's RVT that knows the ids ---------------------------------------------------


def test_another_districts_rvt_with_the_ids_reaches_nothing(client, world):
    user = world["rvt2_worker"]
    assert_every_child_page_refused(client, world, user)
    factories.sign_in(client, user)
    c = world["case"].public_id
    for url in (reverse("cases:detail", args=[c]), reverse("cases:journal", args=[c])):
        assert_refused(client.get(url))
    assert refused_entries(user).count() == TRIES + 2


# --- Socialjouren, with and without emergency access -----------------------------------------


def test_socialjouren_under_emergency_access_reads_no_childs_matters(client, world):
    user = world["jour_worker"]
    assert_every_child_page_refused(client, world, user)
    factories.sign_in(client, user)
    c = world["case"].public_id
    page = client.get(reverse("cases:detail", args=[c]))
    assert page.status_code == 200
    body = page.content.decode()
    for secret in (SCHOOL, CONCERN, SECOND_CONCERN, VOICE, "Klassläraren"):
        assert secret not in body, secret
    journal = client.get(reverse("cases:journal", args=[c]))
    assert journal.status_code == 200
    assert VOICE not in journal.content.decode()


def test_socialjouren_without_emergency_access_reaches_nothing(client, world):
    assert_every_child_page_refused(client, world, world["jour_colleague"])
    factories.sign_in(client, world["jour_colleague"])
    c = world["case"].public_id
    assert_refused(client.get(reverse("cases:detail", args=[c])))
    before = written()
    assert_refused(client.post(reverse("cases:after_hours_decide", args=[c]), {}))
    assert written() == before


# --- the system administrator, with no case role -----------------------------------------------


def test_the_system_administrator_reaches_no_case_or_childs_page(client, world):
    user = world["admin"]
    assert_every_child_page_refused(client, world, user)
    factories.sign_in(client, user)
    c = world["case"].public_id
    for url in (reverse("cases:detail", args=[c]), reverse("cases:journal", args=[c])):
        assert_refused(client.get(url))
    start = start_page(client)
    for secret in SECRETS:
        assert secret not in start.content.decode(), secret
