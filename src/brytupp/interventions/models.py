"""Decisions, placements and follow-ups; see this package's docstring."""

from __future__ import annotations

import datetime
import uuid

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brytupp.housing.models import HousingType, is_permanent
from brytupp.text_length import BoundedTextField

SHORT_PROTECTED_HOUSING_DAYS = 14
FOLLOW_UP_WITHIN_DAYS = 7
SCHOOLING_WITHIN_DAYS = 7
# Children of compulsory-school age, in completed years on the placement's first day.
SCHOOL_AGE_FROM, SCHOOL_AGE_TO = 6, 17


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Completed years on ``day``. Born on 29 February, a year is completed on 1 March in a
    common year — as PostgreSQL's ``date - interval 'N years'`` counts it."""
    try:
        birthday = birth_date.replace(year=day.year)
    except ValueError:  # 29 February in a common year
        birthday = datetime.date(day.year, 3, 1)
    return day.year - birth_date.year - (day < birthday)


class Intervention(models.TextChoices):
    RADGIVNING = "radgivning", _("Individual counselling and guidance")
    STODSAMTAL_INDIVIDUELLT = "stodsamtal_individuellt", _("Individual support talks")
    STODSAMTAL_GRUPP = "stodsamtal_grupp", _("Group support talks")
    RATTSPROCESS = "rattsprocess", _("Support in the legal process and protective measures")
    STADIGVARANDE_BOENDE = "stadigvarande_boende", _("Support towards permanent housing")
    EKONOMISKT_STOD = "ekonomiskt_stod", _("Financial support")
    PRAKTISKT_STOD = "praktiskt_stod", _("Practical support")
    HALSO_SJUKVARD = "halso_sjukvard", _("Contact with health care")
    SKYDDAT_BOENDE = "skyddat_boende", _("Protected housing")
    TILLFALLIGT_BOENDE = "tillfalligt_boende", _("Temporary housing")
    KONTAKTPERSON = "kontaktperson", _("Contact person")
    STOD_BARN = "stod_barn", _("Support for children")
    SYSSELSATTNING = "sysselsattning", _("Occupation")


PALETTE = (
    Intervention.RADGIVNING,
    Intervention.STODSAMTAL_INDIVIDUELLT,
    Intervention.STODSAMTAL_GRUPP,
    Intervention.RATTSPROCESS,
    Intervention.STADIGVARANDE_BOENDE,
    Intervention.EKONOMISKT_STOD,
    Intervention.PRAKTISKT_STOD,
    Intervention.HALSO_SJUKVARD,
)

# Support talks, individual or in a group: at an RVC, the wait for them is followed up.
SUPPORT_TALKS = (Intervention.STODSAMTAL_INDIVIDUELLT, Intervention.STODSAMTAL_GRUPP)


class PlacementEndReason(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    ABORTED = "aborted", _("Broken off")
    RETURNED_TO_PERPETRATOR = "returned_to_perpetrator", _("Returned to the perpetrator")
    MOVED_OTHER_MUNICIPALITY = "moved_other_municipality", _("Moved to another municipality")
    OTHER = "other", _("Other")


class SchoolingKind(models.TextChoices):
    SCHOOL = "school", _("School")
    LARTEAMET = "larteamet", _("Lärteamet")


class Decision(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="decisions")
    intervention = models.CharField(_("intervention"), max_length=30, choices=Intervention.choices)
    decided_by = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided = models.DateField(_("decided"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    provider = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    provider_name = models.CharField(_("external provider"), max_length=150, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="decision_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["intervention", "decided"]), models.Index(fields=["end"])]

    def __str__(self) -> str:
        return f"Decision {self.public_id}"

    @property
    def period_days(self) -> int | None:
        """Days covered, both ends included; ``None`` while open-ended."""
        return None if self.end is None else (self.end - self.start).days + 1

    @property
    def has_ended(self) -> bool:
        """The end date (the last day covered) has passed, in Stockholm."""
        return self.end is not None and self.end < timezone.localdate()

    @property
    def is_short_protected_housing(self) -> bool:
        days = self.period_days
        return (
            self.intervention == Intervention.SKYDDAT_BOENDE
            and days is not None
            and days <= SHORT_PROTECTED_HOUSING_DAYS
        )


class Placement(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="placements")
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="placements"
    )
    provider = models.CharField(_("provider"), max_length=150, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=30, choices=PlacementEndReason.choices, blank=True
    )
    next_housing_type = models.CharField(
        _("housing after the placement"), max_length=30, choices=HousingType.choices, blank=True
    )
    next_housing_contract_months = models.PositiveSmallIntegerField(
        _("contract length in months"), null=True, blank=True
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="placement_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True, end_reason="")
                | (Q(end__isnull=False) & ~Q(end_reason="")),
                name="placement_end_reason_iff_end",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=False) | Q(next_housing_type=""),
                name="placement_next_housing_only_after_end",
            ),
        ]
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    def __str__(self) -> str:
        return f"Placement {self.public_id}"

    @property
    def follow_up_due(self) -> datetime.date:
        return self.start + datetime.timedelta(days=FOLLOW_UP_WITHIN_DAYS)

    @property
    def schooling_due(self) -> datetime.date:
        return self.start + datetime.timedelta(days=SCHOOLING_WITHIN_DAYS)

    @property
    def next_housing_is_permanent(self) -> bool:
        return is_permanent(self.next_housing_type, self.next_housing_contract_months)


class PlacementChild(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="children")
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="placements_as_child"
    )
    schooling_start = models.DateField(_("schooling started"), null=True, blank=True)
    schooling_kind = models.CharField(
        _("schooling"), max_length=10, choices=SchoolingKind.choices, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["placement", "child"], name="placement_child_once"),
        ]

    def __str__(self) -> str:
        return f"Placed child {self.pk}"

    @property
    def is_school_age(self) -> bool:
        age = age_on(self.child.birth_date, self.placement.start)
        return SCHOOL_AGE_FROM <= age <= SCHOOL_AGE_TO


class FollowUp(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("date"))
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )
    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )
    goal_achieved = models.BooleanField(_("goal achieved"), null=True, blank=True)
    improved_situation = models.BooleanField(
        _("the person experiences an improved situation"), null=True, blank=True
    )
    note = BoundedTextField(_("note"), max_length=4000, blank=True)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Follow-up {self.public_id}"
