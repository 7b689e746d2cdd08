"""Every visibility and permission rule of Bryt upp.

Access never comes from Django's ``is_staff``/``is_superuser`` flags or model permissions: it
comes from a user's *memberships* valid today, each a role in a unit. The roles:

- ``handlaggare`` (case worker) sees a case through their unit's part in it;
- ``enhetschef`` (unit manager) sees their unit's cases and staff;
- ``implementerare`` (district process owner) sees their district's organisation and
  aggregated figures, no case;
- ``analytiker`` (city follow-up) sees aggregated figures only, never a person;
- ``systemforvaltare`` administers organisation, users and catalogues, never case content.

A rule's ``admits(user)`` says whether the user may use the page at all; an object rule adds
``objects(user)``, the queryset of what the user may see, and ``check(user, obj)`` is derived
from it so the two faces can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from brytupp.organisation.models import District, Membership, Role, Unit, UnitKind

CASE_ROLES = frozenset({Role.HANDLAGGARE, Role.ENHETSCHEF})


def memberships(user) -> list[Membership]:
    """The user's memberships valid today, read once per request and kept on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_brytupp_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.valid_on(timezone.localdate())
            .filter(user=user)
            .select_related("unit", "unit__district")
            .order_by("unit__name", "role")
        )
        user._brytupp_memberships = cached
    return cached


def roles(user) -> set[str]:
    return {membership.role for membership in memberships(user)}


def units_with_role(user, *wanted: str) -> list[Unit]:
    return [m.unit for m in memberships(user) if m.role in wanted]


@dataclass(frozen=True)
class Rule:
    """A named access rule; see the module docstring."""

    name: str
    admits: Callable[[Any], bool]
    objects: Callable[[Any], QuerySet] | None = None
    login_required: bool = True

    def allows(self, user) -> bool:
        return bool(self.admits(user))

    def queryset(self, user) -> QuerySet:
        if self.objects is None:
            raise TypeError(f"Rule {self.name!r} guards a page, not objects")
        queryset = self.objects(user)
        return queryset if self.allows(user) else queryset.none()

    def check(self, user, obj: Model) -> bool:
        return self.queryset(user).filter(pk=obj.pk).exists()

    def get_or_404(self, user, *, queryset: QuerySet | None = None, **lookup) -> Model:
        """Fetch one object the user may see; missing and forbidden raise the same 404."""
        allowed = self.queryset(user)
        if queryset is not None:
            allowed = queryset.filter(pk__in=allowed.values("pk"))
        try:
            return allowed.get(**lookup)
        except allowed.model.DoesNotExist:
            raise Http404 from None


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _has_role(*wanted: str) -> Callable[[Any], bool]:
    return lambda user: bool(roles(user) & set(wanted))


def _staff(user) -> bool:
    return bool(memberships(user))


# --- pages -------------------------------------------------------------------------------

public = Rule("public", admits=lambda user: True, login_required=False)
signed_in = Rule("signed_in", admits=_signed_in)
case_work = Rule("case_work", admits=_has_role(Role.HANDLAGGARE))
unit_overview = Rule("unit_overview", admits=_has_role(Role.ENHETSCHEF))
district_overview = Rule("district_overview", admits=_has_role(Role.IMPLEMENTERARE))
city_followup = Rule("city_followup", admits=_has_role(Role.ANALYTIKER))
administration = Rule("administration", admits=_has_role(Role.SYSTEMFORVALTARE))


# --- follow-up: effect goals and equality between districts ------------------------------
#
# Aggregates only, never a person. The analyst follows the city and every district; a unit
# manager and a process owner follow their own district beside the city, with small numbers
# hidden (``followup.suppression``). A case worker has no follow-up pages.

FOLLOWUP_ROLES = (Role.ANALYTIKER, Role.ENHETSCHEF, Role.IMPLEMENTERARE)


def _followup_districts(user) -> QuerySet[District]:
    if Role.ANALYTIKER in roles(user):
        return District.objects.all()
    own = {
        unit.district_id
        for unit in units_with_role(user, Role.ENHETSCHEF, Role.IMPLEMENTERARE)
        if unit.district_id
    }
    return District.objects.filter(pk__in=own)


followup = Rule("followup", admits=_has_role(*FOLLOWUP_ROLES), objects=_followup_districts)


def followup_small_numbers_shown(user) -> bool:
    """Counts from 1 to 4 are shown as they are to the analyst only (``effect-goals.md``)."""
    return Role.ANALYTIKER in roles(user)


# --- organisation --------------------------------------------------------------------------

organisation_directory = Rule(
    "organisation_directory", admits=_staff, objects=lambda user: District.objects.all()
)
unit_directory = Rule("unit_directory", admits=_staff, objects=lambda user: Unit.objects.all())


