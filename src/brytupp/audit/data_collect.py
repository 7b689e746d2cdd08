"""Everything recorded about a person, as items of a register extract of their data (GDPR
art. 15, decision 0043).

An item is one row of the data — the person record, a case, a journal note's version, a
safety measure — with a heading and its facts as label and value. Its key names the model and
the row's id, never a name, so a secrecy review can store which items it withheld.

Two kinds of item are withheld before anyone reviews them:

- data about another individual (a threat person in the person's case, a child's own data
  beyond the link, the person's data in another person's case) is withheld by default on
  OSL 26 kap. 1 §; the administrator may release it;
- data in a case where the person is themselves a threat person is *locked*: always withheld,
  never shown, not even its date or unit, and no administrator alone may release it. A
  perpetrator asking for their own extract must not learn where the victim is.

``INCLUDED`` and ``NOT_INCLUDED`` name every model that holds data about a person or a case;
a test fails when a new one is in neither, so the extract cannot silently fall behind.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Field, Model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brytupp.people.models import Guardianship, IdentityKind, Person, ProtectionLowering
from brytupp.people.presentation import person_display_name, person_full_name
from brytupp.people.sealing import unseal

from .models import WithholdingGround

OTHER_INDIVIDUAL = WithholdingGround.OTHER_INDIVIDUAL.value

# Models read into the extract, by label. Rows of these hang on the person or their case.
INCLUDED = frozenset(
    {
        "people.Person",
        "people.Guardianship",
        "people.ProtectionLowering",
        "cases.Case",
        "cases.CaseOpeningRequest",
        "cases.CaseTransfer",
        "cases.CaseUnit",
        "cases.Consent",
        "cases.ThreatPerson",
        "cases.Meeting",
        "cases.NeedsAssessment",
        "cases.CaseEvent",
        "cases.AccountVersion",
        "cases.JournalNote",
        "cases.JournalNoteVersion",
        "assessments.Screening",
        "assessments.RiskAssessment",
        "assessments.CircumstanceChange",
        "assessments.SafetyPlan",
        "assessments.SafetyMeasure",
        "assessments.SafetyPlanReview",
        "interventions.Decision",
        "interventions.Placement",
        "interventions.PlacementChild",
        "interventions.GuardianConsent",
        "children.ChildRecord",
        "children.ReportOfConcern",
        "interventions.FollowUp",
        "interventions.Application",
        "interventions.ApplicationDecision",
        "interventions.DecisionAppeal",
        "housing.ShisReferral",
        "plans.PlanAction",
        "plans.PracticalTask",
        "housing.HousingPlan",
        "housing.HousingPlanStep",
        "plans.Sip",
        "cases.MunicipalityMove",
    }
)

# Models with a bearing on a person or a case left out, each with the reason.
NOT_INCLUDED = {
    "people.IdentityReveal": "an access to the person's data: the register extract of the "
    "access log lists it, with who and when",
    "access.EmergencyAccess": "an access to a case: the register extract of the access log "
    "lists it",
    "audit.ExtractRequest": "a request for a register extract: its decision is an export in "
    "the access log",
    "interventions.AfterHoursDecision": "the after-hours mark of an intervention the extract "
    "holds; the emergency access behind it is in the register extract of the access log",
    "children.ChildPart": "the routing of a report of concern to the barn och unga unit: read "
    "out with the report (the unit and its answer)",
    "audit.DataExtractReview": "the secrecy review of this very extract: its producing is an "
    "export in the access log",
}


@dataclass(frozen=True)
class ExtractItem:
    key: str
    section: str
    heading: str
    facts: tuple[tuple[str, str], ...] = ()
    # Withheld unless the reviewer releases it, on this ground ("" when released by default).
    default_ground: str = ""
    # Always withheld, its facts never read out; no reviewer releases it.
    locked: bool = False

    @property
    def field_name(self) -> str:
        """The item's form field: the key, with only characters an HTML id keeps simply."""
        return "ground-" + self.key.replace(".", "-").replace(":", "-")


@dataclass
class Collected:
    person: Person
    items: list[ExtractItem] = field(default_factory=list)


def item_key(row: Model) -> str:
    return f"{row._meta.label_lower}:{row.pk}"


# Values --------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Person):
        return person_display_name(value)
    if hasattr(value, "get_full_name"):
        return value.get_full_name() or value.username
    if hasattr(value, "name"):
        return str(value.name)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_text(answer)}" for key, answer in sorted(value.items()))
    if isinstance(value, list | tuple):
        return ", ".join(_text(entry) for entry in value) or "–"
    return str(value)


