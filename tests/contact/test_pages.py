"""The contact request through the real views: the public form (no cookie, no CSRF token,
nothing of what was sent shown back, rate-limited) and the RVT's pages (only the district's
team reads a request; everyone else gets the same 404 and no trace of it)."""

import re
import time
import uuid

import pytest
from django.core import signing
from django.test import Client

from brytupp.access import policies
from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry, AccessOutcome
from brytupp.contact.models import ContactRequest
from tests import factories
from tests.factories import sign_in

from .conftest import CALL_NAME, NOTE, PHONE, submit

pytestmark = pytest.mark.django_db

FORM = {
    "about": "someone",
    "call_name": CALL_NAME,
    "phone": PHONE,
    "way": "text",
    "times": ["midday"],
    "may_say_who": "no",
    "interpreter": "somaliska",
    "note": NOTE,
}


def same_page(response, asked_id: str) -> str:
    """The page without what differs between two requests: the CSRF token and the asked id."""
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", response.text)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return text.replace(asked_id, "<id>")


def form_url(district, language="sv"):
    return f"/hjalp/{language}/stadsdelar/{district.code}/kontakta-mig/"


# --- the public form --------------------------------------------------------------------


def test_the_district_page_leads_to_the_form_which_sets_no_cookie(world):
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/hjalp/sv/stadsdelar/{world['district'].code}/")

    assert f'href="{form_url(world["district"])}"' in page.text
    form = client.get(form_url(world["district"]))
    assert form.status_code == 200
    assert form.cookies == {}
    assert "csrfmiddlewaretoken" not in form.text
    assert form["Cache-Control"] == "no-store"
    # The form, and each of its text inputs: the browser keeps none of them.
    assert '<form method="post" novalidate autocomplete="off">' in form.text
    assert form.text.count('autocomplete="off"') == 4


def test_a_sent_request_is_stored_and_the_page_shows_nothing_of_it(world):
    client = Client(enforce_csrf_checks=True)

    response = client.post(form_url(world["district"], "en"), FORM)

    assert response.status_code == 303
    assert response.cookies == {}
    stored = ContactRequest.objects.get()
    assert (stored.district, stored.language, stored.about, stored.way, stored.times) == (
        world["district"],
        "en",
        "someone",
        "text",
        ["midday"],
    )
    assert (stored.phone, stored.call_name, stored.interpreter, stored.note) == (
        PHONE,
        CALL_NAME,
        "somaliska",
        NOTE,
    )
    assert stored.may_say_who is False
    path, _, query = response["Location"].partition("?")
    assert path == f"/hjalp/en/stadsdelar/{world['district'].code}/"
    assert query.startswith("s=")
    thanked = client.get(response["Location"])
    assert "Thank you. We will contact you the way and at a time you chose." in thanked.text
    assert thanked["Cache-Control"] == "no-store"
    for sent in (PHONE, CALL_NAME, "somaliska", NOTE, "070"):
        assert sent not in thanked.text
        assert sent not in response["Location"]


def test_the_thanks_is_gone_after_ten_minutes_and_cannot_be_forged(world, monkeypatch):
    client = Client()
    page = f"/hjalp/sv/stadsdelar/{world['district'].code}/"
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - 11 * 60)
    stale = signing.TimestampSigner(salt="brytupp.public.contact_sent").sign(world["district"].code)
    monkeypatch.setattr(signing.time, "time", lambda: now)
    fresh = signing.TimestampSigner(salt="brytupp.public.contact_sent").sign(world["district"].code)
    thanks = "Tack. Vi kontaktar dig"

    assert thanks in client.get(f"{page}?s={fresh}").text
    assert thanks not in client.get(f"{page}?s={stale}").text
    assert thanks not in client.get(f"{page}?s={fresh[:-1]}x").text
    assert thanks not in client.get(page).text
    other = f"/hjalp/sv/stadsdelar/{world['other_district'].code}/?s={fresh}"
    assert thanks not in client.get(other).text


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"times": []}, "Välj ett svar på ”När är det säkert att kontakta dig?”."),
        ({"phone": "ring"}, "Skriv ett telefonnummer, till exempel 070 123 45 67"),
    ],
)
def test_a_form_with_a_mistake_says_what_is_wrong_and_stores_nothing(world, changed, message):
    response = Client().post(form_url(world["district"]), {**FORM, **changed})

    assert response.status_code == 200
    assert message in response.text
    assert ContactRequest.objects.count() == 0
    assert AccessLogEntry.objects.count() == 0


def test_the_fourth_request_in_an_hour_is_refused_with_the_numbers_to_call(world):
    client = Client()
    for _ in range(3):
        assert client.post(form_url(world["district"]), FORM).status_code == 303

    refused = client.post(form_url(world["district"]), FORM)

    assert refused.status_code == 429
    assert "Vi kan inte ta emot fler förfrågningar" in refused.text
    assert 'href="tel:' in refused.text
    assert ContactRequest.objects.count() == 3