def _staff_visible_units(user) -> QuerySet[Unit]:
    """Whose staff a user may list: all units for administration, the district's units for
    its process owner, one's own units for a manager or a case worker."""
    held = roles(user)
    if Role.SYSTEMFORVALTARE in held:
        return Unit.objects.all()
    unit_ids = {u.pk for u in units_with_role(user, Role.ENHETSCHEF, Role.HANDLAGGARE)}
    district_ids = {
        u.district_id for u in units_with_role(user, Role.IMPLEMENTERARE) if u.district_id
    }
    return Unit.objects.filter(pk__in=unit_ids) | Unit.objects.filter(district_id__in=district_ids)


staff_directory = Rule(
    "staff_directory",
    admits=_has_role(Role.SYSTEMFORVALTARE, Role.IMPLEMENTERARE, Role.ENHETSCHEF, Role.HANDLAGGARE),
    objects=_staff_visible_units,
)


def districts_overseen(user) -> list[District]:
    """The districts a process owner follows."""
    seen: dict[int, District] = {}
    for unit in units_with_role(user, Role.IMPLEMENTERARE):
        if unit.district is not None:
            seen[unit.district_id] = unit.district
    return list(seen.values())


# --- cases and people ------------------------------------------------------------------------
#
# A unit sees a case through its part in it (CaseUnit) while that part is current. The lead
# unit's part needs nothing more: the person came to it. Every other unit's part counts only
# while a consent in force names that unit; withdrawing consent removes its access at once.


def _case_units(user) -> list[int]:
    return [u.pk for u in units_with_role(user, *CASE_ROLES)]


def _current_parts(user, *statuses: str):
    return _units_current_parts(_case_units(user), *statuses)


def _units_current_parts(unit_ids, *statuses: str):
    from brytupp.cases.models import CaseUnit, Consent

    covered = Consent.objects.in_force(timezone.localdate()).filter(
        case=OuterRef("case"), units=OuterRef("unit")
    )
    return CaseUnit.objects.filter(unit_id__in=unit_ids, status__in=statuses).filter(
        Q(unit=F("case__lead_unit")) | Exists(covered)
    )


def _visible_cases(user):
    from brytupp.cases.models import Case, CaseUnitStatus

    parts = _current_parts(user, CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE)
    return Case.objects.filter(
        Q(pk__in=parts.values("case_id")) | Q(pk__in=_emergency_case_ids(user))
    )


def _emergency_case_ids(user):
    """Cases opened to the user by an emergency access still running (read only)."""
    from .models import EmergencyAccess

    if not _has_role(*CASE_ROLES)(user) or not _in_socialjour(user):
        return EmergencyAccess.objects.none().values("case_id")
    return EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now()).values(
        "case_id"
    )


def _in_socialjour(user) -> bool:
    return any(u.kind == "socialjour" for u in units_with_role(user, *CASE_ROLES))


def _participating_cases(user):
    from brytupp.cases.models import Case, CaseUnitStatus

    parts = _current_parts(user, CaseUnitStatus.ACTIVE)
    return Case.objects.filter(pk__in=parts.values("case_id"))


def _led_cases(user):

    return _participating_cases(user).filter(lead_unit_id__in=_case_units(user))


def _invitations(user):
    from brytupp.cases.models import CaseUnitStatus

    return _current_parts(user, CaseUnitStatus.INVITED).select_related("case", "unit")


# See a case: a current part (invited or taking part) of one of the user's units.
cases = Rule("cases", admits=_has_role(*CASE_ROLES), objects=_visible_cases)
# Work in a case (meetings, assessments, decisions, …): the unit takes part.
case_participation = Rule(
    "case_participation", admits=_has_role(*CASE_ROLES), objects=_participating_cases
)
# Lead a case (consent, invitations, the person's account, closing): the lead unit.
case_lead = Rule("case_lead", admits=_has_role(*CASE_ROLES), objects=_led_cases)
# Answer an invitation: the invited unit, while consent covers it.
case_invitations = Rule("case_invitations", admits=_has_role(*CASE_ROLES), objects=_invitations)
# Record a screening or open a case: any case worker or manager, in their own unit.
case_opening = Rule("case_opening", admits=_has_role(*CASE_ROLES))
# Emergency access: Socialjouren's case workers and managers, for the whole city, after hours.
emergency_access = Rule(
    "emergency_access", admits=lambda user: _has_role(*CASE_ROLES)(user) and _in_socialjour(user)
)


def acting_part(user, case):
    """The user's unit's current part in the case, preferring the lead unit's."""
    parts = sorted(
        _current_parts(user, "invited", "active").filter(case=case).select_related("unit"),
        key=lambda part: (part.unit_id != case.lead_unit_id, part.status != "active"),
    )
    return parts[0] if parts else None


def access_ground(user, case, part=None) -> str:
    """On what ground the user sees the case: the own unit's part (lead), the person's
    consent (another unit's part), or emergency access. Recorded in the access log."""
    part = part or acting_part(user, case)
    if part is None:
        return "emergency"
    return "own_unit" if part.unit_id == case.lead_unit_id else "consent"


