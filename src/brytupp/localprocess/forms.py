"""The form of one item of a district's local process (decision 0051)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import EditForm, MarkedSelectForm, bounded_field, offer, text_field
from brytupp.organisation.models import District, Partner, Unit

from .models import LocalOffer
from .selectors import local_offer_partners, local_offer_units
from .services import WAITING_DAYS_MAX


class LocalOfferForm(EditForm, MarkedSelectForm):
    """Who offers the item and how to reach them. The units offered are the district's own
    and the city-wide ones valid today (the service refuses any other); a unit or a partner,
    or neither while no one offers it. The version is 0 while the district has no answer."""

    version = forms.IntegerField(
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The form is out of date: open it again."),
            "invalid": _("The form is out of date: open it again."),
        },
    )
    unit = forms.ModelChoiceField(
        label=_("Unit that offers it"),
        queryset=Unit.objects.all(),
        to_field_name="code",
        required=False,
        help_text=_("The district's own units and the city-wide units."),
    )
    partner = forms.ModelChoiceField(
        label=_("Or a partner that offers it"),
        queryset=Partner.objects.all(),
        to_field_name="code",
        required=False,
    )
    phone = bounded_field(LocalOffer, "phone", label=_("Phone"), required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=150,
        required=False,
        error_messages={"invalid": _("Enter an e-mail address such as name@example.se.")},
    )
    visiting_address = bounded_field(
        LocalOffer, "visiting_address", label=_("Visiting address"), required=False
    )
    hours = text_field(LocalOffer, "hours", label=_("Opening hours"), required=False)
    safe_contact = text_field(
        LocalOffer,
        "safe_contact",
        label=_("How to reach them safely"),
        required=False,
        help_text=_(
            "For example: calls back from a hidden number, can be visited without an "
            "appointment, an interpreter on request."
        ),
    )
    waiting_days = forms.IntegerField(
        label=_("Waiting time in days"),
        min_value=0,
        max_value=WAITING_DAYS_MAX,
        required=False,
        help_text=_("Empty when not known."),
    )

    def __init__(self, *args, district: District, **kwargs):
        super().__init__(*args, **kwargs)
        units = [(unit.code, unit.name) for unit in local_offer_units(district=district)]
        offer(self.fields["unit"], [("", _("No unit")), *units])
        partners = [(p.code, p.name) for p in local_offer_partners()]
        offer(self.fields["partner"], [("", _("No partner")), *partners])
