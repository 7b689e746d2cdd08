"""Trust in the browser: setting up two-factor sign-in, and Socialjouren's emergency access,
each page checked with axe-core."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django_otp.oath import totp
from playwright.sync_api import expect

from brytupp.organisation.models import UnitKind
from brytupp.signin.models import SealedTOTPDevice
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_two_factor_set_up_and_recovery_codes(page, live_server, org):
    with override_settings(BRYTUPP_REQUIRE_TWO_FACTOR=True):
        sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)

        expect(page.get_by_role("heading", level=1)).to_have_text("Aktivera tvåstegsverifiering")
        expect(page.locator("#navigation")).to_have_count(0)
        assert_accessible(page, "two-factor-setup")
        device = SealedTOTPDevice.objects.get(user=org.users.handlaggare, confirmed=False)
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        page.locator('[name="token"]').fill(f"{code:06d}")
        page.get_by_role("button", name="Bekräfta").click()

        expect(page.locator("#recovery-codes li")).to_have_count(10)
        assert_accessible(page, "two-factor-recovery-codes")
        page.get_by_role("button", name="Fortsätt").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mina ärenden")


def test_emergency_access_for_socialjouren(page, live_server, org):
    jour = factories.UnitFactory(district=None, kind=UnitKind.SOCIALJOUR, name="Socialjouren Test")
    factories.staff("handlaggare", jour, username="test.jour")
    person = factories.person(
        first_name="Akut",
        last_name="Exempelsson",
        identity_number="201701012393",
        birth_date=datetime.date(2017, 1, 1),
    )
    case = factories.case(person_=person, unit=org.rvt)

    sign_in(page, live_server, "test.jour", factories.TEST_PASSWORD)
    page.goto(f"{live_server.url}/arenden/{case.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan hittades inte")

    page.goto(f"{live_server.url}/nodatkomst/")
    assert_accessible(page, "emergency-search")
    page.locator('[name="identity_number"]').fill("20170101-2393")
    page.get_by_role("button", name="Sök").click()
    expect(page.locator(".govuk-summary-card")).to_have_count(1)
    assert "Akut" not in page.content()
    assert_accessible(page, "emergency-candidates")
    page.locator('textarea[name="reason"]').fill("Personen ringer natt och behöver skydd nu")
    page.get_by_role("button", name="Öppna ärendet med nödåtkomst").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Akut Exempelsson")
    expect(page.locator("main")).to_contain_text("nödåtkomst")
    assert_accessible(page, "emergency-case")
