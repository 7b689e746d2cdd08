"""Helpers for the four-eyes tests: the people, the admin's change form, the case page."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from brytupp.audit.models import AccessLogEntry
from tests import factories

TODAY = timezone.localdate


def admin_change_url(user) -> str:
    return reverse("admin:organisation_user_change", args=[user.pk])


def admin_save_memberships(client, user, rows: list[dict]):
    """POST the user's change form in Django admin with ``rows`` as the membership inline:
    each row holds unit, role, valid_from, valid_to and, for an existing one, id (and DELETE).
    Extra keys are posted as they are, as an insider could add them."""
    initial = sum(1 for row in rows if row.get("id"))
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "memberships-TOTAL_FORMS": str(len(rows)),
        "memberships-INITIAL_FORMS": str(initial),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        values = {"id": "", "user": str(user.pk), **row}
        for name, value in values.items():
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif value is None:
                value = ""
            elif hasattr(value, "pk"):
                value = str(value.pk)
            data[f"memberships-{number}-{name}"] = value
    return client.post(admin_change_url(user), data)


def membership_row(membership, **changes) -> dict:
    row = {
        "id": membership.pk,
        "unit": membership.unit,
        "role": membership.role,
        "valid_from": membership.valid_from,
        "valid_to": membership.valid_to,
    }
    row.update(changes)
    return row


def case_page_status(user, case) -> int:
    """The status of the case's page for ``user``, signed in on a client of their own."""
    client = Client()
    factories.sign_in(client, user)
    return client.get(reverse("cases:detail", kwargs={"case_id": case.public_id})).status_code


def membership_entries() -> list[dict]:
    return list(
        AccessLogEntry.objects.filter(kind="membership")
        .order_by("seq")
        .values(
            "user_public_id",
            "unit_code",
            "role",
            "kind",
            "ground",
            "outcome",
            "subject_public_id",
            "membership_change",
            "person_public_id",
            "case_public_id",
        )
    )


def entry(actor, unit, subject, change: str) -> dict:
    """The membership entry expected for ``actor`` doing ``change`` to ``subject``'s role."""
    return {
        "user_public_id": actor.public_id,
        "unit_code": unit.code,
        "role": "systemforvaltare"
        if "systemforvaltare" in {m.role for m in actor.memberships.all()}
        else "enhetschef",
        "kind": "membership",
        "ground": "administration",
        "outcome": "allowed",
        "subject_public_id": subject.public_id,
        "membership_change": change,
        "person_public_id": None,
        "case_public_id": None,
    }


def audit_verify() -> str:
    """``brytupp audit verify``'s first line; it raises if the chain is broken."""
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue().splitlines()[0]


def log_intact() -> str:
    return f"Access log intact: {AccessLogEntry.objects.count()} entries."
