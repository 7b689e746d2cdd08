"""The to-do page: filters, sorting and pagination, with and without htmx."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from tests import factories
from tests.worklists import given
from tests.worklists.given import TODAY, days

pytestmark = pytest.mark.django_db


ROW = re.compile(
    r'<tr class="govuk-table__row" data-kind="([a-z_]+)">\s*<td[^>]*>.*?</td>\s*'
    r"<td[^>]*>([0-9-]+)</td>",
    re.S,
)


def kinds_and_dues(body: str) -> list[tuple[str, str]]:
    """(kind, due date) of each row of the to-do table, in order."""
    return ROW.findall(body)


def iso(delta: int) -> str:
    return (TODAY + days(delta)).isoformat()


@pytest.fixture
def mixed(worker, rvt):
    """One case with an item of each kind: overdue, due today and due ahead."""
    case = given.open_case(rvt, actor=worker, last_name="Blandadsson")
    given.placement(case, started_days_ago=9, actor=worker, children=1)  # both due -2
    given.sip(case, held_days_ago=5, follow_up_in_days=0, actor=worker)
    given.action(case, rvt, due_in_days=3, actor=worker)
    given.decision(case, ends_in_days=10, actor=worker)
    return case


def test_each_row_links_to_the_item_itself(signed_in, mixed):
    """Issue 13: the follow-up form with the placement chosen, the child's schooling, the plan
    action's status, and the decision's and the SIP's rows on the case page."""
    placement = mixed.placements.get()
    child = placement.children.get().child
    action, decision, sip = mixed.plan_actions.get(), mixed.decisions.get(), mixed.sips.get()
    c = mixed.public_id
    case_page = reverse("cases:detail", args=[c])

    body = signed_in.get(reverse("web:todo")).content.decode()

    links = re.findall(
        r'data-kind="[a-z_]+">\s*<td class="govuk-table__cell"><a class="govuk-link" href="([^"]+)">',
        body,
    )
    assert links == [
        reverse("cases:child_schooling", args=[c, placement.public_id, child.public_id]),
        reverse("cases:follow_up_add", args=[c]) + f"?placement={placement.public_id}",
        f"{case_page}#sip-{sip.public_id}",
        reverse("cases:plan_action_status", args=[c, action.public_id]),
        f"{case_page}#decision-{decision.public_id}",
    ]
    for anchor in (f'id="sip-{sip.public_id}"', f'id="decision-{decision.public_id}"'):
        assert anchor in signed_in.get(case_page).content.decode()
    for link in links[:2] + links[3:4]:
        assert signed_in.get(link).status_code == 200, link


def test_the_page_lists_every_kind_by_due_date_with_its_state(signed_in, mixed):
    response = signed_in.get(reverse("web:todo"))

    body = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">To do</h1>' in body
    assert kinds_and_dues(body) == [
        ("child_schooling", iso(-2)),
        ("placement_follow_up", iso(-2)),
        ("sip_follow_up", iso(0)),
        ("plan_action", iso(3)),
        ("decision_ending", iso(10)),
    ]
    assert body.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 2
    assert "Due today" in body
    assert "Due in 3 days" in body
    assert "Due in 10 days" in body
    assert body.count("Testa Blandadsson") == 5
    detail_url = reverse("cases:detail", args=[mixed.public_id])
    assert body.count(f'<a class="govuk-link" href="{detail_url}">Testa Blandadsson</a>') == 5
    assert "5 items to do" in body


def test_the_page_logs_each_case_shown_once(signed_in, worker, mixed):
    response = signed_in.get(reverse("web:todo"))

    entries = list(
        AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE).values_list(
            "case_public_id", "kind", "request_id"
        )
    )
    assert entries == [(mixed.public_id, "list_row", response["X-Request-Id"])]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "plan_action"}, [("plan_action", 3)]),
        ({"kind": "child_schooling"}, [("child_schooling", -2)]),
        ({"overdue": "1"}, [("child_schooling", -2), ("placement_follow_up", -2)]),
        ({"overdue": "1", "kind": "decision_ending"}, []),
        ({"kind": "no-such-kind"}, None),  # ignored: everything is listed
    ],
)
def test_filters(signed_in, mixed, query, expected):
    body = signed_in.get(reverse("web:todo"), query).content.decode()

    if expected is None:
        assert len(kinds_and_dues(body)) == 5
    else:
        assert kinds_and_dues(body) == [(kind, iso(delta)) for kind, delta in expected]
    if expected == []:
        assert "Nothing matches the filter." in body


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            "-due",
            [
                ("decision_ending", 10),
                ("plan_action", 3),
                ("sip_follow_up", 0),
                ("child_schooling", -2),
                ("placement_follow_up", -2),
            ],
        ),
        (
            "kind",
            [
                ("child_schooling", -2),
                ("decision_ending", 10),
                ("placement_follow_up", -2),
                ("plan_action", 3),
                ("sip_follow_up", 0),
            ],
        ),
    ],
)
def test_sorting(signed_in, mixed, sort, expected):
    body = signed_in.get(reverse("web:todo"), {"sort": sort}).content.decode()

    assert kinds_and_dues(body) == [(kind, iso(delta)) for kind, delta in expected]


