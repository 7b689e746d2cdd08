"""Socialjouren decides after hours (issue 15 item 4, decision 0042): under a running emergency
access, one application and its decision at once in the existing case, under Socialjouren's own
delegationsordning; flagged to the lead unit's to-do list the next working day until a person of
the lead unit marks it reviewed. Nothing else is writable through the emergency access, and
every refusal is the same 404 as a case that does not exist, with nothing written."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from brytupp.access.models import EmergencyAccess
from brytupp.access.services import emergency_access_grant
from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.models import CaseEvent
from brytupp.interventions.after_hours import (
    after_hours_decide,
    after_hours_decision_acknowledge,
    is_working_day,
    next_working_day,
)
from brytupp.interventions.decisions import (
    DecisionTerms,
    application_decide,
    application_record,
)
from brytupp.interventions.models import AfterHoursDecision, ApplicationDecision, Delegation
from brytupp.organisation.models import Role
from brytupp.worklists.todo import todo_list
from tests import factories

from .conftest import DAY, SINCE, TODAY, member
from .support import events, written

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")

ASKED = "Ringer från en vän, hotad av sambon, kan inte åka hem i natt."
REASON = "Personen ringer natt, hotad, behöver skyddat boende nu"


@pytest.fixture
def jour(world):
    """Socialjouren with its delegationsordning: its case workers grant the emergency housing,
    its manager may refuse it too; a case worker with a running emergency access to the case,
    and a colleague without one."""
    unit = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Test")
    for intervention in ("skyddat_boende", "tillfalligt_boende"):
        Delegation.objects.create(
            unit=unit, role=Role.HANDLAGGARE, intervention=intervention, valid_from=SINCE
        )
        Delegation.objects.create(
            unit=unit,
            role=Role.ENHETSCHEF,
            intervention=intervention,
            may_refuse=True,
            valid_from=SINCE,
        )
    worker = member(Role.HANDLAGGARE, unit, first_name="Jonna", last_name="Jourssón")
    grant = emergency_access_grant(actor=worker, case=world["case"], reason=REASON)
    return {
        "unit": unit,
        "worker": worker,
        "grant": grant,
        "colleague": member(Role.HANDLAGGARE, unit),
        "manager": member(Role.ENHETSCHEF, unit),
    }


def housing_tonight(world, **changes) -> dict:
    granting = changes.get("outcome", "bifall") != "avslag"
    terms = {
        "outcome": "bifall",
        "legal_ground": world["current"],
        "start": timezone.localdate() if granting else None,
        **changes,
    }
    return {
        "kind": "ansokan",
        "asked": ASKED,
        "intervention": "skyddat_boende",
        "terms": DecisionTerms(**terms),
    }


def _decided(world, jour, actor=None):
    return after_hours_decide(
        actor=actor or jour["worker"], case=world["case"], **housing_tonight(world)
    )


def _last_friday_evening() -> datetime.datetime:
    """21:30 on the latest Friday up to today, in Stockholm."""
    friday = TODAY - datetime.timedelta(days=(TODAY.weekday() - 4) % 7)
    return datetime.datetime.combine(friday, datetime.time(21, 30), tzinfo=STOCKHOLM)


# --- the service ---------------------------------------------------------------------------


def test_socialjouren_grants_protected_housing_tonight_in_the_existing_case(world, jour):
    case = world["case"]
    before = CaseEvent.objects.filter(case=case).count()
    log_before = AccessLogEntry.objects.count()

    decision = _decided(world, jour)

    today = timezone.localdate()
    application = decision.application
    assert (application.case, application.kind, application.received, application.unit) == (
        case,
        "ansokan",
        today,
        jour["unit"],
    )
    assert (application.asked, application.intervention, application.recorded_by) == (
        ASKED,
        "skyddat_boende",
        jour["worker"],
    )
    assert (decision.decided, decision.outcome, decision.legal_ground, decision.reasons) == (
        today,
        "bifall",
        world["current"],
        "",
    )
    assert decision.decision_maker == jour["worker"]
    assert decision.delegation == Delegation.objects.get(
        unit=jour["unit"], role=Role.HANDLAGGARE, intervention="skyddat_boende"
    )
    granted = decision.granted
    assert (granted.intervention, granted.decided_by, granted.start, granted.end) == (
        "skyddat_boende",
        jour["unit"],
        today,
        None,
    )
    flag = decision.after_hours
    assert (flag.emergency_access, flag.review_due, flag.acknowledged_at) == (
        jour["grant"],
        next_working_day(flag.decision.recorded_at),
        None,
    )
    a, d, g = str(application.public_id), str(decision.public_id), str(granted.public_id)
    assert events(case, after=before) == [
        (
            "application_recorded",
            today.isoformat(),
            {
                "application": a,
                "intervention": "skyddat_boende",
                "after_hours": True,
                "application_kind": "ansokan",
            },
        ),
        (
            "decision_made",
            today.isoformat(),
            {"intervention": "skyddat_boende", "start": today.isoformat(), "end": None},
        ),
        (
            "application_decided",
            today.isoformat(),
            {
                "application": a,
                "intervention": "skyddat_boende",
                "after_hours": True,
                "decision": d,
                "outcome": "bifall",
                "legal_ground": "testlagen-1-1",
                "granted": g,
            },
        ),
    ]
    assert set(
        CaseEvent.objects.filter(case=case).order_by("pk")[before:].values_list("unit", "actor")
    ) == {(jour["unit"].pk, jour["worker"].pk)}
    entries = AccessLogEntry.objects.order_by("seq")[log_before:]
    assert [(e.kind, e.ground, e.case_public_id, e.user_public_id) for e in entries] == [
        ("change", "emergency", case.public_id, jour["worker"].public_id)
    ] * 3


def test_socialjourens_manager_refuses_with_reasons(world, jour):
    emergency_access_grant(actor=jour["manager"], case=world["case"], reason=REASON)

    decision = after_hours_decide(
        actor=jour["manager"],
        case=world["case"],
        **housing_tonight(world, outcome="avslag", reasons="Platsen finns hos en anhörig i natt."),
    )

    assert (decision.outcome, decision.granted, decision.delegation.role) == (
        "avslag",
        None,
        Role.ENHETSCHEF,
    )
    assert decision.reasons == "Platsen finns hos en anhörig i natt."


NO_DELEGATION = (
    "Jonna Jourssón has no delegation in Socialjouren Test on {today} to decide this "
    "intervention with this outcome."
)


@pytest.mark.parametrize(
    ("terms", "intervention", "error"),
    [
        # A case worker of Socialjouren grants; only its manager may refuse.
        ({"outcome": "avslag", "reasons": "Ingen plats."}, "", {"decision_maker": NO_DELEGATION}),
        (
            {"outcome": "avslag"},
            "",
            {"reasons": "Write the reasons: an avslag or a delvis bifall must give them."},
        ),
        # Socialjouren's delegationsordning covers the emergency housing, nothing else.
        ({}, "stodsamtal_individuellt", {"decision_maker": NO_DELEGATION}),
        (
            {"legal_ground": "old"},
            "",
            {"legal_ground": "The legal ground {old} is not in force on {today}."},
        ),
        ({"start": None}, "", {"start": "Give the day the intervention starts."}),
    ],
)
def test_a_refused_after_hours_decision_writes_nothing(world, jour, terms, intervention, error):
    if terms.get("legal_ground") == "old":
        terms = {**terms, "legal_ground": world["old"]}
    arguments = housing_tonight(world, **terms)
    if intervention:
        arguments["intervention"] = intervention
    before = written(world["case"])

    with pytest.raises(ValidationError) as refused:
        after_hours_decide(actor=jour["worker"], case=world["case"], **arguments)

    today = timezone.localdate().isoformat()
    assert refused.value.message_dict == {
        field: [message.format(today=today, old=world["old"])] for field, message in error.items()
    }
    assert written(world["case"]) == before
    assert AfterHoursDecision.objects.count() == 0


def test_one_after_hours_decision_per_emergency_access(world, jour):
    _decided(world, jour)
    before = written(world["case"])

    with pytest.raises(ValidationError) as refused:
        _decided(world, jour)

    assert refused.value.messages == [
        "An after-hours decision has already been made under this emergency access."
    ]
    assert written(world["case"]) == before


def _expire(grant):
    now = timezone.now()
    EmergencyAccess.objects.filter(pk=grant.pk).update(
        granted_at=now - datetime.timedelta(hours=13),
        expires_at=now - datetime.timedelta(seconds=1),
    )


@pytest.mark.parametrize(
    "who", ["colleague", "manager", "expired", "lead worker", "ekb worker", "outsider"]
)
def test_no_after_hours_decision_without_ones_own_running_emergency_access(world, jour, who):
    actor = {
        "colleague": jour["colleague"],
        "manager": jour["manager"],
        "expired": jour["worker"],
        "lead worker": world["worker"],
        "ekb worker": world["ekb_worker"],
        "outsider": world["outsider"],
    }[who]
    if who == "expired":
        _expire(jour["grant"])
    before = written(world["case"])

    with pytest.raises(Http404):
        after_hours_decide(actor=actor, case=world["case"], **housing_tonight(world))

    assert written(world["case"]) == before


# --- the next working day -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "due"),
    [
        # Friday 4 December 2026 in the evening: Monday.
        ((2026, 12, 4, 21, 30), datetime.date(2026, 12, 7)),
        ((2026, 12, 5, 3, 0), datetime.date(2026, 12, 7)),  # Saturday night
        ((2026, 12, 6, 23, 59), datetime.date(2026, 12, 7)),  # Sunday night
        ((2026, 12, 7, 2, 0), datetime.date(2026, 12, 7)),  # before Monday's work
        ((2026, 12, 7, 8, 0), datetime.date(2026, 12, 8)),  # Monday, day begun
        ((2026, 12, 10, 17, 15), datetime.date(2026, 12, 11)),  # Thursday
        # Public holidays and the days the offices close as if they were are skipped.
        ((2026, 12, 23, 20, 0), datetime.date(2026, 12, 28)),  # julafton, juldagen, annandag
        ((2026, 12, 30, 22, 0), datetime.date(2027, 1, 4)),  # nyårsafton, nyårsdagen
        ((2026, 6, 18, 22, 0), datetime.date(2026, 6, 22)),  # midsommarafton
        ((2027, 3, 25, 21, 0), datetime.date(2027, 3, 30)),  # långfredagen, annandag påsk
        ((2026, 6, 5, 23, 0), datetime.date(2026, 6, 8)),  # nationaldagen is a Saturday
    ],
)
def test_the_next_working_day(moment, due):
    assert next_working_day(datetime.datetime(*moment, tzinfo=STOCKHOLM)) == due


# --- the flag in the lead unit's to-do list -------------------------------------------------


def _todo(actor, today) -> list[tuple]:
    return [
        (row.kind, row.due, row.case, row.detail, row.item_url)
        for row in todo_list(actor=actor, today=today).object_list
        if row.kind == "after_hours_decision"
    ]


def test_a_decision_on_friday_evening_is_due_for_the_lead_unit_on_monday(world, jour):
    friday_evening = _last_friday_evening()
    # The Monday after, or the next working day after it when that Monday is a holiday.
    monday = next_working_day(friday_evening)
    assert monday.weekday() == 0 or not is_working_day(friday_evening.date() + 3 * DAY)
    with mock.patch("django.utils.timezone.now", return_value=friday_evening):
        decision = _decided(world, jour)
    case = world["case"]
    url = reverse("cases:detail", args=[case.public_id])

    assert decision.decided == friday_evening.date()
    assert decision.after_hours.review_due == monday
    expected = [
        (
            "after_hours_decision",
            monday,
            case,
            "Protected housing",
            f"{url}#application-decision-{decision.public_id}",
        )
    ]
    assert _todo(world["worker"], friday_evening.date()) == expected
    assert _todo(world["manager"], monday) == expected
    # The lead unit only: not the unit taking part by consent, not Socialjouren.
    assert _todo(world["ekb_worker"], monday) == []
    assert _todo(jour["worker"], monday) == []
    assert _todo(world["outsider"], monday) == []

    after_hours_decision_acknowledge(actor=world["manager"], after_hours=decision.after_hours)

    assert _todo(world["worker"], monday) == []


def test_the_lead_unit_marks_it_reviewed_once_with_a_timeline_event(world, jour):
    flag = _decided(world, jour).after_hours
    before = CaseEvent.objects.filter(case=world["case"]).count()

    after_hours_decision_acknowledge(actor=world["worker"], after_hours=flag)

    flag.refresh_from_db()
    assert flag.acknowledged_by == world["worker"]
    assert flag.acknowledged_at is not None
    assert events(world["case"], after=before) == [
        (
            "after_hours_decision_reviewed",
            timezone.localdate().isoformat(),
            {"decision": str(flag.decision.public_id)},
        )
    ]
    with pytest.raises(ValidationError) as refused:
        after_hours_decision_acknowledge(actor=world["manager"], after_hours=flag)
    assert refused.value.messages == ["The after-hours decision is already marked reviewed."]
    flag.refresh_from_db()
    assert flag.acknowledged_by == world["worker"]


# --- through the pages ----------------------------------------------------------------------


@pytest.fixture
def en_client(client):
    """A browser that asks for English pages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _url(name, world, *ids):
    return reverse(f"cases:{name}", args=[world["case"].public_id, *ids])


