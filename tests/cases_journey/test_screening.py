"""Recording a screening in a few seconds, and what a positive one leads to."""

import datetime

import pytest
from django.urls import reverse

from brytupp.assessments.models import Screening
from brytupp.cases.models import Case
from tests import factories

from .data import DAY, TODAY, body, iso, main

pytestmark = pytest.mark.django_db

URL = reverse("cases:screening")
QUESTIONS = [f"q{number}" for number in range(1, 7)]
# FREDA-kortfrågor asked: the answer to each question and whether the person was told of help.
ANSWERS = {
    "positive": {"q1": "no", "q2": "yes", **{q: "no" for q in QUESTIONS[2:]}},
    "negative": dict.fromkeys(QUESTIONS, "no"),
    "declined": dict.fromkeys(QUESTIONS, "declined"),
}


def asked(outcome: str) -> dict:
    return {"asked": "yes", "told_of_help": "yes", **ANSWERS[outcome]}


NOT_ASKED = {"asked": "no", "not_asked_reason": "not_alone"}


def test_a_single_unit_worker_is_not_asked_for_the_unit(client, journey):
    factories.sign_in(client, journey.ekb_worker)

    response = client.get(URL)

    assert response.status_code == 200
    page = body(response)
    assert 'name="unit"' not in page
    assert f'value="{iso(TODAY)}"' in page


def test_a_positive_screening_links_the_registered_person(client, journey):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(
        URL,
        {
            "date": iso(TODAY - DAY),
            **asked("positive"),
            "identity_number": "191212121212",
        },
    )

    screening = Screening.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:screening_recorded", args=[screening.public_id])
    assert (
        screening.unit,
        screening.date,
        screening.asked,
        screening.outcome,
        screening.person,
        screening.recorded_by,
    ) == (journey.ekb, TODAY - DAY, True, "positive", journey.person, journey.ekb_worker)


def test_the_confirmation_of_a_positive_screening_offers_to_open_or_refer(client, journey):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(URL, {"date": iso(TODAY), **asked("positive")}, follow=True)

    page = main(response)
    assert f'href="{reverse("cases:open")}"' in page
    assert "Open a case" in page
    assert "Refer to the RVT" in page
    assert 'name="prefill_lead_unit" value="norrby-rvt"' in page
    assert 'name="prefill_source" value="other_unit"' in page
    assert 'name="step" value="refer"' in page
    assert "Testa" not in page


def test_the_rvt_is_not_offered_a_referral_to_itself(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.post(URL, {"date": iso(TODAY), **asked("positive")}, follow=True)

    page = main(response)
    assert "Open a case" in page
    assert "Refer to the RVT" not in page


@pytest.mark.parametrize("outcome", ["negative", "declined"])
def test_a_negative_or_declined_screening_is_only_confirmed(client, journey, outcome):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(URL, {"date": iso(TODAY), **asked(outcome)}, follow=True)

    page = main(response)
    assert Screening.objects.get().outcome == outcome
    assert "Record another screening" in page
    assert "Open a case" not in page
    assert "Refer to the RVT" not in page


def test_not_asking_is_recorded_without_an_outcome(client, journey):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(
        URL, {"date": iso(TODAY), **NOT_ASKED, "not_asked_note": "Partnern satt bredvid."}
    )

    assert response.status_code == 302
    assert list(
        Screening.objects.values_list(
            "asked", "outcome", "answers", "told_of_help", "not_asked_reason", "not_asked_note"
        )
    ) == [(False, "", {}, None, "not_alone", "Partnern satt bredvid.")]


@pytest.mark.parametrize(
    ("outcome", "answers"),
    [
        ("positive", ANSWERS["positive"]),
        ("negative", ANSWERS["negative"]),
        ("declined", ANSWERS["declined"]),
        # One question declined and the rest no: nothing disclosed.
        ("negative", {**ANSWERS["negative"], "q3": "declined"}),
    ],
)
def test_the_answers_are_kept_and_give_the_outcome(client, journey, outcome, answers):
    factories.sign_in(client, journey.ekb_worker)

    client.post(URL, {"date": iso(TODAY), "asked": "yes", "told_of_help": "no", **answers})

    assert list(
        Screening.objects.values_list(
            "outcome", "answers", "told_of_help", "instrument_version", "not_asked_reason"
        )
    ) == [(outcome, answers, False, "2014", "")]


def test_an_unknown_identity_number_records_the_screening_without_a_person(client, journey):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(
        URL,
        {
            "date": iso(TODAY),
            **asked("negative"),
            "identity_number": "201701012393",
        },
        follow=True,
    )

    assert Screening.objects.get().person is None
    assert (
        "No one is registered with that identity number, so the screening was recorded "
        "without a person." in body(response)
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"asked": "yes", "told_of_help": "yes"}, "Choose the answer, or Did not want to answer."),
        (
            {**ANSWERS["negative"], "asked": "yes", "q4": ""},
            "Choose the answer, or Did not want to answer.",
        ),
        (
            {**ANSWERS["negative"], "asked": "yes"},
            "Say whether the person was told of the help on offer.",
        ),
        ({"asked": "no"}, "Say why the questions were not asked."),
        (
            {**asked("positive"), "date": iso(TODAY + DAY)},
            "The date cannot be in the future.",
        ),
        (ANSWERS["positive"], "Say whether you asked the questions about violence."),
        (
            {**asked("positive"), "identity_number": "19121212-1213"},
            "The check digit is wrong: check the number.",
        ),
    ],
)
def test_a_refused_screening_shows_why_and_records_nothing(client, journey, data, message):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(URL, {"date": iso(TODAY), **data})

    assert response.status_code == 200
    assert message in body(response)
    assert Screening.objects.count() == 0