# Units whose part in a case is only economic or practical: they do not see the person's
# address unless a user of theirs reveals it for a stated reason (logged and flagged).
ADDRESS_WITHHELD_UNIT_KINDS = frozenset({UnitKind.EKONOMISKT_BISTAND, UnitKind.UTFORARE})


def address_withheld(case, part) -> bool:
    """Whether the person's address is masked for the acting unit's part in the case: always
    for a protected identity, and for a unit with only an economic or practical role."""
    if case.person.is_protected:
        return True
    return part is not None and part.unit.kind in ADDRESS_WITHHELD_UNIT_KINDS


def _visible_persons(user):
    from brytupp.people.models import Person

    return Person.objects.filter(pk__in=_visible_cases(user).values("person_id"))


persons = Rule("persons", admits=_has_role(*CASE_ROLES), objects=_visible_persons)


# --- Django admin ----------------------------------------------------------------------------

ADMINISTERED_APPS = frozenset({"organisation"})


def may_administer_model(user, app_label: str) -> bool:
    """Django admin: a system administrator manages the organisation, never case content."""
    return administration.allows(user) and app_label in ADMINISTERED_APPS


# Rules for URL namespaces whose views we do not write ourselves.
NAMESPACE_RULES = {"admin": administration}


# --- log review (loggkontroll) ---------------------------------------------------------------
#
# A unit manager reviews the access log entries made through their units (the units where they
# hold the manager's role today). The unit holding a person also sees every attempt on that
# person made by any other unit: for each person whose open case has a current part (invited or
# taking part, as for seeing the case) of one of the manager's units, the entries on the person
# or one of their cases that are a search hit, an opening, a reveal, an export, an emergency
# access or a refused request. The holding is computed on today's parts (decision 0020): a
# unit that leaves the case, or a case that closes, takes the scope of the person's earlier
# entries with it, and a unit that joins sees the attempts made before it joined. A system
# administrator reviews every entry. Entries hold opaque identifiers only, so reviewing them
# shows no case content.

# The kinds of entry on a held person that the holding unit sees whoever made them.
ATTEMPT_KINDS = ("search_hit", "opening", "reveal", "export")


def log_review_own_unit_codes(user) -> list[str] | None:
    """The codes of the units whose own entries the user reviews; None for every unit."""
    if Role.SYSTEMFORVALTARE in roles(user):
        return None
    return [unit.code for unit in units_with_role(user, Role.ENHETSCHEF)]


def _held_cases(user):
    """The open cases with a current part of one of the user's managed units."""
    from brytupp.cases.models import Case, CaseUnitStatus

    managed = [unit.pk for unit in units_with_role(user, Role.ENHETSCHEF)]
    parts = _units_current_parts(managed, CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE)
    return Case.objects.filter(pk__in=parts.values("case_id"), closed__isnull=True)


def _attempts_on_held_persons(user) -> Q:
    """Entries on a person the user's units hold, or on any case of theirs: subqueries, so the
    database reads the persons in scope, never a list of ids in Python."""
    from brytupp.cases.models import Case

    persons = _held_cases(user).values("person__public_id")
    cases = Case.objects.filter(person_id__in=_held_cases(user).values("person_id"))
    on_held = Q(person_public_id__in=persons) | Q(case_public_id__in=cases.values("public_id"))
    attempt = Q(kind__in=ATTEMPT_KINDS) | Q(ground="emergency") | Q(outcome="refused")
    return on_held & attempt


def _reviewable_entries(user):
    from brytupp.audit.models import AccessLogEntry

    codes = log_review_own_unit_codes(user)
    if codes is None:
        return AccessLogEntry.objects.all()
    return AccessLogEntry.objects.filter(Q(unit_code__in=codes) | _attempts_on_held_persons(user))


def _all_entries(user):
    from brytupp.audit.models import AccessLogEntry

    return AccessLogEntry.objects.all()


log_review = Rule(
    "log_review",
    admits=_has_role(Role.ENHETSCHEF, Role.SYSTEMFORVALTARE),
    objects=_reviewable_entries,
)
# A person's register extract (registerutdrag) of who accessed their data: administration only.
register_extract = Rule(
    "register_extract", admits=_has_role(Role.SYSTEMFORVALTARE), objects=_all_entries
)


def _reason_cases(user):
    """Cases whose reveal and emergency-access reasons the user reads in log review: every case
    for a system administrator; for a unit manager the cases their unit leads today, as the
    unit that holds the person and answers for the case (decision 0020)."""
    from brytupp.cases.models import Case

    if Role.SYSTEMFORVALTARE in roles(user):
        return Case.objects.all()
    managed = [unit.pk for unit in units_with_role(user, Role.ENHETSCHEF)]
    return Case.objects.filter(lead_unit_id__in=managed)


# The reasons given for a reveal or an emergency access, beside their entries in log review.
# Any other reviewer of the entry sees that a reason was given, not what it says.
log_review_reasons = Rule(
    "log_review_reasons",
    admits=_has_role(Role.ENHETSCHEF, Role.SYSTEMFORVALTARE),
    objects=_reason_cases,
)
