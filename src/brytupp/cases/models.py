"""Models of cases; the rules are in this package's docstring."""

from __future__ import annotations

import datetime
import uuid

from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brytupp.organisation.models import District, Unit
from brytupp.people.models import Person
from brytupp.text_length import BoundedTextField


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
    # Set only by ``opening.case_opening_refuse``: the unit holding the person said no.
    OPENING_REFUSED = "opening_refused", _("Opening refused by the unit holding the person")


class CaseAcceptance(models.TextChoices):
    """Whether a case grants its units anything (decision 0016). A case opened for a person
    with an open case elsewhere, or with a protected identity, waits for the unit holding the
    person to accept it; until then it grants no work, no reveal and shows no person."""

    ACCEPTED = "accepted", _("Accepted")
    PENDING = "pending", _("Waiting for acceptance")
    REFUSED = "refused", _("Opening refused")


class CaseUnitStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Taking part")
    DECLINED = "declined", _("Declined")
    # Ended: the unit's part is over, because the person withdrew the consent that covered it
    # (``PartEndReason``) or, for an imported part, because it left.
    LEFT = "left", _("Ended")


class PartEndReason(models.TextChoices):
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The person withdrew their consent")
    # The case was handed over to another district's lead unit (decision 0049).
    CASE_HANDED_OVER = "case_handed_over", _("The case was handed over to another district")


class NeedArea(models.TextChoices):
    HOUSING = "housing", _("Housing")
    ECONOMY = "economy", _("Economy")
    OCCUPATION = "occupation", _("Occupation")
    HEALTH = "health", _("Health")
    CHILDREN = "children", _("Children")
    LEGAL_PROCESS = "legal_process", _("Legal process")
    PROTECTION = "protection", _("Protection")
    SOCIAL_NETWORK = "social_network", _("Social network")
    PRACTICAL_SUPPORT = "practical_support", _("Practical support")


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
    # The person's own account, written once by the lead unit and shown to every unit.
    account = BoundedTextField(_("the person's account"), max_length=20_000, blank=True)
    # Added to by every edit in place of the case (the account): an edit form writes only if
    # the case still has the version it was opened at (decision 0029).
    version = models.PositiveIntegerField(default=1, editable=False)
    # Kept on the case, not only on its opening request, so that every access rule filters
    # on one column (``policies._participating_cases``); written only by ``cases.opening``.
    acceptance = models.CharField(
        _("acceptance"),
        max_length=10,
        choices=CaseAcceptance.choices,
        default=CaseAcceptance.ACCEPTED,
    )
    # The violence is honour-related (hedersrelaterat våld): set by the lead unit (0039).
    honour_context = models.BooleanField(_("honour-related context"), default=False)

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
            # The database itself keeps one open accepted case per person and district, so
            # two openings or acceptances racing past the services' checks cannot both win.
            # A pending case does not count: for a protected person it must stand beside an
            # accepted one in the same district, or refusing it would tell the opener where
            # the person's case is (decision 0016).
            models.UniqueConstraint(
                fields=["person", "district"],
                condition=Q(closed__isnull=True, acceptance="accepted"),
                name="case_one_open_per_person_district",
                violation_error_message=_("The person already has an open case in this district."),
            ),
        ]
        indexes = [
            models.Index(fields=["district", "opened"]),
            models.Index(fields=["person", "closed"]),
            # The case lists (newest open cases first): walked in order until a page of the
            # user's cases is found, instead of sorting every case (bench/load.py, 1 000 000
            # cases: Enhetens ärenden's page query 800 ms → 8 ms).
            models.Index(
                F("opened").desc(),
                F("id").desc(),
                condition=Q(closed__isnull=True),
                name="case_open_newest_first",
            ),
        ]

    def __str__(self) -> str:
        return f"Case {self.public_id}"

    @property
    def is_open(self) -> bool:
        return self.closed is None


class OpeningOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class CaseOpeningRequest(models.Model):
    """A request that a newly opened, pending case become an ordinary one (decision 0016).

    Made when a user opens a case for a person who has an open case anywhere in the city or a
    protected identity. The answering unit is the lead unit of the person's oldest open
    accepted case (any of its case workers or managers may answer), or, when there is none,
    the new case's lead unit, where only a manager may answer. No one answers their own
    request.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="opening_request")
    requested_by = models.ForeignKey(
        "organisation.User",
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requesting_unit = models.ForeignKey(
        Unit, verbose_name=_("requesting unit"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    reason = BoundedTextField(_("reason"), max_length=1000)
    answering_unit = models.ForeignKey(
        Unit,
        verbose_name=_("answering unit"),
        on_delete=models.PROTECT,
        related_name="opening_requests_to_answer",
    )
    managers_only = models.BooleanField(default=False)
    answered_by = models.ForeignKey(
        "organisation.User",
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=OpeningOutcome.choices, blank=True
    )
    refusal_reason = BoundedTextField(_("reason for refusal"), max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="", answered_by__isnull=True, answered_at__isnull=True)
                | (~Q(outcome="") & Q(answered_by__isnull=False, answered_at__isnull=False)),
                name="opening_request_answered_iff_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="refused") | ~Q(refusal_reason=""),
                name="opening_request_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(answered_by__isnull=True) | ~Q(answered_by=F("requested_by")),
                name="opening_request_not_answered_by_requester",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="opening_request_has_reason"),
        ]
        indexes = [models.Index(fields=["answering_unit", "outcome"])]

    def __str__(self) -> str:
        return f"Opening request {self.public_id}"


class CaseUnit(models.Model):
    """A unit's part in a case (samhandläggning): invited by the lead unit, then taking part."""

    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_units")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="case_parts"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseUnitStatus.choices, default=CaseUnitStatus.ACTIVE
    )
    invited = models.DateField(_("invited"), null=True, blank=True)
    joined = models.DateField(_("joined"), null=True, blank=True)
    left = models.DateField(_("left"), null=True, blank=True)
    # Why an ended part ended; empty for an imported part that left.
    end_reason = models.CharField(
        _("why the part ended"), max_length=20, choices=PartEndReason.choices, blank=True
    )
    # The invited unit's reason for declining, shown to the inviting (lead) unit.
    decline_reason = BoundedTextField(_("reason for declining"), max_length=1000, blank=True)
    # A manager of the lead unit's reason for inviting a unit that has a threat person of the
    # case as a client (decision 0039); empty for every other invitation.
    threat_decision_reason = BoundedTextField(
        _("reason for the manager's decision"), max_length=1000, blank=True
    )
    responsible = models.ForeignKey(
        "organisation.User",
        verbose_name=_("responsible case worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_parts",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(joined__isnull=True) | Q(left__gte=F("joined")),
                name="case_unit_left_after_joined",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(joined__isnull=False),
                name="case_unit_active_has_joined",
            ),
            models.UniqueConstraint(
                fields=["case", "unit"],
                condition=Q(status__in=["invited", "active"]),
                name="case_unit_one_current_part",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} in case {self.case_id}"


class ConsentForm(models.TextChoices):
    ORAL = "oral", _("Oral")
    WRITTEN = "written", _("Written")


def _in_force_on(day: datetime.date) -> Q:
    """In force from the day given, through the day it expires, until the day withdrawn."""
    return (
        Q(given__lte=day)
        & (Q(expires__isnull=True) | Q(expires__gte=day))
        & (Q(withdrawn__isnull=True) | Q(withdrawn__gt=day))
    )


class ConsentQuerySet(models.QuerySet):
    def in_force(self, day: datetime.date) -> ConsentQuerySet:
        return self.filter(_in_force_on(day))

    def with_in_force(self, day: datetime.date) -> ConsentQuerySet:
        """Each consent with ``in_force``: whether it is in force on ``day`` (the same rule)."""
        return self.annotate(
            in_force=ExpressionWrapper(_in_force_on(day), output_field=models.BooleanField())
        )


class Consent(models.Model):
    """The person's consent to share their case with the units and partners named."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    given = models.DateField(_("given"))
    form = models.CharField(_("form"), max_length=10, choices=ConsentForm.choices)
    purpose = BoundedTextField(_("purpose"), max_length=1000)
    expires = models.DateField(_("expires"), null=True, blank=True)
    withdrawn = models.DateField(_("withdrawn"), null=True, blank=True)
    units = models.ManyToManyField(
        Unit, verbose_name=_("units"), related_name="consents", blank=True
    )
    partners = models.ManyToManyField(
        "organisation.Partner",
        verbose_name=_("external partners"),
        related_name="consents",
        blank=True,
    )
    # The units that may read the description of violence (FREDA-beskrivning) besides the
    # lead unit: a subset of ``units`` (decision 0039).
    violence_description_units = models.ManyToManyField(
        Unit,
        verbose_name=_("units that may read the description of violence"),
        related_name="+",
        blank=True,
    )
    recorded_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the person withdrew their consent for some of its units only, the consent was
    # withdrawn and this one, covering the rest, continues it from that day (decision 0034).
    continues = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continued_by",
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn__isnull=True) | Q(withdrawn__gte=F("given")),
                name="consent_withdrawn_after_given",
            ),
            models.CheckConstraint(
                condition=Q(expires__isnull=True) | Q(expires__gte=F("given")),
                name="consent_expires_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent {self.public_id}"


class ThreatRelation(models.TextChoices):
    PARTNER = "partner", _("Partner")
    FORMER_PARTNER = "former_partner", _("Former partner")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    CHILD = "child", _("Child")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    PARTNERS_FAMILY = "partners_family", _("Partner's family")
    OTHER = "other", _("Other")


class ThreatPerson(models.Model):
    """Someone the person is threatened by (decision 0039): one or several, since honour-related
    violence often means a family. Linked to a ``Person`` when known in the system, else
    described in a few words. Never deleted: a threat person no longer current is ended with
    a day and a reason, so the case keeps who was a threat when.

    A threat person who is a client elsewhere never sees, nor lets their units see, the
    victim's case through them: this row is read only through the victim's case.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="threat_persons")
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = BoundedTextField(_("who the person is"), max_length=200, blank=True)
    relation = models.CharField(_("relation"), max_length=20, choices=ThreatRelation.choices)
    recorded_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    ended = models.DateField(_("no longer current"), null=True, blank=True)
    end_reason = BoundedTextField(_("why no longer current"), max_length=1000, blank=True)
    ended_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(description=""),
                name="threat_person_known_or_described",
            ),
            models.CheckConstraint(
                condition=Q(ended__isnull=True, end_reason="")
                | (Q(ended__isnull=False) & ~Q(end_reason="")),
                name="threat_person_end_reason_iff_ended",
            ),
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=Q(ended__isnull=True, person__isnull=False),
                name="threat_person_one_current_per_person",
            ),
        ]
        indexes = [models.Index(fields=["person", "ended"])]

    def __str__(self) -> str:
        return f"Threat person {self.public_id}"

    @property
    def is_current(self) -> bool:
        return self.ended is None


