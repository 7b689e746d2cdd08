"""My cases, the unit's cases and the invitations block."""

import re

import pytest
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.services import case_close
from brytupp.worklists import selectors
from tests import factories
from tests.worklists import given

pytestmark = pytest.mark.django_db


def table_rows(body: str, table_id: str = "case-table") -> list[str]:
    """The text of the first cell of each row in the table inside ``#table_id``."""
    start = body.index(f'id="{table_id}"')
    table = body[start : body.index("</table>", start)] if "</table>" in body[start:] else ""
    cells = re.findall(
        r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">(.*?)</td>', table, re.S
    )
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]


@pytest.fixture
def cases(worker, rvt):
    colleague = factories.staff("handlaggare", rvt, first_name="Kollega", last_name="Påhittsson")
    return {
        "mine": given.open_case(rvt, actor=worker, last_name="Minsson", opened_days_ago=10),
        "colleagues": given.open_case(
            rvt, actor=colleague, last_name="Kollegasson", opened_days_ago=20
        ),
        "nobodys": given.open_case(rvt, last_name="Ingensson", opened_days_ago=30),
    }


def test_my_cases_are_those_where_i_am_the_responsible_case_worker(signed_in, cases):
    response = signed_in.get(reverse("web:work"))

    body = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">My cases</h1>' in body
    assert table_rows(body) == ["Testa Minsson"]
    assert "Kollegasson" not in body
    assert "Ingensson" not in body
    # One unit, and the user is the responsible case worker: the status says it all.
    assert '<span class="brytupp-part">Taking part</span>' in body


def test_the_units_cases_are_every_open_case_it_takes_part_in_newest_first(signed_in, cases):
    body = signed_in.get(reverse("web:unit_cases")).content.decode()

    assert '<h1 class="govuk-heading-l">The unit\'s cases</h1>' in body
    assert table_rows(body) == ["Testa Minsson", "Testa Kollegasson", "Testa Ingensson"]
    assert '<span class="brytupp-part">Taking part, Kollega Påhittsson</span>' in body
    assert '<span class="brytupp-part">Taking part, no responsible case worker</span>' in body


def test_each_row_links_to_the_case_page(signed_in, cases):
    body = signed_in.get(reverse("web:unit_cases")).content.decode()

    for case in cases.values():
        assert f'href="{reverse("cases:detail", args=[case.public_id])}"' in body


def test_closed_cases_are_not_listed(signed_in, worker, cases):
    case_close(case=cases["mine"], closed=given.TODAY, reason="goals_met", actor=worker)

    mine = signed_in.get(reverse("web:work")).content.decode()
    unit = signed_in.get(reverse("web:unit_cases")).content.decode()

    assert "Minsson" not in mine
    assert "You are the responsible case worker in no open case." in mine
    assert table_rows(unit) == ["Testa Kollegasson", "Testa Ingensson"]


def test_being_responsible_in_a_unit_one_has_left_does_not_make_it_mine(
    signed_in, worker, district, rvt
):
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    case = given.open_case(rvt, last_name="Lämnadsson")
    given.join(case, ekb, responsible=worker)

    body = signed_in.get(reverse("web:work")).content.decode()

    assert "Lämnadsson" not in body


def test_the_two_lists_are_tabs_of_one_another(signed_in, cases):
    mine = signed_in.get(reverse("web:work")).content.decode()
    unit = signed_in.get(reverse("web:unit_cases")).content.decode()

    assert f'href="{reverse("web:work")}" aria-current="page">My cases</a>' in mine
    unit_url = reverse("web:unit_cases")
    assert f'href="{unit_url}">The unit\'s cases</a>' in mine
    assert f'href="{reverse("web:unit_cases")}" aria-current="page">' in unit


