"""Log review shows what the log holds as codes in words (issue 13): the unit by its name,
the role, kind, ground and outcome by their Swedish labels, in the search and the month's
list alike."""

import re

import pytest
from django.urls import reverse

from brytupp.audit.models import AccessGround, AccessKind, AccessOutcome
from tests import factories

from .entries import log_entry

pytestmark = pytest.mark.django_db


def _cells(body: str) -> list[list[str]]:
    """The text of each cell of each row of the entries' table."""
    tbody = body.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", tbody, re.S)
    return [
        [
            re.sub(r"<[^>]+>|\s+", " ", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in rows
    ]


@pytest.fixture
def entries(worker):
    """Made on a weekday at noon (``log_entry``): only the refused one is flagged."""
    log_entry(worker, kind=AccessKind.SEARCH_HIT, ground=AccessGround.CASE_OPENING)
    log_entry(
        worker,
        kind=AccessKind.VIEW,
        ground=AccessGround.REFUSED,
        outcome=AccessOutcome.REFUSED,
    )


def test_the_search_shows_unit_role_kind_ground_and_outcome_in_words(client, entries, manager):
    factories.sign_in(client, manager)

    body = client.get(reverse("log_review:search")).content.decode()

    rows = _cells(body)
    assert [row[1:7] for row in rows] == [
        [
            "worker_rvt",
            "Relationsvåldsteamet Test",
            "Handläggare",
            "Visning",
            "Nekad: ingen grund",
            "Nekad",
        ],
        [
            "worker_rvt",
            "Relationsvåldsteamet Test",
            "Handläggare",
            "Sökträff",
            "Sökning inför aktualisering av ärende",
            "Tillåten",
        ],
    ]


def test_the_months_list_shows_them_in_words_too(client, entries, manager, rvt):
    factories.sign_in(client, manager)

    body = client.get(reverse("log_review:month"), {"month": "2026-11"}).content.decode()

    flagged, sample = body.split('data-count="unreviewed"', 1)[1].split("<h2", 2)[1:]
    assert [row[1:7] for row in _cells(sample)] == [
        [
            "worker_rvt",
            "Relationsvåldsteamet Test",
            "Handläggare",
            "Sökträff",
            "Sökning inför aktualisering av ärende",
            "Tillåten",
        ]
    ]
    assert _cells(flagged)[0][1:7] == [
        "worker_rvt",
        "Relationsvåldsteamet Test",
        "Handläggare",
        "Visning",
        "Nekad: ingen grund",
        "Nekad",
    ]
    assert rvt.code not in body and "handlaggare" not in body
