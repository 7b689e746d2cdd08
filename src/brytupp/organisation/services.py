"""Writes to the organisation: loading a configuration, users and memberships."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import MembershipChange
from brytupp.audit.services import access_log_record_membership

from .models import (
    District,
    Membership,
    MembershipStatus,
    Municipality,
    Partner,
    Role,
    Unit,
    User,
)

STOCKHOLM = Path(__file__).resolve().parent / "data" / "stockholm.json"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def organisation_load(*, configuration: dict) -> dict[str, int]:
    """Create or update a municipality's organisation from its configuration.

    Loading the same configuration twice changes nothing; records are matched by code.
    Returns how many districts, units and partners the configuration holds, and how many
    legal grounds and delegation lines (``interventions.configuration``).
    """
    city = configuration["municipality"]
    # The stay limit is seeded, never overwritten: the administrator may have changed it.
    seeded = {"stay_limit_days": city["stay_limit_days"]} if "stay_limit_days" in city else {}
    municipality, _ = Municipality.objects.update_or_create(
        code=city["code"],
        defaults={"name": city["name"]},
        create_defaults={"name": city["name"], **seeded},
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
    # The legal grounds and delegationsordning the organisation's decisions are made under.
    from brytupp.interventions.configuration import decision_rules_load

    rules = decision_rules_load(configuration=configuration, municipality=municipality)
    # The city's default housing checklist (decision 0046).
    from brytupp.housing.configuration import housing_steps_load

    rules |= housing_steps_load(configuration=configuration)
    return {
        "districts": len(districts),
        "units": units,
        "partners": len(configuration.get("partners", [])),
        **rules,
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


# --- memberships: four eyes (decision 0017) ---------------------------------------------------
#
# Each write below logs one entry in the chained access log, naming the actor, the membership's
# unit and user, and what happened to which role; ``policies`` says who may do what.


def _log(membership: Membership, change: MembershipChange, *, actor: User | None) -> None:
    access_log_record_membership(
        actor=actor,
        membership=membership,
        change=change,
        actor_role=policies.membership_actor_role(actor, membership.unit) if actor else "",
    )


@transaction.atomic
def membership_grant(
    *,
    user: User,
    unit: Unit,
    role: Role | str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Membership:
    """A membership made by the system itself, approved at once: the demo's staff and
    ``brytupp grant_role`` (the first administrator, run by whoever runs the server). No page
    reaches it; a person in the application proposes with ``membership_propose``."""
    membership = Membership(
        user=user,
        unit=unit,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
        status=MembershipStatus.APPROVED,
    )
    membership.full_clean()
    membership.save()
    _log(membership, MembershipChange.GRANTED, actor=None)
    return membership


def _ensure_administrator(actor: User) -> None:
    if not policies.membership_administration.allows(actor):
        raise Http404


def _mark_proposed(membership: Membership, *, actor: User) -> MembershipChange:
    """A new or changed membership: proposed when its role needs four eyes, otherwise in
    force at once on the administrator's word alone."""
    membership.proposed_by, membership.proposed_at = actor, timezone.now()
    membership.decided_by, membership.decided_at, membership.refusal_reason = None, None, ""
    if policies.needs_four_eyes(membership.role):
        membership.status = MembershipStatus.PROPOSED
        return MembershipChange.PROPOSED
    membership.status = MembershipStatus.APPROVED
    return MembershipChange.GRANTED


