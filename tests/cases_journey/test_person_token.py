"""The signed person token of search before create (``cases.opening``): it names the person
for the user who searched, for two hours, and carries a label of what they typed — never an
identity number."""

import datetime
import json
import time

import pytest
from django.core import signing

from brytupp.cases.opening import (
    OPENING_SIGNATURE_MAX_AGE,
    person_from_token,
    person_label,
    person_token,
)
from tests import factories

from .data import IDENTITY_NUMBER

pytestmark = pytest.mark.django_db


def test_the_token_gives_back_the_person_and_label_to_the_user_it_was_made_for(journey):
    token = person_token(actor=journey.worker, person=journey.person, label="Born 1912-12-12")

    assert person_from_token(actor=journey.worker, token=token) == (
        journey.person,
        "Born 1912-12-12",
    )
    # Signed, not encrypted: it holds public ids and the label, nothing else.
    assert json.loads(signing.b64_decode(token.split(":")[0].encode())) == {
        "p": str(journey.person.public_id),
        "u": str(journey.worker.public_id),
        "l": "Born 1912-12-12",
    }


def test_another_user_a_forged_or_an_empty_token_gives_nothing(journey):
    token = person_token(actor=journey.worker, person=journey.person, label="x")
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    assert [
        person_from_token(actor=journey.ekb_worker, token=token),
        person_from_token(actor=journey.worker, token=forged),
        person_from_token(actor=journey.worker, token=""),
    ] == [None, None, None]


def test_a_token_older_than_two_hours_gives_nothing(journey, monkeypatch):
    token = person_token(actor=journey.worker, person=journey.person, label="x")
    later = time.time() + OPENING_SIGNATURE_MAX_AGE + 1
    monkeypatch.setattr(signing.time, "time", lambda: later)

    assert OPENING_SIGNATURE_MAX_AGE == 2 * 60 * 60
    assert person_from_token(actor=journey.worker, token=token) is None


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ({"identity_number": IDENTITY_NUMBER}, "Born 1912-12-12"),
        (
            {
                "first_name": "Testa",
                "last_name": "Exempelsson",
                "birth_date": datetime.date(1912, 12, 12),
            },
            "Testa Exempelsson, 1912-12-12",
        ),
        ({}, "The person you searched for"),
    ],
)
def test_the_label_is_what_was_typed_of_an_identity_number_only_the_birth_date(
    journey, typed, label
):
    assert person_label(person=journey.person, typed=typed) == label


def test_a_protected_person_is_labelled_protected_whatever_was_typed(journey):
    protected = factories.person(
        first_name="Skydda", last_name="Påhittsson", protected_identity="skyddad_folkbokforing"
    )

    assert person_label(person=protected, typed={"first_name": "Skydda"}) == "Protected identity"
