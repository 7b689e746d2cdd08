"""The screening opportunity and the risk assessment; see this package's docstring."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brytupp.organisation.models import UnitKind
from brytupp.text_length import BoundedTextField

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


class NotAskedReason(models.TextChoices):
    NOT_ALONE = "not_alone", _("The person was not alone")
    INTERPRETER = "interpreter", _("A relative or an unsuitable interpreter was present")
    ACUTE = "acute", _("The situation did not allow it")
    ASKED_RECENTLY = "asked_recently", _("Asked recently in the same unit")
    OTHER = "other", _("Another reason")


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
    # FREDA-kortfrågor as asked on the page (``instruments.KORTFRAGOR``); imported screenings
    # (interchange v1) hold whether it was asked and the outcome only.
    instrument_version = models.CharField(max_length=20, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    not_asked_reason = models.CharField(
        _("why the questions were not asked"),
        max_length=20,
        choices=NotAskedReason.choices,
        blank=True,
    )
    not_asked_note = models.CharField(_("more about why"), max_length=300, blank=True)
    # Whether the person was told of the help on offer (asked only when the questions were).
    told_of_help = models.BooleanField(_("told of the help on offer"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(asked=True) | Q(outcome=""), name="screening_outcome_only_when_asked"
            ),
            models.CheckConstraint(
                condition=Q(asked=False) | Q(not_asked_reason=""),
                name="screening_reason_only_when_not_asked",
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
    # The police's own assessments, recorded as a reference (number, date, level).
    SARA_SV = "sara_sv", _("SARA:SV (police)")
    B_SAFER = "b_safer", _("B-SAFER (police)")
    POLICE_OTHER = "police_other", _("Other police risk assessment")


# The social services' own structured assessments of the risk of further violence: what the
# follow-up counts, what is reassessed, and what gives the case its current level.
STRUCTURED_INSTRUMENTS = frozenset({RiskInstrument.FREDA_FARLIGHET, RiskInstrument.PATRIARK})
POLICE_INSTRUMENTS = frozenset(
    {RiskInstrument.SARA_SV, RiskInstrument.B_SAFER, RiskInstrument.POLICE_OTHER}
)


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


LEVEL_ORDER = {RiskLevel.LOW: 1, RiskLevel.MEDIUM: 2, RiskLevel.HIGH: 3}


class RiskAssessment(models.Model):
    """A risk assessment in a case with one of the instruments, and the level it gave.

    Written once and never changed: a new assessment is a new row, and the rows are the
    history (``assessments.instruments`` says what each instrument records). Imported
    assessments (interchange v1) hold the date, instrument and level only.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="risk_assessments"
    )
    date = models.DateField(_("date"))
    instrument = models.CharField(_("instrument"), max_length=30, choices=RiskInstrument.choices)
    # The version of the instrument's form the answers follow (``instruments.INSTRUMENTS``).
    instrument_version = models.CharField(_("version of the instrument"), max_length=20, blank=True)
    level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices, blank=True)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    # Item code -> answer (FREDA-farlighet), or form of violence -> its description
    # (FREDA-beskrivning); never the licensed instruments' items (docs/risk-and-safety.md).
    answers = models.JSONField(default=dict, blank=True)
    # FREDA-farlighet: the items answered yes.
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    # PATRIARK: the summary risk the instrument's own assessment gave.
    instrument_result = models.CharField(
        _("the instrument's result"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    # The case worker's own judgement (a summary, for FREDA-beskrivning).
    judgement = BoundedTextField(_("judgement"), max_length=4000, blank=True)
    # A police assessment: the police's reference (diarienummer).
    reference = models.CharField(_("police reference"), max_length=50, blank=True)
    # When it is to be assessed again at the latest; a level above low: at most 30 days.
    reassess_by = models.DateField(_("reassess by"), null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["case", "date"])]

    def __str__(self) -> str:
        return f"Risk assessment {self.public_id}"

    @property
    def is_structured(self) -> bool:
        return self.instrument in STRUCTURED_INSTRUMENTS

    @property
    def is_police(self) -> bool:
        return self.instrument in POLICE_INSTRUMENTS


class CircumstanceChange(models.Model):
    """Changed circumstances (a separation, a release from custody, new threats): the risk is
    to be assessed again, from this day, whatever the last level was."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="circumstance_changes"
    )
    date = models.DateField(_("date"))
    what = BoundedTextField(_("what has changed"), max_length=1000)
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Changed circumstances {self.public_id}"


class SafetyPlan(models.Model):
    """The safety plan (säkerhetsplan) of the person, or of one of their children: the
    threats, the measures and who does them by when, reviewed on a date. One per person or
    child in a case; a review keeps what was said and sets the next date."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="safety_plans")
    # The child the plan is for; none for the person's own plan.
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    threats = BoundedTextField(_("threats"), max_length=2000)
    review_on = models.DateField(_("review on"))
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    created_on = models.DateField(_("written"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(child__isnull=True), name="one_safety_plan_per_case"
            ),
            models.UniqueConstraint(fields=["case", "child"], name="one_safety_plan_per_child"),
        ]

    def __str__(self) -> str:
        return f"Safety plan {self.public_id}"


class MeasureKind(models.TextChoices):
    POLICE_CONTACT = "police_contact", _("Contact with the police")
    ALARM = "alarm", _("Alarm")
    PROTECTED_DATA = "protected_data", _("Protected personal data")
    CONTACT_BAN = "contact_ban", _("Restraining order")
    SCHOOL_INFORMED = "school_informed", _("School or preschool informed")
    ROUTES = "routes", _("Routes and times")
    CHILD_PICKUP = "child_pickup", _("Who may pick up the child")
    SAFE_CONTACT = "safe_contact", _("Safe way to make contact")
    OTHER = "other", _("Other measure")


class SafetyMeasure(models.Model):
    """One measure of a safety plan: what, who is responsible (a unit taking part, or someone
    outside such as the police), by when, and when it was done."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind.choices)
    description = BoundedTextField(_("description"), max_length=1000)
    responsible_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_other = models.CharField(
        _("responsible outside the units"), max_length=200, blank=True
    )
    due = models.DateField(_("by"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible_unit__isnull=False) | ~Q(responsible_other=""),
                name="safety_measure_has_responsible",
            ),
        ]

    def __str__(self) -> str:
        return f"Safety measure {self.public_id}"


class SafetyPlanReview(models.Model):
    """A review of a safety plan: what was found, and the date of the next review."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed"))
    note = BoundedTextField(_("what the review found"), max_length=2000)
    next_review_on = models.DateField(_("next review"))
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Safety plan review {self.public_id}"
