"""The person's account and its versions (decision 0034).

The person tells their story once; the lead unit writes it down. Each save is a new
``AccountVersion`` and the earlier ones are kept, readable by every unit that reads the
account. ``Case.account`` is the text of the latest version saved.

A case opened again after an earlier one (``Case.previous_case``) gets the earlier case's
latest account as a carried version, shown to the new case's lead unit as "from the earlier
case, confirm": confirming makes it the new case's account; writing a new account instead
leaves it unconfirmed. Until it is confirmed, no other unit of the new case reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.concurrency import locked
from brytupp.organisation.models import Unit, User

from .checks import require_open
from .events import EventKind, case_event_record
from .models import AccountVersion, Case, CaseAcceptance
from .overview import case_get
from .selectors import account_awaiting_confirmation


def account_version_save(
    *, case: Case, text: str, actor: User | None, unit: Unit | None, reason: str = ""
) -> AccountVersion:
    """Keep ``text`` as the case's next version. Called by ``services.case_account_write``
    inside its transaction, after its versioned write of the case row, which holds the row
    lock that keeps two versions from taking the same number."""
    return AccountVersion.objects.create(
        case=case,
        number=_next_number(case),
        text=text,
        reason=reason,
        written_at=timezone.now(),
        written_by=actor,
        unit=unit,
    )


def _next_number(case: Case) -> int:
    latest = AccountVersion.objects.filter(case=case).aggregate(n=Max("number"))["n"]
    return (latest or 0) + 1


def account_carry(*, case: Case) -> AccountVersion | None:
    """Carry the previous case's latest account to ``case``, an accepted case opened again
    after it, when the new case's lead unit took part in the previous one: a version awaiting
    the lead unit's confirmation. Nothing when the previous case has no account, or ``case``
    is not (yet) accepted (a pending case shows nothing of the person, decision 0016; its
    acceptance carries it)."""
    previous = case.previous_case
    if previous is None or case.acceptance != CaseAcceptance.ACCEPTED:
        return None
    if not policies.unit_reads_case(case.lead_unit, previous):
        # A unit that had no part in the earlier case never read its account: the person's
        # consent did not cover it. It sees that there was an earlier case, as before.
        return None
    latest = (
        AccountVersion.objects.filter(case=previous, carried_from__isnull=True)
        .order_by("-number")
        .first()
    )
    if latest is None:
        return None
    return AccountVersion.objects.create(
        case=case,
        number=_next_number(case),
        text=latest.text,
        written_at=latest.written_at,
        written_by=latest.written_by,
        unit=latest.unit,
        carried_from=latest,
    )


@transaction.atomic
def case_account_confirm(*, actor: User, case: Case) -> Case:
    """The lead unit confirms the carried account: it becomes the case's account."""
    locked(case)
    require_open(case)
    carried = account_awaiting_confirmation(case)
    if carried is None:
        raise ValidationError(_("There is no account from an earlier case to confirm."))
    carried.confirmed_at = timezone.now()
    carried.confirmed_by = actor
    carried.save(update_fields=["confirmed_at", "confirmed_by"])
    Case.objects.filter(pk=case.pk).update(account=carried.text)
    case.account = carried.text
    part = policies.acting_part(actor, case)
    case_event_record(
        case=case,
        kind=EventKind.ACCOUNT_CONFIRMED,
        day=timezone.localdate(),
        actor=actor,
        unit=part.unit if part else None,
        version=carried.number,
    )
    return case


@dataclass(frozen=True)
class AccountHistory:
    case: Case
    versions: list[AccountVersion]


def account_history(*, actor: User, public_id) -> AccountHistory:
    """The account's versions, newest first, for a unit that reads the account: one taking
    part in the case (an invited unit reads no account, decision 0021) or reading it through
    emergency access. A carried version waiting for confirmation is shown to the lead unit
    only. The view is logged (``case_get``)."""
    case = case_get(actor=actor, public_id=public_id)
    if policies.invitation_only(case.acting_part):
        raise Http404
    versions = (
        AccountVersion.objects.filter(case=case)
        .select_related("written_by", "unit", "confirmed_by", "carried_from__case")
        .order_by("-number")
    )
    if not policies.case_lead.check(actor, case):
        versions = versions.exclude(carried_from__isnull=False, confirmed_at__isnull=True)
    return AccountHistory(case=case, versions=list(versions))
