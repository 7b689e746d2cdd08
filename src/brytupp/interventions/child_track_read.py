"""The child's own track on the child's page (decision 0045): the child's own decisions, the
child's placements with their own dates, the support with the guardians' consents, and the
child's voice. ``child_track_fill`` is one of ``children.overview.SECTIONS``: the page has
checked ``policies.child_matters_readable`` and logged the view before it runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from brytupp.access import policies
from brytupp.cases.journal import child_voice_notes
from brytupp.cases.models import JournalNote
from brytupp.people.presentation import person_display_name, placed_child_display_name

from .child_track import GuardianConsentRow, guardian_consent_rows
from .models import Application, ApplicationDecision, Decision, Intervention, PlacementChild

if TYPE_CHECKING:
    from brytupp.children.overview import ChildOverview
    from brytupp.organisation.models import User

TEMPLATE = "interventions/child_track_section.html"


@dataclass
class ChildTrack:
    # Applications about the child, newest first, each with its decisions newest first.
    applications: list[Application] = field(default_factory=list)
    # The child's rows in placements, each with ``placed_on_own``.
    placements: list[PlacementChild] = field(default_factory=list)
    supports: list[Decision] = field(default_factory=list)
    # Each guardian with ``name`` (masked as the page masks) and the consent recorded.
    consents: list[GuardianConsentRow] = field(default_factory=list)
    voice: list[JournalNote] = field(default_factory=list)
    # The user's unit records applications in the case (the door to the child's own).
    may_apply: bool = False
    may_write: bool = False
    # The child's voice is a journal note: written by a unit taking part in the case.
    may_write_voice: bool = False


def _applications(case, child) -> list[Application]:
    decisions = ApplicationDecision.objects.select_related(
        "legal_ground", "decision_maker", "granted"
    ).order_by("-decided", "-recorded_at", "-pk")
    return list(
        Application.objects.filter(case=case, child=child)
        .select_related("unit")
        .prefetch_related(Prefetch("decisions", queryset=decisions))
        .order_by("-received", "-pk")
    )


def child_track_read(*, actor: User, case, child) -> ChildTrack:
    consents = guardian_consent_rows(case, child)
    for row in consents:
        row.name = (
            person_display_name(row.guardian)
            if row.guardian.pk == case.person_id
            else placed_child_display_name(row.guardian, parent=case.person)
        )
    units = policies.units_with_role(actor, *policies.CASE_ROLES)
    deciding = {unit.pk for unit in units if policies.unit_decides_in_case(actor, unit, case)}
    applications = _applications(case, child)
    for application in applications:
        application.in_force = any(d.status == "in_force" for d in application.decisions.all())
        application.may_decide = (
            case.closed is None and application.unit_id in deciding and not application.in_force
        )
    return ChildTrack(
        applications=applications,
        placements=list(
            PlacementChild.objects.filter(placement__case=case, child=child)
            .select_related("placement", "decision")
            .order_by("-placement__start", "-pk")
        ),
        supports=list(
            Decision.objects.filter(case=case, child=child, intervention=Intervention.STOD_BARN)
            .select_related("decided_by")
            .order_by("-start", "-pk")
        ),
        consents=consents,
        voice=child_voice_notes(actor=actor, case=case, child=child),
        may_apply=case.closed is None and bool(deciding),
        may_write=policies.child_matters_writable(actor, case, child),
        may_write_voice=policies.child_matters_writable(actor, case, child)
        and policies.part_participates(case, policies.acting_part(actor, case)),
    )


def child_track_fill(overview: ChildOverview, actor: User) -> None:
    overview.track = child_track_read(actor=actor, case=overview.case, child=overview.child)
    overview.section_templates.append(TEMPLATE)
