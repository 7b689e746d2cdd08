"""Joint plan actions and SIPs; see this package's docstring."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class PlanAction(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="plan_actions")
    description = models.TextField(_("action"))
    responsible_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=15, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    # Added to by every change of the action (decision 0029).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        indexes = [models.Index(fields=["responsible_unit", "status", "due"])]

    def __str__(self) -> str:
        return f"Plan action {self.public_id}"


class Sip(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="sips")
    date = models.DateField(_("date"))
    participants = models.JSONField(_("participants"), default=list, blank=True)
    responsible = models.CharField(_("overall responsibility"), max_length=150, blank=True)
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["date"]), models.Index(fields=["next_follow_up"])]

    def __str__(self) -> str:
        return f"SIP {self.public_id}"
