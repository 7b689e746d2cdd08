"""Checks every write in a case makes before it changes anything."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def require_not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def require_open(case) -> None:
    if case.closed is not None:
        raise ValidationError(_("The case is closed."))