def test_a_worker_in_two_units_chooses_the_unit(client, journey):
    factories.MembershipFactory(user=journey.ekb_worker, unit=journey.barn, role="handlaggare")
    factories.sign_in(client, journey.ekb_worker)

    page = body(client.get(URL))
    client.post(URL, {"unit": journey.ekb.pk, "date": iso(TODAY), **NOT_ASKED})

    assert 'name="unit"' in page
    assert f'value="{journey.barn.pk}" checked' in page  # the first of their units, by name
    assert Screening.objects.get().unit == journey.ekb


def test_a_worker_cannot_record_for_a_unit_they_do_not_work_in(client, journey):
    factories.MembershipFactory(user=journey.ekb_worker, unit=journey.barn, role="handlaggare")
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(URL, {"unit": journey.rvt.pk, "date": iso(TODAY), **NOT_ASKED})

    assert response.status_code == 200
    assert Screening.objects.count() == 0


def test_another_users_screening_confirmation_is_not_found(client, journey):
    factories.sign_in(client, journey.worker)
    client.post(URL, {"date": iso(TODAY), **NOT_ASKED})
    screening = Screening.objects.get()
    factories.sign_in(client, journey.ekb_worker)

    response = client.get(reverse("cases:screening_recorded", args=[screening.public_id]))

    assert response.status_code == 404


def test_refer_to_the_rvt_opens_the_case_with_the_rvt_as_lead(client, journey):
    other = factories.person(first_name="Prova", last_name="Påhittsdotter")
    factories.sign_in(client, journey.ekb_worker)
    confirmation = client.post(URL, {"date": iso(TODAY), **asked("positive")}, follow=True)
    assert "Refer to the RVT" in body(confirmation)

    # The referral carries the lead unit and the source into the search …
    search = client.post(
        reverse("cases:open"),
        {"step": "refer", "prefill_lead_unit": "norrby-rvt", "prefill_source": "other_unit"},
    )
    assert 'name="prefill_lead_unit" value="norrby-rvt"' in body(search)
    # … and on to the opening form.
    found = client.post(
        reverse("cases:open"),
        {
            "step": "search",
            "first_name": "Prova",
            "last_name": "Påhittsdotter",
            "birth_date": "1985-01-01",
            "prefill_lead_unit": "norrby-rvt",
            "prefill_source": "other_unit",
        },
    )
    page = body(found)
    assert '<option value="norrby-rvt" selected>' in page
    assert 'value="other_unit" checked' in page
    token = found.context["form"]["person"].value()

    opened = client.post(
        reverse("cases:open"),
        {
            "step": "open",
            "person": token,
            "district": journey.district.pk,
            "lead_unit": "norrby-rvt",
            "source": "other_unit",
            "opened": iso(TODAY),
        },
        follow=True,
    )

    case = Case.objects.get(person=other)
    assert (case.lead_unit, case.source, case.opened) == (journey.rvt, "other_unit", TODAY)
    assert opened.redirect_chain[0][0] == reverse("web:start")
    assert "The case is opened and referred to Relationsvåldsteamet Norrby." in body(opened)


def test_refer_from_a_screening_with_a_person_goes_straight_to_opening(client, journey):
    person = factories.person(
        first_name="Prova",
        last_name="Påhittsdotter",
        identity_number="201701012393",
        birth_date=datetime.date(2017, 1, 1),
    )
    factories.sign_in(client, journey.ekb_worker)
    confirmation = client.post(
        URL,
        {
            "date": iso(TODAY),
            **asked("positive"),
            "identity_number": "201701012393",
        },
        follow=True,
    )
    token = confirmation.context["person_token"]

    response = client.post(
        reverse("cases:open"),
        {
            "step": "refer",
            "prefill_lead_unit": "norrby-rvt",
            "prefill_source": "other_unit",
            "person": token,
        },
    )

    page = body(response)
    assert "Open the case" in page
    assert "The person linked to the screening" in page
    assert person.first_name not in page
    assert '<option value="norrby-rvt" selected>' in page


def test_the_confirmation_shows_the_answers_and_whether_help_was_offered(client, journey):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(
        URL, {"date": iso(TODAY), **asked("positive"), "q5": "declined"}, follow=True
    )

    page = main(response)
    assert "Question 2: Yes" in page
    assert "Question 5: Did not want to answer" in page
    assert "Question 1: No" in page
    assert "Told of the help on offer" in page


def test_the_confirmation_of_not_asking_shows_why(client, journey):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(
        URL,
        {"date": iso(TODAY), **NOT_ASKED, "not_asked_note": "Partnern satt bredvid."},
        follow=True,
    )

    assert "The person was not alone: Partnern satt bredvid." in main(response)