def facts(row: Model, *specs) -> tuple[tuple[str, str], ...]:
    """Label and value of each named field (its verbose name and its display value), or of a
    ``(label, value)`` pair given as is."""
    out = []
    for spec in specs:
        if isinstance(spec, tuple):
            label, value = spec
            out.append((str(label), _text(value)))
            continue
        model_field = row._meta.get_field(spec)
        # Only the model's own fields are named here, never a reverse relation.
        if not isinstance(model_field, Field):
            raise TypeError(f"{spec} is not a field of {row._meta.label}")
        if model_field.many_to_many:
            value = list(getattr(row, spec).all())
        elif getattr(model_field, "choices", None):
            value = getattr(row, f"get_{spec}_display")() if getattr(row, spec) else ""
        else:
            value = getattr(row, spec)
        out.append((str(capfirst(model_field.verbose_name)), _text(value)))
    return tuple(out)


def items_of(
    section: str,
    heading,
    rows: Iterable[Model],
    describe: Callable,
    *,
    about_a_child: Callable[[Any], bool] | None = None,
) -> list[ExtractItem]:
    """An item per row. ``about_a_child``: whether a row is a child's own matter (decision
    0045: the child's decision, support or voice in the person's case), withheld by default
    as another individual's data."""
    return [
        ExtractItem(
            key=item_key(row),
            section=section,
            heading=str(heading),
            facts=describe(row),
            default_ground=OTHER_INDIVIDUAL if about_a_child and about_a_child(row) else "",
        )
        for row in rows
    ]


# The person -----------------------------------------------------------------------------------

PERSON_SECTION = gettext_lazy("The person")
RELATIVES_SECTION = gettext_lazy("Children and guardians linked to the person")
OTHERS_SECTION = gettext_lazy("The person in other people's cases")


def _identity_number(person: Person) -> str:
    if person.identity_kind == IdentityKind.RESERVE or not person.identity_number_sealed:
        return str(_("Reserve identity"))
    value = unseal(person.identity_number_sealed)
    return f"{value[:8]}-{value[8:]}"


def person_items(person: Person) -> list[ExtractItem]:
    """The person record unmasked — the extract is for the person themselves — and the
    lowerings of their protection."""
    section = str(PERSON_SECTION)
    items = [
        ExtractItem(
            key=item_key(person),
            section=section,
            heading=str(_("Personal details")),
            facts=(
                (str(_("Name")), person_full_name(person) or "–"),
                *facts(person, "birth_date", "gender", "identity_kind"),
                (str(_("Identity number")), _identity_number(person)),
                (
                    str(_("Address")),
                    unseal(person.address_sealed) if person.address_sealed else "–",
                ),
                *facts(person, "protected_identity"),
            ),
        )
    ]
    for lowering in ProtectionLowering.objects.filter(person=person).order_by("at", "pk"):
        items.append(
            ExtractItem(
                key=item_key(lowering),
                section=section,
                heading=str(_("Protected identity lowered")),
                facts=facts(
                    lowering,
                    (_("Date"), lowering.at),
                    (_("From"), lowering.get_from_level_display()),
                    (_("To"), lowering.get_to_level_display()),
                    "reason",
                ),
            )
        )
    return items


def relative_items(person: Person) -> list[ExtractItem]:
    """The person's children and guardians: the link is the person's own data. A protected
    relative's link is locked: their name would tell who hides."""
    section = str(RELATIVES_SECTION)
    links = Guardianship.objects.filter(guardian=person).select_related("child").order_by("pk")
    items = []
    for link in links:
        items.append(_relative_item(link, link.child, section, _("Child")))
    guardians = Guardianship.objects.filter(child=person).select_related("guardian")
    for link in guardians.order_by("pk"):
        items.append(_relative_item(link, link.guardian, section, _("Guardian")))
    return items


def _relative_item(link, relative: Person, section: str, heading) -> ExtractItem:
    if relative.is_protected:
        return ExtractItem(
            key=item_key(link),
            section=section,
            heading=str(heading),
            default_ground=OTHER_INDIVIDUAL,
            locked=True,
        )
    return ExtractItem(
        key=item_key(link),
        section=section,
        heading=str(heading),
        facts=(
            (str(_("Name")), person_display_name(relative)),
            (
                str(capfirst(Person._meta.get_field("birth_date").verbose_name)),
                _text(relative.birth_date),
            ),
        ),
    )


