"""django-otp's admin pages of a device (its configuration and its key as a QR code) show
nothing to anyone, and say nothing of whether the device exists: the same 403 either way."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("view", ["config", "qrcode"])
def test_the_admin_shows_no_devices_key_nor_whether_it_exists(client, view):
    worker = factories.staff("handlaggare", factories.UnitFactory())
    device = TOTPDevice.objects.create(user=worker, name="Telefon", confirmed=True)
    administrator = factories.staff("systemforvaltare", factories.UnitFactory(district=None))
    factories.sign_in(client, administrator)

    existing = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{view}/")
    missing = client.get(f"/admin/otp_totp/totpdevice/{device.pk + 1000}/{view}/")

    assert existing.status_code == missing.status_code == 403
    assert device.key not in existing.content.decode()
