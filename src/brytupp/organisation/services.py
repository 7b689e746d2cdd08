"""Writes to the organisation: loading a configuration, users and memberships."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction

from .models import District, Membership, Municipality, Partner, Role, Unit, User

STOCKHOLM = Path(__file__).resolve().parent / "data" / "stockholm.json"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def organisation_load(*, configuration: dict) -> dict[str, int]:
    """Create or update a municipality's organisation from its configuration.

    Loading the same configuration twice changes nothing; records are matched by code.
    Returns how many districts, units and partners the configuration holds.
    """
    municipality, _ = Municipality.objects.update_or_create(
        code=configuration["municipality"]["code"],
        defaults={"name": configuration["municipality"]["name"]},
    )
    districts = {}
    for entry in configuration["districts"]:
        districts[entry["code"]] = _district_save(municipality, entry, successor=None)
    for entry in configuration.get("historical_districts", []):
        successor = districts.get(entry["successor"]) or District.objects.get(
            code=entry["successor"]
        )
        districts[entry["code"]] = _district_save(municipality, entry, successor=successor)

    units = 0
    for entry in configuration["districts"]:
        district = districts[entry["code"]]
        for template in configuration.get("district_unit_kinds", []):
            _unit_save(
                municipality,
                code=f"{district.code}-{template['kind']}",
                kind=template["kind"],
                name=template["name"].format(district=district.name),
                district=district,
            )
            units += 1
    for entry in configuration.get("city_units", []):
        unit = _unit_save(
            municipality, code=entry["code"], kind=entry["kind"], name=entry["name"], district=None
        )
        unit.served_districts.set([districts[code] for code in entry.get("serves", [])])
        units += 1

    for entry in configuration.get("partners", []):
        Partner.objects.update_or_create(
            code=entry["code"], defaults={"name": entry["name"], "kind": entry["kind"]}
        )
    return {
        "districts": len(districts),
        "units": units,
        "partners": len(configuration.get("partners", [])),
    }


def organisation_load_stockholm() -> dict[str, int]:
    return organisation_load(configuration=json.loads(STOCKHOLM.read_text(encoding="utf-8")))


def _district_save(
    municipality: Municipality, entry: dict, *, successor: District | None
) -> District:
    district, _ = District.objects.update_or_create(
        code=entry["code"],
        defaults={
            "municipality": municipality,
            "name": entry["name"],
            "valid_from": _date(entry.get("valid_from")),
            "valid_to": _date(entry.get("valid_to")),
            "successor": successor,
        },
    )
    return district


def _unit_save(municipality, *, code: str, kind: str, name: str, district: District | None) -> Unit:
    unit, _ = Unit.objects.update_or_create(
        code=code,
        defaults={"municipality": municipality, "kind": kind, "name": name, "district": district},
    )
    return unit


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def membership_grant(
    *,
    user: User,
    unit: Unit,
    role: Role | str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Membership:
    membership = Membership(
        user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to
    )
    membership.full_clean()
    membership.save()
    return membership


def user_sign_out_everywhere(*, user: User) -> None:
    """End every session of the user, on every device, at their next request."""
    from django.db.models import F

    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)


INACTIVE_DAYS = 90


@transaction.atomic
def users_disable_inactive(*, now: datetime.datetime | None = None) -> list[str]:
    """Disable every account with no sign-in for 90 days (never signed in: since it was made).

    Run daily (``brytupp disable_inactive_users``). Returns the user names disabled.
    """
    from django.db.models import Q
    from django.utils import timezone

    cutoff = (now or timezone.now()) - datetime.timedelta(days=INACTIVE_DAYS)
    stale = User.objects.filter(is_active=True).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )
    usernames = sorted(stale.values_list("username", flat=True))
    stale.update(is_active=False)
    return usernames


def user_identity_number_set(*, user: User, identity_number: str) -> User:
    """Record the keyed digest of the user's own identity number (empty: forget it), so that
    log review can flag their looking at their own or a colleague's record."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from brytupp.people.identity_number import InvalidIdentityNumber, parse_identity_number
    from brytupp.people.sealing import search_digest

    digest = None
    if identity_number.strip():
        try:
            digest = search_digest(parse_identity_number(identity_number).value)
        except InvalidIdentityNumber as error:
            raise ValidationError({"identity_number": str(error)}) from None
        if User.objects.filter(identity_number_digest=digest).exclude(pk=user.pk).exists():
            raise ValidationError(
                {"identity_number": _("Another user already has this identity number.")}
            )
    user.identity_number_digest = digest
    user.save(update_fields=["identity_number_digest"])
    return user
