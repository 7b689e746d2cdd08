"""Building synthetic cases for the work-list tests through the services, dated in the past.

Every name here is made up ("Testa Påhittad…"); no real person is meant.
"""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from brytupp.cases.services import case_unit_invite, case_unit_join, consent_record
from brytupp.interventions.services import ChildPlaced, decision_make, placement_start
from brytupp.plans.services import plan_action_add, sip_record
from tests import factories

TODAY = timezone.localdate()
# A reserve identity is name and birth date, so every made-up name gets a number.
_numbers = itertools.count(1)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def open_case(unit, *, actor=None, last_name=None, protected=False, opened_days_ago=60):
    fields = {"first_name": "Testa", "last_name": last_name or f"Påhittad{next(_numbers)}"}
    if protected:
        fields["protected_identity"] = "skyddad_folkbokforing"
    return factories.case(
        person_=factories.person(**fields),
        unit=unit,
        opened=TODAY - days(opened_days_ago),
        actor=actor,
    )


def consent(case, *units, actor=None, given_days_ago=50):
    return consent_record(
        actor=actor,
        case=case,
        given=TODAY - days(given_days_ago),
        form="written",
        purpose="Samordning av stöd (testdata)",
        units=list(units),
    )


def join(case, unit, *, actor=None, responsible=None):
    """The unit takes part in the case, covered by a consent recorded for it."""
    consent(case, unit, actor=actor)
    return case_unit_join(
        case=case, unit=unit, joined=TODAY - days(40), actor=actor, responsible=responsible
    )


def invite(case, unit, *, actor=None):
    consent(case, unit, actor=actor)
    return case_unit_invite(actor=actor, case=case, unit=unit, invited=TODAY - days(3))


def placement(case, *, started_days_ago, actor=None, children=0, child_born=None):
    """A placement with ``children`` children, of school age unless ``child_born`` says."""
    born = child_born or TODAY.replace(year=TODAY.year - 10)
    placed = [
        ChildPlaced(
            child=factories.person(
                first_name="Barn", last_name=f"Påhittat{next(_numbers)}", birth_date=born
            )
        )
        for _n in range(children)
    ]
    return placement_start(
        actor=actor,
        case=case,
        start=TODAY - days(started_days_ago),
        provider="Skyddat boende Test",
        children=placed,
    )


def decision(case, *, ends_in_days, actor=None):
    end = TODAY + days(ends_in_days)
    start = min(end, TODAY - days(20))
    return decision_make(
        actor=actor,
        case=case,
        intervention="stodsamtal_individuellt",
        decided=start,
        start=start,
        end=end,
    )


def action(case, unit, *, due_in_days, actor=None, description="Ansöka om bostad (testdata)"):
    return plan_action_add(
        actor=actor,
        case=case,
        description=description,
        responsible_unit=unit,
        due=TODAY + days(due_in_days),
    )


def sip(case, *, held_days_ago, follow_up_in_days=None, actor=None):
    return sip_record(
        actor=actor,
        case=case,
        date=TODAY - days(held_days_ago),
        participants=["Testa Deltagare"],
        responsible="Relationsvåldsteamet Test",
        next_follow_up=None if follow_up_in_days is None else TODAY + days(follow_up_in_days),
    )
