"""A district's local process as data (decision 0051): one current ``LocalOffer`` per district
and item of the palette, and every version of it in ``LocalOfferVersion`` (append-only: a
trigger of migration 0002 refuses UPDATE and DELETE)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brytupp.interventions.models import PALETTE
from brytupp.text_length import BoundedTextField

PALETTE_CHOICES = [(item.value, item.label) for item in PALETTE]


class OfferFields(models.Model):
    """What a district says about one item of the palette: who offers it and how to reach
    them. Public: nothing here is about a person."""

    item = models.CharField(_("item of the palette"), max_length=30, choices=PALETTE_CHOICES)
    # Who offers it: a unit (the district's own or a city-wide one) or a partner; neither
    # while no one does (a gap, shown as such).
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    partner = models.ForeignKey(
        "organisation.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), max_length=150, blank=True)
    visiting_address = models.CharField(_("visiting address"), max_length=200, blank=True)
    hours = BoundedTextField(_("opening hours"), max_length=500, blank=True)
    # How to reach them without the one who threatens finding out: times, a way to call back,
    # to come without an appointment, an interpreter.
    safe_contact = BoundedTextField(_("how to reach them safely"), max_length=1000, blank=True)
    waiting_days = models.PositiveSmallIntegerField(
        _("waiting time in days"), null=True, blank=True
    )

    class Meta:
        abstract = True


class LocalOffer(OfferFields):
    """The current answer for one district and item; ``version`` counts its changes."""

    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="local_offers",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    changed_at = models.DateTimeField(_("changed"))
    changed_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("local offer")
        verbose_name_plural = _("local offers")
        constraints = [
            models.UniqueConstraint(fields=["district", "item"], name="local_offer_once"),
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(partner__isnull=True),
                name="local_offer_unit_or_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district_id}: {self.item}"

    @property
    def offered(self) -> bool:
        return self.unit_id is not None or self.partner_id is not None


class LocalOfferVersion(OfferFields):
    """One version of a district's answer, as it was saved: never changed, never deleted."""

    offer = models.ForeignKey(LocalOffer, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    changed_at = models.DateTimeField(_("changed"))
    changed_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "number"], name="local_offer_version_once")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of local offer {self.offer_id}"
