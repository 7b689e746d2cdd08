"""The items of a person's own cases in the register extract of their data (decision 0043):
every case in which they are the client, with all units, consents, account and journal
versions, risk and safety, applications, decisions and appeals, interventions, plans and the
timeline. A threat person in the case is another individual: withheld by default. A child's
own data (a safety plan for the child, a child placed with the person) likewise; the link to
the child is in ``data_collect.relative_items``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from brytupp.cases.events import LABELS
from brytupp.cases.models import (
    AccountVersion,
    Case,
    CaseEvent,
    CaseOpeningRequest,
    CaseTransfer,
    CaseUnit,
    Consent,
    JournalNoteVersion,
    Meeting,
    MunicipalityMove,
    NeedsAssessment,
    ThreatPerson,
)
from brytupp.people.models import Person

from .data_collect import OTHER_INDIVIDUAL, ExtractItem, facts, item_key, items_of
from .data_collect_measures import applications, children, interventions, plans, risk, safety


def _case_item(case: Case, section: str) -> ExtractItem:
    return ExtractItem(
        key=item_key(case),
        section=section,
        heading=str(_("The case")),
        facts=facts(
            case,
            "opened",
            "closed",
            "closure_reason",
            "source",
            "district",
            "lead_unit",
            "acceptance",
            "honour_context",
        ),
    )


def _opening(case: Case, section: str) -> list[ExtractItem]:
    rows = CaseOpeningRequest.objects.filter(case=case).select_related(
        "requesting_unit", "answering_unit"
    )
    return items_of(
        section,
        _("Request to open the case"),
        rows,
        lambda row: facts(
            row,
            "requesting_unit",
            "requested_at",
            "reason",
            "answering_unit",
            "answered_at",
            "outcome",
            "refusal_reason",
        ),
    )


def _transfers(case: Case, section: str) -> list[ExtractItem]:
    """The case's hand-overs to another district (decision 0049)."""
    rows = (
        CaseTransfer.objects.filter(case=case)
        .select_related("from_unit", "from_district", "to_unit")
        .order_by("pk")
    )
    return items_of(
        section,
        _("Hand-over to another district"),
        rows,
        lambda row: facts(
            row,
            "from_unit",
            "from_district",
            "to_unit",
            "proposed_at",
            "reason",
            "status",
            "answered_on",
            "decline_reason",
        ),
    )


def _parts(case: Case, section: str) -> list[ExtractItem]:
    rows = CaseUnit.objects.filter(case=case).select_related("unit", "responsible").order_by("pk")
    return items_of(
        section,
        _("A unit's part in the case"),
        rows,
        lambda row: facts(
            row,
            "unit",
            "status",
            "invited",
            "joined",
            "left",
            "end_reason",
            "decline_reason",
            "threat_decision_reason",
            "responsible",
        ),
    )


def _consents(case: Case, section: str) -> list[ExtractItem]:
    rows = Consent.objects.filter(case=case).order_by("given", "pk")
    return items_of(
        section,
        _("Consent"),
        rows,
        lambda row: facts(
            row,
            "given",
            "form",
            "purpose",
            "expires",
            "withdrawn",
            "units",
            "partners",
            "violence_description_units",
        ),
    )


def _account(case: Case, section: str) -> list[ExtractItem]:
    rows = AccountVersion.objects.filter(case=case).select_related("unit", "written_by")
    return items_of(
        section,
        _("The person's account"),
        rows.order_by("number"),
        lambda row: facts(
            row,
            "number",
            "written_at",
            (_("Written by"), row.written_by),
            "unit",
            "text",
            "confirmed_at",
        ),
    )


def _journal(case: Case, section: str) -> list[ExtractItem]:
    rows = JournalNoteVersion.objects.filter(note__case=case).select_related(
        "note__unit", "note__child", "written_by"
    )
    return items_of(
        section,
        _("Journal note"),
        rows.order_by("note__date", "note__pk", "number"),
        lambda row: (
            *facts(row.note, "date", "kind", "unit", "child"),
            *facts(
                row, "number", "written_at", (_("Written by"), row.written_by), "text", "reason"
            ),
        ),
        about_a_child=lambda row: row.note.child_id is not None,
    )


def _meetings(case: Case, section: str) -> list[ExtractItem]:
    rows = Meeting.objects.filter(case=case).order_by("held", "pk")
    return items_of(
        section,
        _("Meeting"),
        rows,
        lambda row: facts(row, "held", "units", "partners", "person_present", "minutes"),
    )


def _needs(case: Case, section: str) -> list[ExtractItem]:
    rows = NeedsAssessment.objects.filter(case=case).select_related("unit").order_by("pk")
    return items_of(
        section,
        _("Assessment of needs"),
        rows,
        lambda row: facts(row, (_("Unit"), row.unit), "area", "short_term", "long_term"),
    )


def _threat_persons(case: Case, section: str) -> list[ExtractItem]:
    """Another individual: withheld unless the reviewer releases it."""
    rows = ThreatPerson.objects.filter(case=case).select_related("person").order_by("pk")
    return [
        ExtractItem(
            key=item_key(row),
            section=section,
            heading=str(_("Threat person")),
            facts=facts(
                row,
                (_("Name"), row.person),
                "description",
                "relation",
                "recorded_at",
                "ended",
                "end_reason",
            ),
            default_ground=OTHER_INDIVIDUAL,
        )
        for row in rows
    ]


def _municipality_move(case: Case, section: str) -> list[ExtractItem]:
    """The move to another municipality that closed the case (decision 0050)."""
    rows = MunicipalityMove.objects.filter(case=case).select_related("recorded_by")
    return items_of(
        section,
        _("Move to another municipality"),
        rows,
        lambda row: facts(
            row,
            "municipality",
            "moved",
            "consent_given",
            "consent_form",
            (_("Recorded by"), row.recorded_by),
            "recorded_at",
        ),
    )


def _timeline(case: Case, section: str) -> list[ExtractItem]:
    rows = CaseEvent.objects.filter(case=case).select_related("unit").order_by("day", "at", "pk")
    return items_of(
        section,
        _("Timeline event"),
        rows,
        lambda row: (
            (str(_("Date")), row.day.isoformat()),
            (str(_("What happened")), str(LABELS.get(row.kind, row.kind))),
            (str(_("Unit")), row.unit.name if row.unit else "–"),
        ),
    )


PARTS = (
    _opening,
    _transfers,
    _parts,
    _consents,
    _account,
    _journal,
    _meetings,
    _needs,
    _threat_persons,
    risk,
    safety,
    applications,
    interventions,
    children,
    plans,
    _municipality_move,
    _timeline,
)


def case_items(person: Person) -> list[ExtractItem]:
    """Every case of which the person is the client, oldest first, each a section."""
    items: list[ExtractItem] = []
    cases = Case.objects.filter(person=person).select_related("district", "lead_unit")
    for case in cases.order_by("opened", "pk"):
        section = _("Case opened %(date)s") % {"date": case.opened.isoformat()}
        items.append(_case_item(case, section))
        for part in PARTS:
            items.extend(part(case, section))
    return items
