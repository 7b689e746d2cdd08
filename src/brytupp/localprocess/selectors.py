"""Reads of the local process (decision 0051).

Nothing here is personal data: who offers an item and how to reach them. The staff pages still
read through the access rules (``policies.local_process`` and ``policies.local_process_city``)
so that a district's process is kept by its own process owner and compared by the city;
``local_process_public`` is what the public pages may show, and shows no member of staff.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from brytupp.access import policies
from brytupp.interventions.models import PALETTE
from brytupp.organisation.models import District, Partner, Unit, User
from brytupp.sort_order import swedish_order

from .models import LocalOffer, LocalOfferVersion


@dataclass(frozen=True)
class PublicOffer:
    """What the public may read about one item of the palette in one district: who offers
    it (``provider`` is ``None`` for a gap) and how to reach them. No member of staff."""

    item: str
    label: str
    provider: str | None
    phone: str
    email: str
    visiting_address: str
    hours: str
    safe_contact: str
    waiting_days: int | None


def provider_name(offer: LocalOffer | LocalOfferVersion | None) -> str | None:
    """The name of the unit or partner that offers the item, ``None`` for a gap."""
    if offer is None:
        return None
    if offer.unit is not None:
        return offer.unit.name
    if offer.partner is not None:
        return offer.partner.name
    return None


def current_provider(offer: LocalOffer | None) -> str | None:
    """Who offers the item today: the provider's name, ``None`` for a gap — and for a unit
    that is no longer valid, whose answer no longer holds."""
    unit = offer.unit if offer is not None else None
    if unit is not None:
        today = timezone.localdate()
        if (unit.valid_from is not None and unit.valid_from > today) or (
            unit.valid_to is not None and unit.valid_to < today
        ):
            return None
    return provider_name(offer)


def _offers_by_item(district: District) -> dict[str, LocalOffer]:
    return {
        offer.item: offer
        for offer in LocalOffer.objects.filter(district=district).select_related("unit", "partner")
    }


def local_process_public(*, district: District) -> list[PublicOffer]:
    """For each item of the palette, in the palette's order, what the public may read of the
    district's local process: an item no one offers has ``provider=None`` and no contacts
    (what a gap row may still hold is not shown)."""
    offers = _offers_by_item(district)
    result = []
    for item in PALETTE:
        offer = offers.get(item.value)
        provider = current_provider(offer)
        if offer is None or provider is None:
            result.append(
                PublicOffer(
                    item=item.value,
                    label=str(item.label),
                    provider=None,
                    phone="",
                    email="",
                    visiting_address="",
                    hours="",
                    safe_contact="",
                    waiting_days=None,
                )
            )
            continue
        result.append(
            PublicOffer(
                item=item.value,
                label=str(item.label),
                provider=provider,
                phone=offer.phone,
                email=offer.email,
                visiting_address=offer.visiting_address,
                hours=offer.hours,
                safe_contact=offer.safe_contact,
                waiting_days=offer.waiting_days,
            )
        )
    return result


# --- what the form offers and the service accepts ----------------------------------------------


def local_offer_units(*, district: District) -> QuerySet[Unit]:
    """The units that may offer an item in the district: its own and the city-wide units of
    its municipality, valid today."""
    return (
        Unit.objects.valid_on(timezone.localdate())
        .filter(municipality_id=district.municipality_id)
        .filter(Q(district=district) | Q(district__isnull=True))
        .order_by(swedish_order("name"))
    )


def local_offer_partners() -> QuerySet[Partner]:
    return Partner.objects.order_by(swedish_order("name"))


# --- the staff pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRow:
    """One item of the palette on a district's page: the current answer, ``None`` while the
    district has given none."""

    item: str
    label: str
    offer: LocalOffer | None

    @property
    def provider(self) -> str | None:
        return current_provider(self.offer)


def local_process_get(*, actor: User, code: str) -> District:
    """A district whose local process the actor may read; 404 alike for none and not allowed."""
    return policies.local_process.get_or_404(actor, code=code)


def local_process_kept_get(*, actor: User, code: str) -> District:
    """A district whose local process the actor keeps; 404 alike for none and not allowed."""
    return policies.local_process_edit.get_or_404(actor, code=code)


def local_process_may_edit(*, actor: User, district: District) -> bool:
    return policies.local_process_edit.check(actor, district)


def palette_item_label(item: str) -> str:
    """The item's label; 404 for a code that is not an item of the palette."""
    for entry in PALETTE:
        if entry.value == item:
            return str(entry.label)
    raise Http404


def local_process_rows(*, actor: User, district: District) -> list[ItemRow]:
    """The district's local process, one row for each item of the palette in its order, each
    with who last changed it (a member of staff: not for the public)."""
    local_process_get(actor=actor, code=district.code)
    offers = {
        offer.item: offer
        for offer in LocalOffer.objects.filter(district=district).select_related(
            "unit", "partner", "changed_by"
        )
    }
    return [
        ItemRow(item=item.value, label=str(item.label), offer=offers.get(item.value))
        for item in PALETTE
    ]


def local_offer_get(*, district: District, item: str) -> LocalOffer | None:
    """The district's current answer for the item, ``None`` while there is none. The caller
    has fetched the district through its rule."""
    return (
        LocalOffer.objects.filter(district=district, item=item)
        .select_related("unit", "partner", "changed_by")
        .first()
    )


@dataclass(frozen=True)
class HistoryEntry:
    """One version of an answer and the name of who offered the item in it."""

    version: LocalOfferVersion
    provider: str | None


def local_offer_history(*, actor: User, district: District, item: str) -> list[HistoryEntry]:
    """Every version of the district's answer for the item, the latest first."""
    local_process_get(actor=actor, code=district.code)
    versions = (
        LocalOfferVersion.objects.filter(offer__district=district, offer__item=item)
        .select_related("unit", "partner", "changed_by")
        .order_by("-number")
    )
    return [HistoryEntry(version=v, provider=provider_name(v)) for v in versions]


@dataclass(frozen=True)
class CityRow:
    """One item of the palette across the districts: per district the provider's name, or
    ``None`` for a gap."""

    item: str
    label: str
    providers: list[str | None]


@dataclass(frozen=True)
class CityProcess:
    districts: Sequence[District]
    rows: list[CityRow]
    gaps: Sequence[tuple[District, list[str]]]  # each district with gaps: the items' labels


def current_districts() -> QuerySet[District]:
    return District.objects.valid_on(timezone.localdate()).order_by(swedish_order("name"))


def local_process_city(*, actor: User) -> CityProcess:
    """Every current district's local process side by side: rows are the items of the
    palette, columns the districts; and, per district, the items no one offers."""
    if not policies.local_process_city.allows(actor):
        raise Http404
    districts = list(
        current_districts().prefetch_related(
            Prefetch(
                "local_offers",
                queryset=LocalOffer.objects.select_related("unit", "partner"),
                to_attr="offers",
            )
        )
    )
    by_district = {d.pk: {o.item: current_provider(o) for o in d.offers} for d in districts}
    rows = [
        CityRow(
            item=item.value,
            label=str(item.label),
            providers=[by_district[d.pk].get(item.value) for d in districts],
        )
        for item in PALETTE
    ]
    gaps = []
    for district in districts:
        missing = [str(i.label) for i in PALETTE if by_district[district.pk].get(i.value) is None]
        if missing:
            gaps.append((district, missing))
    return CityProcess(districts=districts, rows=rows, gaps=gaps)
