"""The account keeps its versions, and a re-opened case gets the latest for its lead unit to
confirm (decision 0034)."""

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.models import AccountVersion, CaseEvent
from brytupp.cases.services import (
    case_account_write,
    case_close,
    case_open,
    case_unit_invite,
    case_unit_join,
)
from tests import factories

from .data import ACCOUNT, DAY, TODAY, body

pytestmark = pytest.mark.django_db

SECOND = "Berättelsen kompletterad efter det andra samtalet"
REASON = "Personen mindes fler händelser vid det andra samtalet."


def url(name, case):
    return reverse(f"cases:{name}", args=[case.public_id])


def versions(case):
    return list(
        AccountVersion.objects.filter(case=case)
        .order_by("number")
        .values_list(
            "number", "text", "reason", "written_by", "unit", "carried_from", "confirmed_by"
        )
    )


def test_each_save_is_a_new_version_and_the_earlier_are_kept(journey):
    case_account_write(actor=journey.worker, case=journey.case, account=SECOND, reason=REASON)

    assert versions(journey.case) == [
        (1, ACCOUNT, "", journey.worker.pk, journey.rvt.pk, None, None),
        (2, SECOND, REASON, journey.worker.pk, journey.rvt.pk, None, None),
    ]
    journey.case.refresh_from_db()
    assert journey.case.account == SECOND
    assert list(
        CaseEvent.objects.filter(case=journey.case, kind="account_written")
        .order_by("pk")
        .values_list("data", flat=True)
    ) == [{"version": 1}, {"version": 2}]


def test_a_unit_taking_part_reads_the_earlier_versions(client, journey):
    case_account_write(actor=journey.worker, case=journey.case, account=SECOND, reason=REASON)
    case_unit_join(case=journey.case, unit=journey.ekb, joined=TODAY)
    factories.sign_in(client, journey.ekb_worker)
    logged = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    case_page = body(client.get(url("detail", journey.case)))
    response = client.get(url("account_versions", journey.case))

    page = body(response)
    assert url("account_versions", journey.case) in case_page
    assert response.status_code == 200
    assert page.index("Version 2") < page.index(SECOND) < page.index("Version 1")
    assert page.index("Version 1") < page.index(ACCOUNT)
    # The correction's reason is shown with the version it made.
    assert page.index("Version 2") < page.index(REASON) < page.index("Version 1")
    assert (
        list(AccessLogEntry.objects.filter(seq__gt=logged).values_list("kind", "case_public_id"))
        == [(AccessKind.VIEW, journey.case.public_id)] * 2
    )


def test_an_invited_unit_and_a_unit_without_a_part_do_not_read_the_versions(client, journey):
    case_unit_invite(actor=journey.worker, case=journey.case, unit=journey.ekb, invited=TODAY)
    outsider = factories.staff("handlaggare", journey.barn)

    for user in (journey.ekb_worker, outsider):
        factories.sign_in(client, user)
        response = client.get(url("account_versions", journey.case))

        assert response.status_code == 404
        assert ACCOUNT not in body(response)


def test_a_change_without_its_reason_is_refused_on_the_page_and_nothing_is_written(client, journey):
    factories.sign_in(client, journey.worker)
    before = (versions(journey.case), CaseEvent.objects.filter(case=journey.case).count())

    page = body(client.get(url("account", journey.case)))
    response = client.post(
        url("account", journey.case),
        {"account": SECOND, "version": str(journey.case.version), "reason": "   "},
    )

    assert 'name="reason"' in page
    assert response.status_code == 200
    assert "Say why the account is changed: the earlier version is kept." in body(response)
    journey.case.refresh_from_db()
    assert journey.case.account == ACCOUNT
    assert (versions(journey.case), CaseEvent.objects.filter(case=journey.case).count()) == before


def test_the_first_account_asks_for_no_reason(client, journey, reopened):
    factories.sign_in(client, journey.worker)

    page = body(client.get(url("account", reopened)))
    response = client.post(url("account", reopened), {"account": SECOND, "version": "1"})

    assert 'name="reason"' not in page
    assert response.status_code == 302
    assert versions(reopened)[-1][1:3] == (SECOND, "")


