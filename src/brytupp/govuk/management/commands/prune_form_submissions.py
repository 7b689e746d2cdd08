"""``brytupp prune_form_submissions``: delete create-form tokens older than a day."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from brytupp.govuk.forms import TOKEN_KEPT
from brytupp.govuk.models import FormSubmission


class Command(BaseCommand):
    help = "Delete the tokens of create forms older than a day (run it daily)."

    def handle(self, *args, **options):
        deleted, _ = FormSubmission.objects.filter(at__lt=timezone.now() - TOKEN_KEPT).delete()
        self.stdout.write(f"Deleted {deleted} form token(s).")
