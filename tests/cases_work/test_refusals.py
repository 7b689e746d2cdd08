"""A refusal shows its message on the form, and nothing is saved."""

import datetime

import pytest

from brytupp.audit.models import AccessLogEntry
from brytupp.interventions.services import placement_end
from brytupp.people.models import Person
from tests import factories

from .conftest import DAY, TODAY
from .support import errors, state, text

pytestmark = pytest.mark.django_db


def refused(client, address, data) -> tuple[dict, str]:
    """Post the form; assert it came back and nothing changed; its errors and page text."""
    before = state()

    response = client.post(address, data)

    assert response.status_code == 200
    assert state() == before
    return errors(response), text(response)


@pytest.fixture
def signed_in_work(client, work):

    factories.sign_in(client, work["worker"])
    return client, work


def test_decision_ending_before_it_starts(signed_in_work):
    client, work = signed_in_work
    address, _data = work["posts"]["decision_add"]

    found, body = refused(
        client,
        address,
        {
            "intervention": "skyddat_boende",
            "decided": TODAY.isoformat(),
            "start": TODAY.isoformat(),
            "end": (TODAY - DAY).isoformat(),
        },
    )

    assert found == {"end": ["The end cannot be before the start."]}
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in body
    assert '<a href="#id_end">The end cannot be before the start.</a>' in body


def test_decision_with_both_a_provider_unit_and_an_external_provider(signed_in_work):
    client, work = signed_in_work
    address, data = work["posts"]["decision_add"]

    found, _body = refused(
        client, address, {**data, "provider": work["ekb"].code, "provider_name": "Jouren"}
    )

    assert found == {
        "provider_name": ["Choose a provider within the city or name an external one, not both."]
    }


def test_placement_ending_before_it_started(signed_in_work):
    client, work = signed_in_work
    address, _data = work["posts"]["placement_end"]

    found, _body = refused(
        client, address, {"end": (TODAY - 6 * DAY).isoformat(), "end_reason": "completed"}
    )

    assert found == {"end": ["The end cannot be before the start."]}


def test_placement_ended_twice(signed_in_work):
    client, work = signed_in_work
    placement_end(
        actor=work["worker"], placement=work["placement"], end=TODAY - DAY, end_reason="aborted"
    )
    address, data = work["posts"]["placement_end"]
    assert "The placement has already ended." in text(client.get(address))

    found, _body = refused(client, address, data)

    assert found == {"__all__": ["The placement has already ended."]}


def test_the_placed_adult_cannot_be_chosen_as_a_child(signed_in_work):
    client, work = signed_in_work
    adult = str(work["person"].public_id)
    start_address, start_data = work["posts"]["placement_add"]
    add_address, _data = work["posts"]["placement_child_add"]

    started, _body = refused(client, start_address, {**start_data, "children": [adult]})
    added, _body = refused(client, add_address, {"child": adult})

    assert started == {"children": ["Choose among the person's children."]}
    assert added == {"child": ["Choose among the person's children."]}


def test_a_child_already_in_the_placement_is_not_offered_again(signed_in_work):
    client, work = signed_in_work
    address, _data = work["posts"]["placement_child_add"]

    found, body = refused(client, address, {"child": str(work["child"].public_id)})

    assert found == {"child": ["Choose among the person's children."]}
    assert "Lillan" not in body.split("<main")[1]


def test_adding_a_child_needs_a_child(signed_in_work):
    client, work = signed_in_work
    address, data = work["posts"]["placement_child_add"]

    nothing, _body = refused(client, address, {})
    both, _body = refused(
        client,
        address,
        {
            **data,
            "new_child_first_name": "Trean",
            "new_child_last_name": "Påhittadsson",
            "new_child_birth_date": "2022-01-01",
        },
    )

    assert nothing == {"__all__": ["Choose a child or register a new one."]}
    assert both == {"__all__": ["Choose a registered child or register a new one, not both."]}


def test_a_new_child_needs_a_name_and_a_birth_date(signed_in_work):
    client, work = signed_in_work
    address, data = work["posts"]["placement_add"]

    found, _body = refused(client, address, {**data, "new_child_first_name": "Trean"})

    assert found == {
        "new_child_last_name": ["Enter the child's last name."],
        "new_child_birth_date": ["Enter the child's date of birth."],
    }


def test_a_new_child_born_before_the_parent_is_not_registered(signed_in_work):
    client, work = signed_in_work
    address, data = work["posts"]["placement_add"]
    persons = Person.objects.count()

    found, _body = refused(
        client,
        address,
        {
            **data,
            "new_child_first_name": "Fel",
            "new_child_last_name": "Påhittadsson",
            "new_child_birth_date": "1980-01-01",
        },
    )

    assert found == {"__all__": ["A guardian must be born before the child."]}
    assert Person.objects.count() == persons


def test_follow_up_before_the_placement_started(signed_in_work):
    client, work = signed_in_work
    address, data = work["posts"]["follow_up_add"]

    found, _body = refused(
        client,
        address,
        {
            **data,
            "date": (TODAY - 6 * DAY).isoformat(),
            "placement": str(work["placement"].public_id),
        },
    )

    assert found == {"date": ["A follow-up cannot come before the placement started."]}


def test_sip_next_follow_up_before_the_sip(signed_in_work):
    client, work = signed_in_work
    address, data = work["posts"]["sip_add"]

    found, _body = refused(
        client, address, {**data, "next_follow_up": (TODAY - 2 * DAY).isoformat()}
    )

    assert found == {"next_follow_up": ["The next follow-up cannot come before the SIP."]}


