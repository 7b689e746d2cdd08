"""Free text has a length limit, written once on the model field (decision 0030).

A ``CharField`` is a ``varchar(n)``: the database refuses a longer value by itself. A
``TextField`` is not, so every free-text column is a ``BoundedTextField``: its ``max_length``
reaches the form (Django gives it to the form field and its textarea), ``full_clean`` (a
``MaxLengthValidator``) and the database: the field adds to its model a CHECK constraint
``<app>_<model>_<field>_length`` (``char_length(col) <= n``), which ``makemigrations`` writes
out like any other, so that an import, a service or a session with the application's database
role that skips the forms is refused all the same.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual


class BoundedTextField(models.TextField):
    """A ``TextField`` that no write can make longer than ``max_length`` characters."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        # Like ``CharField``: on the instance's validators, not in the migration's arguments.
        self.validators.append(MaxLengthValidator(max_length))

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        meta = cls._meta
        # A model rebuilt from migrations (module ``__fake__``) has exactly the constraints
        # its migrations added; adding one here would hide a missing ``AddConstraint``.
        if meta.abstract or cls.__module__ == "__fake__":
            return
        check = length_check(meta.app_label, meta.model_name, name, self.max_length)
        meta.constraints = [*meta.constraints, check]
        # What migrations read the model's constraints from, also when its Meta names none.
        meta.original_attrs["constraints"] = meta.constraints


def length_check(app_label: str, model_name: str, field: str, limit: int) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit),
        name=f"{app_label}_{model_name}_{field}_length",
    )


def max_length_of(model: type[models.Model], name: str) -> int:
    """The limit of a model's text field, for a form or a check that writes the field."""
    limit = getattr(model._meta.get_field(name), "max_length", None)
    if limit is None:
        raise LookupError(f"{model.__name__}.{name} has no max_length")
    return limit
