"""Joint plan actions and SIPs; see this package's docstring."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast, Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from brytupp.text_length import BoundedTextField


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class PlanAction(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="plan_actions")
    description = BoundedTextField(_("action"), max_length=1000)
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


class PracticalTaskKind(models.Model):
    """A kind of practical support the city lists (ID card, BankID, …): kept as data, seeded
    by migration ``0004`` (decision 0047); its name is the city's Swedish name."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class PracticalTask(models.Model):
    """A practical-support task on the case: for a unit taking part, or a named case worker
    of that unit, by a due date, until done (decision 0047)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="practical_tasks")
    # ``support``, not ``kind``: "Att göra" selects a column named ``kind`` (worklists.todo).
    support = models.ForeignKey(
        PracticalTaskKind,
        verbose_name=_("kind of support"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = BoundedTextField(_("note"), max_length=1000, blank=True)
    responsible_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        "organisation.User",
        verbose_name=_("case worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due = models.DateField(_("due"))
    done = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["responsible_unit", "done", "due"])]

    def __str__(self) -> str:
        return f"Practical task {self.public_id}"


# A SIP names its participants one a line: a role and a unit, or a person at the region.
SIP_PARTICIPANTS_MAX = 30
SIP_PARTICIPANT_MAX_LENGTH = 150
# The database's bound on the list as JSON text: every name at its longest, each character
# escaped to at most 6 (``\u001f``), each in quotes with a separator. It stops a megabyte;
# ``sip_participants_valid`` holds the exact rule.
SIP_PARTICIPANTS_JSON_MAX_LENGTH = SIP_PARTICIPANTS_MAX * (SIP_PARTICIPANT_MAX_LENGTH * 6 + 4) + 2


def sip_participants_valid(value) -> None:
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ValidationError(_("List the participants as text."), code="invalid")
    if len(value) > SIP_PARTICIPANTS_MAX:
        raise ValidationError(
            _("A SIP can name at most %(limit)d participants."),
            code="too_many",
            params={"limit": SIP_PARTICIPANTS_MAX},
        )
    if any(len(name) > SIP_PARTICIPANT_MAX_LENGTH for name in value):
        raise ValidationError(
            _("A participant can be at most %(limit)d characters."),
            code="max_length",
            params={"limit": SIP_PARTICIPANT_MAX_LENGTH},
        )


class Sip(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="sips")
    date = models.DateField(_("date"))
    participants = models.JSONField(
        _("participants"), default=list, blank=True, validators=[sip_participants_valid]
    )
    responsible = models.CharField(_("overall responsibility"), max_length=150, blank=True)
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["date"]), models.Index(fields=["next_follow_up"])]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    Length(Cast("participants", models.TextField())),
                    SIP_PARTICIPANTS_JSON_MAX_LENGTH,
                ),
                name="sip_participants_bounded",
            )
        ]

    def __str__(self) -> str:
        return f"SIP {self.public_id}"
