"""The housing checklist in Django admin (decision 0046), through the admin's own pages as the
system administrator uses them: a district adds its own steps, replaces a city step by giving
its own the same code, takes a step out of new plans by making it inactive; a step is never
deleted; ``code``, ``district`` and ``kind`` are fixed once saved. Plans made earlier keep
their steps. No one else reaches these pages, and they show no case content."""

import pytest

from brytupp.access import policies
from brytupp.housing.models import HousingPlanStep, HousingStepTemplate
from brytupp.housing.plan import housing_plan_open, housing_steps_for
from brytupp.interventions.services import placement_start
from tests import factories

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/housing/housingsteptemplate/"
ADD = CHANGELIST + "add/"


def change_url(step) -> str:
    return f"{CHANGELIST}{step.pk}/change/"


@pytest.fixture
def administrator(client, world):
    user = factories.staff("systemforvaltare", factories.UnitFactory(district=None))
    factories.sign_in(client, user)
    return user


def city(code: str) -> HousingStepTemplate:
    return HousingStepTemplate.objects.get(code=code, district=None)


def codes(district) -> list[tuple[str, int | None]]:
    return [(step.code, step.district_id) for step in housing_steps_for(district)]


def add(client, **fields):
    data = {"order": "15", "kind": "plain", "active": "on", "_save": "Save", **fields}
    return client.post(ADD, data)


def new_plan(world):
    """A plan made today for a new placement in the world's case."""
    placement = placement_start(actor=world["worker"], case=world["case"], start=TODAY - 2 * DAY)
    return housing_plan_open(actor=world["worker"], placement=placement)


def plan_steps(plan) -> list[tuple[str, str, int | None]]:
    return [
        (step.template.code, step.template.label, step.template.district_id)
        for step in plan.steps.select_related("template")
    ]


CITY_CODES = [
    "housing_queue",
    "priority_allocation",
    "shis_application",
    "training_flat",
    "debts_checked",
    "debt_plan",
    "rent_guarantee",
    "references",
]


@pytest.mark.parametrize("role", ["systemforvaltare", "enhetschef", "handlaggare", "analytiker"])
def test_only_the_system_administrator_administers_the_checklist_and_no_plan(role):
    user = factories.staff(role, factories.UnitFactory())
    administrator = role == "systemforvaltare"

    assert policies.may_administer_model(user, "housing", "housingsteptemplate") is administrator
    assert policies.may_administer_model(user, "housing") is administrator
    assert user.has_perm("housing.change_housingsteptemplate") is administrator
    # The plans, their steps and the referrals are case content: no one's in admin.
    for model in ("housingplan", "housingplanstep", "shisreferral"):
        assert policies.may_administer_model(user, "housing", model) is False
        assert user.has_perm(f"housing.view_{model}") is False


def test_the_admin_lists_the_checklist_and_no_case_content(client, world, administrator):
    housing_plan_open(actor=world["worker"], placement=world["placement"])

    index = client.get("/admin/").content.decode()
    listed = client.get(CHANGELIST)

    assert CHANGELIST in index
    assert "/admin/housing/housingplan/" not in index
    assert "/admin/housing/shisreferral/" not in index
    assert listed.status_code == 200
    body = listed.content.decode()
    assert "Inskriven i bostadskön (Bostadsförmedlingen)" in body
    assert world["person"].last_name not in body
    assert client.get("/admin/housing/housingplan/").status_code == 404


def test_a_district_adds_its_own_step_for_its_new_plans_only(client, world, administrator):
    other = factories.DistrictFactory()

    response = add(
        client,
        code="bostadsrad",
        label="Bostadsrådgivning hos stadsdelen",
        order="85",
        district=str(world["district"].pk),
    )

    assert response.status_code == 302
    own = HousingStepTemplate.objects.get(code="bostadsrad")
    assert (own.district, own.kind, own.active) == (world["district"], "plain", True)
    assert codes(world["district"]) == [(code, None) for code in CITY_CODES] + [
        ("bostadsrad", world["district"].pk)
    ]
    assert codes(other) == [(code, None) for code in CITY_CODES]
    assert plan_steps(new_plan(world))[-1] == (
        "bostadsrad",
        "Bostadsrådgivning hos stadsdelen",
        own.district_id,
    )


