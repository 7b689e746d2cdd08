"""Models of the organisation; the rules are in this package's docstring."""

from __future__ import annotations

import datetime
import uuid
from typing import Self

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brytupp.sort_order import swedish_order
from brytupp.text_length import BoundedTextField


class UnitKind(models.TextChoices):
    RVT = "rvt", _("Relationship violence team (RVT)")
    BARN_UNGA = "barn_unga", _("Children and young people")
    VUXEN_BEROENDE = "vuxen_beroende", _("Adults and addiction")
    SOCIALPSYKIATRI = "socialpsykiatri", _("Social psychiatry")
    FUNKTIONSNEDSATTNING = "funktionsnedsattning", _("Disability")
    ALDREOMSORG = "aldreomsorg", _("Elderly care")
    EKONOMISKT_BISTAND = "ekonomiskt_bistand", _("Financial assistance")
    FAMILJERATT = "familjeratt", _("Family law")
    OPPNA_INSATSER = "oppna_insatser", _("Open interventions")
    UTFORARE = "utforare", _("Provider")
    RVC = "rvc", _("Relationship violence centre (RVC)")
    SOCIALJOUR = "socialjour", _("Social emergency service (Socialjouren)")
    HEMLOSA = "hemlosa", _("Unit for the homeless")
    KRISCENTRUM = "kriscentrum", _("Crisis centre (protected housing)")
    STAB = "stab", _("Management and staff")


CITY_WIDE_KINDS = frozenset(
    {UnitKind.RVC, UnitKind.SOCIALJOUR, UnitKind.HEMLOSA, UnitKind.KRISCENTRUM}
)


class Role(models.TextChoices):
    HANDLAGGARE = "handlaggare", _("Case worker")
    ENHETSCHEF = "enhetschef", _("Unit manager")
    IMPLEMENTERARE = "implementerare", _("District process owner")
    ANALYTIKER = "analytiker", _("Analyst")
    SYSTEMFORVALTARE = "systemforvaltare", _("System administrator")


class PartnerKind(models.TextChoices):
    HEALTHCARE = "healthcare", _("Region Stockholm, health care")
    POLICE = "police", _("Police")
    HOUSING_COMPANY = "housing_company", _("Housing company")
    HOUSING_AGENCY = "housing_agency", _("Housing agency")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> Self:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


# Stockholm's limit, and any new municipality's until its administrator sets one.
STAY_LIMIT_DAYS_DEFAULT = 90


class Municipality(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    # How long a stay in protected housing may run before the district should look at it
    # (decision 0048): seeded from the organisation's configuration, set in Django admin.
    stay_limit_days = models.PositiveSmallIntegerField(
        _("limit of a stay in protected housing (days)"),
        default=STAY_LIMIT_DAYS_DEFAULT,
        validators=[MinValueValidator(1)],
        help_text=_("A stay longer than this is flagged on the district's pages."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(stay_limit_days__gte=1), name="municipality_stay_limit_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="districts"
    )
    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = [swedish_order("name")]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="district_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("id")), name="district_not_own_successor"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="units")
    code = models.SlugField(unique=True, max_length=100)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        help_text=_("Empty for a unit that serves the whole city."),
    )
    served_districts = models.ManyToManyField(
        District,
        verbose_name=_("served districts"),
        blank=True,
        related_name="serving_units",
        help_text=_("For a city-wide unit such as an RVC: the districts it serves."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = [swedish_order("name")]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [models.Index(fields=["district", "kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_city_wide(self) -> bool:
        return self.district_id is None


class Partner(models.Model):
    """An organisation outside the municipality that a person may consent to share with."""

    code = models.SlugField(unique=True, max_length=100)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)

    class Meta:
        ordering = [swedish_order("name")]
        verbose_name = _("external partner")
        verbose_name_plural = _("external partners")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. Access comes from memberships, never from Django's flags."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Raised by "sign out everywhere": a session made under an older epoch is ended.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    # The keyed digest of the user's own identity number (the same digest as a person's), so
    # that log review can flag a user looking at their own or a colleague's record. The
    # number itself is never kept.
    identity_number_digest = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class MembershipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class MembershipQuerySet(ValidityQuerySet):
    def in_force(self, day: datetime.date) -> Self:
        """Valid on ``day`` and approved: the memberships that give access."""
        return self.valid_on(day).filter(status=MembershipStatus.APPROVED)


class Membership(models.Model):
    """A role in a unit for a period. It gives access only when approved: a role that needs
    four eyes (``policies.FOUR_EYES_ROLES``) is proposed by one person and approved by
    another (decision 0017); the state is written only by ``organisation.services``."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # Not editable: no form (Django admin's included) can approve a membership.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PROPOSED,
        editable=False,
    )
    proposed_by = models.ForeignKey(
        User,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("approved or refused by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    refusal_reason = BoundedTextField(
        _("reason for refusal"), max_length=2000, blank=True, editable=False
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = [swedish_order("unit__name"), "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_to_after_from",
            ),
            # Four eyes, held by the database too: the one who decides is neither the one who
            # proposed nor the one the membership is for.
            models.CheckConstraint(
                condition=~Q(decided_by=models.F("proposed_by")),
                name="membership_decided_by_not_proposer",
            ),
            models.CheckConstraint(
                condition=~Q(decided_by=models.F("user")),
                name="membership_decided_by_not_member",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "valid_to"]),
            models.Index(fields=["status"], name="membership_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.unit}"