def _form(world, **changes) -> dict:
    return {
        "kind": "ansokan",
        "asked": ASKED,
        "intervention": "skyddat_boende",
        "outcome": "bifall",
        "legal_ground": world["current"].code,
        "reasons": "",
        "start": timezone.localdate().isoformat(),
        "end": "",
        **changes,
    }


def test_socialjouren_makes_the_decision_through_its_page(en_client, world, jour):
    client = en_client
    factories.sign_in(client, jour["worker"])
    case_page = client.get(_url("detail", world)).content.decode()
    assert _url("after_hours_decide", world) in case_page
    assert "Make an after-hours decision" in case_page

    form = client.get(_url("after_hours_decide", world))
    assert form.status_code == 200
    body = form.content.decode()
    assert '<option value="skyddat_boende"' in body
    assert '<option value="tillfalligt_boende"' in body
    assert '<option value="stodsamtal_individuellt"' not in body

    response = client.post(_url("after_hours_decide", world), _form(world))

    assert response.status_code == 302
    assert response["Location"] == _url("detail", world) + "#applications"
    decision = AfterHoursDecision.objects.get().decision
    assert (decision.outcome, decision.application.unit) == ("bifall", jour["unit"])
    page = client.get(_url("detail", world)).content.decode()
    assert "The after-hours decision is recorded: Granted (bifall)." in page
    assert "Made by Socialjouren after hours" in page
    assert ASKED in page  # its own decision, under the access
    # One per access: the door is gone.
    assert _url("after_hours_decide", world) not in page


