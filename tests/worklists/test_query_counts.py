"""Each work list costs the same number of queries with 3 items as with 60."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.worklists import given

pytestmark = pytest.mark.django_db

PAGES = ["web:work", "web:unit_cases", "web:todo"]


def build(worker, rvt, ekb, n):
    """``n`` cases of the RVT that the worker is responsible for, each with an item due, and
    ``n`` invitations to the worker's second unit."""
    for i in range(n):
        case = given.open_case(rvt, actor=worker, last_name=f"Räknesson{n}-{i}")
        given.action(case, rvt, due_in_days=i % 10 - 5, actor=worker)
        given.invite(case, ekb, actor=worker)


def get(client, page) -> tuple[list[str], str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse(page))
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries], response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_the_same_number_of_queries_for_3_and_60_items(client, district, page):
    counts = {}
    for n in (3, 60):
        rvt = factories.UnitFactory(district=district, kind="rvt")
        ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
        worker = factories.staff("handlaggare", rvt)
        factories.MembershipFactory(user=worker, unit=ekb, role="handlaggare")
        build(worker, rvt, ekb, n)
        factories.sign_in(client, worker)

        sql, body = get(client, page)

        counts[n] = len(sql)
        assert body.count("Räknesson") >= min(n, 25)

    assert counts[3] == counts[60]


def test_the_to_do_items_of_a_page_are_one_union_query(client, worker, rvt, district):
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    build(worker, rvt, ekb, 30)
    factories.sign_in(client, worker)

    sql, _body = get(client, "web:todo")

    unions = [query for query in sql if "UNION ALL" in query]
    assert len(unions) == 2  # the count and the page's items
    assert all(query.count("UNION ALL") == 11 for query in unions)  # twelve kinds each
    assert all(query.startswith("WITH visible (id) AS MATERIALIZED") for query in unions)
    assert unions[1].endswith("LIMIT 25 OFFSET 0")