def test_a_districts_step_of_a_city_code_replaces_the_city_step_in_new_plans(
    client, world, administrator
):
    earlier = housing_plan_open(actor=world["worker"], placement=world["placement"])

    response = add(
        client,
        code="housing_queue",
        label="Inskriven i bostadskön, med stadsdelens bostadssamordnare",
        order="10",
        district=str(world["district"].pk),
    )

    assert response.status_code == 302
    replacement = HousingStepTemplate.objects.get(code="housing_queue", district=world["district"])
    steps = plan_steps(new_plan(world))
    assert len(steps) == len(CITY_CODES)
    assert steps[0] == (
        "housing_queue",
        "Inskriven i bostadskön, med stadsdelens bostadssamordnare",
        world["district"].pk,
    )
    assert [code for code, _label, _district in steps] == CITY_CODES
    # The plan made before keeps the city's step; another district's new plans too.
    assert plan_steps(earlier)[0] == (
        "housing_queue",
        "Inskriven i bostadskön (Bostadsförmedlingen)",
        None,
    )
    assert codes(factories.DistrictFactory())[0] == ("housing_queue", None)
    assert city("housing_queue").active
    assert replacement.pk != city("housing_queue").pk


def test_the_same_code_twice_for_a_district_or_the_city_is_refused(client, world, administrator):
    add(client, code="bostadsrad", label="Första", district=str(world["district"].pk))

    twice = add(client, code="bostadsrad", label="Andra", district=str(world["district"].pk))
    city_twice = add(client, code="housing_queue", label="En andra stadsgemensam")

    assert twice.status_code == city_twice.status_code == 200  # the form again, with its error
    assert HousingStepTemplate.objects.filter(code="bostadsrad").count() == 1
    assert HousingStepTemplate.objects.filter(code="housing_queue").count() == 1
    assert list(HousingStepTemplate.objects.filter(code="bostadsrad").values_list("label")) == [
        ("Första",)
    ]


def test_a_city_step_made_inactive_leaves_new_plans_and_stays_in_earlier_ones(
    client, world, administrator
):
    step = city("training_flat")
    earlier = housing_plan_open(actor=world["worker"], placement=world["placement"])

    response = client.post(
        change_url(step), {"label": step.label, "order": str(step.order), "_save": "Save"}
    )

    assert response.status_code == 302
    step.refresh_from_db()
    assert step.active is False
    assert "training_flat" not in [code for code, _ in codes(world["district"])]
    assert "training_flat" not in [code for code, _l, _d in plan_steps(new_plan(world))]
    assert HousingPlanStep.objects.filter(plan=earlier, template=step).exists()


def test_a_district_takes_a_city_step_out_for_itself_by_an_inactive_step_of_its_own(
    client, world, administrator
):
    response = add(
        client,
        code="references",
        label="Referenser (används inte här)",
        order="80",
        district=str(world["district"].pk),
        active="",
    )

    assert response.status_code == 302
    assert "references" not in [code for code, _ in codes(world["district"])]
    assert "references" in [code for code, _ in codes(factories.DistrictFactory())]
    assert city("references").active


def test_code_district_and_kind_are_read_only_once_saved(client, world, administrator):
    step = city("priority_allocation")
    page = client.get(change_url(step)).content.decode()

    # Shown, not offered as inputs.
    for name in ("code", "district", "kind"):
        assert f'name="{name}"' not in page
    assert 'name="label"' in page and 'name="active"' in page
    assert "priority_allocation" in page

    response = client.post(
        change_url(step),
        {
            "code": "changed",
            "district": str(world["district"].pk),
            "kind": "plain",
            "label": "Ansökan om förtur (bostadsförmedlingen)",
            "order": "20",
            "active": "on",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.code, step.district_id, step.kind, step.label) == (
        "priority_allocation",
        None,
        "application",
        "Ansökan om förtur (bostadsförmedlingen)",
    )


def test_a_step_is_never_deleted(client, world, administrator):
    step = city("debt_plan")

    change_page = client.get(change_url(step)).content.decode()
    delete_page = client.get(f"{CHANGELIST}{step.pk}/delete/")
    delete_post = client.post(f"{CHANGELIST}{step.pk}/delete/", {"post": "yes"})
    bulk = client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [str(step.pk)], "post": "yes"}
    )

    assert "/delete/" not in change_page
    assert delete_page.status_code == delete_post.status_code == 403
    assert 'value="delete_selected"' not in client.get(CHANGELIST).content.decode()
    assert bulk.status_code != 500
    assert HousingStepTemplate.objects.filter(pk=step.pk).exists()
    assert HousingStepTemplate.objects.count() == len(CITY_CODES)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_case_worker_finds_no_admin_of_the_checklist_and_changes_nothing(client, world, method):
    factories.sign_in(client, world["worker"])
    step = city("housing_queue")

    listed = getattr(client, method)(CHANGELIST)
    changed = getattr(client, method)(
        change_url(step), {"label": "Ändrad", "order": "10", "_save": "Save"}
    )
    added = client.post(ADD, {"code": "x", "label": "Ny", "order": "1", "kind": "plain"})

    assert listed.status_code == changed.status_code == added.status_code == 404
    assert "Inskriven i bostadskön" not in listed.content.decode() + changed.content.decode()
    step.refresh_from_db()
    assert step.label == "Inskriven i bostadskön (Bostadsförmedlingen)"
    assert HousingStepTemplate.objects.count() == len(CITY_CODES)
