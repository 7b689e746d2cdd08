"""Form conventions: GOV.UK markup needs the select class on the widget; dates are native."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
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
        self.govuk_style(self.fields.values())

    @staticmethod
    def govuk_style(fields) -> None:
        """GOV.UK's select class and a required message naming the question; a form that adds
        fields after ``__init__`` calls it for them."""
        for field in fields:
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


# --- two users at once (decision 0029) ----------------------------------------------------------

TOKEN_FIELD = "submission"  # noqa: S105 - a field name, not a secret
VERSION_FIELD = "version"
# How long a create form's token keeps a second submit from writing again; older tokens are
# deleted by ``submit`` (the user's own) and by ``brytupp prune_form_submissions`` (all).
TOKEN_KEPT = datetime.timedelta(days=1)


class CreateForm(GovukForm):
    """A form whose submit creates a row: it carries a one-time token, made when the form is
    rendered, so that sending it twice (a double click, the back button, two tabs) creates
    one row. ``submit`` needs the ``actor`` for it; the token is the user's own."""

    submission = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD].initial = uuid.uuid4()


class EditForm(GovukForm):
    """A form that overwrites a text or a status in place: it carries the row's version as it
    was when the form was opened (``version_initial``), and the service writes only if the row
    still has it. Otherwise ``submit`` keeps the user's text in the field, shows "Changed by
    someone else since you opened it" and the other writer's text (``form.conflict``), and
    moves the form to the row's version now, so that sending it again overwrites on purpose."""

    version = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The form is out of date: open it again."),
            "invalid": _("The form is out of date: open it again."),
        },
    )

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD].initial = version
        # Label -> text of what another writer saved, when they came first.
        self.conflict: dict[str, str] = {}


def submit(form: forms.Form, write, *, actor: Any = None):
    """The one form loop: call ``write`` with a valid form's cleaned data and return what it
    wrote; on the service's refusal put its message on the form, save nothing and return
    ``None``. An unbound or invalid form returns ``None`` too.

    A ``CreateForm``'s token is recorded in the transaction of the write (``actor`` names
    whose it is): a second submit of it writes nothing and returns what the first wrote. An
    ``EditForm`` whose row changed since it was opened shows the conflict (``ChangedSinceOpened``).
    """
    from brytupp.concurrency import ChangedSinceOpened

    if not form.is_bound or not form.is_valid():
        return None
    data = {name: value for name, value in form.cleaned_data.items() if name != TOKEN_FIELD}
    token = form.cleaned_data.get(TOKEN_FIELD)
    try:
        if token is None:
            return write(data)
        if actor is None:
            raise ImproperlyConfigured("submit() needs the actor for a CreateForm.")
        return _write_once(form, write, data, actor=actor, token=token)
    except ChangedSinceOpened as error:
        _show_conflict(form, error)
        return None
    except ValidationError as error:
        apply_errors(form, error)
        return None


def _write_once(form: forms.Form, write, data: dict, *, actor, token: uuid.UUID):
    from .models import FormSubmission

    FormSubmission.objects.filter(user=actor, at__lt=timezone.now() - TOKEN_KEPT).delete()
    try:
        with transaction.atomic():
            # First, so that a second submit racing this one waits here for its outcome.
            submission = FormSubmission.objects.create(user=actor, token=token)
            result = write(data)
            if isinstance(result, models.Model) and isinstance(result.pk, int):
                submission.result_model = result._meta.label
                submission.result_pk = result.pk
                submission.save(update_fields=["result_model", "result_pk"])
            return result
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
        if constraint != "form_submission_once":
            raise
    earlier = FormSubmission.objects.filter(user=actor, token=token).first()
    result = earlier.result() if earlier is not None else None
    if result is None:
        raise ValidationError(_("This form has already been sent."))
    return result


def _show_conflict(form: forms.Form, error) -> None:
    apply_errors(form, error)
    form.conflict = error.current  # type: ignore[attr-defined]
    # Sent again, the form overwrites the version the user has now seen.
    data = form.data.copy()
    data[form.add_prefix(VERSION_FIELD)] = str(error.version)
    form.data = data


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