def test_a_district_without_a_team_has_no_form(world):
    without = factories.DistrictFactory(name="Stadsdel Utan")

    assert Client().get(form_url(without)).status_code == 404
    assert Client().post(form_url(without), FORM).status_code == 404
    assert form_url(without) not in Client().get(f"/hjalp/sv/stadsdelar/{without.code}/").text
    assert ContactRequest.objects.count() == 0


# --- the RVT's pages --------------------------------------------------------------------


@pytest.mark.parametrize("who", ["worker", "manager"])
def test_the_districts_team_finds_the_request_from_the_menu_and_reads_it(client, world, who):
    request = submit(world["district"])
    sign_in(client, world[who])

    start = client.get("/", follow=True)
    assert 'href="/kontaktforfragningar/"' in start.text
    listing = client.get("/kontaktforfragningar/")
    assert listing.status_code == 200
    assert f'href="/kontaktforfragningar/{request.public_id}/"' in listing.text
    assert "Vardagar 8–11, Vardagar 14–16.30" in listing.text
    assert PHONE not in listing.text
    detail = client.get(f"/kontaktforfragningar/{request.public_id}/")
    assert detail.status_code == 200
    for shown in (PHONE, CALL_NAME, NOTE, "Säg inte vem du är", "Vardagar 8–11, Vardagar 14–16.30"):
        assert shown in detail.text
    kinds = list(
        AccessLogEntry.objects.filter(user_public_id=world[who].public_id)
        .order_by("seq")
        .values_list("kind", "person_public_id")
    )
    assert kinds == [
        (AccessKind.LIST_ROW, request.public_id),
        (AccessKind.VIEW, request.public_id),
    ]


def test_the_case_workers_start_page_says_how_many_wait(client, world):
    submit(world["district"])
    submit(world["district"], address="198.51.100.7")
    sign_in(client, world["worker"])

    start = client.get("/mina-arenden/")

    assert "2 kontaktförfrågningar" in start.text


def test_handling_through_the_page_erases_the_details(client, world):
    request = submit(world["district"])
    sign_in(client, world["worker"])
    url = f"/kontaktforfragningar/{request.public_id}/"

    response = client.post(url, {"outcome": "not_reached", "version": "1"})

    assert response.status_code == 302
    stored = ContactRequest.objects.get()
    assert (stored.outcome, stored.phone, stored.handled_by) == (
        "not_reached",
        "",
        world["worker"],
    )
    after = client.get(url)
    assert PHONE not in after.text
    assert "Kunde inte nås på ett säkert sätt" in after.text
    assert "Kunde inte nås på ett säkert sätt" in client.get("/kontaktforfragningar/").text


@pytest.mark.parametrize("who", ["other_worker", "ekb_worker", "owner", "analyst", "admin"])
def test_no_one_else_finds_reads_or_handles_a_request_and_the_try_is_logged(client, world, who):
    request = submit(world["district"])
    user = world[who]
    sign_in(client, user)
    url = f"/kontaktforfragningar/{request.public_id}/"
    made_up = f"/kontaktforfragningar/{uuid.uuid4()}/"

    listing = client.get("/kontaktforfragningar/")
    read = client.get(url)
    handled = client.post(url, {"outcome": "advice", "version": "1"})
    unknown = client.get(made_up)

    if who == "other_worker":
        # Their own team's list, empty: nothing of the other district's request.
        assert listing.status_code == 200
        assert "Ingen förfrågan väntar." in listing.text
    else:
        assert listing.status_code == 404
    # The id is the user's own (in the URL they typed); the request's content is not shown.
    assert str(request.public_id) not in listing.text
    for response in (listing, read, handled):
        assert PHONE not in response.text
        assert CALL_NAME not in response.text
    assert (read.status_code, handled.status_code, unknown.status_code) == (404, 404, 404)
    assert same_page(read, str(request.public_id)) == same_page(unknown, made_up.split("/")[2])
    assert ContactRequest.objects.get().phone == PHONE
    refused = list(
        AccessLogEntry.objects.filter(
            user_public_id=user.public_id, person_public_id=request.public_id
        )
        .order_by("seq")
        .values_list("kind", "ground", "outcome")
    )
    assert refused == [
        (AccessKind.VIEW, AccessGround.REFUSED, AccessOutcome.REFUSED),
        (AccessKind.CHANGE, AccessGround.REFUSED, AccessOutcome.REFUSED),
    ]
    # The team's manager sees every attempt in the log review.
    seen = policies.log_review.queryset(world["manager"]).filter(
        user_public_id=user.public_id, person_public_id=request.public_id
    )
    assert seen.count() == 2
    start = client.get("/", follow=True)
    assert ('href="/kontaktforfragningar/"' in start.text) == (who == "other_worker")
