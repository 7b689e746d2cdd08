"""Property-based: malformed input to every page of work in a case (the forms of the ``work``
fixture, each field given garbage) never causes a server error, and a form shown again with
its errors has saved nothing."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.test_malformed_input import FUZZ, garbage

from .support import state

pytestmark = pytest.mark.django_db

FORMS = [
    "meeting_add",
    "assessment_add",
    "plan_action_add",
    "plan_action_status",
    "decision_add",
    "placement_add",
    "placement_child_add",
    "child_schooling",
    "placement_cost",
    "placement_end",
    "follow_up_add",
    "shis_add",
    "sip_add",
    "practical_task_add",
    "practical_task_done",
]


def test_the_list_names_every_form_of_the_fixture(work):
    assert sorted(FORMS) == sorted(work["posts"])


@pytest.mark.parametrize("name", FORMS)
@FUZZ
@given(values=st.lists(garbage, min_size=8, max_size=8))
def test_every_work_form(signed_in, work, name, values):
    url, valid = work["posts"][name]
    data = {field: value for field, value in zip(valid, values, strict=False)}
    before = state()

    response = signed_in.post(url, data)

    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert state() == before


def journey_forms(work) -> dict:
    case = work["case"].public_id
    return {
        "account": (reverse("cases:account", args=[case]), ["account"]),
        "address": (reverse("cases:address", args=[case]), ["address"]),
        "invite": (reverse("cases:invite", args=[case]), ["unit"]),
        "consent_withdraw": (
            reverse("cases:consent_withdraw", args=[case, work["consent"].public_id]),
            ["withdrawn"],
        ),
    }


@pytest.mark.parametrize("name", ["account", "address", "invite", "consent_withdraw"])
@FUZZ
@given(values=st.lists(garbage, min_size=2, max_size=2))
def test_every_journey_form_of_a_case(signed_in, work, name, values):
    url, fields = journey_forms(work)[name]
    before = state()

    response = signed_in.post(url, dict(zip(fields, values, strict=False)))

    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert state() == before