def test_invitations_to_my_unit_are_listed_with_a_link_to_answer(client, worker, district, rvt):
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand", name="EKB Test")
    ekb_worker = factories.staff("handlaggare", ekb)
    case = given.open_case(rvt, actor=worker, last_name="Inbjudensson")
    given.invite(case, ekb, actor=worker)
    factories.sign_in(client, ekb_worker)

    mine = client.get(reverse("web:work")).content.decode()
    unit = client.get(reverse("web:unit_cases")).content.decode()

    invitation_url = reverse("cases:invitation", args=[case.public_id])
    for body in (mine, unit):
        assert '<h2 class="govuk-heading-m">Invitations</h2>' in body
        assert table_rows(body, "invitations") == ["Testa Inbjudensson, answer the invitation"]
        assert f'href="{invitation_url}"' in body
    assert table_rows(mine) == []
    assert table_rows(unit) == ["Testa Inbjudensson"]
    assert '<span class="brytupp-part">Invited, no responsible case worker</span>' in unit


def test_a_user_of_several_units_reads_which_unit_takes_part(client, worker, district, rvt):
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand", name="EKB Test")
    factories.MembershipFactory(user=worker, unit=ekb, role="handlaggare")
    case = given.open_case(rvt, actor=worker, last_name="Tvåenhetsson")
    given.join(case, ekb, responsible=worker)
    factories.sign_in(client, worker)

    mine = client.get(reverse("web:work")).content.decode()

    assert re.findall(r'<span class="brytupp-part">([^<]*)</span>', mine) == [
        "EKB Test: Taking part",
        "Relationsvåldsteamet Test: Taking part",
    ]


def test_no_invitations_block_without_invitations(signed_in, cases):
    body = signed_in.get(reverse("web:work")).content.decode()

    assert "Invitations" not in body


def test_each_row_shown_is_logged(signed_in, worker, cases):
    response = signed_in.get(reverse("web:unit_cases"))

    logged = set(
        AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE)
        .filter(request_id=response["X-Request-Id"])
        .values_list("case_public_id", "kind", "user_public_id")
    )
    assert logged == {(case.public_id, "list_row", worker.public_id) for case in cases.values()}
    assert AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE).count() == 3


def test_pages_of_25_cases(signed_in, worker, rvt):
    for n in range(27):
        given.open_case(rvt, actor=worker, last_name=f"Sidsson{n:02d}", opened_days_ago=n + 1)

    first = signed_in.get(reverse("web:work")).content.decode()
    second = signed_in.get(reverse("web:work"), {"page": 2}).content.decode()

    assert table_rows(first) == [f"Testa Sidsson{n:02d}" for n in range(25)]
    assert table_rows(second) == ["Testa Sidsson25", "Testa Sidsson26"]
    assert "27 open cases" in first
    assert 'hx-get="?page=2" hx-target="#case-table" hx-push-url="true"' in first


def test_htmx_gets_the_case_table_alone(signed_in, cases):
    response = signed_in.get(reverse("web:unit_cases"), headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "<h1" not in body
    assert "Invitations" not in body
    assert len(table_rows('id="case-table"' + body)) == 3
    assert "HX-Request" in response["Vary"]


def test_a_long_list_counts_up_to_its_cap_and_says_more_than(signed_in, cases, monkeypatch):
    monkeypatch.setattr(selectors.CappedPaginator, "cap", 2)

    body = signed_in.get(reverse("web:unit_cases")).content.decode()

    assert '<caption class="govuk-table__caption govuk-table__caption--m">More than 2 open' in body
    # The newest two, on one page: the third is beyond the cap.
    assert table_rows(body) == ["Testa Minsson", "Testa Kollegasson"]


def test_a_list_at_its_cap_gives_the_count(signed_in, cases, monkeypatch):
    monkeypatch.setattr(selectors.CappedPaginator, "cap", 3)

    body = signed_in.get(reverse("web:unit_cases")).content.decode()

    assert (
        '<caption class="govuk-table__caption govuk-table__caption--m">3 open cases</caption>'
        in (body)
    )
    assert table_rows(body) == ["Testa Minsson", "Testa Kollegasson", "Testa Ingensson"]
