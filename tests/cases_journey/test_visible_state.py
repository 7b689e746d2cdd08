"""Visible state (issue 13): a withdrawn consent ends the parts it alone covered, for the
whole consent or for one unit; the unit that lost its part reads on its start page that the
case is no longer shared with it, and nothing more."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brytupp.audit.models import AccessLogEntry
from brytupp.cases.models import CaseEvent, CaseUnit, Consent
from brytupp.cases.services import case_unit_join, consent_record, consent_withdraw
from tests import factories

from .data import ACCOUNT, DAY, PURPOSE, SECRETS, TODAY, body, iso

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_units(journey):
    """Ekonomiskt bistånd and Barn take part, both under the journey's one consent."""
    journey.consent.units.add(journey.barn)
    ekb_part = case_unit_join(case=journey.case, unit=journey.ekb, joined=TODAY - 10 * DAY)
    barn_part = case_unit_join(case=journey.case, unit=journey.barn, joined=TODAY - 10 * DAY)
    journey.barn_worker = factories.staff("handlaggare", journey.barn)
    return ekb_part, barn_part


def withdraw_url(journey):
    return reverse(
        "cases:consent_withdraw", args=[journey.case.public_id, journey.consent.public_id]
    )


def detail(case):
    return reverse("cases:detail", args=[case.public_id])


def parts(case):
    return sorted(
        CaseUnit.objects.filter(case=case).values_list("unit__name", "status", "left", "end_reason")
    )


def test_withdrawing_for_one_unit_ends_its_part_and_the_others_keep_theirs(journey, two_units):
    consent_withdraw(
        actor=journey.worker, consent=journey.consent, withdrawn=TODAY, unit=journey.ekb
    )

    journey.consent.refresh_from_db()
    continued = Consent.objects.get(continues=journey.consent)
    assert journey.consent.withdrawn == TODAY
    assert (continued.given, continued.withdrawn, continued.purpose, continued.form) == (
        TODAY,
        None,
        PURPOSE,
        "written",
    )
    assert list(continued.units.all()) == [journey.barn]
    assert parts(journey.case) == [
        ("Barn Norrby", "active", None, ""),
        ("Ekonomiskt bistånd Norrby", "left", TODAY, "consent_withdrawn"),
        ("Relationsvåldsteamet Norrby", "active", None, ""),
    ]
    events = list(
        CaseEvent.objects.filter(case=journey.case, kind__in=["consent_withdrawn", "unit_left"])
        .order_by("pk")
        .values_list("kind", "unit__name", "data")
    )
    assert events == [
        (
            "consent_withdrawn",
            "Relationsvåldsteamet Norrby",
            {
                "consent": str(journey.consent.public_id),
                "for_unit": journey.ekb.code,
                "continued_by": str(continued.public_id),
            },
        ),
        ("unit_left", "Ekonomiskt bistånd Norrby", {"reason": "consent_withdrawn"}),
    ]


def test_withdrawing_the_whole_consent_ends_every_part_it_alone_covered(journey, two_units):
    other = consent_record(
        actor=journey.worker,
        case=journey.case,
        given=TODAY - 5 * DAY,
        form="oral",
        purpose="Barnens skolgång",
        units=[journey.barn],
    )

    consent_withdraw(actor=journey.worker, consent=journey.consent, withdrawn=TODAY - DAY)

    assert parts(journey.case) == [
        ("Barn Norrby", "active", None, ""),  # still covered by the other consent
        ("Ekonomiskt bistånd Norrby", "left", TODAY - DAY, "consent_withdrawn"),
        ("Relationsvåldsteamet Norrby", "active", None, ""),
    ]
    assert not Consent.objects.filter(continues=journey.consent).exists()
    assert other.withdrawn is None


def test_withdrawing_for_a_unit_the_consent_does_not_cover_changes_nothing(journey, two_units):
    events = CaseEvent.objects.count()

    with pytest.raises(ValidationError) as error:
        consent_withdraw(
            actor=journey.worker, consent=journey.consent, withdrawn=TODAY, unit=journey.stab
        )

    assert error.value.message_dict == {"scope": ["The consent does not cover this unit."]}
    journey.consent.refresh_from_db()
    assert journey.consent.withdrawn is None
    assert Consent.objects.count() == 1
    assert CaseEvent.objects.count() == events
    assert {status for _n, status, _l, _r in parts(journey.case)} == {"active"}


