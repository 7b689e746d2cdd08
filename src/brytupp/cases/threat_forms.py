"""Forms of the threat-person pages (decision 0039): recording a threat person, ending one,
and the case's honour context. They parse; ``cases.threats`` decides."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import CreateForm, GovukForm, bounded_field, date_field, yes_no_field
from brytupp.people.forms import IdentityNumberField

from .models import ThreatPerson, ThreatRelation


class ThreatPersonForm(CreateForm):
    relation = forms.ChoiceField(
        label=_("Relation to the person"),
        choices=ThreatRelation.choices,
        widget=forms.RadioSelect,
    )
    identity_number = IdentityNumberField(
        label=_("Personal identity number or coordination number"),
        required=False,
        help_text=_(
            "When the threat person is registered in Bryt upp. 12 digits, for example "
            "19121212-1212."
        ),
    )
    description = bounded_field(
        ThreatPerson,
        "description",
        label=_("Who the person is"),
        required=False,
        help_text=_(
            "When you do not know the identity number: a few words, for example "
            "“the brother-in-law”."
        ),
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("identity_number") and not data.get("description"):
            raise forms.ValidationError(
                _("Give the identity number, or describe who the person is.")
            )
        return data


class ThreatPersonEndForm(GovukForm):
    ended = date_field(_("No longer current from"))
    end_reason = bounded_field(
        ThreatPerson,
        "end_reason",
        label=_("Why is the person no longer a threat?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended"].initial = timezone.localdate()


class HonourContextForm(GovukForm):
    honour_context = yes_no_field(_("Is the violence honour-related?"))
