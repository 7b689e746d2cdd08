"""The register extract of a person's data (GDPR art. 15, decision 0043): what it collects,
the secrecy review, who may make it, and its logging. Every name and number is made up
(Skatteverket's test numbers)."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from brytupp.audit import data_collect
from brytupp.audit.data_collect import person_data_collect
from brytupp.audit.extract_requests import extract_request_approve, extract_request_make
from brytupp.audit.models import (
    AccessGround,
    AccessKind,
    AccessLogEntry,
    AccessOutcome,
    DataExtractReview,
)
from brytupp.cases.journal import journal_note_correct, journal_note_write
from brytupp.cases.models import JournalNote
from brytupp.cases.services import case_account_write, case_open, person_address_record
from brytupp.cases.threats import threat_person_add
from brytupp.interventions.services import decision_make, placement_start
from brytupp.people.services import guardian_link
from tests import factories

pytestmark = pytest.mark.django_db

NUMBER = "198112189876"
CHILD_NUMBER = "201701012393"
OPENED = timezone.localdate() - datetime.timedelta(days=30)
VICTIM_OPENED = timezone.localdate() - datetime.timedelta(days=40)
DAY = datetime.timedelta(days=1)
# What the victim's case holds: none of it may reach the threat person's extract.
VICTIM_SECRETS = ("Offerina", "Gömdsdotter", "Gömstället", "Hemliga gatan 5", "Offrets anteckning")


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def world(district, rvt, worker):
    """Synnöve's case at the RVT: an account corrected once, a journal note corrected once, a
    threat person described, her child; and a second person's case in which Synnöve is the
    threat person, placed in protected housing."""
    person = factories.person(
        first_name="Synnöve",
        last_name="Hemligsson",
        identity_number=NUMBER,
        birth_date=datetime.date(1981, 12, 18),
    )
    child = factories.person(
        first_name="Lillan",
        last_name="Hemligsson",
        identity_number=CHILD_NUMBER,
        birth_date=datetime.date(2017, 1, 1),
    )
    guardian_link(child=child, guardian=person)
    case = case_open(
        actor=worker, person=person, district=district, lead_unit=rvt, source="self", opened=OPENED
    )
    person_address_record(actor=worker, case=case, address="Provgatan 1, 123 45 Teststad")
    case = case_account_write(actor=worker, case=case, account="Första berättelsen.")
    case = case_account_write(
        actor=worker, case=case, account="Andra berättelsen.", reason="Rättat datum"
    )
    note = journal_note_write(
        actor=worker, case=case, kind="samtal", date=OPENED + DAY, text="Samtal om boende."
    )
    journal_note_correct(
        actor=worker, note=note, text="Samtal om boende och skola.", reason="Tillägg", version=1
    )
    threat = threat_person_add(
        actor=worker, case=case, relation="former_partner", description="Hotaren Hotsson"
    )
    victim = factories.person(first_name="Offerina", last_name="Gömdsdotter")
    elsewhere = factories.DistrictFactory()
    victim_case = case_open(
        actor=worker,
        person=victim,
        district=elsewhere,
        lead_unit=factories.UnitFactory(district=elsewhere, kind="rvt", name="Annan RVT"),
        source="self",
        opened=VICTIM_OPENED,
    )
    victim_worker = factories.staff("handlaggare", victim_case.lead_unit)
    person_address_record(actor=victim_worker, case=victim_case, address="Hemliga gatan 5")
    threat_person_add(
        actor=victim_worker, case=victim_case, relation="former_partner", identity_number=NUMBER
    )
    journal_note_write(
        actor=victim_worker,
        case=victim_case,
        kind="samtal",
        date=VICTIM_OPENED + DAY,
        text="Offrets anteckning.",
    )
    decision = decision_make(
        actor=victim_worker,
        case=victim_case,
        intervention="skyddat_boende",
        decided=VICTIM_OPENED,
        start=VICTIM_OPENED,
    )
    placement_start(
        actor=victim_worker,
        case=victim_case,
        start=VICTIM_OPENED,
        provider="Gömstället",
        decision=decision,
    )
    return {
        "person": person,
        "child": child,
        "case": case,
        "note": note,
        "threat": threat,
        "victim_case": victim_case,
    }


def _by_key(collected):
    return {item.key: item for item in collected.items}


def _review_url(person):
    return reverse("log_review:data_extract_review", args=[person.public_id])


def _text(document: bytes) -> str:
    reader = PdfReader(io.BytesIO(document))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


# What is collected --------------------------------------------------------------------------


def test_the_person_record_is_collected_unmasked(world, english):
    items = _by_key(person_data_collect(world["person"]))

    person = items[f"people.person:{world['person'].pk}"]
    assert (person.section, person.heading) == ("The person", "Personal details")
    assert person.facts == (
        ("Name", "Synnöve Hemligsson"),
        ("Date of birth", "1981-12-18"),
        ("Gender", "Woman"),
        ("Identity", "Personal identity number"),
        ("Identity number", "19811218-9876"),
        ("Address", "Provgatan 1, 123 45 Teststad"),
        ("Protected identity", "None"),
    )
    assert (person.default_ground, person.locked) == ("", False)


def test_the_items_of_the_factory_case_in_the_order_of_the_extract(world, english):
    collected = person_data_collect(world["person"])
    case = f"Case opened {OPENED.isoformat()}"

    assert [(item.section, item.heading) for item in collected.items] == [
        ("The person", "Personal details"),
        ("Children and guardians linked to the person", "Child"),
        (case, "The case"),
        (case, "A unit's part in the case"),
        (case, "The person's account"),
        (case, "The person's account"),
        (case, "Journal note"),
        (case, "Journal note"),
        (case, "Threat person"),
        *[(case, "Timeline event")] * 7,
        ("The person in other people's cases", "Recorded in another person's case"),
    ]
    assert [dict(item.facts)["What happened"] for item in collected.items[9:16]] == [
        "Case opened",
        "The person's address recorded",
        "The person's account written",
        "The person's account written",
        "Journal note written",
        "Journal note corrected",
        "Threat person recorded",
    ]
    assert [item.key for item in collected.items[:3]] == [
        f"people.person:{world['person'].pk}",
        f"people.guardianship:{world['child'].guardianships.get().pk}",
        f"cases.case:{world['case'].pk}",
    ]


def test_every_version_of_the_account_and_of_a_journal_note_is_collected(world, english, rvt):
    collected = person_data_collect(world["person"])
    section = f"Case opened {OPENED.isoformat()}"

    accounts = [item for item in collected.items if item.heading == "The person's account"]
    assert [(item.section, dict(item.facts)["Version"]) for item in accounts] == [
        (section, "1"),
        (section, "2"),
    ]
    assert [dict(item.facts)["The person's account"] for item in accounts] == [
        "Första berättelsen.",
        "Andra berättelsen.",
    ]
    notes = [item for item in collected.items if item.heading == "Journal note"]
    assert [
        (
            dict(i.facts)["Version"],
            dict(i.facts)["Text"],
            dict(i.facts)["Reason for the correction"],
        )
        for i in notes
    ] == [("1", "Samtal om boende.", "–"), ("2", "Samtal om boende och skola.", "Tillägg")]
    assert {dict(i.facts)["Date"] for i in notes} == {(OPENED + DAY).isoformat()}
    assert {dict(i.facts)["Unit"] for i in notes} == {rvt.name}


def test_the_case_its_threat_person_and_the_child_link_are_collected(world, english, rvt):
    items = _by_key(person_data_collect(world["person"]))

    case = items[f"cases.case:{world['case'].pk}"]
    assert case.heading == "The case"
    assert dict(case.facts)["Opened"] == OPENED.isoformat()
    assert dict(case.facts)["Lead unit"] == rvt.name
    threat = items[f"cases.threatperson:{world['threat'].pk}"]
    assert threat.heading == "Threat person"
    assert dict(threat.facts)["Who the person is"] == "Hotaren Hotsson"
    # Another individual: withheld unless the administrator releases it.
    assert (threat.default_ground, threat.locked) == ("osl_26_1", False)
    [link] = [item for item in items.values() if item.key.startswith("people.guardianship:")]
    assert (link.heading, link.facts, link.default_ground) == (
        "Child",
        (("Name", "Lillan Hemligsson"), ("Date of birth", "2017-01-01")),
        "",
    )


def test_the_case_where_the_person_is_a_threat_person_is_locked_and_says_nothing(world, english):
    collected = person_data_collect(world["person"])

    others = [
        item for item in collected.items if item.section == "The person in other people's cases"
    ]
    assert [(i.heading, i.facts, i.default_ground, i.locked) for i in others] == [
        ("Recorded in another person's case", (), "osl_26_1", True)
    ]
    everything = repr(collected.items)
    for secret in VICTIM_SECRETS:
        assert secret not in everything
    assert VICTIM_OPENED.isoformat() not in everything
    assert world["victim_case"].lead_unit.name not in everything


def test_every_model_about_a_person_or_a_case_is_in_the_extract_or_said_why_not():
    """A new model hanging on a person or a case, directly or through a model in the extract,
    fails here until it is read into the extract or listed with its reason."""
    bearing = {"people.Person", "cases.Case"}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            label = model._meta.label
            if label in bearing or not label.startswith(_project_apps()):
                continue
            related = {
                field.related_model._meta.label
                for field in model._meta.get_fields()
                if field.concrete and field.is_relation and field.related_model is not None
            }
            if related & (bearing - set(data_collect.NOT_INCLUDED)):
                bearing.add(label)
                grew = True
    assert not set(data_collect.INCLUDED) & set(data_collect.NOT_INCLUDED)
    assert bearing == set(data_collect.INCLUDED) | set(data_collect.NOT_INCLUDED)


def _project_apps() -> tuple[str, ...]:
    return tuple(
        f"{config.label}." for config in apps.get_app_configs() if config.name.startswith("brytupp")
    )


# The review and the PDF ---------------------------------------------------------------------


def _post_review(client, person, **grounds):
    """The review form as shown, with each default, changed where ``grounds`` says."""
    response = client.get(_review_url(person))
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(grounds)
    return client.post(_review_url(person), data)


def test_a_withheld_item_is_marked_in_the_pdf_and_its_content_absent(client, world, administrator):
    factories.sign_in(client, administrator)
    note_version = world["note"].versions.get(number=2)
    field = f"ground-cases-journalnoteversion-{note_version.pk}"

    response = _post_review(
        client, world["person"], **{field: "other", f"{field}-other": "Menprövning"}
    )

    review = DataExtractReview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("log_review:data_extract_made", args=[review.public_id])
    assert (review.person, review.reviewed_by) == (world["person"], administrator)
    assert review.withheld[f"cases.journalnoteversion:{note_version.pk}"] == {
        "ground": "other",
        "text": "Menprövning",
    }
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    pdf = client.get(reverse("log_review:data_extract_pdf", args=[review.public_id]))
    text = _text(pdf.content)
    assert pdf["Content-Type"] == "application/pdf"
    assert "Synnöve Hemligsson" in text
    assert "19811218-9876" in text
    assert "Provgatan 1, 123 45 Teststad" in text
    assert "Samtal om boende." in text  # the first version, released
    assert "Samtal om boende och skola." not in text
    assert "Uppgiften har undantagits efter sekretessprövning (Annat: Menprövning)." in text
    # The threat person is withheld by default; the other case is locked.
    assert "Hotaren Hotsson" not in text
    assert text.count("OSL 26 kap. 1 §") == 2
    for secret in VICTIM_SECRETS:
        assert secret not in text


def test_the_review_page_shows_the_data_but_nothing_of_the_victims_case(
    client, world, administrator
):
    factories.sign_in(client, administrator)

    page = client.get(_review_url(world["person"])).content.decode()

    assert "Synnöve Hemligsson" in page and "Samtal om boende och skola." in page
    assert "Recorded in another person&#x27;s case" in page
    for secret in (*VICTIM_SECRETS, VICTIM_OPENED.isoformat(), "Annan RVT"):
        assert secret not in page
    assert NUMBER not in client.get(_review_url(world["person"])).request["PATH_INFO"]


def test_a_locked_item_stays_withheld_whatever_is_posted(client, world, administrator):
    factories.sign_in(client, administrator)
    [locked] = [i for i in person_data_collect(world["person"]).items if i.locked]

    _post_review(client, world["person"], **{locked.field_name: ""})

    review = DataExtractReview.objects.get()
    assert review.withheld[locked.key] == {"ground": "osl_26_1", "text": ""}


def test_other_without_words_is_refused_and_nothing_stored(client, world, administrator):
    factories.sign_in(client, administrator)
    field = f"ground-cases-case-{world['case'].pk}"

    response = _post_review(client, world["person"], **{field: "other"})

    assert response.status_code == 200
    assert "Say on what ground the item is withheld." in response.content.decode()
    assert not DataExtractReview.objects.exists()


def test_the_review_is_written_once(world, administrator):
    review = DataExtractReview.objects.create(person=world["person"], reviewed_by=administrator)

    with pytest.raises(DatabaseError), transaction.atomic():
        DataExtractReview.objects.filter(pk=review.pk).update(withheld={})
    with pytest.raises(DatabaseError), transaction.atomic():
        DataExtractReview.objects.filter(pk=review.pk).delete()


def test_each_pdf_is_logged_once_as_an_export_and_the_review_page_as_a_view(
    client, world, administrator
):
    factories.sign_in(client, administrator)
    entries = AccessLogEntry.objects.filter(
        person_public_id=world["person"].public_id, user_public_id=administrator.public_id
    )
    _post_review(client, world["person"])
    review = DataExtractReview.objects.get()
    assert list(entries.values_list("kind", "ground")) == [
        (AccessKind.VIEW, AccessGround.OVERSIGHT),
        (AccessKind.VIEW, AccessGround.OVERSIGHT),
    ]

    for _ in range(2):
        client.get(reverse("log_review:data_extract_pdf", args=[review.public_id]))

    assert entries.filter(kind=AccessKind.EXPORT).count() == 2
    assert set(entries.filter(kind=AccessKind.EXPORT).values_list("ground", "case_public_id")) == {
        (AccessGround.OVERSIGHT, None)
    }


def test_the_door_is_on_the_register_extract_page(client, world, administrator):
    factories.sign_in(client, administrator)

    response = client.get(reverse("log_review:register_extract", args=[world["person"].public_id]))

    assert f'href="{_review_url(world["person"])}"' in response.content.decode()


# Who may make it ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["handlaggare", "enhetschef", "analytiker", "implementerare"])
def test_no_one_but_an_administrator_sees_the_review_or_the_pdf(
    client, world, administrator, rvt, role
):
    review = DataExtractReview.objects.create(person=world["person"], reviewed_by=administrator)
    factories.sign_in(client, factories.staff(role, rvt))

    for url in (
        _review_url(world["person"]),
        reverse("log_review:data_extract_made", args=[review.public_id]),
        reverse("log_review:data_extract_pdf", args=[review.public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Hemligsson" not in response.content.decode()
    assert client.post(_review_url(world["person"]), {}).status_code == 404
    assert DataExtractReview.objects.count() == 1
    assert not AccessLogEntry.objects.filter(
        person_public_id=world["person"].public_id,
        kind__in=[AccessKind.VIEW, AccessKind.EXPORT],
        outcome=AccessOutcome.ALLOWED,
    ).exists()


def test_another_administrators_review_is_not_found(client, world, administrator, rvt):
    review = DataExtractReview.objects.create(person=world["person"], reviewed_by=administrator)
    factories.sign_in(client, factories.staff("systemforvaltare", rvt))

    for name in ("log_review:data_extract_made", "log_review:data_extract_pdf"):
        assert client.get(reverse(name, args=[review.public_id])).status_code == 404


@pytest.fixture
def protected(district, rvt, worker):
    person = factories.person(
        first_name="Dold",
        last_name="Skyddsson",
        birth_date=datetime.date(1990, 5, 5),
        protected_identity="skyddad_folkbokforing",
    )
    case_open(
        actor=worker, person=person, district=district, lead_unit=rvt, source="self", opened=OPENED
    )
    return person


def test_a_protected_person_needs_an_approved_request_of_ones_own(
    client, protected, administrator, rvt
):
    second = factories.staff("systemforvaltare", rvt, username="admin_two")
    factories.sign_in(client, administrator)

    # Without approval: the same 404 as a person who does not exist, nothing shown or logged.
    response = client.get(_review_url(protected))
    assert response.status_code == 404
    assert "Skyddsson" not in response.content.decode()
    assert not AccessLogEntry.objects.filter(
        person_public_id=protected.public_id, kind=AccessKind.VIEW, outcome=AccessOutcome.ALLOWED
    ).exists()

    request = extract_request_make(actor=administrator, person=protected)
    extract_request_approve(actor=second, request_id=request.public_id)

    response = client.get(_review_url(protected))
    assert response.status_code == 200
    assert "Dold Skyddsson" in response.content.decode()
    # The approval is the requester's alone.
    factories.sign_in(client, second)
    assert client.get(_review_url(protected)).status_code == 404


def test_a_stale_approval_no_longer_opens_the_pdf(client, protected, administrator, rvt):
    second = factories.staff("systemforvaltare", rvt, username="admin_two")
    request = extract_request_make(actor=administrator, person=protected)
    extract_request_approve(actor=second, request_id=request.public_id)
    factories.sign_in(client, administrator)
    _post_review(client, protected)
    review = DataExtractReview.objects.get()
    request.refresh_from_db()
    type(request).objects.filter(pk=request.pk).update(
        decided_at=timezone.now() - datetime.timedelta(hours=25)
    )

    response = client.get(reverse("log_review:data_extract_pdf", args=[review.public_id]))

    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(
        person_public_id=protected.public_id,
        kind=AccessKind.EXPORT,
        user_public_id=administrator.public_id,
        outcome=AccessOutcome.ALLOWED,
    ).exists()


def test_journal_notes_of_every_unit_are_collected(world, english, other_unit, other_worker):
    # Another unit's note, as a unit with its own part would write it.
    note = JournalNote.objects.create(
        case=world["case"], unit=other_unit, kind="samtal", date=OPENED, created_by=other_worker
    )
    note.versions.create(number=1, text="Den andra enhetens anteckning.", written_by=other_worker)

    texts = [
        dict(item.facts)["Text"]
        for item in person_data_collect(world["person"]).items
        if item.heading == "Journal note"
    ]

    assert "Den andra enhetens anteckning." in texts


def test_interventions_plans_and_meetings_are_collected_and_a_placed_childs_data_withheld(
    world, english, worker, rvt
):
    from brytupp.cases.joint import meeting_record
    from brytupp.interventions.services import ChildPlaced, follow_up_record
    from brytupp.plans.services import plan_action_add

    case, today = world["case"], timezone.localdate()
    meeting_record(actor=worker, case=case, held=today - DAY, units=[rvt], minutes="Protokoll 4711")
    decision = decision_make(
        actor=worker, case=case, intervention="skyddat_boende", decided=today, start=today
    )
    placement = placement_start(
        actor=worker,
        case=case,
        start=today,
        provider="Eget boende",
        decision=decision,
        children=[ChildPlaced(child=world["child"])],
        cost_per_night=Decimal("1150.00"),
    )
    follow_up_record(actor=worker, case=case, date=today, placement=placement, note="Följt upp")
    plan_action_add(
        actor=worker, case=case, description="Ansöka om förtur", responsible_unit=rvt, due=today
    )

    items = {item.heading: item for item in person_data_collect(world["person"]).items}

    assert dict(items["Meeting"].facts)["Minutes"] == "Protokoll 4711"
    assert dict(items["Intervention"].facts)["Intervention"] == "Protected housing"
    assert dict(items["Placement"].facts)["Provider"] == "Eget boende"
    assert dict(items["Placement"].facts)["Cost per night (SEK)"] == "1150.00"
    assert dict(items["Follow-up"].facts)["Note"] == "Följt upp"
    assert dict(items["Plan action"].facts)["Action"] == "Ansöka om förtur"
    child = items["Child placed with the person"]
    assert (dict(child.facts)["Name"], child.default_ground, child.locked) == (
        "Lillan Hemligsson",
        "osl_26_1",
        False,
    )


def test_the_childs_record_and_a_report_of_concern_are_withheld_and_the_reporter_never_read_out(
    world, english, worker, district
):
    """In the parent's extract the child's school and the report about the child are the
    child's own data (withheld by default); who reported is never read out (OSL 26 kap. 5 §).
    In the child's own extract, the parent's case being protected, they are locked."""
    from brytupp.children.models import ReportOfConcern
    from brytupp.children.services import child_record_change, report_of_concern_record

    factories.UnitFactory(district=district, kind="barn_unga", name="Barn och unga Test")
    case, child = world["case"], world["child"]
    child_record_change(
        actor=worker, case=case, child=child, school_kind="grundskola", school_name="Provskolan"
    )
    report_of_concern_record(
        actor=worker,
        case=case,
        child=child,
        direction="received",
        reporter_kind="skola",
        reporter="Rektor Anmälarsson",
        date=OPENED + DAY,
        concern="Barnet berättar om bråk hemma.",
    )
    report = ReportOfConcern.objects.get()

    parents = _by_key(person_data_collect(world["person"]))
    record = parents[f"children.childrecord:{child.child_records.get().pk}"]
    concern = parents[f"children.reportofconcern:{report.pk}"]
    assert (dict(record.facts)["Name of the school or preschool"], record.default_ground) == (
        "Provskolan",
        "osl_26_1",
    )
    assert dict(concern.facts)["What the concern is"] == "Barnet berättar om bråk hemma."
    assert dict(concern.facts)["Routed to"] == "Barn och unga Test"
    assert (concern.default_ground, concern.locked) == ("osl_26_1", False)
    assert "Anmälarsson" not in repr(person_data_collect(world["person"]).items)

    # The child's own extract: the parent is protected now, so the items say nothing.
    world["person"].protected_identity = "skyddad_folkbokforing"
    type(world["person"]).objects.filter(pk=world["person"].pk).update(
        protected_identity="skyddad_folkbokforing", first_name="", last_name=""
    )
    own = _by_key(person_data_collect(child))
    locked = [
        own[f"children.childrecord:{child.child_records.get().pk}"],
        own[f"children.reportofconcern:{report.pk}"],
    ]
    assert [(item.locked, item.facts) for item in locked] == [(True, ()), (True, ())]


def test_the_childs_voice_in_the_parents_case_is_withheld_by_default(world, english, worker):
    """A journal note about a child (the child's voice, decision 0045) is the child's own
    data: in the parent's extract it is withheld unless the reviewer releases it."""
    note = journal_note_write(
        actor=worker,
        case=world["case"],
        kind="barnets_rost",
        date=OPENED + DAY,
        text="Barnet säger att det vill bo kvar hos mamma.",
        child=world["child"],
    )
    own = world["note"]

    items = _by_key(person_data_collect(world["person"]))

    voice = items[f"cases.journalnoteversion:{note.versions.get().pk}"]
    mine = items[f"cases.journalnoteversion:{own.versions.order_by('number').first().pk}"]
    assert (voice.default_ground, dict(voice.facts)["Child"]) == ("osl_26_1", "Lillan Hemligsson")
    assert mine.default_ground == ""