def test_the_withdrawal_page_withdraws_for_one_unit_and_the_case_page_shows_it_ended(
    client, journey, two_units
):
    factories.sign_in(client, journey.worker)
    form = body(client.get(withdraw_url(journey)))

    response = client.post(
        withdraw_url(journey), {"scope": str(journey.ekb.pk), "withdrawn": iso(TODAY)}, follow=True
    )

    page = body(response)
    radios = re.findall(r'<input[^>]*name="scope"[^>]*>', form)
    assert [tag for tag in radios if "checked" in tag] == [radios[0]]
    assert 'value="all"' in radios[0]
    assert f'value="{journey.ekb.pk}"' in form
    assert "Only for Ekonomiskt bistånd Norrby" in form
    assert (
        "The consent is withdrawn for Ekonomiskt bistånd Norrby. The other units keep their part."
        in page
    )
    ekb_row = page.split("Ekonomiskt bistånd Norrby</td>")[1].split("</tr>")[0]
    barn_row = page.split("Barn Norrby</td>")[1].split("</tr>")[0]
    assert ">Ended</strong>" in ekb_row
    assert "The person withdrew their consent" in ekb_row
    assert ">Taking part</strong>" in barn_row
    assert "The consent given " in page  # the continued consent names the one it continues


def test_a_unit_after_withdrawal_gets_404_with_no_trace_of_the_case(client, journey, two_units):
    consent_withdraw(
        actor=journey.worker, consent=journey.consent, withdrawn=TODAY, unit=journey.ekb
    )
    factories.sign_in(client, journey.ekb_worker)
    case_id = journey.case.public_id

    for name in ("detail", "account_versions", "invitation", "identity_reveal"):
        response = client.get(reverse(f"cases:{name}", args=[case_id]))

        assert response.status_code == 404, name
        page = body(response)
        assert [secret for secret in SECRETS if secret in page] == [], name
    factories.sign_in(client, journey.barn_worker)
    assert ACCOUNT in body(client.get(detail(journey.case)))


def test_the_unit_that_lost_its_part_reads_it_on_its_start_page_and_nothing_more(
    client, journey, two_units
):
    consent_withdraw(
        actor=journey.worker, consent=journey.consent, withdrawn=TODAY, unit=journey.ekb
    )
    factories.sign_in(client, journey.ekb_worker)
    logged = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    response = client.get(reverse("web:work"))

    page = body(response)
    short_id = str(journey.case.public_id)[:8]
    assert (
        f"Case {short_id} is no longer shared with Ekonomiskt bistånd Norrby from {iso(TODAY)}: "
        "the person withdrew their consent." in page
    )
    assert [secret for secret in SECRETS if secret in page] == []
    assert str(journey.case.public_id) not in page  # no link to a case it may not see
    # The notice reads no personal data: no access to the case is logged for it.
    assert not AccessLogEntry.objects.filter(
        seq__gt=logged, case_public_id=journey.case.public_id
    ).exists()
    factories.sign_in(client, journey.barn_worker)
    assert short_id not in body(client.get(reverse("web:work")))


def test_the_notice_is_gone_after_30_days(client, journey, two_units):
    ekb_part, _barn = two_units
    consent_withdraw(actor=journey.worker, consent=journey.consent, withdrawn=TODAY)
    factories.sign_in(client, journey.ekb_worker)
    short_id = str(journey.case.public_id)[:8]
    assert short_id in body(client.get(reverse("web:work")))

    CaseUnit.objects.filter(pk=ekb_part.pk).update(joined=TODAY - 40 * DAY, left=TODAY - 31 * DAY)

    assert short_id not in body(client.get(reverse("web:work")))


