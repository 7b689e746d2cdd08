"""Form conventions: GOV.UK markup needs the select class on the widget; dates are native."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from brytupp.text_length import max_length_of

# The summary of errors names the question, so a person knows which answer is missing.
CHOOSE = _("Choose an answer to “{label}”.")
FILL_IN = _("Fill in “{label}”.")
TOO_LONG = _("“{label}” can be at most %(limit_value)d characters (it has %(show_value)d).")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class GovukForm(forms.Form):
    """Adds GOV.UK classes to selects; use ``{% govuk_field %}`` to render each field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "govuk-select")
            if (
                field.error_messages.get("required")
                == forms.Field.default_error_messages["required"]
            ):
                choice = isinstance(widget, (forms.Select, forms.CheckboxSelectMultiple))
                message = CHOOSE if choice else FILL_IN
                field.error_messages["required"] = format_lazy(message, label=field.label)


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def apply_errors(form: forms.Form, error) -> None:
    """Put a service's ValidationError on the form: field errors on their fields when the
    form has them, the rest on the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def bound(request):
    """The posted data to bind a form to, or ``None`` on GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def submit(form: forms.Form, write):
    """The one form loop: call ``write`` with a valid form's cleaned data and return what it
    wrote; on the service's refusal put its message on the form, save nothing and return
    ``None``. An unbound or invalid form returns ``None`` too."""
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return None


# --- the kit of the forms of work -------------------------------------------------------------

YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO = [(YES, _("Yes")), (NO, _("No"))]
YES_NO_UNKNOWN = [*YES_NO, (UNKNOWN, _("Not known"))]


def yes_no_answer(value: str) -> bool | None:
    """``True`` for yes, ``False`` for no, ``None`` for not known."""
    return {YES: True, NO: False}.get(value)


def yes_no_field(label, *, unknown: bool = False) -> forms.TypedChoiceField:
    """Yes or no as radios (and "Not known" with ``unknown``), cleaned to a bool or None."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO_UNKNOWN if unknown else YES_NO,
        coerce=yes_no_answer,
        empty_value=None,
        widget=forms.RadioSelect,
    )


def limited_field(*, label, max_length: int, widget=None, **kwargs) -> forms.CharField:
    """A text answer of at most ``max_length`` characters; the error names the question and
    the limit (decision 0030)."""
    field = forms.CharField(label=label, max_length=max_length, widget=widget, **kwargs)
    field.error_messages["max_length"] = format_lazy(TOO_LONG, label=label)
    return field


def bounded_field(model, name: str, *, label, widget=None, **kwargs) -> forms.CharField:
    """A text answer as long as the model's field ``name`` allows: the limit is written once,
    on the model."""
    return limited_field(
        label=label, max_length=max_length_of(model, name), widget=widget, **kwargs
    )


def text_field(model, name: str, *, label, required=True, help_text="") -> forms.CharField:
    """A free text answer in a textarea, limited like the model's field ``name``."""
    return bounded_field(
        model, name, label=label, required=required, help_text=help_text, widget=forms.Textarea
    )


def offer(field: forms.ChoiceField, choices) -> None:
    """Show only these choices; the field's queryset still decides what it accepts."""
    field.widget.choices = list(choices)


class MarkedSelectForm(GovukForm):
    """A GOV.UK form whose select, when its answer was refused, gets GOV.UK's error class."""

    def full_clean(self):
        super().full_clean()
        for name in self._errors:
            widget = self.fields[name].widget if name in self.fields else None
            if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
                widget.attrs["class"] = "govuk-select govuk-select--error"
