"""Emergency access (nödåtkomst): Socialjouren opens a case it has no part in, after hours.

The access is granted to one user for one case, for a limited time, only with a stated
reason; every grant is logged with the ground ``emergency`` and stands out in log review.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from brytupp.text_length import BoundedTextField

EMERGENCY_HOURS = 12


class EmergencyAccess(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    reason = BoundedTextField(_("reason"), max_length=1000)
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    # The ``seq`` of the access-log entry written with the grant: log review shows the reason
    # beside that entry (decision 0020). Empty for grants made before the link existed.
    access_log_seq = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("granted_at")), name="emergency_expires_after_grant"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="emergency_has_reason"),
        ]
        indexes = [models.Index(fields=["user", "expires_at"])]

    def __str__(self) -> str:
        return f"Emergency access {self.public_id}"