def test_the_page_shows_a_refusal_and_writes_nothing(en_client, world, jour):
    factories.sign_in(en_client, jour["worker"])
    before = written(world["case"])

    response = en_client.post(
        _url("after_hours_decide", world), _form(world, outcome="avslag", start="")
    )

    assert response.status_code == 200
    assert "Write the reasons: an avslag or a delvis bifall must give them." in (
        response.content.decode()
    )
    assert {k: v for k, v in written(world["case"]).items() if k != "access_log"} == {
        k: v for k, v in before.items() if k != "access_log"
    }


@pytest.mark.parametrize(
    "who", ["colleague", "expired", "lead worker", "ekb worker", "outsider", "nobody"]
)
def test_the_page_is_the_same_404_without_ones_own_running_access(en_client, world, jour, who):
    if who == "expired":
        _expire(jour["grant"])
    actor = {
        "colleague": jour["colleague"],
        "expired": jour["worker"],
        "lead worker": world["worker"],
        "ekb worker": world["ekb_worker"],
        "outsider": world["outsider"],
        "nobody": None,
    }[who]
    if actor is not None:
        factories.sign_in(en_client, actor)
    url = _url("after_hours_decide", world)
    before = written(world["case"])

    shown = en_client.get(url)
    posted = en_client.post(url, _form(world))

    if actor is None:
        assert (shown.status_code, posted.status_code) == (302, 302)  # to sign in
    else:
        assert (shown.status_code, posted.status_code) == (404, 404)
        for response in (shown, posted):
            assert "Sökandesson" not in response.content.decode()
            assert ASKED not in response.content.decode()
    assert {k: v for k, v in written(world["case"]).items() if k != "access_log"} == {
        k: v for k, v in before.items() if k != "access_log"
    }
    assert AfterHoursDecision.objects.count() == 0
    if actor is not None:
        case_page = en_client.get(_url("detail", world)).content.decode()
        assert _url("after_hours_decide", world) not in case_page


