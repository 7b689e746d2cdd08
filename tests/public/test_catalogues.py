"""The contact form, its thanks on the district's page and the page not found in Arabic, Somali,
Persian and Tigrinya (decision 0052): each text is in the language's own catalogue, so that none
of them falls back to Swedish on the page; lättläst says some of them more plainly and falls
back to Swedish for the rest."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.core import signing
from django.utils import translation
from django.utils.html import escape

from brytupp.contact import services
from brytupp.public.languages import BY_SEGMENT

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "so", "fa", "ti"]

# What the form shows before anything is sent; the note's limit and GOV.UK's character count
# come from the textarea (``govuk/fields/textarea.html``).
FORM = [
    "Contact me",
    "Who needs help?",
    "Myself",
    "Someone I am worried about",
    "What should we call you?",
    "A first name is enough, or a name you make up.",
    "Phone number",
    "A number only you answer, if you can.",
    "How may we contact you?",
    "Call me",
    "Send me a text message first",
    "When is it safe to contact you?",
    "Choose every time that suits you.",
    "Weekdays 8–11",
    "Weekdays 11–14",
    "Weekdays 14–16.30",
    "If someone else answers, may we say who we are?",
    "Yes",
    "No",
    "Do you need an interpreter? Which language?",
    "Anything else we should know to contact you safely?",
    "optional",
    "Do not write what has happened. We will talk about that together.",
    "Send",
    "The district's team for violence in close relationships contacts you on a weekday, the way "
    "and at the time you choose. We ask only what we need to reach you safely.",
    "This is not for emergencies. In danger now, call 112.",
    "We send no e-mail and no confirmation. After you send, this page does not show what you "
    "wrote.",
    "Warning",
    "You have %{count} character remaining",
    "You have %{count} characters remaining",
    "You have 0 characters remaining",
    "You have %{count} character too many",
    "You have %{count} characters too many",
]
LIMIT = "You can enter up to %(limit)s characters"
ERRORS = ["There is a problem", "Error:"]
CHOOSE = "Choose an answer to “{label}”."
FILL_IN = "Fill in “{label}”."
BAD_PHONE = "Enter a phone number, like 070 123 45 67 or +46 70 123 45 67."
LIMITED = (
    "We cannot take more requests from this connection just now, and nothing was sent. "
    "Call us instead:"
)
# The service's own checks, which the form's choices answer first on the page.
SERVICE_ONLY = [
    "Choose at least one time when it is safe to contact you.",
    "Choose how we may contact you.",
    "Say whether the request is for you or for someone else.",
]
THANKS = ["Sent", "Thank you. We will contact you the way and at a time you chose."]
IN_DANGER = "In danger now, call 112."
INVITATION = "Leave a phone number and a safe time, and the district's team calls or texts you."
NOT_FOUND = "Page not found"

EVERY_TEXT = [
    *FORM,
    LIMIT,
    *ERRORS,
    CHOOSE,
    FILL_IN,
    BAD_PHONE,
    LIMITED,
    *SERVICE_ONLY,
    *THANKS,
    IN_DANGER,
    INVITATION,
    NOT_FOUND,
]
# Kept as they are in every language: the numbers to call or to copy, and the placeholders.
KEPT = ["112", "070 123 45 67", "+46 70 123 45 67", "{label}", "%(limit)s", "%{count}"]

VALID = {
    "about": "self",
    "phone": "070-174 06 42",
    "way": "call",
    "times": ["morning"],
    "may_say_who": "no",
}


def in_language(segment: str, msgid: str) -> str:
    with translation.override(BY_SEGMENT[segment].catalogue):
        return translation.gettext(msgid)


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.texts += [value.strip() for _, value in attrs if value]

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data.strip())


def texts(html: str) -> list[str]:
    """Every text node and attribute value of the page, unescaped."""
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def assert_in_language(segment: str, html: str, messages: list[str], **values) -> None:
    """Each message shows in the page's language, and its Swedish text nowhere."""
    shown = texts(html)
    for msgid in messages:
        text, swedish = in_language(segment, msgid), in_language("sv", msgid)
        if values:
            text, swedish = text.format(**values), swedish.format(**values)
        assert text != swedish, f"{msgid!r} is not translated for {segment}"
        assert any(text in shown_text for shown_text in shown), f"{text!r} not on the page"
        assert not any(
            swedish == shown_text or (len(swedish) > 8 and swedish in shown_text)
            for shown_text in shown
        ), f"{swedish!r} (Swedish) on the {segment} page"


