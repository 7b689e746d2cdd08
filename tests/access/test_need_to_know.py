"""Need to know within a case (decision 0021), tried through the real pages by each unit.

- A unit only invited reads the invitation: who invites, the consent's purpose and scope, the
  day invited — never the account, the minutes, the plan, the decisions, the placements, the
  children or the timeline; its case page sends it to the invitation.
- Where the person is placed (the protected housing's name, also a housing decision's
  provider) is shown to the lead unit and to the units that made or provide the housing
  decision; to every other unit taking part as "Housing withheld"; for a protected identity
  to no one, except through a reveal by a unit that needs it.
- Children placed with the parent are named only to units that take part, and masked with a
  protected parent.

Every name here is made up."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from brytupp.access import policies
from brytupp.cases.joint import meeting_record
from brytupp.cases.services import (
    case_account_write,
    case_unit_invite,
    case_unit_join,
    consent_record,
)
from brytupp.interventions.services import ChildPlaced, decision_make, placement_start
from brytupp.people.services import guardian_link
from brytupp.plans.services import plan_action_add
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
ACCOUNT = "Berättelsen om flykten 4720"
MINUTES = "Hemligt protokoll 4721"
PLAN = "Ansöka om förtur 4722"
HOUSING = "Kvinnohuset Fyren 4723"
PURPOSE = "Stöd till barnen 4724"
CHILD = "Lillan"
PERSON = ("Fejka", "Påhittadsson")
# What an invited unit must not read, anywhere on its pages.
CONTENT = (ACCOUNT, MINUTES, PLAN, HOUSING, CHILD)
WITHHELD = "Housing withheld"


@pytest.fixture(autouse=True)
def english(client):
    """Pages are asserted by their msgids, whatever the Swedish catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def make_world(district, rvt, *, protected: str = "none"):
    """A case led by the RVT; adult social care decided the protected housing and takes part;
    financial assistance takes part; children and young people are invited."""
    unit = factories.UnitFactory
    vuxen = unit(district=district, kind="vuxen_beroende", name="Vuxenenheten Test")
    ekb = unit(district=district, kind="ekonomiskt_bistand", name="Ekonomiskt bistånd Test")
    barn = unit(district=district, kind="barn_unga", name="Barn och unga Test")
    lead = factories.staff("handlaggare", rvt, first_name="Rut", last_name="Ledsson")
    person = factories.person(
        first_name=PERSON[0],
        last_name=PERSON[1],
        birth_date=datetime.date(1985, 3, 4),
        protected_identity=protected,
    )
    child = factories.person(
        first_name=CHILD, last_name=PERSON[1], birth_date=datetime.date(2017, 1, 1)
    )
    guardian_link(child=child, guardian=person)
    case = factories.case(person_=person, unit=rvt, opened=TODAY - 30 * DAY, actor=lead)
    case.case_units.filter(unit=rvt).update(responsible=lead)
    case_account_write(actor=lead, case=case, account=ACCOUNT)
    consent_record(
        actor=lead,
        case=case,
        given=TODAY - 29 * DAY,
        expires=TODAY + 300 * DAY,
        form="written",
        purpose=PURPOSE,
        units=[vuxen, ekb, barn],
    )
    for joining in (vuxen, ekb):
        case_unit_join(case=case, unit=joining, joined=TODAY - 28 * DAY, actor=lead)
    vuxen_worker = factories.staff("handlaggare", vuxen)
    meeting_record(actor=lead, case=case, held=TODAY - 20 * DAY, units=[rvt], minutes=MINUTES)
    plan_action_add(actor=lead, case=case, description=PLAN, responsible_unit=rvt, due=TODAY)
    decision = decision_make(
        actor=vuxen_worker,
        case=case,
        intervention="skyddat_boende",
        decided=TODAY - 6 * DAY,
        start=TODAY - 5 * DAY,
        end=TODAY + 60 * DAY,
        provider_name=HOUSING,
    )
    placement = placement_start(
        actor=vuxen_worker,
        case=case,
        start=TODAY - 5 * DAY,
        provider=HOUSING,
        decision=decision,
        children=[ChildPlaced(child=child)],
    )
    invited = case_unit_invite(actor=lead, case=case, unit=barn, invited=TODAY - 2 * DAY)
    return {
        "case": case,
        "person": person,
        "placement": placement,
        "invited_part": invited,
        "lead": lead,
        "decider": vuxen_worker,
        "ekb": factories.staff("handlaggare", ekb),
        "invited": factories.staff("handlaggare", barn, first_name="Bea", last_name="Barnsson"),
    }


