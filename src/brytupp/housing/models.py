"""Housing codes and SHIS referrals; see this package's docstring."""

from __future__ import annotations

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brytupp.text_length import BoundedTextField


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
# The kinds a contract for a permanent home is of, in the order of ``HousingType``.
PERMANENT_CHOICES = [(kind.value, kind.label) for kind in HousingType if kind in PERMANENT_TYPES]


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


# --- the housing plan of a placement (decision 0046) ----------------------------------------


class HousingStepKind(models.TextChoices):
    PLAIN = "plain", _("Step")
    APPLICATION = "application", _("Application with an outcome")


class HousingStepTemplate(models.Model):
    """A step of the housing checklist, kept as data: the city's default list (``district``
    empty, seeded from the organisation's configuration) and a district's own steps. A
    district's step with the code of a city step replaces it for the district; an inactive
    one takes the step out of the district's new plans (or out of every new plan, for a city
    step). Plans made earlier keep their steps."""

    code = models.SlugField(_("code"), max_length=50)
    label = models.CharField(_("label"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(
        _("kind"), max_length=15, choices=HousingStepKind.choices, default=HousingStepKind.PLAIN
    )
    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("housing plan step")
        verbose_name_plural = _("housing plan steps")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(district__isnull=True), name="housing_step_city"
            ),
            models.UniqueConstraint(fields=["code", "district"], name="housing_step_district"),
        ]

    def __str__(self) -> str:
        return self.label


class HousingPlan(models.Model):
    """The road to permanent housing of one placement: a checklist made from the templates
    when the plan is first opened, and at its end the contract for a permanent home
    (decision 0048): the day it was signed, its kind and its length, all three or none."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    placement = models.OneToOneField(
        "interventions.Placement", on_delete=models.CASCADE, related_name="housing_plan"
    )
    created = models.DateField(_("created"))
    contract_signed = models.DateField(_("contract signed"), null=True, blank=True)
    contract_housing_type = models.CharField(
        _("kind of contract"),
        max_length=30,
        choices=PERMANENT_CHOICES,
        blank=True,
    )
    contract_months = models.PositiveSmallIntegerField(
        _("length of the contract in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    # Added to by every change of the contract (decision 0029).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    contract_signed__isnull=True,
                    contract_housing_type="",
                    contract_months__isnull=True,
                )
                | (
                    models.Q(contract_signed__isnull=False, contract_months__gte=1)
                    & ~models.Q(contract_housing_type="")
                ),
                name="housing_plan_contract_whole",
            ),
            models.CheckConstraint(
                condition=models.Q(contract_housing_type="")
                | models.Q(
                    contract_housing_type__in=sorted(kind.value for kind in PERMANENT_TYPES)
                ),
                name="housing_plan_contract_permanent_type",
            ),
        ]

    def __str__(self) -> str:
        return f"Housing plan {self.public_id}"


class ApplicationOutcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class HousingPlanStep(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(HousingPlan, on_delete=models.CASCADE, related_name="steps")
    template = models.ForeignKey(HousingStepTemplate, on_delete=models.PROTECT, related_name="+")
    responsible_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_partner = models.CharField(_("responsible partner"), max_length=150, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    done = models.DateField(_("done"), null=True, blank=True)
    submitted = models.DateField(_("submitted"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ApplicationOutcome.choices, blank=True
    )
    outcome_date = models.DateField(_("date of the outcome"), null=True, blank=True)
    note = BoundedTextField(_("note"), max_length=1000, blank=True)
    # Added to by every change of the step (decision 0029).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["template__order", "template__code"]
        indexes = [models.Index(fields=["responsible_unit", "done", "due"])]
        constraints = [
            models.UniqueConstraint(fields=["plan", "template"], name="housing_step_once"),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(outcome_date__isnull=False),
                name="housing_step_outcome_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"Housing plan step {self.public_id}"
