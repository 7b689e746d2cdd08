"""Showing a protected identity once, for a stated reason (skyddade personuppgifter)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.models import Case
from brytupp.govuk.forms import GovukForm, apply_errors
from brytupp.people.services import identity_reveal


class RevealForm(GovukForm):
    reason = forms.CharField(
        label=_("Why do you need to see the protected details?"),
        widget=forms.Textarea,
        help_text=_("The reason is logged and reviewed by the unit manager."),
    )


@never_cache
@require_POST
@requires(policies.case_participation)
def identity_reveal_view(request, case_id):
    case = policies.case_participation.get_or_404(
        request.user, queryset=Case.objects.select_related("person"), public_id=case_id
    )
    form = RevealForm(request.POST)
    revealed = None
    if form.is_valid():
        try:
            revealed = identity_reveal(
                actor=request.user, case=case, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request, "cases/revealed.html", {"case": case, "form": form, "revealed": revealed}
    )
