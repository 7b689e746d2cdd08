"""One-time tokens of create forms (decision 0029): a form that creates a row carries a
token made when it was rendered; ``govuk.forms.submit`` records it in the transaction of the
write, so a second submit of the same form creates nothing and shows the first one's result."""

from __future__ import annotations

from django.apps import apps
from django.db import models


class FormSubmission(models.Model):
    user = models.ForeignKey("organisation.User", on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField()
    at = models.DateTimeField(auto_now_add=True)
    # What the first submit created ("app_label.Model" and its primary key), shown again to a
    # second submit; empty when the write returned no row.
    result_model = models.CharField(max_length=100, blank=True)
    result_pk = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="form_submission_once"),
        ]
        indexes = [models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"Form submission {self.pk}"

    def result(self) -> models.Model | None:
        """The row the first submit created, if it still exists."""
        if not self.result_model or self.result_pk is None:
            return None
        model = apps.get_model(self.result_model)
        return model._default_manager.filter(pk=self.result_pk).first()