def _lead_decision(world):
    application = application_record(
        actor=world["worker"],
        case=world["case"],
        kind="ansokan",
        received=TODAY - 3 * DAY,
        asked="Stödsamtal.",
        intervention="stodsamtal_individuellt",
    )
    return application, application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 2 * DAY,
        terms=DecisionTerms(
            outcome="avslag", legal_ground=world["current"], reasons="Behovet är tillgodosett."
        ),
    )


def test_under_emergency_access_nothing_else_is_writable(en_client, world, jour):
    application, decision = _lead_decision(world)
    _decided(world, jour)
    factories.sign_in(en_client, jour["worker"])
    today = timezone.localdate().isoformat()
    posts = {
        "journal_note_add": (
            _url("journal_note_add", world),
            {"kind": "samtal", "date": today, "text": "Jouren ringde 4718"},
        ),
        "application_add": (
            _url("application_add", world),
            {"kind": "ansokan", "received": today, "asked": "Mer 4719", "intervention": ""},
        ),
        "application_decide": (
            _url("application_decide", world, application.public_id),
            {"decided": today, "outcome": "bifall", "legal_ground": world["current"].code},
        ),
        "decision_appeal_add": (
            _url("decision_appeal_add", world, decision.public_id),
            {"lodged": today, "court": "Förvaltningsrätten"},
        ),
        "decision_communicated": (
            _url("decision_communicated", world, decision.public_id),
            {"communicated": today},
        ),
        "account": (_url("account", world), {"account": "Ny berättelse 4720", "version": "0"}),
        "close": (_url("close", world), {"closed": today, "reason": "goals_met"}),
        "after_hours_acknowledge": (
            _url(
                "after_hours_acknowledge",
                world,
                AfterHoursDecision.objects.get().decision.public_id,
            ),
            {},
        ),
    }
    before = written(world["case"])

    for name, (url, data) in posts.items():
        response = en_client.post(url, data)

        assert response.status_code == 404, name
        assert "Sökandesson" not in response.content.decode(), name
    assert {k: v for k, v in written(world["case"]).items() if k != "access_log"} == {
        k: v for k, v in before.items() if k != "access_log"
    }
    assert AfterHoursDecision.objects.get().acknowledged_at is None


