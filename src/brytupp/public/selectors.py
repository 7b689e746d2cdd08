"""Reads for the public pages. Nothing here is personal data: the city's districts, who offers
each kind of help in one of them (from its local process), and the numbers anyone may call."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from brytupp.contact.selectors import district_rvt
from brytupp.localprocess.selectors import PublicOffer, local_process_public
from brytupp.organisation.models import District
from brytupp.sort_order import swedish_order


@dataclass(frozen=True)
class EmergencyNumber:
    name: str | Promise  # translated when the page renders
    number: str  # as written
    tel: str  # for tel:
    when: str | Promise


# The numbers first on every start page (decision 0052 says where each was checked).
EMERGENCY_NUMBERS = (
    EmergencyNumber(_("Emergency: police, ambulance, fire"), "112", "112", _("Always open")),
    EmergencyNumber(
        _("Kvinnofridslinjen – for women exposed to violence or threats, and those close to them"),
        "020-50 50 50",
        "020505050",
        _("Free, open day and night, does not show on the phone bill"),
    ),
    EmergencyNumber(
        _("BRIS – for children and young people up to 18"),
        "116 111",
        "116111",
        _("Free, open day and night"),
    ),
    EmergencyNumber(
        _("Socialjouren Stockholm – the social services out of office hours"),
        "08-508 40 000",
        "0850840000",
        _("Evenings, nights and weekends"),
    ),
)

# The city's switchboard puts a caller through to the district's social services by day.
CITY_SWITCHBOARD = EmergencyNumber(
    _("Stockholm city's switchboard"), "08-508 000 00", "0850800000", _("Weekdays")
)


def public_districts() -> QuerySet[District]:
    """Every district valid today, in Swedish order."""
    return District.objects.valid_on(timezone.localdate()).order_by(swedish_order("name"))


def public_district_get(*, code: str) -> District:
    """A current district by its code; 404 for any other."""
    district = public_districts().filter(code=code).first()
    if district is None:
        raise Http404
    return district


@dataclass(frozen=True)
class DistrictPage:
    district: District
    offers: list[PublicOffer]
    rvt: str | None  # the name of the district's relationship violence team, if it has one


def public_district_page(*, district: District) -> DistrictPage:
    """The district's local process as the public may read it, and whom to call for a gap."""
    rvt = district_rvt(district)
    return DistrictPage(
        district=district,
        offers=local_process_public(district=district),
        rvt=rvt.name if rvt is not None else None,
    )