def screening_items(person: Person) -> list[ExtractItem]:
    from brytupp.assessments.models import Screening

    rows = Screening.objects.filter(person=person).select_related("unit", "recorded_by")
    return [
        ExtractItem(
            key=item_key(row),
            section=str(PERSON_SECTION),
            heading=str(_("Screening for violence")),
            facts=facts(
                row,
                "date",
                (_("Unit"), row.unit),
                "asked",
                "outcome",
                "not_asked_reason",
                "not_asked_note",
                "told_of_help",
                (_("Answers"), row.answers),
                (_("Recorded by"), row.recorded_by),
            ),
        )
        for row in rows.order_by("date", "pk")
    ]


def other_cases_items(person: Person) -> list[ExtractItem]:
    """The person in another person's case. As a threat person: locked, heading only. As a
    child in a parent's safety plan or placement: withheld by default (the case is another
    individual's), and locked when the parent is protected or the person threatens them.
    Never the placement's provider: that is where the parent lives."""
    from brytupp.assessments.models import SafetyPlan
    from brytupp.cases.models import ThreatPerson
    from brytupp.interventions.models import PlacementChild

    section = str(OTHERS_SECTION)
    threatened = set(ThreatPerson.objects.filter(person=person).values_list("case_id", flat=True))
    items = [
        ExtractItem(
            key=item_key(row),
            section=section,
            heading=str(_("Recorded in another person's case")),
            default_ground=OTHER_INDIVIDUAL,
            locked=True,
        )
        for row in ThreatPerson.objects.filter(person=person).order_by("pk")
    ]
    plans = SafetyPlan.objects.filter(child=person).exclude(case__person=person)
    for plan in plans.select_related("case__person", "unit").order_by("created_on", "pk"):
        locked = plan.case_id in threatened or plan.case.person.is_protected
        items.append(
            ExtractItem(
                key=item_key(plan),
                section=section,
                heading=str(_("Safety plan for the person as a child")),
                facts=()
                if locked
                else facts(plan, "created_on", (_("Unit"), plan.unit), "threats", "review_on"),
                default_ground=OTHER_INDIVIDUAL,
                locked=locked,
            )
        )
    placed = PlacementChild.objects.filter(child=person).exclude(placement__case__person=person)
    for row in placed.select_related("placement__case__person").order_by("pk"):
        case = row.placement.case
        locked = case.pk in threatened or case.person.is_protected
        items.append(
            ExtractItem(
                key=item_key(row),
                section=section,
                heading=str(_("Placed with a parent")),
                facts=()
                if locked
                else facts(
                    row,
                    (_("Start"), row.placement.start),
                    (_("End"), row.placement.end),
                    "schooling_start",
                    "schooling_kind",
                ),
                default_ground=OTHER_INDIVIDUAL,
                locked=locked,
            )
        )
    items.extend(_as_a_child_elsewhere(person, threatened))
    return items


def _as_a_child_elsewhere(person: Person, threatened: set[int]) -> list[ExtractItem]:
    """The person's record as a child and the reports of concern about them in a parent's
    case (decision 0044): withheld by default, locked — heading only — when the parent is
    protected or the person threatens them (the school is where a protected child is)."""
    from brytupp.children.models import ChildRecord, ReportOfConcern

    from .data_collect_measures import report_of_concern_facts

    section = str(OTHERS_SECTION)
    items = []
    records = ChildRecord.objects.filter(child=person).exclude(case__person=person)
    reports = ReportOfConcern.objects.filter(child=person).exclude(case__person=person)
    rows: list[tuple[Model, str, tuple[tuple[str, str], ...]]] = [
        (row, _("The person's record as a child"), facts(row, "school_kind", "school_name"))
        for row in records.select_related("case__person").order_by("pk")
    ] + [
        (row, _("Report of concern about the person as a child"), report_of_concern_facts(row))
        for row in reports.select_related("case__person", "child", "routing__unit").order_by("pk")
    ]
    for row, heading, described in rows:
        case = row.case  # type: ignore[attr-defined]
        locked = case.pk in threatened or case.person.is_protected
        items.append(
            ExtractItem(
                key=item_key(row),
                section=section,
                heading=str(heading),
                facts=() if locked else described,
                default_ground=OTHER_INDIVIDUAL,
                locked=locked,
            )
        )
    return items


def person_data_collect(person: Person) -> Collected:
    """Every item about ``person``, in the order of the extract. Not access-checked nor logged:
    ``data_extract`` does both before it calls this."""
    from .data_collect_cases import case_items

    collected = Collected(person=person)
    collected.items.extend(person_items(person))
    collected.items.extend(relative_items(person))
    collected.items.extend(screening_items(person))
    collected.items.extend(case_items(person))
    collected.items.extend(other_cases_items(person))
    return collected