def test_the_lead_unit_sees_the_marking_and_acknowledges_it(en_client, world, jour):
    decision = _decided(world, jour)
    factories.sign_in(en_client, world["worker"])
    ack = _url("after_hours_acknowledge", world, decision.public_id)

    page = en_client.get(_url("detail", world)).content.decode()

    assert "Made by Socialjouren after hours" in page
    assert f"The lead unit reviews it on {decision.after_hours.review_due.isoformat()}." in page
    assert ack in page
    assert "Mark as reviewed" in page
    # The lead unit takes the decision over: its letter, the day communicated, an appeal and
    # a re-examination are the lead unit's doors.
    assert _url("decision_letter", world, decision.public_id) in page
    assert _url("decision_communicated", world, decision.public_id) in page
    assert _url("decision_reexamine", world, decision.public_id) in page

    response = en_client.post(ack)

    assert response.status_code == 302
    assert response["Location"] == (
        _url("detail", world) + f"#application-decision-{decision.public_id}"
    )
    flag = AfterHoursDecision.objects.get()
    assert flag.acknowledged_by == world["worker"]
    page = en_client.get(_url("detail", world)).content.decode()
    assert "The after-hours decision is marked reviewed." in page
    day = timezone.localdate().isoformat()
    assert f"Reviewed by the lead unit on {day} (Hanna Handläggarsson)." in page
    assert ack not in page
    assert CaseEvent.objects.filter(kind="after_hours_decision_reviewed").count() == 1
    entry = AccessLogEntry.objects.filter(kind=AccessKind.CHANGE).order_by("-seq").first()
    assert (entry.ground, entry.user_public_id) == ("own_unit", world["worker"].public_id)


