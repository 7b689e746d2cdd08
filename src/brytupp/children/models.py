"""Models of the child's matters; the rules are in this package's docstring."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brytupp.text_length import BoundedTextField


class SchoolKind(models.TextChoices):
    FORSKOLA = "forskola", _("Preschool")
    GRUNDSKOLA = "grundskola", _("Compulsory school")
    GYMNASIESKOLA = "gymnasieskola", _("Upper secondary school")
    INGEN = "ingen", _("None")
    OKAND = "okand", _("Not known")


class ChildRecord(models.Model):
    """The child's record in one case: what the case workers know of the child's everyday."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="child_records")
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="child_records"
    )
    school_kind = models.CharField(
        _("school or preschool"),
        max_length=20,
        choices=SchoolKind.choices,
        default=SchoolKind.OKAND,
    )
    # Where the child is every day: a location, masked for a protected child but to the lead
    # unit (``policies.child_school_withheld``).
    school_name = BoundedTextField(_("name of the school or preschool"), max_length=200, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    changed_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "child"], name="child_record_once"),
        ]

    def __str__(self) -> str:
        return f"Child record {self.pk}"


class ReportDirection(models.TextChoices):
    MADE = "made", _("Made by our unit")
    RECEIVED = "received", _("Received")


class ReporterKind(models.TextChoices):
    SKOLA = "skola", _("Preschool or school")
    VARD = "vard", _("Health care")
    POLIS = "polis", _("Police")
    SOCIALTJANST = "socialtjanst", _("Social services")
    ANHORIG = "anhorig", _("Relative")
    ANNAN = "annan", _("Other")


class ReportOutcome(models.TextChoices):
    INLEDD_UTREDNING = "inledd_utredning", _("Investigation opened")
    INGEN_UTREDNING = "ingen_utredning", _("No investigation")


class ReportOfConcern(models.Model):
    """A report of concern (orosanmälan) about a child in a case, made by the recording unit
    or received by it, and the outcome the barn och unga unit records once it has accepted it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="reports_of_concern"
    )
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="reports_of_concern"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=ReportDirection.choices)
    reporter_kind = models.CharField(_("from whom"), max_length=20, choices=ReporterKind.choices)
    reporter = BoundedTextField(_("who reported"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    concern = BoundedTextField(_("what the concern is"), max_length=4000)
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ReportOutcome.choices, blank=True
    )
    outcome_date = models.DateField(_("date of the outcome"), null=True, blank=True)
    outcome_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(concern=""), name="report_of_concern_has_text"),
            models.CheckConstraint(
                condition=Q(outcome="", outcome_date__isnull=True)
                | (~Q(outcome="") & Q(outcome_date__isnull=False)),
                name="report_of_concern_outcome_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"Report of concern {self.public_id}"


class ChildPartStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Taking part")
    DECLINED = "declined", _("Declined")


class ChildPart(models.Model):
    """A unit's part in a child's matters in a case, not in the case itself: the invitation a
    report of concern sends to the district's barn och unga unit, accepted or declined."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="child_parts")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=ChildPartStatus.choices)
    origin = models.OneToOneField(ReportOfConcern, on_delete=models.PROTECT, related_name="routing")
    since = models.DateField(_("since"))
    answered_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = BoundedTextField(_("reason for declining"), max_length=1000, blank=True)

    class Meta:
        indexes = [models.Index(fields=["unit", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="child_part_declined_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Child part {self.public_id}"