def test_responsible_unit_not_in_the_case(signed_in_work, district):

    client, work = signed_in_work
    outside = factories.UnitFactory(district=district, kind="familjeratt")
    address, data = work["posts"]["plan_action_add"]

    found, body = refused(client, address, {**data, "responsible_unit": outside.code})

    assert found == {"responsible_unit": ["The responsible unit must take part in the case."]}
    assert outside.name not in body


def test_meeting_with_a_unit_not_in_the_case(signed_in_work, district):

    client, work = signed_in_work
    outside = factories.UnitFactory(district=district, kind="familjeratt")
    address, data = work["posts"]["meeting_add"]

    found, _body = refused(client, address, {**data, "units": [outside.code]})

    assert found == {"units": ["Only units taking part in the case can be recorded."]}


def test_meeting_in_the_future(signed_in_work):
    client, work = signed_in_work
    address, data = work["posts"]["meeting_add"]

    found, _body = refused(client, address, {**data, "held": (TODAY + DAY).isoformat()})

    assert found == {"held": ["The date cannot be in the future."]}


def test_assessment_without_a_need(signed_in_work):
    client, work = signed_in_work
    address, _data = work["posts"]["assessment_add"]

    found, _body = refused(client, address, {"area": "economy", "short_term": " ", "long_term": ""})

    assert found == {"__all__": ["Write the short-term or the long-term need."]}


PAGES = [
    "meeting_add",
    "assessment_add",
    "plan_action_add",
    "plan_action_status",
    "decision_add",
    "placement_add",
    "placement_child_add",
    "child_schooling",
    "placement_end",
    "follow_up_add",
    "shis_add",
    "sip_add",
]


@pytest.mark.parametrize("page", [page for page in PAGES if page != "placement_end"])
def test_nothing_is_recorded_in_a_closed_case(signed_in_work, page):
    client, work = signed_in_work
    factories.closed_leaving_running(work["case"])
    address, data = work["posts"][page]
    page_text = text(client.get(address))
    assert "The case is closed. Nothing more can be recorded in it." in page_text

    found, _body = refused(client, address, data)

    assert found == {"__all__": ["The case is closed."]}


def test_a_placement_is_ended_after_its_case_closed(signed_in_work):
    client, work = signed_in_work
    factories.closed_leaving_running(work["case"])
    address, data = work["posts"]["placement_end"]
    assert "Nothing more can be recorded" not in text(client.get(address))

    response = client.post(address, data)

    assert response.status_code == 302, errors(response)
    work["placement"].refresh_from_db()
    assert work["placement"].end is not None


@pytest.mark.parametrize("page", PAGES)
def test_every_valid_form_is_accepted_in_an_open_case(signed_in_work, page):
    """The forms the refusal and permission tests post are themselves valid."""
    client, work = signed_in_work
    address, data = work["posts"][page]

    response = client.post(address, data)

    assert response.status_code == 302, errors(response)


def test_unknown_sub_objects_are_not_found(signed_in_work):
    import uuid

    client, work = signed_in_work
    c, p = work["case"].public_id, work["placement"].public_id
    stranger = uuid.uuid4()
    from django.urls import reverse

    addresses = [
        reverse("cases:plan_action_status", args=[c, stranger]),
        reverse("cases:placement_child_add", args=[c, stranger]),
        reverse("cases:placement_end", args=[c, stranger]),
        reverse("cases:child_schooling", args=[c, p, stranger]),
        reverse("cases:child_schooling", args=[c, p, work["second_child"].public_id]),
        reverse("cases:meeting_add", args=[stranger]),
    ]

    for address in addresses:
        assert client.get(address).status_code == 404, address
        assert client.post(address, {}).status_code == 404, address


def test_a_new_child_born_on_a_valid_date_is_registered_once(signed_in_work):
    client, work = signed_in_work
    address, data = work["posts"]["placement_add"]

    response = client.post(
        address,
        {
            **data,
            "new_child_first_name": "Fyran",
            "new_child_last_name": "Påhittadsson",
            "new_child_birth_date": datetime.date(2023, 3, 3).isoformat(),
        },
    )

    assert response.status_code == 302
    assert Person.objects.filter(first_name="Fyran").count() == 1


def test_a_refused_select_is_marked_as_in_error(signed_in_work):
    client, work = signed_in_work
    address, data = work["posts"]["plan_action_add"]

    found, body = refused(client, address, {**data, "responsible_unit": "ingen-sadan-enhet"})

    assert found == {
        "responsible_unit": [
            "Select a valid choice. That choice is not one of the available choices."
        ]
    }
    assert '<select name="responsible_unit" class="govuk-select govuk-select--error"' in body


def test_a_refused_placement_registers_no_new_child(signed_in_work):
    client, work = signed_in_work
    address, data = work["posts"]["placement_add"]
    changes = AccessLogEntry.objects.filter(kind="change").count()

    found, _body = refused(
        client,
        address,
        {
            **data,
            "start": (TODAY + DAY).isoformat(),
            "new_child_first_name": "Femman",
            "new_child_last_name": "Påhittadsson",
            "new_child_birth_date": "2022-02-02",
        },
    )

    assert found == {"start": ["The date cannot be in the future."]}
    assert not Person.objects.filter(first_name="Femman").exists()
    assert AccessLogEntry.objects.filter(kind="change").count() == changes
