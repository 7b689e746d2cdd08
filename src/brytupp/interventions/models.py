"""Decisions, placements and follow-ups; see this package's docstring."""

from __future__ import annotations

import datetime
import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brytupp.housing.models import HousingType, is_permanent
from brytupp.organisation.models import Role
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


class ChildSupportForm(models.TextChoices):
    """The form of a child's own support (``Intervention.STOD_BARN`` for a child, decision
    0045): a detail of the intervention, not a code of its own (the codes are the interchange
    format's)."""

    INDIVIDUAL = "individual", _("Individual support talks for children who experienced violence")
    GROUP = "group", _("Group support (Trappan-type)")
    OTHER = "other", pgettext_lazy("child support form", "Other")


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
    # The child's own intervention (decision 0045): the child of the case it is for.
    child = models.ForeignKey(
        "people.Person",
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    child_support_form = models.CharField(
        _("form of the child's support"),
        max_length=20,
        choices=ChildSupportForm.choices,
        blank=True,
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="decision_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(child_support_form="")
                | Q(intervention="stod_barn", child__isnull=False),
                name="decision_child_support_form_for_child_support",
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
    # What the housing costs the district a night, where known (decision 0048).
    cost_per_night = models.DecimalField(
        _("cost per night (SEK)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # Added to by every change of the cost per night after the placement was recorded
    # (decision 0029: a form opened before another's change writes nothing).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="placement_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(cost_per_night__isnull=True) | Q(cost_per_night__gte=0),
                name="placement_cost_per_night_not_negative",
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
    # The child's own decision granting protected housing (decision 0045): a child who has one
    # stays placed when the parent's placement ends, until the child's own end. Empty for a
    # child placed only with the parent, and for rows from before.
    decision = models.ForeignKey(
        "ApplicationDecision",
        verbose_name=_("the child's own decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Empty only for rows an import wrote (the placement's dates then stand for the child's).
    start = models.DateField(_("placed from"), null=True, blank=True)
    end = models.DateField(_("placed until"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=30, choices=PlacementEndReason.choices, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["placement", "child"], name="placement_child_once"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="placement_child_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True, end_reason="")
                | (Q(end__isnull=False) & ~Q(end_reason="")),
                name="placement_child_end_reason_iff_end",
            ),
        ]

    def __str__(self) -> str:
        return f"Placed child {self.pk}"

    @property
    def is_school_age(self) -> bool:
        age = age_on(self.child.birth_date, self.placement.start)
        return SCHOOL_AGE_FROM <= age <= SCHOOL_AGE_TO

    @property
    def placed_from(self) -> datetime.date:
        return self.start or self.placement.start

    @property
    def placed_until(self) -> datetime.date | None:
        return self.end if self.start is not None else self.placement.end

    @property
    def placed_on_own(self) -> bool:
        """Still placed on the child's own decision after the parent's placement ended."""
        return self.end is None and self.placement.end is not None and self.decision_id is not None


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


# --- applications and decisions as the law asks (issue 15, decision 0041) ------------------------
#
# ``Decision`` above stays what the follow-up figures count: a granted intervention with its
# period. What the law asks of the decision itself — what was asked, the outcome, the legal
# ground, the reasons, who decided under which delegation, when it was communicated and how to
# appeal — is an ``ApplicationDecision``; a bifall or delvis bifall points to the ``Decision``
# it granted. Legal grounds and delegations are data the organisation keeps (Django admin).


class LegalGround(models.Model):
    """A provision a decision may be made under, valid for a period: the Social Services Act
    in force since 1 July 2025 renumbered its sections, and an old decision keeps the ground it
    was made under. Never deleted (``PROTECT``); a ground that no longer applies gets an end."""

    code = models.SlugField(_("code"), unique=True, max_length=50)
    law = models.CharField(_("law"), max_length=100)
    provision = models.CharField(_("provision"), max_length=50)
    label = models.CharField(_("label"), max_length=150)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    appealable = models.BooleanField(
        _("can be appealed"),
        default=True,
        help_text=_("A refusal on this ground can be appealed to an administrative court."),
    )

    class Meta:
        ordering = ["-valid_from", "law", "provision"]
        verbose_name = _("legal ground")
        verbose_name_plural = _("legal grounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="legal_ground_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provision} {self.law}: {self.label}"

    def valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Delegation(models.Model):
    """One line of a unit's delegationsordning: a role of the unit may decide an intervention
    (blank: every intervention) for a period; a bifall always, an avslag or a delvis bifall
    only when ``may_refuse``. Which line allowed a decision is kept on it (``PROTECT``)."""

    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    intervention = models.CharField(
        _("intervention"),
        max_length=30,
        choices=Intervention.choices,
        blank=True,
        help_text=_("Empty: every intervention."),
    )
    may_refuse = models.BooleanField(
        _("may refuse"), default=False, help_text=_("Also avslag and delvis bifall.")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["unit__code", "role", "intervention"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="delegation_valid_to_after_from",
            ),
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self) -> str:
        what = self.get_intervention_display() or _("every intervention")
        return f"{self.unit}: {self.get_role_display()}, {what}"


class ApplicationKind(models.TextChoices):
    APPLICATION = "ansokan", _("Application from the person")
    INITIATED = "aktualisering", _("Matter initiated by the unit")


class Application(models.Model):
    """What was asked, by the person (ansökan) or on the unit's own initiative
    (aktualisering), received by a unit taking part in the case."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="applications")
    kind = models.CharField(_("kind"), max_length=20, choices=ApplicationKind.choices)
    received = models.DateField(_("received"))
    asked = BoundedTextField(_("what is asked"), max_length=2000)
    intervention = models.CharField(
        _("intervention asked for"),
        max_length=30,
        choices=Intervention.choices,
        blank=True,
    )
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    # An application about a child of the case: the child's own decision (decision 0045).
    child = models.ForeignKey(
        "people.Person",
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["case", "received"])]

    def __str__(self) -> str:
        return f"Application {self.public_id}"


class DecisionOutcome(models.TextChoices):
    BIFALL = "bifall", _("Granted (bifall)")
    DELVIS_BIFALL = "delvis_bifall", _("Partly granted (delvis bifall)")
    AVSLAG = "avslag", _("Refused (avslag)")


# Outcomes that refuse all or part of what was asked: they need reasons, and a delegation
# that may refuse.
REFUSING_OUTCOMES = frozenset({DecisionOutcome.AVSLAG, DecisionOutcome.DELVIS_BIFALL})
GRANTING_OUTCOMES = frozenset({DecisionOutcome.BIFALL, DecisionOutcome.DELVIS_BIFALL})


class DecisionStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    REPLACED = "replaced", _("Replaced")
    ANNULLED = "annulled", _("Set aside by a court")


class LetterDelivery(models.TextChoices):
    """How the decision letter reaches a person with protected identity, as the lead unit
    chose: the letter then prints this instead of an address (``letter.py``)."""

    COLLECTED = "collected", _("Collected in person at the unit")
    FORWARDED = (
        "forwarded",
        _("Sent to an address the person gives, through the Swedish Tax Agency's forwarding"),
    )
    PROTECTED_HOUSING = "protected_housing", _("Handed over at the protected housing")


class ApplicationDecision(models.Model):
    """The decision on an application. Never edited once made, but for the day it was
    communicated and its status: a re-examination (omprövning) or a court's change is a new
    row that ``replaces`` this one, which is kept, marked replaced. A decision a court made
    (``appeal`` set) has no decision maker of ours and no delegation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    decided = models.DateField(_("decided"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    legal_ground = models.ForeignKey(
        LegalGround, verbose_name=_("legal ground"), on_delete=models.PROTECT, related_name="+"
    )
    reasons = BoundedTextField(_("reasons"), max_length=4000, blank=True)
    decision_maker = models.ForeignKey(
        "organisation.User",
        verbose_name=_("decision maker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    communicated = models.DateField(_("communicated"), null=True, blank=True)
    appeal_instructions = BoundedTextField(_("appeal instructions"), max_length=2000, blank=True)
    granted = models.OneToOneField(
        Decision,
        verbose_name=_("intervention granted"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application_decision",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.IN_FORCE
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    appeal = models.OneToOneField(
        "DecisionAppeal",
        verbose_name=_("court's change"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change",
    )
    # Set for a protected person only, by the lead unit (``letter.decision_letter_delivery_set``).
    letter_delivery = models.CharField(
        _("delivery of the letter"),
        max_length=20,
        choices=LetterDelivery.choices,
        null=True,
        blank=True,
    )
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        constraints = [
            # Held by the database too: the services lock the application before they look.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status="in_force"),
                name="application_one_decision_in_force",
            ),
            models.CheckConstraint(
                condition=Q(outcome="bifall") | ~Q(reasons=""),
                name="application_decision_reasons_for_refusal",
            ),
            models.CheckConstraint(
                condition=Q(communicated__isnull=True) | Q(communicated__gte=F("decided")),
                name="application_decision_communicated_after_decided",
            ),
            # Ours: a decision maker under a delegation; a court's: neither.
            models.CheckConstraint(
                condition=Q(
                    appeal__isnull=True, decision_maker__isnull=False, delegation__isnull=False
                )
                | Q(appeal__isnull=False, delegation__isnull=True),
                name="application_decision_maker_or_court",
            ),
            models.CheckConstraint(
                condition=Q(outcome="avslag", granted__isnull=True) | ~Q(outcome="avslag"),
                name="application_decision_refusal_grants_nothing",
            ),
        ]
        indexes = [models.Index(fields=["decided"])]

    def __str__(self) -> str:
        return f"Application decision {self.public_id}"


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Upheld (the decision stands)")
    CHANGED = "changed", _("Changed by the court")
    ANNULLED = "annulled", _("Set aside by the court")


class DecisionAppeal(models.Model):
    """An appeal against a decision and the court's outcome. A change leads to a new decision
    that replaces the appealed one; setting it aside leaves the application to be decided
    again."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision = models.ForeignKey(
        ApplicationDecision, on_delete=models.CASCADE, related_name="appeals"
    )
    lodged = models.DateField(_("lodged"))
    court = models.CharField(_("court"), max_length=150)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    outcome_date = models.DateField(_("date of the outcome"), null=True, blank=True)
    note = BoundedTextField(_("note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="pending", outcome_date__isnull=True)
                | (~Q(outcome="pending") & Q(outcome_date__isnull=False)),
                name="decision_appeal_outcome_date_iff_decided",
            ),
            models.CheckConstraint(
                condition=Q(outcome_date__isnull=True) | Q(outcome_date__gte=F("lodged")),
                name="decision_appeal_outcome_after_lodged",
            ),
            models.UniqueConstraint(
                fields=["decision"],
                condition=Q(outcome="pending"),
                name="decision_appeal_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"Appeal {self.public_id}"


# --- Socialjouren's decision after hours (issue 15 item 4, decision 0042) -------------------------


class AfterHoursDecision(models.Model):
    """A decision Socialjouren made after hours under an emergency access, in the existing
    case: an application received by Socialjouren's unit and decided at once under its own
    delegationsordning (``after_hours.after_hours_decide``). One per emergency access. It is
    flagged to the case's lead unit, due the next working day (``review_due``), until a person
    of the lead unit marks it reviewed."""

    decision = models.OneToOneField(
        ApplicationDecision, on_delete=models.CASCADE, related_name="after_hours"
    )
    emergency_access = models.OneToOneField(
        "access.EmergencyAccess", on_delete=models.PROTECT, related_name="after_hours_decision"
    )
    review_due = models.DateField(_("to be reviewed by the lead unit on"))
    acknowledged_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("reviewed by the lead unit"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledged_by__isnull=True, acknowledged_at__isnull=True)
                | Q(acknowledged_by__isnull=False, acknowledged_at__isnull=False),
                name="after_hours_acknowledged_by_whom_and_when",
            ),
        ]
        indexes = [
            models.Index(
                fields=["review_due"],
                condition=Q(acknowledged_at__isnull=True),
                name="after_hours_to_review",
            )
        ]

    def __str__(self) -> str:
        return f"After-hours decision {self.pk}"


# --- the child's support: the guardians' consent (issue 16 item 4, decision 0045) -----------------


class NotAskedReason(models.TextChoices):
    THREAT_PERSON = "threat_person", _("The guardian is the threat person")
    OTHER = "other", pgettext_lazy("guardian not asked", "Other reason")


class GuardianConsent(models.Model):
    """One guardian's consent to a child's support in a case: given on a day, or not asked,
    with the reason (the guardian is the threat person, or another reason written out). The
    child's support starts only when every guardian of the child has one
    (``child_track.child_support_start``). Recorded again, the row is replaced; the timeline
    keeps each recording."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="guardian_consents"
    )
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    guardian = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    given = models.DateField(_("consent given"), null=True, blank=True)
    not_asked_reason = models.CharField(
        _("why not asked"), max_length=20, choices=NotAskedReason.choices, blank=True
    )
    not_asked_text = BoundedTextField(_("the reason"), max_length=1000, blank=True)
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "child", "guardian"], name="guardian_consent_once"
            ),
            models.CheckConstraint(
                condition=Q(given__isnull=False, not_asked_reason="", not_asked_text="")
                | (Q(given__isnull=True) & ~Q(not_asked_reason="")),
                name="guardian_consent_given_or_reason",
            ),
            models.CheckConstraint(
                condition=~Q(not_asked_reason="other") | ~Q(not_asked_text=""),
                name="guardian_consent_other_reason_written",
            ),
        ]

    def __str__(self) -> str:
        return f"Guardian consent {self.public_id}"