def contact_url(segment: str, district) -> str:
    return f"/hjalp/{segment}/stadsdelar/{district.code}/kontakta-mig/"


@pytest.mark.parametrize("segment", LANGUAGES)
def test_every_text_is_in_the_languages_catalogue_with_its_numbers_and_placeholders(segment):
    for msgid in EVERY_TEXT:
        text = in_language(segment, msgid)
        assert text not in (msgid, in_language("sv", msgid)), f"{msgid!r} not in {segment}"
        for kept in KEPT:
            if kept in msgid:
                assert kept in text, f"{kept!r} lost in {segment}: {text!r}"


@pytest.mark.parametrize("segment", LANGUAGES)
def test_the_contact_form_is_in_the_pages_language(client, district, rvt, segment):
    response = client.get(contact_url(segment, district))

    assert response.status_code == 200
    assert "Vem behöver hjälp?" not in response.text
    assert escape(in_language(segment, "Who needs help?")) in response.text
    assert_in_language(segment, response.text, FORM)
    limit = in_language(segment, LIMIT) % {"limit": 500}
    assert limit in texts(response.text)


@pytest.mark.parametrize("segment", LANGUAGES)
def test_the_forms_errors_are_in_the_pages_language(client, district, rvt, segment):
    empty = client.post(contact_url(segment, district), {})

    assert empty.status_code == 200
    assert_in_language(segment, empty.text, ERRORS)
    assert_in_language(segment, empty.text, [CHOOSE], label=in_language(segment, "Who needs help?"))
    assert_in_language(segment, empty.text, [FILL_IN], label=in_language(segment, "Phone number"))

    bad_phone = client.post(contact_url(segment, district), {**VALID, "phone": "ring mig"})

    assert bad_phone.status_code == 200
    assert_in_language(segment, bad_phone.text, [BAD_PHONE])


@pytest.mark.parametrize("segment", LANGUAGES)
def test_a_refused_request_says_so_in_the_pages_language(
    client, district, rvt, segment, monkeypatch
):
    monkeypatch.setattr(services, "RATE_LIMITS", ((datetime.timedelta(hours=1), 0),))

    response = client.post(contact_url(segment, district), VALID)

    assert response.status_code == 429
    assert_in_language(segment, response.text, [LIMITED, "Warning"])


@pytest.mark.parametrize("segment", LANGUAGES)
def test_the_district_page_invites_and_thanks_in_the_pages_language(client, district, rvt, segment):
    page = client.get(f"/hjalp/{segment}/stadsdelar/{district.code}/")
    token = signing.TimestampSigner(salt="brytupp.public.contact_sent").sign(district.code)
    thanked = client.get(f"/hjalp/{segment}/stadsdelar/{district.code}/?s={token}")

    assert_in_language(segment, page.text, ["Contact me", INVITATION])
    assert_in_language(segment, thanked.text, [*THANKS, IN_DANGER])


@pytest.mark.parametrize("segment", LANGUAGES)
def test_the_page_not_found_is_in_the_pages_language(client, segment):
    response = client.get(f"/hjalp/{segment}/finns-inte/")

    assert response.status_code == 404
    assert_in_language(segment, response.text, [NOT_FOUND, IN_DANGER])


def test_lattlast_says_the_form_more_plainly_and_the_rest_in_swedish(client, district, rvt):
    response = client.get(contact_url("lattlast", district))
    shown = texts(response.text)

    assert "Det räcker med ett förnamn. Du kan också hitta på ett namn." in shown
    assert "Ett förnamn räcker, eller ett namn du hittar på." not in shown
    assert "Vem behöver hjälp?" in shown  # not said more plainly: the Swedish text
    assert "Kontakta mig" in shown
