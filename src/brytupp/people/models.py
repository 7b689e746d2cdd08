"""Models of people; the rules are in this package's docstring."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from brytupp.people.sealing import sealed_length
from brytupp.text_length import BoundedTextField


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class IdentityKind(models.TextChoices):
    PERSONNUMMER = "personnummer", _("Personal identity number")
    SAMORDNINGSNUMMER = "samordningsnummer", _("Coordination number")
    RESERVE = "reserve", _("Reserve identity")


class ProtectedIdentity(models.TextChoices):
    NONE = "none", _("None")
    SEKRETESSMARKERING = "sekretessmarkering", _("Confidentiality marking")
    SKYDDAD_FOLKBOKFORING = "skyddad_folkbokforing", _("Protected population registration")
    FINGERADE_PERSONUPPGIFTER = "fingerade_personuppgifter", _("Fictitious identity")


# The levels from the weakest to the strongest: a child inherits a level only upwards.
PROTECTION_ORDER = (
    ProtectedIdentity.NONE,
    ProtectedIdentity.SEKRETESSMARKERING,
    ProtectedIdentity.SKYDDAD_FOLKBOKFORING,
    ProtectedIdentity.FINGERADE_PERSONUPPGIFTER,
)


def protection_rank(level: str) -> int:
    return PROTECTION_ORDER.index(level)


def protection_stronger(a: str, b: str) -> str:
    """The stronger of two levels."""
    return a if protection_rank(a) >= protection_rank(b) else b


# Sealed values are Fernet tokens: their columns' limits follow from the longest clear value.
# An identity number as kept: its twelve-digit form.
IDENTITY_NUMBER_MAX_LENGTH = 12
# The address in clear, in characters (the address form's limit); at most 4 bytes each.
ADDRESS_MAX_LENGTH = 200
# ``names.py`` seals ``json.dumps([first, last])``: two names of at most 100 characters, each
# at most 6 bytes once escaped (``\u001f``), in a list of 6 more.
SEALED_NAME_MAX_BYTES = 2 * 100 * 6 + 6


class Person(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The producer's id in the interchange format; empty for persons registered here.
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    # Empty for a protected identity: its name is in ``name_sealed`` (``people.names``,
    # decision 0022) and shown through ``presentation.person_full_name`` only.
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    identity_kind = models.CharField(
        _("identity"), max_length=20, choices=IdentityKind.choices, default=IdentityKind.RESERVE
    )
    identity_number_sealed = BoundedTextField(
        max_length=sealed_length(IDENTITY_NUMBER_MAX_LENGTH), blank=True, editable=False
    )
    # Where the person lives, sealed like the identity number; shown through
    # ``presentation.person_display_address`` only.
    address_sealed = BoundedTextField(
        max_length=sealed_length(4 * ADDRESS_MAX_LENGTH), blank=True, editable=False
    )
    identity_number_digest = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # A protected identity's first and last name, sealed, and a keyed digest of name and birth
    # date for search before opening and the reserve identity's uniqueness; both empty for
    # anyone else.
    name_sealed = BoundedTextField(
        max_length=sealed_length(SEALED_NAME_MAX_BYTES), blank=True, editable=False
    )
    name_digest = models.CharField(
        max_length=64, null=True, blank=True, editable=False, db_index=True
    )
    protected_identity = models.CharField(
        _("protected identity"),
        max_length=30,
        choices=ProtectedIdentity.choices,
        default=ProtectedIdentity.NONE,
    )
    guardians: models.ManyToManyField[Person, Guardianship] = models.ManyToManyField(
        "self",
        through="Guardianship",
        through_fields=("child", "guardian"),
        symmetrical=False,
        related_name="children",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            # Searches by name (``iexact``: upper() on both sides), before opening a case and
            # in Sök person: at a million persons a scan of the table cost 124 ms a search,
            # the index 0.5 ms (bench/load.py). Names in clear only: a protected person's is
            # sealed and found by ``name_digest``.
            models.Index(Upper("last_name"), Upper("first_name"), name="person_name_upper"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(identity_kind="reserve", identity_number_digest__isnull=True)
                | (~Q(identity_kind="reserve") & Q(identity_number_digest__isnull=False)),
                name="person_identity_number_matches_kind",
            ),
            # A protected identity's name only sealed, anyone else's only in clear (decision
            # 0022): a write that forgets ``people.names`` fails rather than leaks.
            models.CheckConstraint(
                condition=Q(protected_identity="none", name_sealed="")
                | (~Q(protected_identity="none") & Q(first_name="", last_name="")),
                name="person_name_sealed_when_protected",
            ),
        ]

    def __str__(self) -> str:
        # Never a name: str() ends up in logs and error reports.
        return f"Person {self.public_id}"

    @property
    def is_protected(self) -> bool:
        return self.protected_identity != ProtectedIdentity.NONE


class Guardianship(models.Model):
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="guardianships")
    guardian = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="wards")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "guardian"], name="guardianship_unique"),
            models.CheckConstraint(condition=~Q(child=F("guardian")), name="guardianship_not_self"),
        ]

    def __str__(self) -> str:
        return f"Guardianship {self.pk}"


class IdentityReveal(models.Model):
    """A protected identity shown unmasked, once, to a user with a part in the case, with the
    reason they gave. Each reveal is also an access-log entry of the kind ``reveal``."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="reveals")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    reason = BoundedTextField(_("reason"), max_length=1000)
    at = models.DateTimeField(auto_now_add=True)
    # The ``seq`` of the access-log entry written with the reveal: log review shows the reason
    # beside that entry (decision 0020). Empty for reveals made before the link existed.
    access_log_seq = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="reveal_has_reason")]

    def __str__(self) -> str:
        return f"Reveal {self.public_id}"


class ProtectionLowering(models.Model):
    """A child's protected identity, inherited from a protected parent, lowered by a user of
    the case's lead unit for the reason they gave. Kept for log review; the access log and the
    case timeline name only the person's public id, never the reason."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey("organisation.User", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="protection_lowerings"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    from_level = models.CharField(max_length=30, choices=ProtectedIdentity.choices)
    to_level = models.CharField(max_length=30, choices=ProtectedIdentity.choices)
    reason = BoundedTextField(_("reason"), max_length=1000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="protection_lowering_has_reason")
        ]

    def __str__(self) -> str:
        return f"Protection lowering {self.public_id}"
