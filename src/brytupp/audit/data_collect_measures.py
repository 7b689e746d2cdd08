"""The items of risk and safety, applications and decisions, interventions and plans in the
register extract of a person's data (decision 0043); the rest of a case is in
``data_collect_cases``. A plan for a child, a child placed with the person, a child's record
and a report of concern about a child are the child's own data: withheld by default on OSL 26
kap. 1 §. Who made a report of concern is never read out (OSL 26 kap. 5 §)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from brytupp.assessments.models import (
    CircumstanceChange,
    RiskAssessment,
    SafetyMeasure,
    SafetyPlan,
    SafetyPlanReview,
)
from brytupp.cases.models import Case
from brytupp.children.models import ChildRecord, ReportOfConcern
from brytupp.housing.models import HousingPlan, HousingPlanStep, ShisReferral
from brytupp.interventions.models import (
    Application,
    ApplicationDecision,
    Decision,
    DecisionAppeal,
    FollowUp,
    GuardianConsent,
    Placement,
    PlacementChild,
)
from brytupp.plans.models import PlanAction, PracticalTask, Sip

from .data_collect import OTHER_INDIVIDUAL, ExtractItem, facts, item_key, items_of


def risk(case: Case, section: str) -> list[ExtractItem]:
    risks = RiskAssessment.objects.filter(case=case).select_related("unit").order_by("date", "pk")
    changes = CircumstanceChange.objects.filter(case=case).select_related("unit")
    return [
        *items_of(
            section,
            _("Risk assessment"),
            risks,
            lambda row: facts(
                row,
                "date",
                "instrument",
                "instrument_version",
                "level",
                (_("Unit"), row.unit),
                "score",
                "instrument_result",
                "judgement",
                "reference",
                "reassess_by",
                (_("Answers"), row.answers),
            ),
        ),
        *items_of(
            section,
            _("Changed circumstances"),
            changes.order_by("date", "pk"),
            lambda row: facts(row, "date", "what", (_("Unit"), row.unit)),
        ),
    ]


def safety(case: Case, section: str) -> list[ExtractItem]:
    """Plans for the person; a plan for a child is the child's own data, withheld by default."""
    items = []
    plans = SafetyPlan.objects.filter(case=case).select_related("unit", "child")
    for plan in plans.order_by("created_on", "pk"):
        items.append(
            ExtractItem(
                key=item_key(plan),
                section=section,
                heading=str(_("Safety plan for a child") if plan.child_id else _("Safety plan")),
                facts=facts(
                    plan,
                    "created_on",
                    (_("Unit"), plan.unit),
                    (_("Child"), plan.child),
                    "threats",
                    "review_on",
                ),
                default_ground=OTHER_INDIVIDUAL if plan.child_id else "",
            )
        )
        child_ground = OTHER_INDIVIDUAL if plan.child_id else ""
        for measure in SafetyMeasure.objects.filter(plan=plan).order_by("pk"):
            items.append(
                ExtractItem(
                    key=item_key(measure),
                    section=section,
                    heading=str(_("Safety measure")),
                    facts=facts(
                        measure,
                        "kind",
                        "description",
                        "responsible_unit",
                        "responsible_other",
                        "due",
                        "done_on",
                    ),
                    default_ground=child_ground,
                )
            )
        for review in SafetyPlanReview.objects.filter(plan=plan).order_by("reviewed_on", "pk"):
            items.append(
                ExtractItem(
                    key=item_key(review),
                    section=section,
                    heading=str(_("Review of the safety plan")),
                    facts=facts(review, "reviewed_on", "note", "next_review_on"),
                    default_ground=child_ground,
                )
            )
    return items


def applications(case: Case, section: str) -> list[ExtractItem]:
    applications = Application.objects.filter(case=case).select_related("unit", "child")
    decisions = ApplicationDecision.objects.filter(application__case=case).select_related(
        "legal_ground", "decision_maker", "application"
    )
    appeals = DecisionAppeal.objects.filter(decision__application__case=case).select_related(
        "decision__application"
    )
    return [
        *items_of(
            section,
            _("Application"),
            applications.order_by("received", "pk"),
            lambda row: facts(row, "kind", "received", "asked", "intervention", "unit", "child"),
            about_a_child=lambda row: row.child_id is not None,
        ),
        *items_of(
            section,
            _("Decision on an application"),
            decisions.order_by("decided", "pk"),
            lambda row: facts(
                row,
                "decided",
                "outcome",
                (
                    _("Legal ground"),
                    row.legal_ground
                    and f"{row.legal_ground.provision} "
                    f"{row.legal_ground.law}: {row.legal_ground.label}",
                ),
                "reasons",
                "decision_maker",
                "communicated",
                "status",
                "letter_delivery",
            ),
            about_a_child=lambda row: row.application.child_id is not None,
        ),
        *items_of(
            section,
            _("Appeal"),
            appeals.order_by("lodged", "pk"),
            lambda row: facts(row, "lodged", "court", "outcome", "outcome_date", "note"),
            about_a_child=lambda row: row.decision.application.child_id is not None,
        ),
    ]


