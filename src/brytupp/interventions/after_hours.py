"""Socialjouren's decision after hours (issue 15 item 4, decision 0042).

Socialjouren serves the whole city when the units are closed, and reads a case it has no part
in through an emergency access (decision 0010), which is read-only. The one thing it may record
there is the decision it is on duty for — a protected housing tonight: an application (or a
matter it initiates) received by Socialjouren's own unit and decided at once, by the user
under Socialjouren's delegationsordning (``decisions._delegation``, the same path as every
decision), on a ground in force today, with reasons for an avslag or a delvis bifall. One such
decision per emergency access (``AfterHoursDecision.emergency_access`` is unique).

The decision is flagged to the case's lead unit: an item of its to-do list
(``worklists.todo``), due the next working day (``next_working_day``), until a person of the
lead unit marks it reviewed (``after_hours_decision_acknowledge``). Every write is logged: the
change entries of the decision's timeline events on the ground ``emergency``.
"""

from __future__ import annotations

import datetime
import functools

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import AccessGround
from brytupp.cases.checks import require_open
from brytupp.cases.events import EventKind, case_event_record, case_event_record_on
from brytupp.cases.models import Case
from brytupp.concurrency import locked
from brytupp.organisation.models import User

from .decisions import DecisionTerms, _decision_write, _delegation, _terms_checked
from .models import AfterHoursDecision, Application, ApplicationDecision, ApplicationKind

# The lead unit's working day begins at this hour: a decision made in the small hours of a
# working day is flagged to that same day.
WORKING_DAY_STARTS = datetime.time(8, 0)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, and neither a Swedish public holiday nor one of the days the offices
    close as if it were (midsommarafton, julafton, nyårsafton: the ``holidays`` library's
    categories ``public`` and ``de_facto``, decision 0042)."""
    return day.weekday() < 5 and day not in _swedish_holidays(day.year)


@functools.cache
def _swedish_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("SE", years=year, categories=("public", "de_facto"))


def next_working_day(moment: datetime.datetime) -> datetime.date:
    """The working day on which the lead unit first reads of what was done at ``moment``
    (Stockholm time): that day, if it is a working day whose working hours have not begun;
    otherwise the next working day (``is_working_day``)."""
    local = timezone.localtime(moment)
    day = local.date()
    if not is_working_day(day) or local.time() >= WORKING_DAY_STARTS:
        day += datetime.timedelta(days=1)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def after_hours_intervention_choices(unit) -> list[str]:
    """The interventions ``unit``'s delegationsordning lets anyone decide today (every one,
    when a line covers every intervention), for the after-hours form to offer."""
    from .models import Delegation, Intervention

    today = timezone.localdate()
    lines = Delegation.objects.filter(unit=unit, valid_from__lte=today).exclude(valid_to__lt=today)
    named = set(lines.values_list("intervention", flat=True))
    if "" in named:
        return list(Intervention.values)
    return [value for value in Intervention.values if value in named]


@transaction.atomic
def after_hours_decide(
    *,
    actor: User,
    case: Case,
    kind: str,
    asked: str,
    terms: DecisionTerms,
    intervention: str = "",
) -> ApplicationDecision:
    """Record Socialjouren's application and its decision at once, today, under the actor's
    running emergency access to ``case`` (404 without one), and flag it to the lead unit."""
    grant = policies.after_hours_grant(actor, case)
    if grant is None:
        raise Http404
    # The second of two decisions under one access waits here, then finds the first.
    locked(grant)
    require_open(case)
    if AfterHoursDecision.objects.filter(emergency_access=grant).exists():
        raise ValidationError(
            _("An after-hours decision has already been made under this emergency access.")
        )
    now = timezone.now()
    today = timezone.localdate(now)
    application = _application_checked(
        actor, case, kind=kind, asked=asked, intervention=intervention, unit=grant.unit, on=today
    )
    reasons, decided_intervention = _terms_checked(application, decided=today, terms=terms)
    delegation = _delegation(
        actor, application, intervention=decided_intervention, outcome=terms.outcome, on=today
    )
    application.save()
    _event(actor, application, EventKind.APPLICATION_RECORDED, application_kind=kind)
    decision = _decision_write(
        actor=actor,
        application=application,
        decided=today,
        terms=terms,
        reasons=reasons,
        intervention=decided_intervention,
        decision_maker=actor,
        delegation=delegation,
        ground=AccessGround.EMERGENCY,
    )
    AfterHoursDecision.objects.create(
        decision=decision, emergency_access=grant, review_due=next_working_day(now)
    )
    _event(
        actor,
        application,
        EventKind.APPLICATION_DECIDED,
        decision=str(decision.public_id),
        outcome=decision.outcome,
        legal_ground=decision.legal_ground.code,
        granted=str(decision.granted.public_id) if decision.granted else None,
    )
    return decision


def _application_checked(
    actor: User, case: Case, *, kind: str, asked: str, intervention: str, unit, on
) -> Application:
    """The application as ``decisions.application_record`` checks it, received today by
    Socialjouren's unit; not yet saved."""
    if kind not in ApplicationKind.values:
        raise ValidationError({"kind": _("Choose whether it is an application or initiated.")})
    asked = asked.strip()
    if not asked:
        raise ValidationError({"asked": _("Write what is asked.")})
    application = Application(
        case=case,
        kind=kind,
        received=on,
        asked=asked,
        intervention=intervention,
        unit=unit,
        recorded_by=actor,
    )
    application.full_clean()
    return application


def _event(actor: User, application: Application, kind: str, **data) -> None:
    """A timeline event of the after-hours decision: Socialjouren's unit, today, marked
    ``after_hours``; its access-log entry on the ground ``emergency``."""
    case_event_record_on(
        AccessGround.EMERGENCY,
        case=application.case,
        kind=kind,
        day=application.received,
        actor=actor,
        unit=application.unit,
        application=str(application.public_id),
        intervention=application.intervention,
        after_hours=True,
        **data,
    )


@transaction.atomic
def after_hours_decision_acknowledge(
    *, actor: User, after_hours: AfterHoursDecision
) -> AfterHoursDecision:
    """A person of the case's lead unit marks Socialjouren's after-hours decision reviewed:
    the item leaves the lead unit's to-do list. 404 for anyone else."""
    case = after_hours.decision.application.case
    if not policies.case_lead.check(actor, case):
        raise Http404
    locked(after_hours)
    if after_hours.acknowledged_at is not None:
        raise ValidationError(_("The after-hours decision is already marked reviewed."))
    after_hours.acknowledged_by = actor
    after_hours.acknowledged_at = timezone.now()
    after_hours.save(update_fields=["acknowledged_by", "acknowledged_at"])
    case_event_record(
        case=case,
        kind=EventKind.AFTER_HOURS_DECISION_REVIEWED,
        day=timezone.localdate(),
        actor=actor,
        unit=case.lead_unit,
        decision=str(after_hours.decision.public_id),
    )
    return after_hours
