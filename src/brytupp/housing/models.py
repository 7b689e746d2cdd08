"""Housing codes and SHIS referrals; see this package's docstring."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class HousingType(models.TextChoices):
    FIRST_HAND = "first_hand", _("First-hand contract")
    SECOND_HAND = "second_hand", _("Second-hand contract")
    SHIS = "shis", _("SHIS Bostäder")
    LODGER = "lodger", _("Lodger")
    PRIORITY_ALLOCATION = "priority_allocation", _("Priority allocation (Bostadsförmedlingen)")
    TEMPORARY = "temporary", _("Temporary housing")
    PROTECTED = "protected", _("Protected housing")
    WITH_PERPETRATOR = "with_perpetrator", _("With the perpetrator")
    RELATIVES = "relatives", _("With relatives")
    UNKNOWN = "unknown", _("Unknown")


# Permanent housing: one of these types with a contract of at least six months. The one
# definition: the placement's end (``is_permanent``) and the follow-up's SQL
# (``followup/figures.py``) both read these two.
PERMANENT_TYPES = frozenset(
    {
        HousingType.FIRST_HAND,
        HousingType.SECOND_HAND,
        HousingType.SHIS,
        HousingType.LODGER,
        HousingType.PRIORITY_ALLOCATION,
    }
)
PERMANENT_MIN_MONTHS = 6


def is_permanent(housing_type: str | None, contract_months: int | None) -> bool:
    return housing_type in PERMANENT_TYPES and (contract_months or 0) >= PERMANENT_MIN_MONTHS


class ShisReferralKind(models.TextChoices):
    MELLANBO = "mellanbo", _("SHIS Mellanbo")
    AVTALAT_BOENDE = "avtalat_boende", _("Contracted housing (avtalat boende)")
    GENOMGANGSBOSTAD = "genomgangsbostad", _("Transitional flat (genomgångsbostad)")


class ShisReferral(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="shis_referrals")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=ShisReferralKind.choices)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"SHIS referral {self.public_id}"
