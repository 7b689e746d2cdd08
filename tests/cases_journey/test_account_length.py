"""The person's account at its limit, one character past it, and a post far past any form:
the page says which field is too long and by how much, and nothing is stored."""

import pytest
from django.urls import reverse

from brytupp.cases.models import CaseEvent
from tests import factories

from .data import ACCOUNT, body

pytestmark = pytest.mark.django_db

LIMIT = 20_000


def account_url(case):
    return reverse("cases:account", args=[case.public_id])


def test_the_account_form_shows_the_limit_with_govuk_character_count(client, journey):
    factories.sign_in(client, journey.worker)

    page = body(client.get(account_url(journey.case)))

    assert 'data-module="govuk-character-count" data-maxlength="20000"' in page
    assert 'class="govuk-textarea govuk-js-character-count"' in page
    assert 'aria-describedby="id_account-hint id_account-info"' in page
    assert '<div id="id_account-info" class="govuk-hint govuk-character-count__message">' in page
    assert "You can enter up to 20000 characters" in page


def test_an_account_of_the_limit_is_saved(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.post(
        account_url(journey.case),
        {"account": "å" * LIMIT, "version": journey.case.version, "reason": "Kompletterad."},
    )

    journey.case.refresh_from_db()
    assert response.status_code == 302
    assert journey.case.account == "å" * LIMIT


def test_an_account_one_character_too_long_is_refused_and_nothing_changes(client, journey):
    factories.sign_in(client, journey.worker)
    events = CaseEvent.objects.count()

    response = client.post(
        account_url(journey.case), {"account": "å" * (LIMIT + 1), "version": journey.case.version}
    )

    journey.case.refresh_from_db()
    page = body(response)
    assert response.status_code == 200
    message = "“The person&#x27;s account” can be at most 20000 characters (it has 20001)."
    assert f'<li><a href="#id_account">{message}</a></li>' in page
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}</p>' in page
    assert journey.case.account == ACCOUNT
    assert CaseEvent.objects.count() == events


def test_a_megabyte_post_is_refused_before_it_is_read(client, journey):
    factories.sign_in(client, journey.worker)
    events = CaseEvent.objects.count()

    response = client.post(
        account_url(journey.case), {"account": "x" * 1_000_000, "version": journey.case.version}
    )

    journey.case.refresh_from_db()
    assert response.status_code == 400
    assert "Bad request" in body(response)
    assert journey.case.account == ACCOUNT
    assert CaseEvent.objects.count() == events
