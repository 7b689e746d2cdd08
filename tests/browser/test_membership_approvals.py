"""Four eyes as the unit manager meets it: from the start page to the proposals, approve one,
refuse another with a reason (decision 0017)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brytupp.organisation import services
from brytupp.organisation.models import Membership, MembershipStatus
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_the_manager_approves_and_refuses_from_the_start_page(page, live_server, org):
    administrator = org.users.systemforvaltare
    for username in ("ny.handlaggare", "okand.person"):
        services.membership_propose(
            actor=administrator,
            user=factories.UserFactory(username=username, last_name=username.split(".")[1]),
            unit=org.rvt,
            role="handlaggare",
            valid_from=timezone.localdate(),
        )

    sign_in(page, live_server, "test.chef", factories.TEST_PASSWORD)
    page.get_by_role("link", name="Behörigheter att godkänna").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Behörigheter att godkänna")
    rows = page.locator("table[data-table=membership-proposals] tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Relationsvåldsteamet Farsta")
    expect(rows.first).to_contain_text("test.forvaltare")
    assert_accessible(page, "membership-proposals")

    rows.filter(has_text="ny.handlaggare").get_by_role("button", name="Godkänn").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Behörigheten är godkänd och gäller nu."
    )
    expect(rows).to_have_count(1)

    rows.filter(has_text="okand.person").get_by_role("link", name="Avslå").click()
    page.get_by_role("button", name="Avslå").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Fyll i")
    assert_accessible(page, "membership-refuse-error")
    page.get_by_label("Varför avslås behörigheten?").fill("Ingen anställning i enheten")
    page.get_by_role("button", name="Avslå").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Behörigheten är avslagen.")
    expect(page.locator("main")).to_contain_text("Det finns ingen behörighet för dig att godkänna.")
    statuses = dict(Membership.objects.filter(unit=org.rvt).values_list("user__username", "status"))
    assert statuses["ny.handlaggare"] == MembershipStatus.APPROVED
    assert statuses["okand.person"] == MembershipStatus.REFUSED
