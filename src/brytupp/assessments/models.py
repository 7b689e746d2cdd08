"""The screening opportunity and the risk assessment; see this package's docstring."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brytupp.organisation.models import UnitKind

# The units that put the screening questions to everyone they meet, whose routine the
# follow-up counts (effect goal 1, ``docs/effect-goals.md``): the social services' district
# units and the unit for the homeless. Providers, the RVC, the social emergency service, the
# crisis centre and staff units are not followed.
SCREENING_UNIT_KINDS = frozenset(
    {
        UnitKind.RVT,
        UnitKind.BARN_UNGA,
        UnitKind.VUXEN_BEROENDE,
        UnitKind.SOCIALPSYKIATRI,
        UnitKind.FUNKTIONSNEDSATTNING,
        UnitKind.ALDREOMSORG,
        UnitKind.EKONOMISKT_BISTAND,
        UnitKind.FAMILJERATT,
        UnitKind.OPPNA_INSATSER,
        UnitKind.HEMLOSA,
    }
)


class ScreeningOutcome(models.TextChoices):
    POSITIVE = "positive", _("Violence disclosed")
    NEGATIVE = "negative", _("No violence disclosed")
    DECLINED = "declined", _("Declined to answer")


class Screening(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    date = models.DateField(_("date"))
    asked = models.BooleanField(_("the questions about violence were asked"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ScreeningOutcome.choices, blank=True
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="screenings"
    )
    recorded_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(asked=True) | Q(outcome=""), name="screening_outcome_only_when_asked"
            ),
        ]
        indexes = [models.Index(fields=["unit", "date"])]

    def __str__(self) -> str:
        return f"Screening {self.public_id}"


class RiskInstrument(models.TextChoices):
    FREDA_KORTFRAGOR = "freda_kortfragor", _("FREDA short questions")
    FREDA_BESKRIVNING = "freda_beskrivning", _("FREDA description")
    FREDA_FARLIGHET = "freda_farlighet", _("FREDA dangerousness")
    PATRIARK = "patriark", _("PATRIARK")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class RiskAssessment(models.Model):
    """A risk assessment in a case with one of the instruments, and the level it gave."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="risk_assessments"
    )
    date = models.DateField(_("date"))
    instrument = models.CharField(_("instrument"), max_length=30, choices=RiskInstrument.choices)
    level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices, blank=True)

    def __str__(self) -> str:
        return f"Risk assessment {self.public_id}"