def test_the_unit_filter_is_offered_and_applied_for_a_user_in_several_units(client, district, rvt):
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand", name="EKB Test")
    worker = factories.staff("handlaggare", rvt)
    factories.MembershipFactory(user=worker, unit=ekb, role="handlaggare")
    in_rvt = given.open_case(rvt, actor=worker, last_name="Rvtsson")
    given.action(in_rvt, rvt, due_in_days=1, actor=worker)
    in_ekb = given.open_case(ekb, actor=worker, last_name="Ekbsson")
    given.sip(in_ekb, held_days_ago=3, follow_up_in_days=2, actor=worker)
    factories.sign_in(client, worker)

    everything = client.get(reverse("web:todo")).content.decode()
    only_ekb = client.get(reverse("web:todo"), {"unit": ekb.code}).content.decode()

    assert f'<option value="{ekb.code}">EKB Test</option>' in everything
    assert kinds_and_dues(everything) == [("plan_action", iso(1)), ("sip_follow_up", iso(2))]
    assert kinds_and_dues(only_ekb) == [("sip_follow_up", iso(2))]
    assert "Rvtsson" not in only_ekb


def test_the_unit_filter_is_not_offered_for_a_single_unit(signed_in, mixed, rvt):
    body = signed_in.get(reverse("web:todo"), {"unit": rvt.code}).content.decode()

    assert 'name="unit"' not in body
    assert len(kinds_and_dues(body)) == 5


def test_pages_of_25_keep_the_filter_in_their_links(signed_in, worker, rvt):
    for n in range(30):
        case = given.open_case(rvt, actor=worker, last_name=f"Sidsson{n:02d}")
        given.action(case, rvt, due_in_days=-(n + 1), actor=worker)

    first = signed_in.get(reverse("web:todo"), {"overdue": "1", "sort": "-due"}).content.decode()
    second = signed_in.get(
        reverse("web:todo"), {"overdue": "1", "sort": "-due", "page": "2"}
    ).content.decode()

    assert kinds_and_dues(first) == [("plan_action", iso(-(n + 1))) for n in range(25)]
    assert kinds_and_dues(second) == [("plan_action", iso(-(n + 1))) for n in range(25, 30)]
    assert "30 items to do" in first
    assert "Page 1 of 2" in first
    assert 'href="?overdue=1&amp;sort=-due&amp;page=2"' in first
    assert 'href="?overdue=1&amp;sort=-due&amp;page=1"' in second


def test_htmx_gets_the_table_alone_and_the_page_varies_on_it(signed_in, mixed):
    full = signed_in.get(reverse("web:todo"), {"kind": "plan_action"})
    partial = signed_in.get(
        reverse("web:todo"),
        {"kind": "plan_action"},
        headers={"HX-Request": "true", "HX-Target": "todo-table"},
    )

    body = partial.content.decode()
    assert "<h1" not in body
    assert "<form" not in body
    assert kinds_and_dues(body) == [("plan_action", iso(3))]
    assert "HX-Request" in partial["Vary"]
    assert "HX-Request" in full["Vary"]


def test_the_filter_form_works_without_javascript_and_updates_with_htmx(signed_in, mixed):
    body = signed_in.get(reverse("web:todo")).content.decode()

    form = re.search(r'<form method="get"[^>]*>', body).group(0)
    assert f'action="{reverse("web:todo")}"' in form
    assert f'hx-get="{reverse("web:todo")}"' in form
    assert 'hx-target="#todo-table"' in form
    assert 'hx-push-url="true"' in form
    assert '<div id="todo-table">' in body


def test_nothing_due(signed_in, worker, rvt):
    given.open_case(rvt, actor=worker)

    body = signed_in.get(reverse("web:todo")).content.decode()

    assert "Nothing is due in the cases your units take part in." in body
    assert AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE).count() == 0


def test_a_decision_past_its_end_reads_has_expired_in_swedish(signed_in, worker, rvt):
    case = given.open_case(rvt, actor=worker, last_name="Utgångsson")
    given.decision(case, ends_in_days=-2, actor=worker)

    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    body = signed_in.get(reverse("web:todo")).content.decode()

    assert kinds_and_dues(body) == [("decision_ending", iso(-2))]
    assert body.count('<strong class="govuk-tag govuk-tag--grey">Har löpt ut</strong>') == 1
    assert "Försenad" not in body
