"""Practical-support tasks on the case (decision 0047): added for a unit taking part, or a
named case worker of it, shown to every unit with a part, marked done; everyone else gets the
same 404 and nothing is written."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brytupp.plans.kinds import practical_task_kinds_ensure
from brytupp.plans.models import PracticalTask, PracticalTaskKind
from brytupp.plans.tasks import practical_task_add, practical_task_done
from tests import factories

from .conftest import DAY, TODAY
from .support import events, flashed, state, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds():
    """The seeded kinds, again: a transactional test before this one empties every table."""
    practical_task_kinds_ensure()


def test_the_city_s_eight_kinds_are_seeded_in_order():
    assert list(PracticalTaskKind.objects.values_list("code", "name")) == [
        ("id_card", "Id-kort"),
        ("bankid", "BankID"),
        ("protected_personal_data", "Ansökan om skyddade personuppgifter hos Skatteverket"),
        ("address_change", "Adressändring"),
        ("school_or_preschool", "Skola eller förskola"),
        ("childcare", "Barnomsorg"),
        ("economic_support", "Ekonomiskt bistånd utan avbrott"),
        ("moving_goods", "Flytt av bohag"),
    ]


def test_a_task_is_added_for_a_named_case_worker_and_marked_done(signed_in, setting, kinds):
    case, ekb, ekb_worker = setting["case"], setting["ekb"], setting["ekb_worker"]
    add = reverse("cases:practical_task_add", args=[case.public_id])

    form = text(signed_in.get(add))
    response = signed_in.post(
        add,
        {
            "support": "bankid",
            "responsible_unit": ekb.code,
            "assignee": str(ekb_worker.public_id),
            "due": (TODAY + 3 * DAY).isoformat(),
            "note": " Hjälp med legitimation ",
        },
    )

    assert "Add a practical support task" in form
    assert response.status_code == 302
    assert flashed(response) == [("success", "The practical support task is added.")]
    task = PracticalTask.objects.get(case=case)
    assert (
        task.support.code,
        task.responsible_unit,
        task.assignee,
        task.due,
        task.note,
        task.done,
    ) == ("bankid", ekb, ekb_worker, TODAY + 3 * DAY, "Hjälp med legitimation", None)
    assert events(case)[-1] == (
        "practical_task_added",
        {
            "task_kind": "bankid",
            "responsible_unit": ekb.code,
            "due": (TODAY + 3 * DAY).isoformat(),
        },
    )

    done = reverse("cases:practical_task_done", args=[case.public_id, task.public_id])
    response = signed_in.post(done, {"done": TODAY.isoformat()})

    assert flashed(response)[-1] == ("success", "The practical support task is done.")
    task.refresh_from_db()
    assert task.done == TODAY
    assert events(case)[-1] == (
        "practical_task_done",
        {"task": str(task.public_id), "task_kind": "bankid"},
    )


def test_every_unit_with_a_part_sees_the_task_on_the_case_page(client, setting, kinds):
    case = setting["case"]
    practical_task_add(
        actor=setting["worker"],
        case=case,
        support=PracticalTaskKind.objects.get(code="moving_goods"),
        responsible_unit=setting["rvt"],
        assignee=setting["worker"],
        due=TODAY - DAY,
        note="Flyttfirma bokad",
    )
    factories.sign_in(client, setting["ekb_worker"])

    page = text(client.get(reverse("cases:detail", args=[case.public_id])))

    worker = setting["worker"].get_full_name()
    assert 'Flytt av bohag<br><span class="govuk-body-s">Flyttfirma bokad</span>' in page
    assert f"{setting['rvt'].name}<br>{worker}</td>" in page
    assert (
        f'{(TODAY - DAY):%Y-%m-%d} <strong class="govuk-tag govuk-tag--red">Overdue</strong>'
        in page
    )


def test_the_responsible_unit_must_take_part(setting, kinds):
    other = factories.UnitFactory(district=setting["district"], kind="barn_unga")
    before = state()

    with pytest.raises(ValidationError) as refused:
        practical_task_add(
            actor=setting["worker"],
            case=setting["case"],
            support=PracticalTaskKind.objects.get(code="id_card"),
            responsible_unit=other,
            due=TODAY,
        )

    assert refused.value.message_dict == {
        "responsible_unit": ["The responsible unit must take part in the case."]
    }
    assert state() == before


def test_the_named_case_worker_must_work_in_the_responsible_unit(setting, kinds):
    before = state()

    with pytest.raises(ValidationError) as refused:
        practical_task_add(
            actor=setting["worker"],
            case=setting["case"],
            support=PracticalTaskKind.objects.get(code="id_card"),
            responsible_unit=setting["ekb"],
            assignee=setting["worker"],
            due=TODAY,
        )

    assert refused.value.message_dict == {
        "assignee": ["The case worker must be a case worker of the responsible unit."]
    }
    assert state() == before


def test_a_task_is_done_once(setting, kinds):
    task = practical_task_add(
        actor=setting["worker"],
        case=setting["case"],
        support=PracticalTaskKind.objects.get(code="childcare"),
        responsible_unit=setting["rvt"],
        due=TODAY,
    )
    practical_task_done(actor=setting["worker"], task=task, done=TODAY)
    before = state()

    with pytest.raises(ValidationError) as refused:
        practical_task_done(actor=setting["worker"], task=task, done=TODAY)

    assert refused.value.messages == ["The task is already done."]
    assert state() == before


@pytest.mark.parametrize("page", ["practical_task_add", "practical_task_done"])
def test_a_unit_without_a_part_gets_404_and_nothing_is_written(client, work, page):
    outsider = factories.staff(
        "handlaggare", factories.UnitFactory(district=work["district"], kind="barn_unga")
    )
    factories.sign_in(client, outsider)
    address, data = work["posts"][page]
    before = state()

    shown = client.get(address)
    posted = client.post(address, data)

    assert (shown.status_code, posted.status_code) == (404, 404)
    assert state() == before
    for response in (shown, posted):
        body = text(response)
        assert "Page not found" in body
        assert "Hemlig uppgift 4716" not in body
        assert "Id-kort" not in body
        assert "Påhittadsson" not in body


def test_a_task_of_another_case_is_not_found(signed_in, work, district, rvt):
    other_case = factories.case(person_=factories.person(), unit=rvt, actor=work["worker"])
    address = reverse(
        "cases:practical_task_done", args=[other_case.public_id, work["task"].public_id]
    )

    response = signed_in.get(address)

    assert response.status_code == 404
    assert "Hemlig uppgift 4716" not in text(response)


def test_the_register_extract_reads_the_task_out(setting, kinds):
    from brytupp.audit.data_collect_measures import plans

    task = practical_task_add(
        actor=setting["worker"],
        case=setting["case"],
        support=PracticalTaskKind.objects.get(code="address_change"),
        responsible_unit=setting["rvt"],
        due=TODAY,
        note="Ny adress hos Skatteverket",
    )

    [item] = [i for i in plans(setting["case"], "Plans") if i.key.startswith("plans.practicaltask")]

    assert (item.key, item.heading, item.facts) == (
        f"plans.practicaltask:{task.pk}",
        "Practical support task",
        (
            ("Kind of support", "Adressändring"),
            ("Note", "Ny adress hos Skatteverket"),
            ("Responsible unit", setting["rvt"].name),
            ("Due", TODAY.isoformat()),
            ("Done", "–"),
        ),
    )