@pytest.fixture
def world(district, rvt):
    return make_world(district, rvt)


@pytest.fixture
def protected_world(district, rvt):
    return make_world(district, rvt, protected="skyddad_folkbokforing")


def page(client, user, name, *args, **headers) -> str:
    factories.sign_in(client, user)
    response = client.get(reverse(name, args=args), follow=True, **headers)
    assert response.status_code == 200
    return response.content.decode()


def case_page(client, user, case, **headers) -> str:
    return page(client, user, "cases:detail", case.public_id, **headers)


# --- before acceptance -------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, {"HTTP_HX_REQUEST": "true"}], ids=["page", "htmx"])
def test_an_invited_units_case_page_is_the_invitation_without_the_cases_content(
    client, world, headers
):
    factories.sign_in(client, world["invited"])
    case = world["case"]

    response = client.get(reverse("cases:detail", args=[case.public_id]), follow=True, **headers)

    body = response.content.decode()
    assert response.redirect_chain == [(reverse("cases:invitation", args=[case.public_id]), 302)]
    assert [text for text in CONTENT if text in body] == []
    assert "Relationsvåldsteamet Test" in body  # who invites
    assert "Rut Ledsson" in body  # the lead's responsible case worker
    assert PURPOSE in body
    assert "Barn och unga Test<br>Ekonomiskt bistånd Test<br>Vuxenenheten Test" in body
    assert (TODAY + 300 * DAY).isoformat() in body  # the consent's validity
    assert (TODAY - 2 * DAY).isoformat() in body  # the day invited
    assert "Fejka Påhittadsson" in body  # the person, as the unit sees them once it takes part


def test_the_invitation_masks_a_protected_person(client, protected_world):
    body = page(
        client, protected_world["invited"], "cases:invitation", protected_world["case"].public_id
    )

    assert "Protected identity" in body
    assert [text for text in (*CONTENT, *PERSON) if text in body] == []


def test_an_invited_units_overview_reads_nothing_of_the_case(world):
    from brytupp.cases.overview import case_overview

    overview = case_overview(actor=world["invited"], public_id=world["case"].public_id)

    assert overview.invitation_only is True
    assert (overview.meetings, overview.plan_actions, overview.decisions) == ([], [], [])
    assert (overview.placements, overview.events, overview.assessments) == ([], [], [])
    assert "account" in overview.case.get_deferred_fields()
    assert [part.unit.name for part in overview.parts] == [
        "Relationsvåldsteamet Test",
        "Barn och unga Test",
    ]


# --- after acceptance --------------------------------------------------------------------------


def test_after_accepting_the_unit_reads_minutes_and_children_but_not_the_housing(client, world):
    factories.sign_in(client, world["invited"])
    accepted = client.post(
        reverse("cases:invitation", args=[world["case"].public_id]),
        {"action": "accept", "responsible": world["invited"].pk, "joined": TODAY.isoformat()},
    )
    assert accepted.status_code == 302

    body = case_page(client, world["invited"], world["case"])

    assert ACCOUNT in body
    assert MINUTES in body
    assert f'<td class="govuk-table__cell">{CHILD} {PERSON[1]}</td>' in body
    assert HOUSING not in body
    assert f'<dd class="govuk-summary-list__value" data-field="housing">{WITHHELD}</dd>' in body
    assert f'<td class="govuk-table__cell">{WITHHELD}</td>' in body  # the decision's provider