@pytest.mark.parametrize("who", ["ekb worker", "jour worker", "outsider"])
def test_only_the_lead_unit_acknowledges(en_client, world, jour, who):
    decision = _decided(world, jour)
    actor = {
        "ekb worker": world["ekb_worker"],
        "jour worker": jour["worker"],
        "outsider": world["outsider"],
    }[who]
    factories.sign_in(en_client, actor)
    ack = _url("after_hours_acknowledge", world, decision.public_id)
    before = written(world["case"])

    response = en_client.post(ack)

    assert response.status_code == 404
    assert "Sökandesson" not in response.content.decode()
    assert AfterHoursDecision.objects.get().acknowledged_at is None
    assert {k: v for k, v in written(world["case"]).items() if k != "access_log"} == {
        k: v for k, v in before.items() if k != "access_log"
    }
    with pytest.raises(Http404):
        after_hours_decision_acknowledge(actor=actor, after_hours=decision.after_hours)
    if who == "ekb worker":
        page = en_client.get(_url("detail", world)).content.decode()
        assert "Made by Socialjouren after hours" in page
        assert ack not in page


def test_a_get_of_the_acknowledgement_leads_to_the_decision_on_the_case_page(
    en_client, world, jour
):
    decision = _decided(world, jour)
    factories.sign_in(en_client, world["worker"])

    response = en_client.get(_url("after_hours_acknowledge", world, decision.public_id))

    assert response.status_code == 302
    assert response["Location"] == (
        _url("detail", world) + f"#application-decision-{decision.public_id}"
    )
    assert AfterHoursDecision.objects.get().acknowledged_at is None


# --- the lead unit takes the decision over -----------------------------------------------------


def test_the_lead_unit_follows_the_decision_up_letter_communicated_and_re_examination(
    en_client, world, jour
):
    decision = _decided(world, jour)
    factories.sign_in(en_client, world["manager"])
    day = timezone.localdate().isoformat()

    letter = en_client.get(_url("decision_letter", world, decision.public_id))
    communicated = en_client.post(
        _url("decision_communicated", world, decision.public_id), {"communicated": day}
    )
    # The lead unit's manager re-examines it under the lead unit's delegationsordning.
    reexamined = en_client.post(
        _url("decision_reexamine", world, decision.public_id),
        {
            "decided": day,
            "outcome": "bifall",
            "legal_ground": world["current"].code,
            "intervention": "tillfalligt_boende",
            "start": day,
        },
    )

    assert (letter.status_code, letter["Content-Type"]) == (200, "application/pdf")
    assert [communicated.status_code, reexamined.status_code] == [302, 302]
    decision.refresh_from_db()
    new = ApplicationDecision.objects.get(replaces=decision)
    assert (decision.communicated.isoformat(), decision.status) == (day, "replaced")
    assert (new.decision_maker, new.delegation, new.granted.decided_by) == (
        world["manager"],
        world["lines"]["manager"],
        world["case"].lead_unit,
    )
    # The events name the lead unit, which acted.
    assert list(
        CaseEvent.objects.filter(kind__in=["decision_communicated", "decision_reexamined"])
        .order_by("pk")
        .values_list("kind", "unit")
    ) == [
        ("decision_communicated", world["case"].lead_unit_id),
        ("decision_reexamined", world["case"].lead_unit_id),
    ]


@pytest.mark.parametrize("who", ["ekb worker", "jour worker"])
def test_no_other_unit_follows_the_after_hours_decision_up(en_client, world, jour, who):
    decision = _decided(world, jour)
    actor = {"ekb worker": world["ekb_worker"], "jour worker": jour["worker"]}[who]
    factories.sign_in(en_client, actor)
    day = timezone.localdate().isoformat()
    before = written(world["case"])

    responses = [
        en_client.get(_url("decision_letter", world, decision.public_id)),
        en_client.post(
            _url("decision_communicated", world, decision.public_id), {"communicated": day}
        ),
        en_client.post(
            _url("decision_reexamine", world, decision.public_id),
            {"decided": day, "outcome": "bifall", "legal_ground": world["current"].code},
        ),
        en_client.post(
            _url("decision_appeal_add", world, decision.public_id),
            {"lodged": day, "court": "Förvaltningsrätten"},
        ),
    ]

    assert [r.status_code for r in responses] == [404] * 4
    assert [r for r in responses if ASKED in r.content.decode()] == []
    after = written(world["case"])
    assert {k: v for k, v in after.items() if k != "access_log"} == {
        k: v for k, v in before.items() if k != "access_log"
    }
