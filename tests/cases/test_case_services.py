"""The case journey's core services: every step, and every refusal leaving no trace."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from brytupp.assessments.models import Screening
from brytupp.assessments.services import screening_record
from brytupp.cases.models import Case, CaseAcceptance, CaseEvent, CaseUnit, ClosureReason, Consent
from brytupp.cases.services import (
    case_account_write,
    case_close,
    case_open,
    case_unit_accept,
    case_unit_decline,
    case_unit_invite,
    consent_record,
    consent_withdraw,
)
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def setting(district, rvt):
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    worker = factories.staff("handlaggare", rvt)
    ekb_worker = factories.staff("handlaggare", ekb)
    person = factories.person(first_name="Testa", last_name="Exempelsson")
    case = case_open(
        actor=worker,
        person=person,
        district=district,
        lead_unit=rvt,
        source="self",
        opened=TODAY - 30 * DAY,
    )
    return {
        "rvt": rvt,
        "ekb": ekb,
        "worker": worker,
        "ekb_worker": ekb_worker,
        "case": case,
        "person": person,
        "district": district,
    }


def kinds(case):
    return list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("kind", flat=True))


def test_opening_makes_the_lead_unit_take_part_with_the_opener_responsible(setting):
    case = setting["case"]

    part = CaseUnit.objects.get(case=case)
    assert (part.unit, part.status, part.joined, part.responsible) == (
        setting["rvt"],
        "active",
        TODAY - 30 * DAY,
        setting["worker"],
    )
    assert kinds(case) == ["opened"]
    assert CaseEvent.objects.get(case=case).data == {"source": "self"}


def test_a_second_open_case_in_the_same_district_is_refused(setting):
    with pytest.raises(ValidationError) as error:
        case_open(
            person=setting["person"],
            district=setting["district"],
            lead_unit=setting["rvt"],
            source="police",
            opened=TODAY,
        )

    assert error.value.messages == ["The person already has an open case in this district."]
    assert Case.objects.count() == 1


def test_opening_in_the_future_is_refused(district, rvt):
    with pytest.raises(ValidationError):
        case_open(
            person=factories.person(),
            district=district,
            lead_unit=rvt,
            source="self",
            opened=TODAY + DAY,
        )

    assert Case.objects.count() == 0


def test_lead_unit_of_another_district_is_refused(district):
    other_rvt = factories.UnitFactory(kind="rvt")

    with pytest.raises(ValidationError) as error:
        case_open(
            person=factories.person(),
            district=district,
            lead_unit=other_rvt,
            source="self",
            opened=TODAY,
        )

    assert error.value.message_dict == {"lead_unit": ["The lead unit belongs to another district."]}
    assert Case.objects.count() == 0


def test_a_later_case_is_linked_to_the_persons_latest_closed_case(setting):
    first = setting["case"]
    case_close(case=first, closed=TODAY - 10 * DAY, reason="goals_met")

    later = case_open(
        person=setting["person"],
        district=setting["district"],
        lead_unit=setting["rvt"],
        source="self",
        opened=TODAY,
    )

    assert later.previous_case == first
    assert kinds(later) == ["opened", "reopened_from"]


def test_consent_and_invitation_then_acceptance(setting):
    case, ekb = setting["case"], setting["ekb"]

    consent = consent_record(
        actor=setting["worker"],
        case=case,
        given=TODAY - 5 * DAY,
        form="written",
        purpose="Samordnat stöd",
        units=[ekb],
    )
    part = case_unit_invite(actor=setting["worker"], case=case, unit=ekb, invited=TODAY - 4 * DAY)
    case_unit_accept(
        actor=setting["ekb_worker"],
        part=part,
        joined=TODAY - 3 * DAY,
        responsible=setting["ekb_worker"],
    )

    part.refresh_from_db()
    assert (part.status, part.invited, part.joined, part.responsible) == (
        "active",
        TODAY - 4 * DAY,
        TODAY - 3 * DAY,
        setting["ekb_worker"],
    )
    assert list(consent.units.all()) == [ekb]
    assert kinds(case) == ["opened", "consent_recorded", "unit_invited", "unit_joined"]


def test_inviting_a_unit_without_consent_is_refused_and_changes_nothing(setting):
    with pytest.raises(ValidationError) as error:
        case_unit_invite(
            actor=setting["worker"], case=setting["case"], unit=setting["ekb"], invited=TODAY
        )

    assert error.value.message_dict == {"unit": ["The person's consent does not cover this unit."]}
    assert CaseUnit.objects.count() == 1
    assert kinds(setting["case"]) == ["opened"]


def test_inviting_the_lead_unit_or_twice_is_refused(setting):
    case, ekb = setting["case"], setting["ekb"]
    consent_record(actor=None, case=case, given=TODAY, form="oral", purpose="Stöd", units=[ekb])
    case_unit_invite(actor=None, case=case, unit=ekb, invited=TODAY)

    with pytest.raises(ValidationError):
        case_unit_invite(actor=None, case=case, unit=setting["rvt"], invited=TODAY)
    with pytest.raises(ValidationError):
        case_unit_invite(actor=None, case=case, unit=ekb, invited=TODAY)

    assert CaseUnit.objects.count() == 2


def test_accepting_after_consent_was_withdrawn_is_refused(setting):
    case, ekb = setting["case"], setting["ekb"]
    consent = consent_record(
        actor=None, case=case, given=TODAY - 2 * DAY, form="oral", purpose="Stöd", units=[ekb]
    )
    part = case_unit_invite(actor=None, case=case, unit=ekb, invited=TODAY - 2 * DAY)
    consent_withdraw(actor=None, consent=consent, withdrawn=TODAY - DAY)

    with pytest.raises(ValidationError) as error:
        case_unit_accept(
            actor=setting["ekb_worker"], part=part, joined=TODAY, responsible=setting["ekb_worker"]
        )

    # The withdrawal ended the invitation: the part shows as ended, not invited.
    assert error.value.messages == ["The invitation is no longer open."]
    part.refresh_from_db()
    assert (part.status, part.joined, part.left, part.end_reason) == (
        "left",
        None,
        TODAY - DAY,
        "consent_withdrawn",
    )


def test_the_responsible_case_worker_must_work_in_the_unit(setting):
    case, ekb = setting["case"], setting["ekb"]
    consent_record(actor=None, case=case, given=TODAY, form="oral", purpose="Stöd", units=[ekb])
    part = case_unit_invite(actor=None, case=case, unit=ekb, invited=TODAY)

    with pytest.raises(ValidationError) as error:
        case_unit_accept(
            actor=setting["ekb_worker"], part=part, joined=TODAY, responsible=setting["worker"]
        )

    assert error.value.message_dict == {
        "responsible": ["The responsible case worker must work in the unit."]
    }
    part.refresh_from_db()
    assert part.status == "invited"


def test_declining_an_invitation(setting):
    case, ekb = setting["case"], setting["ekb"]
    consent_record(actor=None, case=case, given=TODAY, form="oral", purpose="Stöd", units=[ekb])
    part = case_unit_invite(actor=None, case=case, unit=ekb, invited=TODAY)

    case_unit_decline(
        actor=setting["ekb_worker"], part=part, day=TODAY, reason="Utanför vårt uppdrag."
    )

    part.refresh_from_db()
    assert (part.status, part.left, part.decline_reason) == (
        "declined",
        TODAY,
        "Utanför vårt uppdrag.",
    )
    with pytest.raises(ValidationError):
        case_unit_accept(
            actor=setting["ekb_worker"], part=part, joined=TODAY, responsible=setting["ekb_worker"]
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"units": []}, {"units": ["Name at least one unit or partner the consent covers."]}),
        ({"given": TODAY + DAY}, {"given": ["The date cannot be in the future."]}),
        ({"expires": TODAY - 40 * DAY}, None),
    ],
)
def test_invalid_consent_is_refused(setting, fields, message):
    arguments = {
        "actor": None,
        "case": setting["case"],
        "given": TODAY - 30 * DAY,
        "form": "written",
        "purpose": "Stöd",
        "units": [setting["ekb"]],
    }
    arguments.update(fields)

    with pytest.raises(ValidationError) as error:
        consent_record(**arguments)

    if message:
        assert error.value.message_dict == message
    assert Consent.objects.count() == 0


def test_withdrawing_before_given_or_twice_is_refused(setting):
    consent = consent_record(
        actor=None,
        case=setting["case"],
        given=TODAY - 3 * DAY,
        form="oral",
        purpose="Stöd",
        units=[setting["ekb"]],
    )

    with pytest.raises(ValidationError):
        consent_withdraw(actor=None, consent=consent, withdrawn=TODAY - 4 * DAY)
    consent_withdraw(actor=None, consent=consent, withdrawn=TODAY)
    with pytest.raises(ValidationError):
        consent_withdraw(actor=None, consent=consent, withdrawn=TODAY)

    consent.refresh_from_db()
    assert consent.withdrawn == TODAY
    assert kinds(setting["case"]) == ["opened", "consent_recorded", "consent_withdrawn"]


def test_the_account_is_written_once_for_all_units(setting):
    case_account_write(
        actor=setting["worker"], case=setting["case"], account="  Syntetisk berättelse.  "
    )

    setting["case"].refresh_from_db()
    assert setting["case"].account == "Syntetisk berättelse."
    with pytest.raises(ValidationError):
        case_account_write(actor=setting["worker"], case=setting["case"], account="   ")


def test_closing_needs_a_reason_and_a_date_after_opening(setting):
    case = setting["case"]

    with pytest.raises(ValidationError) as error:
        case_close(case=case, closed=TODAY, reason="")
    assert error.value.message_dict == {"closure_reason": ["State why the case is closed."]}
    with pytest.raises(ValidationError):
        case_close(case=case, closed=case.opened - DAY, reason="moved")

    case.refresh_from_db()
    assert (case.closed, case.closure_reason) == (None, "")

    case_close(actor=setting["worker"], case=case, closed=TODAY, reason="moved")

    case.refresh_from_db()
    assert (case.closed, case.closure_reason) == (TODAY, "moved")
    with pytest.raises(ValidationError) as error:
        case_close(case=case, closed=TODAY, reason="moved")
    assert error.value.messages == ["The case is closed."]
    assert kinds(case) == ["opened", "closed"]


def test_a_closed_case_takes_no_new_consent_or_invitation(setting):
    case = setting["case"]
    case_close(case=case, closed=TODAY, reason="goals_met")

    with pytest.raises(ValidationError):
        consent_record(
            actor=None, case=case, given=TODAY, form="oral", purpose="Stöd", units=[setting["ekb"]]
        )

    assert Consent.objects.count() == 0


def test_screening_records_whether_the_unit_asked(setting):
    screening = screening_record(
        actor=setting["ekb_worker"],
        unit=setting["ekb"],
        date=TODAY,
        asked=True,
        outcome="positive",
        person=setting["person"],
    )

    assert (screening.asked, screening.outcome, screening.person) == (
        True,
        "positive",
        setting["person"],
    )


@pytest.mark.parametrize(
    ("asked", "outcome", "message"),
    [
        (True, "", {"outcome": ["State the outcome of the questions."]}),
        (
            False,
            "negative",
            {"outcome": ["There is no outcome when the questions were not asked."]},
        ),
    ],
)
def test_screening_outcome_exactly_when_asked(setting, asked, outcome, message):
    with pytest.raises(ValidationError) as error:
        screening_record(actor=None, unit=setting["ekb"], date=TODAY, asked=asked, outcome=outcome)

    assert error.value.message_dict == message
    assert Screening.objects.count() == 0


def test_a_meeting_partner_must_be_covered_by_consent(setting):
    from brytupp.cases.joint import meeting_record
    from brytupp.cases.models import Meeting
    from brytupp.organisation.models import Partner

    police = Partner.objects.create(code="polis-test", name="Polis Test", kind="police")

    with pytest.raises(ValidationError) as error:
        meeting_record(
            actor=setting["worker"],
            case=setting["case"],
            held=TODAY,
            units=[setting["rvt"]],
            partners=[police],
            minutes="Syntetiska anteckningar",
        )

    assert error.value.message_dict == {
        "partners": ["Only external partners that the person's consent covers can take part."]
    }
    assert Meeting.objects.count() == 0
    consent_record(
        actor=None,
        case=setting["case"],
        given=TODAY,
        form="oral",
        purpose="Polis",
        units=[],
        partners=[police],
    )

    meeting = meeting_record(
        actor=setting["worker"],
        case=setting["case"],
        held=TODAY,
        units=[setting["rvt"]],
        partners=[police],
        minutes="Syntetiska anteckningar",
    )

    assert list(meeting.partners.all()) == [police]


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (datetime.date(2020, 3, 15), datetime.date(2026, 3, 14), 5),
        (datetime.date(2020, 3, 15), datetime.date(2026, 3, 15), 6),
        (datetime.date(2020, 2, 29), datetime.date(2026, 2, 28), 5),
        (datetime.date(2020, 2, 29), datetime.date(2026, 3, 1), 6),
        (datetime.date(2020, 2, 29), datetime.date(2028, 2, 29), 8),
        (datetime.date(2008, 11, 24), datetime.date(2026, 11, 23), 17),
    ],
)
def test_age_in_completed_years(born, on, age):
    from brytupp.interventions.models import age_on

    assert age_on(born, on) == age


def test_a_refused_opening_is_never_the_case_a_later_one_is_linked_to(setting):
    first = setting["case"]
    case_close(case=first, closed=TODAY - 10 * DAY, reason="goals_met")
    refused = case_open(
        person=setting["person"],
        district=setting["district"],
        lead_unit=setting["rvt"],
        source="self",
        opened=TODAY - 5 * DAY,
        acceptance=CaseAcceptance.REFUSED,
    )
    case_close(case=refused, closed=TODAY - 4 * DAY, reason=ClosureReason.OPENING_REFUSED)

    later = case_open(
        person=setting["person"],
        district=setting["district"],
        lead_unit=setting["rvt"],
        source="self",
        opened=TODAY,
    )

    assert later.previous_case == first
