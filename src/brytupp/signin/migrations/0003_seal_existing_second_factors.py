"""Seal the keys of existing TOTP devices and keep only keyed digests of existing recovery
codes (decision 0020). Going back restores the TOTP keys in clear; the recovery codes cannot
be restored from their digests, so their users set up new ones."""

from django.db import migrations

from brytupp.people.sealing import seal, unseal
from brytupp.signin.models import KEY_SEALED_ELSEWHERE
from brytupp.signin.two_factor import recovery_code_digest


def seal_second_factors(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    TOTPSecret = apps.get_model("signin", "TOTPSecret")
    StaticToken = apps.get_model("otp_static", "StaticToken")
    RecoveryCode = apps.get_model("signin", "RecoveryCode")
    for device in TOTPDevice.objects.exclude(key=KEY_SEALED_ELSEWHERE):
        TOTPSecret.objects.create(device=device, sealed=seal(device.key))
        device.key = KEY_SEALED_ELSEWHERE
        device.save(update_fields=["key"])
    for token in StaticToken.objects.all():
        RecoveryCode.objects.create(
            device_id=token.device_id,
            digest=recovery_code_digest(device_id=token.device_id, code=token.token),
        )
    StaticToken.objects.all().delete()


def unseal_totp_keys(apps, schema_editor):
    TOTPSecret = apps.get_model("signin", "TOTPSecret")
    for secret in TOTPSecret.objects.select_related("device"):
        secret.device.key = unseal(secret.sealed)
        secret.device.save(update_fields=["key"])
    TOTPSecret.objects.all().delete()
    apps.get_model("signin", "RecoveryCode").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("signin", "0002_sealed_second_factor")]

    operations = [migrations.RunPython(seal_second_factors, unseal_totp_keys)]
