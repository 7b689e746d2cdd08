"""Models of cases; the rules are in this package's docstring."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from brytupp.organisation.models import District, Unit
from brytupp.people.models import Person


class CaseSource(models.TextChoices):
    SELF = "self", _("The person themself")
    POLICE = "police", _("Police")
    SOCIALJOUR = "socialjour", _("Social emergency service")
    RVC_FRI_YTA = "rvc_fri_yta", _("RVC open counselling")
    OTHER_UNIT = "other_unit", _("Another unit")
    HEALTHCARE = "healthcare", _("Health care")
    SCHOOL = "school", _("School")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER_MUNICIPALITY = "other_municipality", _("Another municipality")
    OTHER = "other", _("Other")


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("Goals met")
    PERSON_DECLINED = "person_declined", _("The person declined further support")
    MOVED = "moved", _("Moved")
    NO_CONTACT = "no_contact", _("No contact")
    OTHER = "other", _("Other")


class Case(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="cases"
    )
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="led_cases"
    )
    source = models.CharField(_("source"), max_length=30, choices=CaseSource.choices)
    opened = models.DateField(_("opened"))
    closed = models.DateField(_("closed"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=30, choices=ClosureReason.choices, blank=True
    )
    previous_case = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="later_cases"
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed__isnull=True) | Q(closed__gte=F("opened")),
                name="case_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=Q(closed__isnull=True, closure_reason="")
                | (Q(closed__isnull=False) & ~Q(closure_reason="")),
                name="case_closure_reason_iff_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["district", "opened"]),
            models.Index(fields=["person", "closed"]),
        ]

    def __str__(self) -> str:
        return f"Case {self.public_id}"

    @property
    def is_open(self) -> bool:
        return self.closed is None


class CaseUnit(models.Model):
    """A unit's part in a case (samhandläggning)."""

    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_units")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="case_parts")
    joined = models.DateField(_("joined"))
    left = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=F("joined")),
                name="case_unit_left_after_joined",
            ),
            models.UniqueConstraint(
                fields=["case", "unit"],
                condition=Q(left__isnull=True),
                name="case_unit_one_active_part",
            ),
        ]
        indexes = [models.Index(fields=["unit", "left"])]

    def __str__(self) -> str:
        return f"{self.unit} in case {self.case_id}"
