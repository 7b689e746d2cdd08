"""The contact request and the count of submissions; see this package's docstring."""

from __future__ import annotations

import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brytupp.text_length import BoundedTextField


class ContactAbout(models.TextChoices):
    SELF = "self", _("Myself")
    SOMEONE = "someone", _("Someone I am worried about")


class ContactWay(models.TextChoices):
    CALL = "call", _("Call me")
    TEXT = "text", _("Send me a text message first")


class ContactTime(models.TextChoices):
    """When it is safe to be contacted: the RVT's office hours in three parts."""

    MORNING = "morning", _("Weekdays 8–11")
    MIDDAY = "midday", _("Weekdays 11–14")
    AFTERNOON = "afternoon", _("Weekdays 14–16.30")


class ContactOutcome(models.TextChoices):
    SCREENING = "screening", _("Reached: a screening or a case follows")
    ADVICE = "advice", _("Reached: advice given, no further contact wanted")
    NOT_REACHED = "not_reached", _("Could not be reached safely")
    ELSEWHERE = "elsewhere", _("Referred elsewhere")
    NOT_GENUINE = "not_genuine", _("Not a genuine request")


class ContactRequest(models.Model):
    """One request to be contacted, for the district's RVT. The contact details (``call_name``,
    ``phone``, ``interpreter``, ``note``) are erased when the request is handled; what is left
    (district, when, language, about whom, the outcome) is no personal data."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="contact_requests",
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    # The public page's language (``public.languages``): the language to call in.
    language = models.CharField(_("language of the page"), max_length=12)
    about = models.CharField(_("about"), max_length=10, choices=ContactAbout.choices)
    call_name = models.CharField(_("what to call them"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    way = models.CharField(_("how"), max_length=10, choices=ContactWay.choices)
    times = ArrayField(
        models.CharField(max_length=10, choices=ContactTime.choices),
        verbose_name=_("safe times"),
        default=list,
    )
    may_say_who = models.BooleanField(
        _("may say who is calling if someone else answers"), default=False
    )
    interpreter = models.CharField(_("interpreter"), max_length=60, blank=True)
    note = BoundedTextField(_("anything else"), max_length=500, blank=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ContactOutcome.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["district", "handled_at"])]
        constraints = [
            # Open: contact details and no outcome. Handled: an outcome, and the details gone.
            models.CheckConstraint(
                name="contact_request_open_or_handled",
                condition=(
                    Q(handled_at__isnull=True, outcome="", handled_by__isnull=True) & ~Q(phone="")
                )
                | (
                    Q(handled_at__isnull=False, handled_by__isnull=False)
                    & ~Q(outcome="")
                    & Q(phone="", call_name="", interpreter="", note="")
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.public_id)

    @property
    def is_open(self) -> bool:
        return self.handled_at is None

    @property
    def language_name(self) -> str:
        """The page's language in its own name (``Svenska``, ``العربية``)."""
        from brytupp.public.languages import BY_SEGMENT

        language = BY_SEGMENT.get(self.language)
        return language.name if language is not None else self.language

    @property
    def times_labels(self) -> list[str]:
        labels = dict(ContactTime.choices)
        return [str(labels[time]) for time in self.times if time in labels]


class ContactAttempt(models.Model):
    """One accepted submission, counted for the rate limit: a keyed digest of the client's
    address (never the address) and when. Not linked to the request; kept a day."""

    address_digest = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["address_digest", "at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M}"