@pytest.mark.parametrize("who", ["lead", "decider"])
def test_the_lead_and_the_deciding_unit_see_where_the_person_is_placed(client, world, who):
    body = case_page(client, world[who], world["case"])

    assert f'<dd class="govuk-summary-list__value" data-field="housing">{HOUSING}</dd>' in body
    assert f'<td class="govuk-table__cell">{HOUSING}</td>' in body
    assert WITHHELD not in body


def test_a_unit_taking_part_without_need_never_sees_the_housing_on_any_page(client, world):
    case, placement = world["case"], world["placement"]
    pages = [
        ("cases:detail", case.public_id),
        ("cases:placement_end", case.public_id, placement.public_id),
        ("cases:placement_child_add", case.public_id, placement.public_id),
        ("cases:follow_up_add", case.public_id),
    ]

    bodies = [page(client, world["ekb"], name, *args) for name, *args in pages]

    assert [HOUSING in body for body in bodies] == [False, False, False, False]
    assert [WITHHELD in body for body in bodies] == [True, True, True, True]


def test_the_lead_sees_the_housing_on_the_placement_pages(client, world):
    case, placement = world["case"], world["placement"]

    ended = page(client, world["lead"], "cases:placement_end", case.public_id, placement.public_id)
    follow_up = page(client, world["lead"], "cases:follow_up_add", case.public_id)

    assert f"Placement from {placement.start.isoformat()}, {HOUSING}" in ended
    assert f"Placement from {placement.start.isoformat()}, {HOUSING}" in follow_up


# --- a protected person -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["lead", "decider", "ekb"])
def test_a_protected_persons_housing_and_children_are_masked_for_every_unit(
    client, protected_world, who
):
    body = case_page(client, protected_world[who], protected_world["case"])

    assert [text for text in (HOUSING, CHILD, *PERSON) if text in body] == []
    assert f'<dd class="govuk-summary-list__value" data-field="housing">{WITHHELD}</dd>' in body
    assert '<td class="govuk-table__cell">Protected identity</td>' in body  # the child


@pytest.mark.parametrize(("who", "shown"), [("lead", True), ("decider", True), ("ekb", False)])
def test_the_reveal_shows_the_housing_only_to_a_unit_that_needs_it(
    client, protected_world, who, shown
):
    factories.sign_in(client, protected_world[who])

    response = client.post(
        reverse("cases:identity_reveal", args=[protected_world["case"].public_id]),
        {"reason": "Flytten kräver boendets namn"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Fejka Påhittadsson" in body
    assert (f'data-field="housing">{HOUSING}</dd>' in body) is shown
    assert (HOUSING in body) is shown


# --- the rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "withheld"),
    [("lead", False), ("decider", False), ("ekb", True), ("invited", True), ("nobody", True)],
)
def test_placement_location_withheld_for_each_part(world, who, withheld):
    case, placement = world["case"], world["placement"]
    part = None if who == "nobody" else policies.acting_part(world[who], case)

    assert policies.placement_location_withheld(case, part, decision=placement.decision) is withheld


@pytest.mark.parametrize("who", ["lead", "decider", "ekb", "invited", "nobody"])
def test_placement_location_is_withheld_from_everyone_for_a_protected_person(protected_world, who):
    case, placement = protected_world["case"], protected_world["placement"]
    part = None if who == "nobody" else policies.acting_part(protected_world[who], case)

    assert policies.placement_location_withheld(case, part, decision=placement.decision) is True


def test_a_support_decisions_provider_is_not_a_location(world):
    decision = decision_make(
        actor=world["lead"],
        case=world["case"],
        intervention="stodsamtal_individuellt",
        decided=TODAY,
        start=TODAY,
        provider_name="RVC Test",
    )
    part = policies.acting_part(world["ekb"], world["case"])

    assert policies.decision_provider_withheld(world["case"], part, decision) is False
