"""The delegationsordning as data (decision 0041): ``policies.delegation_held`` is the one
place that says who may decide what, and Stockholm's configuration seeds its example."""

import datetime

import pytest
from django.core.management import call_command

from brytupp.access import policies
from brytupp.interventions.models import Delegation, LegalGround
from brytupp.organisation.models import Role, Unit
from brytupp.organisation.services import organisation_load_stockholm
from tests import factories

from .conftest import DAY, TODAY, member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "intervention", "outcome", "line"),
    [
        ("worker", "stodsamtal_individuellt", "bifall", "talks"),
        ("worker", "tillfalligt_boende", "bifall", "housing"),
        ("worker", "stodsamtal_individuellt", "avslag", None),
        ("worker", "stodsamtal_individuellt", "delvis_bifall", None),
        ("worker", "skyddat_boende", "bifall", None),
        ("worker", "", "bifall", None),
        ("manager", "skyddat_boende", "avslag", "manager"),
        ("manager", "stodsamtal_individuellt", "delvis_bifall", "manager"),
        ("manager", "", "avslag", "manager"),
        ("outsider", "skyddat_boende", "bifall", None),
        ("ekb_worker", "ekonomiskt_stod", "bifall", None),
    ],
)
def test_who_holds_a_delegation_in_the_unit(world, who, intervention, outcome, line):
    held = policies.delegation_held(world[who], world["rvt"], intervention, outcome, TODAY)

    assert held == (world["lines"][line] if line else None)


def test_a_line_for_the_intervention_comes_before_a_line_for_every_intervention(world):
    specific = Delegation.objects.create(
        unit=world["rvt"],
        role=Role.ENHETSCHEF,
        intervention="skyddat_boende",
        may_refuse=True,
        valid_from=TODAY - 10 * DAY,
    )

    assert (
        policies.delegation_held(world["manager"], world["rvt"], "skyddat_boende", "avslag", TODAY)
        == specific
    )


def test_a_line_that_ended_or_a_membership_not_approved_gives_nothing(world):
    Delegation.objects.filter(pk=world["lines"]["talks"].pk).update(valid_to=TODAY - DAY)
    proposed = member(Role.HANDLAGGARE, world["rvt"])
    proposed.memberships.update(status="proposed")

    assert (
        policies.delegation_held(
            world["worker"], world["rvt"], "stodsamtal_individuellt", "bifall", TODAY
        )
        is None
    )
    assert (
        policies.delegation_held(
            world["worker"], world["rvt"], "stodsamtal_individuellt", "bifall", TODAY - DAY
        )
        == world["lines"]["talks"]
    )
    assert (
        policies.delegation_held(proposed, world["rvt"], "tillfalligt_boende", "bifall", TODAY)
        is None
    )


def test_stockholms_configuration_seeds_the_old_acts_ground_and_each_rvts_example_lines():
    counts = organisation_load_stockholm()

    assert (counts["legal_grounds"], counts["delegations"]) == (1, 48)
    ground = LegalGround.objects.get()
    assert (ground.code, ground.law, ground.provision, ground.label) == (
        "sol-2001-453-4-1",
        "Socialtjänstlagen (2001:453)",
        "4 kap. 1 §",
        "Rätt till bistånd",
    )
    assert (ground.valid_from, ground.valid_to, ground.appealable) == (
        datetime.date(2002, 1, 1),
        datetime.date(2025, 6, 30),
        True,
    )
    farsta = Unit.objects.get(code="farsta-rvt")
    assert sorted(
        Delegation.objects.filter(unit=farsta).values_list(
            "role", "intervention", "may_refuse", "valid_from"
        )
    ) == [
        ("enhetschef", "", True, datetime.date(2023, 7, 1)),
        ("handlaggare", "stodsamtal_grupp", False, datetime.date(2023, 7, 1)),
        ("handlaggare", "stodsamtal_individuellt", False, datetime.date(2023, 7, 1)),
        ("handlaggare", "tillfalligt_boende", False, datetime.date(2023, 7, 1)),
    ]
    # Socialjouren decides the emergency housing after hours (decision 0042).
    assert sorted(
        Delegation.objects.exclude(unit__kind="rvt").values_list(
            "unit__code", "role", "intervention", "may_refuse"
        )
    ) == [
        ("socialjouren", "enhetschef", "skyddat_boende", True),
        ("socialjouren", "enhetschef", "tillfalligt_boende", True),
        ("socialjouren", "handlaggare", "skyddat_boende", False),
        ("socialjouren", "handlaggare", "tillfalligt_boende", False),
    ]


def test_loading_again_keeps_what_the_administrator_changed():
    organisation_load_stockholm()
    LegalGround.objects.update(label="Bistånd enligt äldre lag")
    before = Delegation.objects.count()

    call_command("load_organisation")

    assert LegalGround.objects.get().label == "Bistånd enligt äldre lag"
    assert Delegation.objects.count() == before == 48


# --- Django admin: the organisation's data, for the system administrator -----------------------


@pytest.mark.parametrize("role", ["systemforvaltare", "enhetschef", "handlaggare", "analytiker"])
def test_only_the_system_administrator_administers_grounds_and_delegations(role):
    user = factories.staff(role, factories.UnitFactory())
    administrator = role == "systemforvaltare"

    assert policies.may_administer_model(user, "interventions", "legalground") is administrator
    assert policies.may_administer_model(user, "interventions", "delegation") is administrator
    assert policies.may_administer_model(user, "interventions") is administrator
    assert policies.may_administer_model(user, "interventions", "decision") is False
    assert policies.may_administer_model(user, "interventions", "applicationdecision") is False
    assert user.has_perm("interventions.change_legalground") is administrator
    assert user.has_perm("interventions.view_application") is False


def test_the_admin_lists_grounds_and_delegations_and_no_case_content(client, grounds):
    administrator = factories.staff("systemforvaltare", factories.UnitFactory(district=None))
    factories.sign_in(client, administrator)

    index = client.get("/admin/").content.decode()
    listed = client.get("/admin/interventions/legalground/")

    assert "/admin/interventions/legalground/" in index
    assert "/admin/interventions/delegation/" in index
    assert "/admin/interventions/decision/" not in index
    assert "/admin/interventions/application" not in index
    assert listed.status_code == 200
    assert "Socialtjänstlagen (2001:453)" in listed.content.decode()
    # Never deleted: the admin offers no deletion.
    change = client.get(f"/admin/interventions/legalground/{grounds['old'].pk}/change/")
    assert change.status_code == 200
    assert "/delete/" not in change.content.decode()
    assert (
        client.get(f"/admin/interventions/legalground/{grounds['old'].pk}/delete/").status_code
        == 403
    )


def test_a_case_worker_finds_no_admin_of_grounds(client, grounds):
    factories.sign_in(client, factories.staff("handlaggare", factories.UnitFactory()))

    response = client.get("/admin/interventions/legalground/")

    assert response.status_code == 404
    assert "Socialtjänstlagen" not in response.content.decode()
