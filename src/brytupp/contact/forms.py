"""The public contact form and the RVT's form for what came of a request."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import CHOOSE, EditForm, GovukForm, yes_no_field

from .models import ContactAbout, ContactOutcome, ContactRequest, ContactTime, ContactWay


def _length(name: str) -> int:
    return ContactRequest._meta.get_field(name).max_length  # type: ignore[return-value]


class ContactRequestForm(GovukForm):
    """Only what the team needs to reach the person safely. Every text input says
    ``autocomplete="off"``: the browser keeps none of it for the next person at the device."""

    about = forms.ChoiceField(
        label=_("Who needs help?"), choices=ContactAbout.choices, widget=forms.RadioSelect
    )
    call_name = forms.CharField(
        label=_("What should we call you?"),
        help_text=_("A first name is enough, or a name you make up."),
        max_length=_length("call_name"),
        required=False,
    )
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("A number only you answer, if you can."),
        max_length=_length("phone"),
    )
    way = forms.ChoiceField(
        label=_("How may we contact you?"), choices=ContactWay.choices, widget=forms.RadioSelect
    )
    times = forms.MultipleChoiceField(
        label=_("When is it safe to contact you?"),
        help_text=_("Choose every time that suits you."),
        choices=ContactTime.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    may_say_who = yes_no_field(_("If someone else answers, may we say who we are?"))
    interpreter = forms.CharField(
        label=_("Do you need an interpreter? Which language?"),
        max_length=_length("interpreter"),
        required=False,
    )
    note = forms.CharField(
        label=_("Anything else we should know to contact you safely?"),
        help_text=_("Do not write what has happened. We will talk about that together."),
        max_length=_length("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["autocomplete"] = "off"
            if isinstance(field.widget, forms.RadioSelect):
                # A question answered by choosing: "Choose an answer", not "Fill in".
                field.error_messages["required"] = format_lazy(CHOOSE, label=field.label)
        self.fields["phone"].widget.input_type = "tel"
        self.fields["may_say_who"].required = True


class ContactHandleForm(EditForm):
    outcome = forms.ChoiceField(
        label=_("What came of it?"),
        choices=ContactOutcome.choices,
        widget=forms.RadioSelect,
        help_text=_("When you save, the person's name, number and note are erased."),
    )