def test_the_unit_managers_start_page_shows_the_notice_too(client, journey, two_units):
    consent_withdraw(
        actor=journey.worker, consent=journey.consent, withdrawn=TODAY, unit=journey.ekb
    )
    manager = factories.staff("enhetschef", journey.ekb)
    factories.sign_in(client, manager)

    page = body(client.get(reverse("web:unit_overview")))

    assert f"Case {str(journey.case.public_id)[:8]} is no longer shared" in page


def unit_status_cells(page: str) -> dict[str, str]:
    """The units table's rows: unit name → the status tag's text."""
    rows = re.findall(
        r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">([^<]+?)\s*(?:<strong[^>]*>[^<]*</strong>)?</td>\s*'
        r'<td class="govuk-table__cell">\s*<strong class="govuk-tag[^"]*"[^>]*>([^<]+)</strong>',
        page,
    )
    return {unit.strip(): status.strip() for unit, status in rows}


def test_a_part_whose_consent_ran_out_is_not_shown_as_taking_part(client, journey, two_units):
    Consent.objects.filter(pk=journey.consent.pk).update(
        given=TODAY - 400 * DAY, expires=TODAY - DAY
    )
    factories.sign_in(client, journey.worker)

    page = body(client.get(detail(journey.case)))

    assert unit_status_cells(page) == {
        "Relationsvåldsteamet Norrby": "Taking part",
        "Barn Norrby": "No consent in force",
        "Ekonomiskt bistånd Norrby": "No consent in force",
    }
    # The status is what the policy says: the unit reads nothing of the case any more.
    client.logout()
    factories.sign_in(client, journey.ekb_worker)
    assert client.get(detail(journey.case)).status_code == 404


def test_a_part_under_a_consent_in_force_is_taking_part(client, journey, two_units):
    factories.sign_in(client, journey.worker)

    page = body(client.get(detail(journey.case)))

    assert unit_status_cells(page) == {
        "Relationsvåldsteamet Norrby": "Taking part",
        "Barn Norrby": "Taking part",
        "Ekonomiskt bistånd Norrby": "Taking part",
    }


def ran_out(consent, days_ago: int) -> None:
    Consent.objects.filter(pk=consent.pk).update(
        given=TODAY - 400 * DAY, expires=TODAY - days_ago * DAY
    )


def test_a_unit_whose_consent_ran_out_reads_it_on_its_start_page_and_nothing_more(
    client, journey, two_units
):
    ran_out(journey.consent, days_ago=3)
    factories.sign_in(client, journey.ekb_worker)
    logged = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    page = body(client.get(reverse("web:work")))

    short_id = str(journey.case.public_id)[:8]
    notices = re.findall(r'<li data-ended-case="([0-9a-f]{8})">([^<]*)</li>', page)
    assert notices == [
        (
            short_id,
            f"Case {short_id} is no longer shared with Ekonomiskt bistånd Norrby: the consent "
            f"that covered it ran out on {iso(TODAY - 3 * DAY)}. The lead unit may record a new "
            "one.",
        )
    ]
    assert [secret for secret in SECRETS if secret in page] == []
    assert str(journey.case.public_id) not in page
    assert not AccessLogEntry.objects.filter(
        seq__gt=logged, case_public_id=journey.case.public_id
    ).exists()
    # The lead unit's own part never runs out: it keeps the case, with no notice.
    factories.sign_in(client, journey.worker)
    assert "is no longer shared" not in body(client.get(reverse("web:work")))


def test_the_ran_out_notice_goes_with_a_new_consent_and_after_30_days(client, journey, two_units):
    factories.sign_in(client, journey.ekb_worker)
    short_id = str(journey.case.public_id)[:8]

    ran_out(journey.consent, days_ago=31)
    assert short_id not in body(client.get(reverse("web:work")))

    ran_out(journey.consent, days_ago=1)
    assert short_id in body(client.get(reverse("web:work")))

    consent_record(
        actor=journey.worker,
        case=journey.case,
        given=TODAY,
        form="written",
        purpose=PURPOSE,
        units=[journey.ekb],
    )
    page = body(client.get(reverse("web:work")))
    assert "is no longer shared" not in page
    assert client.get(detail(journey.case)).status_code == 200