def test_the_database_keeps_every_version_as_written(journey):
    """Past the services, with the application's own database role: a version is neither
    changed nor deleted."""
    first = AccountVersion.objects.get(case=journey.case, number=1)

    for statement in (
        lambda: AccountVersion.objects.filter(pk=first.pk).update(text="Omskriven"),
        lambda: AccountVersion.objects.filter(pk=first.pk).update(reason="I efterhand"),
        lambda: AccountVersion.objects.filter(pk=first.pk).delete(),
    ):
        with pytest.raises(DatabaseError) as refused, transaction.atomic():
            statement()
        assert "account versions are" in str(refused.value)
    first.refresh_from_db()
    assert (first.text, first.reason) == (ACCOUNT, "")


@pytest.fixture
def reopened(journey):
    """The journey's case closed, and a new case opened for the person by the same unit."""
    case_close(case=journey.case, closed=TODAY - 2 * DAY, reason="no_contact")
    return case_open(
        actor=journey.worker,
        person=journey.person,
        district=journey.district,
        lead_unit=journey.rvt,
        source="self",
        opened=TODAY,
    )


def test_a_reopened_case_gets_the_latest_account_to_confirm(client, journey, reopened):
    first = AccountVersion.objects.get(case=journey.case)
    factories.sign_in(client, journey.worker)

    page = body(client.get(url("detail", reopened)))

    assert versions(reopened) == [
        (1, ACCOUNT, "", journey.worker.pk, journey.rvt.pk, first.pk, None)
    ]
    assert reopened.account == ""
    assert "From the earlier case, confirm" in page
    assert ACCOUNT in page
    assert url("account_confirm", reopened) in page
    # The account form opens with the carried text, to change it before it counts.
    assert client.get(url("account", reopened)).context["form"]["account"].value() == ACCOUNT


def test_confirming_makes_it_the_new_cases_account_and_is_logged(client, journey, reopened):
    factories.sign_in(client, journey.worker)

    response = client.post(url("account_confirm", reopened), follow=True)

    reopened.refresh_from_db()
    carried = AccountVersion.objects.get(case=reopened)
    assert reopened.account == ACCOUNT
    assert (carried.confirmed_by, carried.confirmed_at is not None) == (journey.worker, True)
    assert "The account is confirmed as this case&#x27;s." in body(response)
    assert "From the earlier case, confirm" not in body(response)
    event = CaseEvent.objects.filter(case=reopened).latest("pk")
    assert (event.kind, event.actor, event.unit, event.data) == (
        "account_confirmed",
        journey.worker,
        journey.rvt,
        {"version": 1},
    )
    assert AccessLogEntry.objects.filter(
        kind=AccessKind.CHANGE,
        case_public_id=reopened.public_id,
        user_public_id=journey.worker.public_id,
    ).exists()
    # A reload of the confirmation answers with a page that leads back, and changes nothing.
    again = client.get(url("account_confirm", reopened))
    assert "There is no account from an earlier case to confirm." in body(again)


def test_writing_a_new_account_instead_leaves_the_carried_one_unconfirmed(journey, reopened):
    case_account_write(actor=journey.worker, case=reopened, account=SECOND)

    assert [(n, text, confirmed) for n, text, _r, _w, _u, _c, confirmed in versions(reopened)] == [
        (1, ACCOUNT, None),
        (2, SECOND, None),
    ]
    reopened.refresh_from_db()
    assert reopened.account == SECOND


def test_until_confirmed_only_the_lead_unit_reads_the_carried_account(client, journey, reopened):
    reopened.consents.create(given=TODAY, form="oral", purpose="Ekonomi").units.add(journey.ekb)
    case_unit_join(case=reopened, unit=journey.ekb, joined=TODAY)
    factories.sign_in(client, journey.ekb_worker)

    page = body(client.get(url("detail", reopened)))
    history = body(client.get(url("account_versions", reopened)))

    assert ACCOUNT not in page
    assert "The account from the earlier case waits for the lead unit to confirm it." in page
    assert ACCOUNT not in history
    assert client.post(url("account_confirm", reopened)).status_code == 404
    assert AccountVersion.objects.get(case=reopened).confirmed_at is None


def test_a_unit_that_had_no_part_in_the_earlier_case_gets_no_account(journey):
    case_close(case=journey.case, closed=TODAY - 2 * DAY, reason="moved")
    elsewhere = factories.UnitFactory(kind="rvt", name="RVT Söderby")
    later = case_open(
        actor=factories.staff("handlaggare", elsewhere),
        person=journey.person,
        district=elsewhere.district,
        lead_unit=elsewhere,
        source="self",
        opened=TODAY,
    )

    assert versions(later) == []
