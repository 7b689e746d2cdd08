"""Reads of the organisation, always through the access rules."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from brytupp.access import policies
from brytupp.sort_order import swedish_order

from .models import District, Membership, MembershipStatus, Unit, UnitKind, User


def district_list(*, actor: User) -> QuerySet[District]:
    return (
        policies.organisation_directory.queryset(actor)
        .select_related("successor")
        .annotate(unit_count=Count("units"))
        .order_by("valid_to", swedish_order("name"))
    )


def district_get(*, actor: User, code: str) -> District:
    return policies.organisation_directory.get_or_404(
        actor,
        queryset=District.objects.select_related("successor").prefetch_related(
            "predecessors",
            Prefetch("units", queryset=Unit.objects.order_by("kind", swedish_order("name"))),
            Prefetch("serving_units", queryset=Unit.objects.order_by(swedish_order("name"))),
        ),
        code=code,
    )


def unit_get(*, actor: User, code: str) -> Unit:
    return policies.unit_directory.get_or_404(
        actor,
        queryset=Unit.objects.select_related("district").prefetch_related("served_districts"),
        code=code,
    )


def case_units_of(*, actor: User) -> list[Unit]:
    """The units in which the actor may screen and open cases (a case role), each once."""
    seen: dict[int, Unit] = {}
    for unit in policies.units_with_role(actor, *policies.CASE_ROLES):
        seen.setdefault(unit.pk, unit)
    return list(seen.values())


def district_rvt(*, district: District | None) -> Unit | None:
    """The district's relationship violence team valid today: the one coded
    ``<district>-rvt`` by convention, else the first by name; ``None`` without one."""
    if district is None:
        return None
    teams = Unit.objects.valid_on(timezone.localdate()).filter(district=district, kind=UnitKind.RVT)
    return (
        teams.filter(code=f"{district.code}-rvt").first()
        or teams.order_by(swedish_order("name")).first()
    )


def unit_staff(*, actor: User, unit: Unit) -> QuerySet[Membership] | None:
    """Who works in the unit today, or ``None`` when the actor may not see its staff."""
    if not policies.staff_directory.check(actor, unit):
        return None
    return (
        Membership.objects.in_force(timezone.localdate())
        .filter(unit=unit, user__is_active=True)
        .select_related("user")
        .order_by(swedish_order("user__last_name"), swedish_order("user__first_name"), "role")
    )


def district_unit_summary(*, actor: User, district: District) -> QuerySet[Unit]:
    """Units of a district with their staff count today, for a district process owner."""
    today = timezone.localdate()
    valid_today = (
        (Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today))
        & Q(memberships__valid_from__lte=today)
        & Q(memberships__status=MembershipStatus.APPROVED)
    )
    return (
        policies.staff_directory.queryset(actor)
        .filter(district=district)
        .annotate(staff_count=Count("memberships__user", filter=valid_today, distinct=True))
        .order_by("kind", swedish_order("name"))
    )


def organisation_counts(*, actor: User) -> dict[str, int]:
    """Sizes of the organisation for its administrators."""
    if not policies.administration.allows(actor):
        raise Http404
    today = timezone.localdate()
    return {
        "districts": District.objects.valid_on(today).count(),
        "historical_districts": District.objects.filter(valid_to__lt=today).count(),
        "units": Unit.objects.valid_on(today).count(),
        "users": User.objects.filter(is_active=True).count(),
        "memberships": Membership.objects.in_force(today).count(),
    }


def membership_proposal_list(*, actor: User) -> QuerySet[Membership]:
    """The proposed memberships the actor may approve or refuse, oldest first."""
    return (
        policies.membership_approvals.queryset(actor)
        .select_related("user", "unit", "proposed_by")
        .order_by("proposed_at", "pk")
    )


def membership_proposal_count(*, actor: User) -> int:
    return policies.membership_approvals.queryset(actor).count()


def membership_proposal_get(*, actor: User, membership_id: int) -> Membership:
    """One proposal the actor may decide; missing and not theirs to decide raise the same 404."""
    return policies.membership_approvals.get_or_404(
        actor,
        queryset=Membership.objects.select_related("user", "unit", "proposed_by"),
        pk=membership_id,
    )
