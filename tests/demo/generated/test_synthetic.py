"""The synthetic demo data, generated once for this module with a fixed ``today``."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from brytupp.access import policies
from brytupp.cases.models import Case, CaseUnit, ClosureReason, ThreatPerson
from brytupp.demo.identities import FICTITIOUS_LAST_NAMES, years_before
from brytupp.demo.plan import history_start
from brytupp.demo.staff import CASE_UNIT_KINDS, COLLEAGUE_UNITS, DEMO_LOGINS
from brytupp.demo.synthetic import DemoSummary
from brytupp.organisation.models import District, Membership, User
from brytupp.people.identity_number import parse_identity_number
from brytupp.people.models import Guardianship, IdentityKind, Person
from brytupp.people.names import person_name
from brytupp.people.presentation import person_display_number
from brytupp.people.sealing import unseal

from .conftest import PASSWORD, TODAY

# One worker reads the demo the package generates once (``--dist loadgroup``).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def _age(birth_date: datetime.date, on: datetime.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def test_generator_reports_exactly_what_it_created(demo):
    assert demo == DemoSummary(
        persons=425,
        children=60,
        cases=399,
        open_cases=129,
        users=97,
        consents=240,
        consents_withdrawn=3,
        invitations_pending=21,
        invitations_declined=11,
        accounts=133,
        meetings=97,
        needs_assessments=132,
        plan_actions=97,
        decisions=429,
        decisions_short_protected_housing=37,
        placements=57,
        placements_ongoing=11,
        placed_children=31,
        follow_ups=237,
        shis_referrals=31,
        sips=30,
        screenings=654,
        plan_actions_overdue=22,
        placement_follow_ups_overdue=1,
        schoolings_overdue=5,
        sip_follow_ups_overdue=6,
    )
    # And the two other parents linked as a child's guardian and the case's threat person.
    assert Person.objects.count() == 425
    assert Guardianship.objects.values("child").distinct().count() == 60
    # The plan's 396, the one handed over to Södermalm (``demo.handovers``) and the two opened
    # through acceptance (decision 0016).
    assert Case.objects.count() == 399
    assert Case.objects.filter(closed__isnull=True).count() == 129
    assert User.objects.count() == 97


def test_every_current_district_has_cases_farsta_and_sodermalm_the_most(demo):
    per_district = Counter(Case.objects.values_list("district__code", flat=True))

    current = set(District.objects.filter(valid_to__isnull=True).values_list("code", flat=True))
    assert set(per_district) == current
    assert len(current) == 11
    assert per_district == {
        "sodermalm": 51,  # one handed over from Farsta
        "farsta": 47,
        "hagersten-alvsjo": 37,
        "hasselby-vallingby": 36,
        "skarholmen": 36,
        "skarpnack": 34,
        "norra-innerstaden": 33,
        "kungsholmen": 32,
        "bromma": 31,
        "enskede-arsta-vantor": 31,
        "jarva": 31,
    }
    most = sorted(per_district, key=per_district.__getitem__, reverse=True)
    assert set(most[:2]) == {"farsta", "sodermalm"}


def test_cases_opened_in_the_last_five_years_led_by_the_district_rvt(demo):
    cases = Case.objects.select_related("district", "lead_unit")

    # From 1 January five years before this year: the effect-goal trend's five years (this
    # year up to today and the same days of the four years before) and the year before them,
    # which its change in referrals compares with.
    assert history_start(TODAY) == datetime.date(2021, 1, 1)
    assert history_start(TODAY) <= min(case.opened for case in cases) <= datetime.date(2021, 3, 15)
    assert max(case.opened for case in cases) <= TODAY
    assert {case.lead_unit.code for case in cases} == {
        f"{code}-rvt"
        for code in District.objects.filter(valid_to__isnull=True).values_list("code", flat=True)
    }
    assert all(case.lead_unit.code == f"{case.district.code}-rvt" for case in cases)
    # A district that began on 1 July 2023 has no case from before.
    assert all(
        case.opened >= case.district.valid_from for case in cases if case.district.valid_from
    )


def test_sources_are_mostly_self_police_socialjour_and_healthcare(demo):
    sources = Counter(Case.objects.values_list("source", flat=True))

    assert sources == {
        "self": 126,
        "police": 79,
        "socialjour": 60,
        "healthcare": 43,
        "school": 23,
        "other_unit": 21,
        "civil_society": 16,
        "rvc_fri_yta": 15,
        "other_municipality": 10,
        "other": 6,
    }


def test_every_closed_case_has_a_reason_and_closed_between_opening_and_today(demo):
    closed = Case.objects.filter(closed__isnull=False)

    assert closed.count() == 270
    assert all(case.opened <= case.closed <= TODAY for case in closed)
    assert Counter(closed.values_list("closure_reason", flat=True)) == {
        ClosureReason.GOALS_MET: 107,
        ClosureReason.PERSON_DECLINED: 50,
        ClosureReason.NO_CONTACT: 44,
        ClosureReason.MOVED: 40,
        ClosureReason.OTHER: 29,
    }
    # The older the case, the likelier it is closed: hardly any open after three years.
    three_years_ago = TODAY - datetime.timedelta(days=3 * 365)
    old = Case.objects.filter(opened__lt=three_years_ago)
    assert old.filter(closed__isnull=True).count() < 0.1 * old.count()
    assert not Case.objects.filter(closed__isnull=True).exclude(closure_reason="").exists()


def test_reopened_cases_follow_a_closed_case_of_the_same_person(demo):
    reopened = list(
        Case.objects.filter(previous_case__isnull=False).select_related("previous_case")
    )
    gaps = [(case.opened - case.previous_case.closed).days for case in reopened]

    assert len(reopened) == 34
    assert all(case.previous_case.person_id == case.person_id for case in reopened)
    assert all(case.previous_case.district_id == case.district_id for case in reopened)
    assert all(gap > 0 for gap in gaps)
    assert sum(gap <= 365 for gap in gaps) == 25
    assert sum(gap > 365 for gap in gaps) == 9
    assert Person.objects.filter(cases__isnull=False).distinct().count() == 363


def test_other_units_of_the_district_join_on_or_after_the_opening(demo):
    # Not the earlier lead unit's part of the case handed over to another district, nor the
    # receiving unit's (test_journey.py).
    handed_over = Case.objects.filter(transfers__status="accepted")
    parts = (
        CaseUnit.objects.exclude(unit=F("case__lead_unit"))
        .exclude(case__in=handed_over)
        .select_related("case", "unit")
    )
    joined = parts.filter(joined__isnull=False)

    assert Counter(part.unit.kind for part in joined.filter(status="active")) == {
        "ekonomiskt_bistand": 116,
        "barn_unga": 33,
        "vuxen_beroende": 29,
    }
    assert all(part.unit.district_id == part.case.district_id for part in parts)
    assert all(part.case.opened <= part.joined <= (part.case.closed or TODAY) for part in joined)
    # Only a unit that declined its invitation, or whose part ended when the person withdrew
    # their consent, has left.
    assert all((part.left is None) == (part.status not in ("declined", "left")) for part in parts)
    assert Counter(parts.exclude(left=None).values_list("status", flat=True)) == {
        "declined": 11,
        "left": 3,
    }
    lead_parts = (
        CaseUnit.objects.filter(unit=F("case__lead_unit"))
        .exclude(case__in=handed_over)
        .select_related("case")
    )
    assert lead_parts.count() == 398
    assert all(part.joined == part.case.opened for part in lead_parts)


def test_identity_numbers_are_valid_unique_and_agree_with_birth_date_and_sex(demo):
    persons = list(Person.objects.all())
    numbered = [person for person in persons if person.identity_kind != IdentityKind.RESERVE]

    assert Counter(person.identity_kind for person in persons) == {
        IdentityKind.PERSONNUMMER: 383,
        IdentityKind.SAMORDNINGSNUMMER: 17,
        IdentityKind.RESERVE: 25,
    }
    values = [unseal(person.identity_number_sealed) for person in numbered]
    assert len(set(values)) == len(values) == 400
    for person, value in zip(numbered, values, strict=True):
        number = parse_identity_number(value, today=TODAY)
        assert number.value == value
        assert number.kind == person.identity_kind
        assert number.birth_date == person.birth_date
        if person.gender in ("female", "male"):
            assert int(value[10]) % 2 == (person.gender == "male")
    unprotected = [person for person in numbered if not person.is_protected]
    assert len(unprotected) == 377
    for person in unprotected:
        shown = person_display_number(person)
        assert parse_identity_number(shown, today=TODAY).birth_date == person.birth_date
    assert all(
        all(person_name(person))  # sealed for a protected identity (decision 0022)
        for person in persons
        if person.identity_kind == IdentityKind.RESERVE
    )


def test_persons_are_visibly_fictitious_and_mostly_women(demo):
    persons = Person.objects.all()

    assert {person_name(person)[1] for person in persons} <= set(FICTITIOUS_LAST_NAMES)
    # Protected, the name is sealed: in the row neither name nor surname is left in clear.
    assert set(
        persons.exclude(protected_identity="none").values_list("first_name", "last_name")
    ) == {("", "")}
    adults = Person.objects.filter(pk__in=Case.objects.values("person"))
    assert Counter(adults.values_list("gender", flat=True)) == {
        "female": 297,
        "male": 50,
        "unknown": 9,
        "other": 7,
    }


def test_protected_identity_at_every_level(demo):
    protected = Counter(
        Person.objects.exclude(protected_identity="none").values_list(
            "protected_identity", flat=True
        )
    )

    assert protected == {
        "sekretessmarkering": 11,
        "skyddad_folkbokforing": 9,
        "fingerade_personuppgifter": 4,
    }


def test_adults_are_18_to_80_and_were_adults_when_their_first_case_opened(demo):
    adults = Person.objects.filter(cases__isnull=False).distinct().prefetch_related("cases")

    ages = [_age(person.birth_date, TODAY) for person in adults]
    assert min(ages) >= 18
    assert max(ages) <= 80
    assert all(
        _age(person.birth_date, min(case.opened for case in person.cases.all())) >= 18
        for person in adults
    )


def test_children_are_minors_linked_to_a_guardian_with_a_case(demo):
    children = Person.objects.filter(guardianships__isnull=False).distinct()
    links = Guardianship.objects.select_related("child", "guardian")

    assert children.count() == 60
    assert not children.filter(cases__isnull=False).exists()
    assert all(0 <= _age(child.birth_date, TODAY) <= 17 for child in children)
    assert links.count() == 62
    assert links.values("guardian").distinct().count() == 46
    # Two children's other parent is linked as guardian and as the threat person of the
    # parent's case (the child's support: not asked), with no case of their own.
    other_parents = links.filter(guardian__cases__isnull=True)
    assert other_parents.count() == 2
    assert all(
        ThreatPerson.objects.filter(
            person=link.guardian,
            case__person__in=links.filter(child=link.child).values("guardian"),
        ).exists()
        for link in other_parents
    )
    assert all(link.guardian.cases.exists() for link in links.exclude(pk__in=other_parents))
    assert all(
        link.child.birth_date >= years_before(link.guardian.birth_date, -18) for link in links
    )
    assert all(link.child.protected_identity == link.guardian.protected_identity for link in links)


@pytest.mark.parametrize("login", DEMO_LOGINS, ids=lambda login: login.username)
def test_every_demo_login_has_its_role_in_its_unit_today(demo, login):
    user = User.objects.get(username=login.username)

    membership = Membership.objects.valid_on(TODAY).get(user=user)
    assert (membership.unit.code, membership.role) == (login.unit_code, login.role)
    assert membership.valid_from == years_before(TODAY, 2)
    assert membership.valid_to is None
    assert user.first_name == "Demo"
    assert user.last_name == login.last_name
    assert user.check_password(PASSWORD)


LOGIN_ONLY_UNITS = ("socialforvaltningen-stab", "socialjouren", "farsta-stab")


def test_colleagues_fill_staff_lists_and_one_left_last_month(demo):
    per_unit = Counter(Membership.objects.values_list("unit__code", flat=True))
    ended = Membership.objects.filter(valid_to__isnull=False)

    assert {code: count for code, count in per_unit.items() if code in COLLEAGUE_UNITS} == {
        "farsta-rvt": 6,
        "farsta-ekonomiskt_bistand": 4,
        "sodermalm-rvt": 3,
        "sodermalm-ekonomiskt_bistand": 3,
        "jarva-rvt": 2,
        "jarva-ekonomiskt_bistand": 3,
    }
    others = {code: count for code, count in per_unit.items() if code not in COLLEAGUE_UNITS}
    assert {code: others.pop(code) for code in LOGIN_ONLY_UNITS} == {
        "socialforvaltningen-stab": 2,
        "socialjouren": 1,
        "farsta-stab": 1,
    }
    # Every district's units that lead or join cases have one to three case workers.
    districts = District.objects.filter(valid_to__isnull=True).values_list("code", flat=True)
    assert set(others) == {
        f"{district}-{kind}" for district in districts for kind in CASE_UNIT_KINDS
    } - set(COLLEAGUE_UNITS)
    # Farsta's barn och unga: its case worker and the login farsta.bou.
    assert Counter(others.values()) == {1: 18, 2: 6, 3: 14}
    assert [(m.unit.code, m.valid_to) for m in ended] == [
        ("farsta-rvt", datetime.date(2026, 2, 28))
    ]
    assert not Membership.objects.valid_on(TODAY).filter(pk=ended.get().pk).exists()
    colleagues = User.objects.exclude(username__in=[login.username for login in DEMO_LOGINS])
    assert not any(user.has_usable_password() for user in colleagues)


@pytest.mark.parametrize(
    ("username", "visible", "open_", "open_protected"),
    [
        ("farsta.rvt", 47, 18, 2),
        ("farsta.chef", 47, 18, 2),
        ("farsta.ekb", 14, 6, 1),
        ("sodermalm.rvt", 51, 17, 2),
        ("socialjouren", 0, 0, 0),
        ("stad.analytiker", 0, 0, 0),
    ],
)
def test_demo_logins_see_their_units_cases(demo, username, visible, open_, open_protected):
    cases = policies.cases.queryset(User.objects.get(username=username))

    assert cases.count() == visible
    assert cases.filter(closed__isnull=True).count() == open_
    protected = cases.filter(closed__isnull=True).exclude(person__protected_identity="none")
    assert protected.count() == open_protected


def test_support_talks_are_given_by_the_rvc_serving_the_district(demo):
    from brytupp.followup.equality import equality_report
    from brytupp.interventions.models import SUPPORT_TALKS, Decision

    talks = Decision.objects.filter(intervention__in=SUPPORT_TALKS).select_related(
        "provider", "case"
    )
    assert talks.count() > 50
    for decision in talks:
        assert decision.provider.kind == "rvc"
        # The district the case had when it was decided: before a hand-over, the earlier one.
        handed = decision.case.transfers.filter(status="accepted", answered_on__gt=decision.decided)
        district = handed.first().from_district if handed else decision.case.district
        assert district in decision.provider.served_districts.all()
    report = equality_report(date_from=years_before(TODAY, 1), date_to=TODAY)
    current = District.objects.valid_on(TODAY).values_list("code", flat=True)
    for code in current:
        figure = report["districts"][code]["rvc_support_talk_wait"]
        assert figure["decisions"] > 0, code
        assert 0 <= figure["median_days"] <= 5, code


def test_a_start_on_the_generated_demo_keeps_it_and_prints_no_persons_name(
    demo, settings, tmp_path
):
    """The demo command on the demo generated here: the data kept, the logins printed, and
    nothing of a person (the command's own test stands in for the generation)."""
    settings.STATIC_ROOT = tmp_path / "static"
    out = StringIO()
    call_command("demo", "--no-serve", "--password", PASSWORD, stdout=out)

    output = out.getvalue()
    assert f"Demo data already exist ({Case.objects.count()} cases): kept." in output
    assert Case.objects.count() >= 290
    assert all(name not in output for name in FICTITIOUS_LAST_NAMES)
    assert User.objects.get(username="farsta.rvt").check_password(PASSWORD)
