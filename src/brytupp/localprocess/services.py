"""Writes of the local process (decision 0051): a district's answer for one item of the
palette, set by the district's process owner, every version kept.

The answer is edited in place against the version the form was opened at (decision 0029): a
form opened before someone else's change writes nothing and shows what they saved. Each write
appends a ``LocalOfferVersion`` with who and when; the versions are the change log of the local
process (nothing in it is about a person, so it is not in the access log).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.concurrency import ChangedSinceOpened, versioned_update
from brytupp.interventions.models import PALETTE
from brytupp.organisation.models import District, Partner, Unit, User

from .models import LocalOffer, LocalOfferVersion
from .selectors import local_offer_units, provider_name

# A wait longer than a year is a mistake in the form, not a wait.
WAITING_DAYS_MAX = 365
OFFER_FIELDS = (
    "unit",
    "partner",
    "phone",
    "email",
    "visiting_address",
    "hours",
    "safe_contact",
    "waiting_days",
)


def offer_shown(offer: LocalOffer) -> dict[str, str]:
    """What another writer saved, as the form's conflict shows it (label -> text)."""
    waiting = offer.waiting_days
    return {
        _("Offered by"): provider_name(offer) or _("No one offers it"),
        _("Phone"): offer.phone or "–",
        _("E-mail"): offer.email or "–",
        _("Visiting address"): offer.visiting_address or "–",
        _("Opening hours"): offer.hours or "–",
        _("How to reach them safely"): offer.safe_contact or "–",
        _("Waiting time"): "–" if waiting is None else _("%(days)s days") % {"days": waiting},
    }


def _check(
    *,
    actor: User | None,
    district: District,
    item: str,
    unit: Unit | None,
    partner: Partner | None,
    waiting_days: int | None,
) -> None:
    if actor is not None and not policies.local_process_edit.check(actor, district):
        raise ValidationError(_("You may not change this district's local process."))
    if item not in {i.value for i in PALETTE}:
        raise ValidationError({"item": _("Choose an item of the palette.")})
    errors = {}
    if unit is not None and partner is not None:
        errors["partner"] = _("Choose a unit or a partner, not both.")
    if unit is not None and not local_offer_units(district=district).filter(pk=unit.pk).exists():
        errors["unit"] = _(
            "The unit must be one of the district's own or a city-wide unit, valid today."
        )
    if waiting_days is not None and not 0 <= waiting_days <= WAITING_DAYS_MAX:
        errors["waiting_days"] = _("The waiting time is from 0 to %(max)d days.") % {
            "max": WAITING_DAYS_MAX
        }
    if errors:
        raise ValidationError(errors)


def _version_append(offer: LocalOffer) -> LocalOfferVersion:
    return LocalOfferVersion.objects.create(
        offer=offer,
        number=offer.version,
        item=offer.item,
        changed_at=offer.changed_at,
        changed_by=offer.changed_by,
        **{field: getattr(offer, field) for field in OFFER_FIELDS},
    )


def _create(district: District, item: str, values: Mapping[str, object]) -> LocalOffer:
    """The district's first answer for the item; of two racing first answers the second finds
    the first's row and is told what it says."""
    try:
        with transaction.atomic():
            return LocalOffer.objects.create(district=district, item=item, version=1, **values)
    except IntegrityError:
        current = LocalOffer.objects.select_related("unit", "partner").get(
            district=district, item=item
        )
        raise ChangedSinceOpened(current=offer_shown(current), version=current.version) from None


@transaction.atomic
def local_offer_set(
    *,
    actor: User | None,
    district: District,
    item: str,
    unit: Unit | None = None,
    partner: Partner | None = None,
    phone: str,
    email: str,
    visiting_address: str,
    hours: str,
    safe_contact: str,
    waiting_days: int | None,
    version: int | None = None,
) -> LocalOffer:
    """Set the district's answer for one item of the palette: who offers it (a unit of the
    district's own or a city-wide one, or a partner; neither for a gap) and how to reach
    them. ``version`` is the answer's version when the form was opened, ``0`` for a form
    opened while there was none: if it changed since, nothing is written
    (``ChangedSinceOpened``). ``actor=None`` is the system (the demo, a set-up command).
    Every write appends a version."""
    _check(
        actor=actor,
        district=district,
        item=item,
        unit=unit,
        partner=partner,
        waiting_days=waiting_days,
    )
    values = {
        "unit": unit,
        "partner": partner,
        "phone": phone.strip(),
        "email": email.strip(),
        "visiting_address": visiting_address.strip(),
        "hours": hours.strip(),
        "safe_contact": safe_contact.strip(),
        "waiting_days": waiting_days,
        "changed_at": timezone.now(),
        "changed_by": actor,
    }
    # The fields' own rules (an e-mail address, the lengths) before anything is written.
    LocalOffer(district=district, item=item, **values).full_clean(
        exclude=["district", "changed_by"], validate_unique=False, validate_constraints=False
    )
    offer = LocalOffer.objects.filter(district=district, item=item).first()
    if offer is None:
        if version:  # opened on an answer that is no longer there: only a forged form
            raise ValidationError(_("The form is out of date: open it again."))
        offer = _create(district, item, values)
    else:
        # A form opened while there was no answer (0) finds one now: someone came first.
        opened = None if version is None else (version or -1)
        versioned_update(offer, opened=opened, fields=values, shown=offer_shown)
    _version_append(offer)
    return offer
