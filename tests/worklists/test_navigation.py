"""The menu: "To do" and the doors to the journey for case workers and managers, "The unit's cases" for managers."""

import html
import re

import pytest
from django.urls import reverse

from tests import factories
from tests.worklists import given

pytestmark = pytest.mark.django_db


def menu(body: str) -> list[str]:
    """Each menu item's text, "*" marking the current one."""
    items = re.findall(
        r'<li class="govuk-service-navigation__item( govuk-service-navigation__item--active)?">'
        r"(.*?)</li>",
        body,
        re.S,
    )
    return [
        ("*" if current else "") + html.unescape(" ".join(re.sub(r"<[^>]+>", " ", text).split()))
        for current, text in items
    ]


def test_a_case_worker_has_to_do_and_my_cases_covers_the_units_cases(signed_in, worker, rvt):
    case = given.open_case(rvt, actor=worker)
    given.action(case, rvt, due_in_days=-1, actor=worker)

    unit_cases = signed_in.get(reverse("web:unit_cases")).content.decode()
    todo = signed_in.get(reverse("web:todo")).content.decode()

    doors = ["New screening", "Search for a person", "Open a case"]
    # The district's RVT reads the contact requests from the public pages (decision 0054).
    assert menu(unit_cases) == ["*My cases", "To do", "Contact requests", *doors, "Organisation"]
    assert menu(todo) == ["My cases", "*To do", "Contact requests", *doors, "Organisation"]


def test_a_unit_manager_reaches_the_units_cases_and_to_do(client, rvt):
    factories.sign_in(client, factories.staff("enhetschef", rvt))

    body = client.get(reverse("web:unit_cases")).content.decode()

    assert menu(body) == [
        "My unit",
        "*The unit's cases",
        "To do",
        "Contact requests",
        "New screening",
        "Search for a person",
        "Open a case",
        "Memberships",
        "Log review",
        "Follow-up",
        "Organisation",
    ]


@pytest.mark.parametrize("role", ["implementerare", "analytiker", "systemforvaltare"])
def test_other_roles_have_no_work_lists_in_the_menu(client, rvt, role):
    factories.sign_in(client, factories.staff(role, rvt))

    body = client.get(reverse("web:start"), follow=True).content.decode()

    assert not {
        "To do",
        "The unit's cases",
        "My cases",
        "New screening",
        "Search for a person",
        "Open a case",
    } & set(menu(body))
    # Approving memberships (four eyes): the administrators and the unit managers only.
    assert ("Memberships" in menu(body)) == (role == "systemforvaltare")