class Meeting(models.Model):
    """A joint investigating or planning meeting."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    held = models.DateField(_("date"))
    units = models.ManyToManyField(Unit, verbose_name=_("units"), related_name="+")
    partners = models.ManyToManyField(
        "organisation.Partner", verbose_name=_("external partners"), related_name="+", blank=True
    )
    person_present = models.BooleanField(_("the person took part"), default=True)
    minutes = BoundedTextField(_("minutes"), max_length=10_000)
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Meeting {self.public_id}"


class NeedsAssessment(models.Model):
    """One unit's assessment of the person's needs in one area, short and long term."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    area = models.CharField(_("area"), max_length=30, choices=NeedArea.choices)
    short_term = BoundedTextField(_("short term"), max_length=4000, blank=True)
    long_term = BoundedTextField(_("long term"), max_length=4000, blank=True)
    recorded_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "unit", "area"], name="assessment_one_per_unit_area"
            ),
            models.CheckConstraint(
                condition=~Q(short_term="", long_term=""), name="assessment_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment {self.pk}"


class CaseEvent(models.Model):
    """One thing that happened in a case, written by the service that did it.

    ``data`` holds codes, dates and opaque ids only; what is shown is looked up when the
    timeline is rendered, through the same access rules as everything else.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    day = models.DateField(_("date"))
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    # For an event written by an import: the producer's record and the event's kind (e.g.
    # ``placement:pl22:placement_ended``), so that importing the file again updates the event
    # rather than adding a second one. Empty for events written by the services.
    external_id = models.CharField(max_length=255, unique=True, null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["case", "day", "at"]),
            # The start page's notice of raised risk levels reads the last days' events of one
            # kind across the city (``assessments.selectors.risk_raised_recently``).
            models.Index(fields=["kind", "day"], name="caseevent_kind_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.day}"


class AccountVersion(models.Model):
    """One saved text of the person's account (decision 0034). Each save is a new version and
    the earlier ones are kept; ``Case.account`` is the text of the latest one saved. A change
    of an account already written carries its reason. A version is written once: the database
    refuses to delete one or change anything of it but its confirmation (migration 0013).

    A case opened again after an earlier one gets that case's latest account as a *carried*
    version (``carried_from``): it is not the new case's account until the lead unit confirms
    it (``confirmed_at``), and only the lead unit reads it before then.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="account_versions")
    number = models.PositiveIntegerField(_("version"))
    text = BoundedTextField(_("the person's account"), max_length=20_000)
    # Why an account already written was changed (a correction, as in the journal): required
    # for every version after the first of the case's own (``services.case_account_write``).
    reason = BoundedTextField(_("reason for the change"), max_length=2000, blank=True)
    written_at = models.DateTimeField(_("saved"))
    written_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="carried_to"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="account_version_number"),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(carried_from__isnull=False),
                name="account_version_confirmed_only_if_carried",
            ),
        ]

    def __str__(self) -> str:
        return f"Account version {self.number} of case {self.case_id}"

    @property
    def awaits_confirmation(self) -> bool:
        return self.carried_from_id is not None and self.confirmed_at is None


