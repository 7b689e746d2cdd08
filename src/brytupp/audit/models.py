"""The access log entry; see this package's docstring."""

from __future__ import annotations

import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brytupp.text_length import BoundedTextField


class AccessKind(models.TextChoices):
    VIEW = "view", _("View")
    LIST_ROW = "list_row", _("List row")
    SEARCH_HIT = "search_hit", _("Search hit")
    # A person search that found no one: no person, but the search itself is on record.
    SEARCH = "search", _("Search without a hit")
    CHANGE = "change", _("Change")
    EXPORT = "export", _("Export")
    REVEAL = "reveal", _("Reveal")
    IMPORT = "import", _("Import")
    # Opening a case for a person, allowed or waiting for the holding unit's acceptance.
    OPENING = "opening", _("Opening a case")
    # A membership (a role in a unit) proposed, approved, refused or ended.
    MEMBERSHIP = "membership", _("Membership change")


class AccessGround(models.TextChoices):
    OWN_UNIT = "own_unit", _("Own unit's part in the case")
    CONSENT = "consent", _("Consent")
    EMERGENCY = "emergency", _("Emergency access")
    CASE_OPENING = "case_opening", _("Search before opening a case")
    OVERSIGHT = "oversight", _("Oversight: log review or a register extract")
    SYSTEM = "system", _("A system job without a user")
    # A member of the public, not signed in: a contact request sent from the public pages.
    PUBLIC = "public", _("A member of the public on the public pages")
    ADMINISTRATION = "administration", _("Administration of the organisation")
    REFUSED = "refused", _("Refused: no ground")
    NONE = "none", _("No ground")


class AccessOutcome(models.TextChoices):
    ALLOWED = "allowed", _("Allowed")
    REFUSED = "refused", _("Refused")


class MembershipChange(models.TextChoices):
    """What happened to a membership; with its role, the entry's ``membership_change``."""

    GRANTED = "granted", _("granted without approval")
    PROPOSED = "proposed", _("proposed")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")
    CHANGED = "changed", _("changed")
    ENDED = "ended", _("ended")
    DELETED = "deleted", _("deleted")


class AccessLogEntry(models.Model):
    """One access. Written only through ``chain.chain_append``, which assigns ``at``, ``seq``
    and the hashes; database triggers refuse UPDATE, DELETE and TRUNCATE. The table is
    partitioned by month of ``at``: its primary key in the database is ``(id, at)``."""

    # Set by chain_append from the database's clock; the default serves tests and the shell.
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user_public_id = models.UUIDField(null=True)
    unit_code = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=30, blank=True)
    person_public_id = models.UUIDField(null=True, db_index=True)
    case_public_id = models.UUIDField(null=True, db_index=True)
    kind = models.CharField(max_length=20, choices=AccessKind.choices)
    ground = models.CharField(max_length=20, choices=AccessGround.choices)
    outcome = models.CharField(max_length=10, choices=AccessOutcome.choices)
    request_id = models.CharField(max_length=36, blank=True)
    # A membership change: whose membership (the user's public id) and what happened to which
    # role, as "<action>:<role>" (``MembershipChange``). Both empty on every other entry, and
    # then left out of the hash, so entries written before they existed still verify.
    subject_public_id = models.UUIDField(null=True, blank=True)
    membership_change = models.CharField(max_length=40, null=True, blank=True)
    # Unique within each month's partition (an index made with the partition, migration 0004);
    # across months the writers' lock keeps it unique and ``audit verify`` checks it.
    seq = models.BigIntegerField()
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        indexes = [
            # Log review's volume flag counts a user's entries on a local day
            # (review._entries_per_day): the same expression, so each month's index answers it.
            models.Index(
                "user_public_id",
                TruncDate("at", tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm")),
                name="audit_log_user_local_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.outcome} at {self.at:%Y-%m-%d %H:%M:%S}"


class LogReview(models.Model):
    """A reviewer's mark that an entry has been looked at (loggkontroll). The log itself never
    changes: the review is a row of its own, one per entry."""

    # No database foreign key: one would make PostgreSQL refuse TRUNCATE of the log before the
    # append-only trigger speaks, and would break ``access_log_erase_all`` for throw-away
    # databases. The trigger already keeps every entry, so a review never dangles in real use.
    entry = models.OneToOneField(
        AccessLogEntry, on_delete=models.PROTECT, related_name="review", db_constraint=False
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="log_reviews"
    )
    reviewed_at = models.DateTimeField(default=timezone.now)
    comment = BoundedTextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("log review")
        verbose_name_plural = _("log reviews")

    def __str__(self) -> str:
        return f"Review of entry {self.entry_id}"


class ExtractRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class ExtractRequest(models.Model):
    """An administrator's request for the register extract of a person with protected identity
    (decision 0023): the extract names the units that accessed the person, and so the district
    of their case, which no one may read alone. A second person approves it: another system
    administrator or a manager of a unit holding the person's open case."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="extract_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="extract_requests"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=ExtractRequestStatus.choices, default=ExtractRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="extract_requests_decided",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = BoundedTextField(_("reason"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("register extract request")
        verbose_name_plural = _("register extract requests")
        constraints = [
            # The four eyes held by the database too: no one decides their own request.
            models.CheckConstraint(
                condition=~Q(decided_by=models.F("requested_by")),
                name="extract_request_decided_by_another",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_by__isnull=True)
                | (~Q(status="pending") & Q(decided_by__isnull=False, decided_at__isnull=False)),
                name="extract_request_decision_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"Extract request {self.short_id}"

    @property
    def short_id(self) -> str:
        return str(self.public_id)[:8]


class WithholdingGround(models.TextChoices):
    """Why a secrecy review (sekretessprövning) withholds an item of a register extract of a
    person's data (decision 0043). ``OTHER`` needs the reviewer's own words."""

    OTHER_INDIVIDUAL = "osl_26_1", _("OSL 26 kap. 1 § — information about another individual")
    INFORMANT = "osl_26_5", _("OSL 26 kap. 5 § — who made a report or gave a statement")
    OTHER = "other", _("Other ground")


class DataExtractReview(models.Model):
    """The secrecy review before a register extract of a person's data (GDPR art. 15, decision
    0043): who made it, when, for which person, every item the extract holds and which of them
    are withheld on which ground. With the data it makes the extract again, and shows who
    released what. Written once: a trigger refuses UPDATE and DELETE (migration 0015)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(default=timezone.now)
    # The keys of every item reviewed (``data_collect.ExtractItem.key``: a model and a row id,
    # never a name), and of those withheld: {key: {"ground": WithholdingGround, "text": …}}.
    item_keys = models.JSONField(default=list)
    withheld = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("secrecy review of a register extract")
        verbose_name_plural = _("secrecy reviews of register extracts")

    def __str__(self) -> str:
        return f"Data extract review {self.short_id}"

    @property
    def short_id(self) -> str:
        return str(self.public_id)[:8]