def interventions(case: Case, section: str) -> list[ExtractItem]:
    decisions = Decision.objects.filter(case=case).select_related("decided_by", "provider", "child")
    placements = Placement.objects.filter(case=case)
    children = PlacementChild.objects.filter(placement__case=case).select_related("child")
    follow_ups = FollowUp.objects.filter(case=case).select_related("unit")
    return [
        *items_of(
            section,
            _("Intervention"),
            decisions.order_by("decided", "pk"),
            lambda row: facts(
                row,
                "intervention",
                "decided_by",
                "decided",
                "start",
                "end",
                "provider",
                "provider_name",
                "child",
                "child_support_form",
            ),
            about_a_child=lambda row: row.child_id is not None,
        ),
        *items_of(
            section,
            _("Placement"),
            placements.order_by("start", "pk"),
            lambda row: facts(
                row,
                "provider",
                "start",
                "end",
                "end_reason",
                "next_housing_type",
                "next_housing_contract_months",
                "cost_per_night",
            ),
        ),
        *[
            ExtractItem(
                key=item_key(row),
                section=section,
                heading=str(_("Child placed with the person")),
                facts=facts(row, (_("Name"), row.child), "schooling_start", "schooling_kind"),
                default_ground=OTHER_INDIVIDUAL,
            )
            for row in children.order_by("pk")
        ],
        # A guardian's consent to the child's support (decision 0045): about the child and the
        # guardian, other individuals, withheld unless the reviewer releases it.
        *[
            ExtractItem(
                key=item_key(row),
                section=section,
                heading=str(_("A guardian's consent to the child's support")),
                facts=facts(
                    row,
                    (_("Child"), row.child),
                    (_("Guardian"), row.guardian),
                    "given",
                    "not_asked_reason",
                    "not_asked_text",
                ),
                default_ground=OTHER_INDIVIDUAL,
            )
            for row in GuardianConsent.objects.filter(case=case)
            .select_related("child", "guardian")
            .order_by("pk")
        ],
        *items_of(
            section,
            _("Follow-up"),
            follow_ups.order_by("date", "pk"),
            lambda row: facts(
                row, "date", "goal_achieved", "improved_situation", "note", (_("Unit"), row.unit)
            ),
        ),
    ]


def report_of_concern_facts(row: ReportOfConcern) -> tuple[tuple[str, str], ...]:
    """A report of concern as the extract reads it out: never who reported (``reporter``,
    OSL 26 kap. 5 §), only from what kind of party; where it was routed and its outcome."""
    routing = getattr(row, "routing", None)
    return facts(
        row,
        (_("Child"), row.child),
        "date",
        "direction",
        "reporter_kind",
        "concern",
        (_("Routed to"), routing.unit if routing else ""),
        (_("Status"), routing.get_status_display() if routing else ""),
        "outcome",
        "outcome_date",
    )


def children(case: Case, section: str) -> list[ExtractItem]:
    """The children's records and the reports of concern about them in the person's case
    (decision 0044): the children's own data, withheld unless the reviewer releases it."""
    records = ChildRecord.objects.filter(case=case).select_related("child").order_by("pk")
    reports = (
        ReportOfConcern.objects.filter(case=case)
        .select_related("child", "routing__unit")
        .order_by("date", "pk")
    )
    return [
        *[
            ExtractItem(
                key=item_key(row),
                section=section,
                heading=str(_("The child's record")),
                facts=facts(row, (_("Child"), row.child), "school_kind", "school_name"),
                default_ground=OTHER_INDIVIDUAL,
            )
            for row in records
        ],
        *[
            ExtractItem(
                key=item_key(row),
                section=section,
                heading=str(_("Report of concern about a child")),
                facts=report_of_concern_facts(row),
                default_ground=OTHER_INDIVIDUAL,
            )
            for row in reports
        ],
    ]


def plans(case: Case, section: str) -> list[ExtractItem]:
    return [
        *items_of(
            section,
            _("Housing referral"),
            ShisReferral.objects.filter(case=case).select_related("unit").order_by("date", "pk"),
            lambda row: facts(row, "date", "kind", (_("Unit"), row.unit)),
        ),
        *items_of(
            section,
            _("Housing plan"),
            HousingPlan.objects.filter(placement__case=case).order_by("created", "pk"),
            lambda row: facts(
                row, "created", "contract_signed", "contract_housing_type", "contract_months"
            ),
        ),
        *items_of(
            section,
            _("Step of the housing plan"),
            HousingPlanStep.objects.filter(plan__placement__case=case)
            .select_related("template", "responsible_unit")
            .order_by("plan__pk", "template__order", "pk"),
            lambda row: facts(
                row,
                (_("Step"), row.template.label),
                "responsible_unit",
                "responsible_partner",
                "due",
                "done",
                "submitted",
                "outcome",
                "outcome_date",
                "note",
            ),
        ),
        *items_of(
            section,
            _("Plan action"),
            PlanAction.objects.filter(case=case)
            .select_related("responsible_unit")
            .order_by("due", "pk"),
            lambda row: facts(row, "description", "responsible_unit", "due", "status"),
        ),
        *items_of(
            section,
            _("Practical support task"),
            PracticalTask.objects.filter(case=case)
            .select_related("support", "responsible_unit")
            .order_by("due", "pk"),
            lambda row: facts(row, "support", "note", "responsible_unit", "due", "done"),
        ),
        *items_of(
            section,
            _("SIP"),
            Sip.objects.filter(case=case).select_related("unit").order_by("date", "pk"),
            lambda row: facts(
                row, "date", "participants", "responsible", "next_follow_up", (_("Unit"), row.unit)
            ),
        ),
    ]