class JournalKind(models.TextChoices):
    """What a journal note records (decision 0040)."""

    SAMTAL = "samtal", _("Conversation with the person")
    HEMBESOK = "hembesok", _("Home visit")
    TELEFONSAMTAL = "telefonsamtal", _("Phone call")
    ANNAN_MYNDIGHET = "annan_myndighet", _("Contact with another authority")
    NATVERKET = "natverket", _("Contact with the network")
    MOTE = "mote", _("Meeting")
    OVRIGT = "ovrigt", pgettext_lazy("journal note kind", "Other")
    # What the child said, as a note about the child (decision 0045).
    BARNETS_ROST = "barnets_rost", _("The child's voice")


class JournalNote(models.Model):
    """A journal note of one unit in a case (decision 0040). Its text is its latest version:
    a note is signed when saved (``JournalNoteVersion``, written once, the database refuses to
    change or delete one), and a correction is a new version with its reason. ``version`` is
    the latest version's number, what a correction form was opened at (decision 0029)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="journal_notes")
    # The writing unit: its users correct the note; other units read it by the consent.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=JournalKind.choices)
    # The day of what is noted, not of the writing.
    date = models.DateField(_("date"))
    created_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # A note about a child of the case (the child's voice, decision 0045): read by those who
    # read the child's matters (``policies.journal_child_note_readable``).
    child = models.ForeignKey(
        Person,
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        indexes = [models.Index(fields=["case", "unit", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="barnets_rost") | Q(child__isnull=False),
                name="journal_note_childs_voice_has_child",
            ),
        ]

    def __str__(self) -> str:
        return f"Journal note {self.public_id}"


class JournalNoteVersion(models.Model):
    """One signed text of a journal note: number 1 is the note as first written, every later
    number a correction with the reason given. Never changed, never deleted (a trigger of
    migration 0011 refuses UPDATE and DELETE of a row)."""

    note = models.ForeignKey(JournalNote, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = BoundedTextField(_("text"), max_length=8000)
    written_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("signed"), auto_now_add=True)
    # Why the note was corrected: empty for the first version only.
    reason = BoundedTextField(_("reason for the correction"), max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "number"], name="journal_note_version_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="journal_note_version_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(reason=""),
                name="journal_note_correction_has_reason",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="journal_note_version_has_text"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of journal note {self.note_id}"


# --- the hand-over of a case to another district (decision 0049) -------------------------------


class TransferStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for an answer")
    ACCEPTED = "accepted", pgettext_lazy("hand-over", "Received")
    DECLINED = "declined", pgettext_lazy("hand-over", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("hand-over", "Withdrawn")


class CaseTransfer(models.Model):
    """The person moved to another district of the city: the lead unit proposes to hand the
    case to that district's lead unit, which receives it (``answered_on`` is the day the case
    changed district) or declines. The case keeps one history: the parts of the earlier
    district end and stay on the case as ended parts; the effect goals count the case in the
    district it belonged to on each record's date (``brytupp_case_district_on``)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers")
    from_unit = models.ForeignKey(
        Unit, verbose_name=_("from unit"), on_delete=models.PROTECT, related_name="+"
    )
    from_district = models.ForeignKey(
        District, verbose_name=_("from district"), on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        Unit,
        verbose_name=_("receiving unit"),
        on_delete=models.PROTECT,
        related_name="transfers_to_answer",
    )
    # Why, for the receiving unit: the person's move, what is urgent.
    reason = BoundedTextField(_("reason"), max_length=2000)
    # The person's consent to the hand-over, which covers the receiving unit.
    consent = models.ForeignKey(
        "Consent", verbose_name=_("consent"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=TransferStatus.choices,
        default=TransferStatus.PROPOSED,
    )
    answered_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    decline_reason = BoundedTextField(_("reason for declining"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("hand-over to another district")
        verbose_name_plural = _("hand-overs to another district")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="proposed"),
                name="case_transfer_one_proposed",
                violation_error_message=_("A hand-over of the case already waits for an answer."),
            ),
            models.CheckConstraint(
                condition=Q(status="proposed", answered_on__isnull=True)
                | (~Q(status="proposed") & Q(answered_on__isnull=False)),
                name="case_transfer_answered_iff_not_proposed",
            ),
            models.CheckConstraint(
                condition=Q(status="declined") | Q(decline_reason=""),
                name="case_transfer_decline_reason_only_declined",
            ),
        ]
        indexes = [models.Index(fields=["case", "status", "answered_on"])]

    def __str__(self) -> str:
        return f"Hand-over {self.public_id}"