@transaction.atomic
def membership_propose(
    *,
    actor: User,
    user: User,
    unit: Unit,
    role: Role | str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Membership:
    """A system administrator's new membership for ``user``: a proposal waiting for a second
    person when its role needs four eyes, in force at once otherwise."""
    _ensure_administrator(actor)
    membership = Membership(
        user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to
    )
    change = _mark_proposed(membership, actor=actor)
    membership.full_clean()
    membership.save()
    _log(membership, change, actor=actor)
    return membership


def _only_ends_earlier(before: Membership, after: dict) -> bool:
    same = all(getattr(before, name) == after[name] for name in ("unit_id", "role", "valid_from"))
    ends = after["valid_to"]
    return same and ends is not None and (before.valid_to is None or ends < before.valid_to)


@transaction.atomic
def membership_change(
    *,
    actor: User,
    membership_id: int,
    unit: Unit,
    role: Role | str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Membership:
    """A system administrator's change to a membership. Ending it earlier takes effect at
    once (it takes access away); any other change (role, unit, start, a later or no end) is a
    new proposal, and the membership grants nothing until a second person approves it when
    its role needs four eyes. Changing nothing writes nothing."""
    _ensure_administrator(actor)
    membership = Membership.objects.select_for_update().select_related("unit", "user")
    membership = membership.get(pk=membership_id)
    after = {"unit_id": unit.pk, "role": role, "valid_from": valid_from, "valid_to": valid_to}
    if all(getattr(membership, name) == value for name, value in after.items()):
        return membership
    if valid_to is not None and _only_ends_earlier(membership, after):
        return membership_end(actor=actor, membership=membership, valid_to=valid_to)
    membership.unit, membership.role = unit, role
    membership.valid_from, membership.valid_to = valid_from, valid_to
    change = _mark_proposed(membership, actor=actor)
    if change == MembershipChange.GRANTED:
        change = MembershipChange.CHANGED
    membership.full_clean()
    membership.save()
    _log(membership, change, actor=actor)
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership, valid_to: datetime.date) -> Membership:
    """End a membership on ``valid_to`` (its last day), never later than it already ends: one
    person may take access away."""
    _ensure_administrator(actor)
    if membership.valid_to is not None and valid_to > membership.valid_to:
        raise ValidationError({"valid_to": _("A membership can only be ended earlier.")})
    membership.valid_to = valid_to
    membership.full_clean()
    membership.save(update_fields=["valid_to"])
    _log(membership, MembershipChange.ENDED, actor=actor)
    return membership


@transaction.atomic
def membership_delete(*, actor: User, membership: Membership) -> None:
    """Delete a membership (its history stays in the access log)."""
    _ensure_administrator(actor)
    _log(membership, MembershipChange.DELETED, actor=actor)
    membership.delete()


def _proposal_for_decision(*, actor: User, membership_id: int, proposed_at: str) -> Membership:
    """The proposal, locked, if the actor may decide it and it is still the one they saw."""
    membership = policies.membership_approvals.get_or_404(
        actor,
        queryset=Membership.objects.select_for_update().select_related("unit", "user"),
        pk=membership_id,
    )
    if membership.proposed_at is None or membership.proposed_at.isoformat() != proposed_at:
        raise ValidationError(
            _("The proposal has been changed since you opened it. Look at it again."),
            code="changed",
        )
    return membership


@transaction.atomic
def membership_approve(*, actor: User, membership_id: int, proposed_at: str) -> Membership:
    """The second person's approval: from now on the membership gives its role. ``proposed_at``
    is the proposal's time as the approver saw it, so that a proposal changed meanwhile is
    never approved unseen."""
    membership = _proposal_for_decision(
        actor=actor, membership_id=membership_id, proposed_at=proposed_at
    )
    membership.status = MembershipStatus.APPROVED
    membership.decided_by, membership.decided_at = actor, timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at"])
    _log(membership, MembershipChange.APPROVED, actor=actor)
    return membership


@transaction.atomic
def membership_refuse(
    *, actor: User, membership_id: int, proposed_at: str, reason: str
) -> Membership:
    """The second person's refusal, with a reason the proposer reads in Django admin."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the refusal.")})
    membership = _proposal_for_decision(
        actor=actor, membership_id=membership_id, proposed_at=proposed_at
    )
    membership.status = MembershipStatus.REFUSED
    membership.decided_by, membership.decided_at = actor, timezone.now()
    membership.refusal_reason = reason.strip()
    membership.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
    _log(membership, MembershipChange.REFUSED, actor=actor)
    return membership