# --- a move to another municipality (decision 0050) ---------------------------------------------


class MunicipalityMove(models.Model):
    """The person moved out of the city: the case closed with the reason ``moved`` and this
    record of where to and when, and whether the person consented to a summary of the case
    being sent to the receiving municipality (``cases.moves``). Written once, in the closing
    step; the lead unit produces the summary from it (``cases.move_summary``) only while a
    consent is recorded. A move within the city is no closing: the case is handed over to the
    new district (decision 0049)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="municipality_move")
    municipality = models.CharField(_("receiving municipality"), max_length=100)
    moved = models.DateField(_("date of the move"))
    # The person's consent to a summary being sent to the receiving municipality: both or
    # neither. Without it no summary is produced.
    consent_given = models.DateField(_("consent to the summary given"), null=True, blank=True)
    consent_form = models.CharField(
        _("form of the consent to the summary"),
        max_length=10,
        choices=ConsentForm.choices,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        "organisation.User",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("move to another municipality")
        verbose_name_plural = _("moves to another municipality")
        constraints = [
            models.CheckConstraint(
                condition=~Q(municipality=""), name="municipality_move_municipality_named"
            ),
            models.CheckConstraint(
                condition=Q(consent_given__isnull=True, consent_form="")
                | (Q(consent_given__isnull=False) & ~Q(consent_form="")),
                name="municipality_move_consent_date_iff_form",
            ),
        ]

    def __str__(self) -> str:
        return f"Move {self.public_id}"

    @property
    def consented(self) -> bool:
        return self.consent_given is not None
