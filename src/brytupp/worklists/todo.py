"""The to-do list ("Att göra"): due and overdue items across the cases a user's units take part
in — placement follow-ups and children's schooling within 7 days, decisions ending, plan
actions, SIP follow-ups — as one database query (see ``TodoItems``).

Items come from the open cases the user's units take part in (``policies.case_participation``),
one row per item. An item is listed from the day it is ``DUE_WITHIN_DAYS`` away and stays
until it is done; it is overdue from the day after its due date. The kinds and when each is
done are described at ``TodoKind``. A page is one SQL ``UNION ALL`` of one ``values()`` query
per kind with the same columns, ordered and sliced in the database; a second query fetches
the cases of the page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db import connection, models
from django.db.models import CharField, DateField, Exists, F, Func, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brytupp.access import policies
from brytupp.assessments.models import (
    STRUCTURED_INSTRUMENTS,
    CircumstanceChange,
    RiskAssessment,
    RiskLevel,
    SafetyPlan,
)
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record_many
from brytupp.cases.models import Case, CaseUnit, CaseUnitStatus
from brytupp.housing.models import HousingPlanStep
from brytupp.interventions.models import (
    FOLLOW_UP_WITHIN_DAYS,
    SCHOOL_AGE_FROM,
    SCHOOL_AGE_TO,
    SCHOOLING_WITHIN_DAYS,
    AfterHoursDecision,
    Decision,
    FollowUp,
    Intervention,
    Placement,
    PlacementChild,
)
from brytupp.organisation.models import Unit
from brytupp.people.presentation import person_display_name
from brytupp.plans.models import OPEN_ACTION_STATUSES, PlanAction, PracticalTask, Sip

from .selectors import PER_PAGE, case_units

DUE_WITHIN_DAYS = 14
ENDED_DECISION_SHOWN_DAYS = 7


class TodoKind(models.TextChoices):
    """What can be due in a case, and when it is done.

    - placement follow-up: due ``FOLLOW_UP_WITHIN_DAYS`` after the placement starts; done by
      any follow-up that names the placement;
    - child schooling: a child placed with the parent, due ``SCHOOLING_WITHIN_DAYS`` after
      the placement starts; done when the schooling start is recorded, moot once the
      placement has ended;
    - decision ending: a decision whose end date is at most ``DUE_WITHIN_DAYS`` away, shown
      until ``ENDED_DECISION_SHOWN_DAYS`` after it ended;
    - plan action: planned or in progress, for one of the user's units; done when marked
      done or cancelled;
    - SIP follow-up: the next follow-up of a SIP; done by any later SIP in the case.
    - risk reassessment: the date to reassess by of the case's latest structured risk
      assessment (at most 30 days after it for a level above low); done by a later one;
    - changed circumstances: due the day they were recorded; done by a structured risk
      assessment dated that day or later;
    - safety plan review: the plan's review date; a review moves it to the next one;
    - Socialjouren's after-hours decision: due the next working day after it was made, for
      the case's lead unit only; done when a person of the lead unit marks it reviewed
      (decision 0042).
    - the child's placement going on: a child placed on the child's own decision, still placed
      after the parent's placement ended, due the day it ended; done when the child's own end
      is recorded (decision 0045).
    - practical support: a task not yet done, for its responsible unit (named case worker or
      not); done when marked done (decision 0047).
    - a step of a placement's housing plan: its due date, for the responsible unit, or the
      lead unit when a partner (or no one) is responsible; done when marked done, moot once
      the placement has ended (decision 0046).

    The last three are for the units that read the descriptions of violence
    (``policies.violence_describing_cases``).
    """

    DECISION_ENDING = "decision_ending", _("Decision ending")
    PLACEMENT_FOLLOW_UP = "placement_follow_up", _("Placement follow-up")
    PLAN_ACTION = "plan_action", _("Plan action")
    CHILD_SCHOOLING = "child_schooling", _("Schooling of a placed child")
    SIP_FOLLOW_UP = "sip_follow_up", _("SIP follow-up")
    RISK_REASSESSMENT = "risk_reassessment", _("Risk reassessment")
    CIRCUMSTANCE_CHANGE = "circumstance_change", _("Changed circumstances: assess the risk")
    SAFETY_PLAN_REVIEW = "safety_plan_review", _("Safety plan review")
    AFTER_HOURS_DECISION = "after_hours_decision", _("Decision by Socialjouren to take over")
    CHILD_PLACEMENT_ONGOING = (
        "child_placement_ongoing",
        _("The child's placement goes on: end it with the child's own decision"),
    )
    PRACTICAL_TASK = "practical_task", _("Practical support")
    HOUSING_STEP = "housing_step", _("Step of the housing plan")


# Sort keys: every ordering ends in unique columns, so pages never overlap or skip a row.
TODO_SORTS = {
    "due": ("due_on", "kind", "case_ref", "item_ref"),
    "-due": ("-due_on", "kind", "-case_ref", "-item_ref"),
    "kind": ("kind", "due_on", "case_ref", "item_ref"),
}
TODO_SORT_LABELS = {
    "due": _("Due date, earliest first"),
    "-due": _("Due date, latest first"),
    "kind": _("Kind"),
}


@dataclass(frozen=True)
class TodoFilter:
    """The choices of the to-do list's filter form; unknown values fall back to the default."""

    kind: str = ""
    overdue: bool = False
    unit: Unit | None = None
    sort: str = "due"

    @classmethod
    def from_query(cls, params, *, units: list[Unit]) -> TodoFilter:
        kind = params.get("kind", "")
        sort = params.get("sort", "due")
        by_code = {unit.code: unit for unit in units}
        return cls(
            kind=kind if kind in TodoKind.values else "",
            overdue=params.get("overdue") == "1",
            unit=by_code.get(params.get("unit", "")) if len(units) > 1 else None,
            sort=sort if sort in TODO_SORTS else "due",
        )

    def query(self) -> str:
        """The filter as a query string, without the page, for pagination links."""
        values = {
            "kind": self.kind,
            "overdue": "1" if self.overdue else "",
            "unit": self.unit.code if self.unit else "",
            "sort": "" if self.sort == "due" else self.sort,
        }
        return urlencode({key: value for key, value in values.items() if value})


@dataclass(frozen=True)
class TodoRow:
    kind: str
    due: datetime.date
    case: Case
    person_name: str
    detail: str
    today: datetime.date = field(repr=False)
    item_key: str = ""
    child_key: str = ""

    @property
    def item_url(self) -> str:
        """Where the item itself is: the page that does it (a follow-up, a schooling, a plan
        action's status), or its row on the case page (a decision, a SIP)."""
        case = str(self.case.public_id)
        case_page = reverse("cases:detail", args=[case])
        if self.kind == TodoKind.PLACEMENT_FOLLOW_UP:
            follow_up = reverse("cases:follow_up_add", args=[case])
            return f"{follow_up}?{urlencode({'placement': self.item_key})}"
        if self.kind == TodoKind.CHILD_SCHOOLING:
            return reverse("cases:child_schooling", args=[case, self.item_key, self.child_key])
        if self.kind == TodoKind.CHILD_PLACEMENT_ONGOING:
            return reverse("cases:placement_child_end", args=[case, self.item_key, self.child_key])
        if self.kind == TodoKind.HOUSING_STEP:
            return reverse("cases:housing_step_change", args=[case, self.item_key, self.child_key])
        if self.kind == TodoKind.PLAN_ACTION:
            return reverse("cases:plan_action_status", args=[case, self.item_key])
        if self.kind == TodoKind.PRACTICAL_TASK:
            return reverse("cases:practical_task_done", args=[case, self.item_key])
        if self.kind == TodoKind.DECISION_ENDING:
            return f"{case_page}#decision-{self.item_key}"
        if self.kind == TodoKind.AFTER_HOURS_DECISION:
            return f"{case_page}#application-decision-{self.item_key}"
        if self.kind in (TodoKind.RISK_REASSESSMENT, TodoKind.CIRCUMSTANCE_CHANGE):
            return f"{case_page}#risk"
        if self.kind == TodoKind.SAFETY_PLAN_REVIEW:
            return reverse("cases:safety_plan_review", args=[case, self.item_key])
        return f"{case_page}#sip-{self.item_key}"

    @property
    def kind_label(self) -> str:
        return TodoKind(self.kind).label

    @property
    def overdue(self) -> bool:
        return self.due < self.today and not self.expired

    @property
    def expired(self) -> bool:
        """A decision past its end date has run out ("Har löpt ut"), not become overdue."""
        return self.kind == TodoKind.DECISION_ENDING and self.due < self.today

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days


def _columns(kind: str, *, due, case, detail=None, item="public_id", child=None) -> dict:
    """The seven columns every kind's query selects, in this order: ``item_key`` and
    ``child_key`` are the public ids the row's link to the item itself is made of."""
    return {
        "kind": Value(kind.value, output_field=CharField()),
        "due_on": due,
        "case_ref": F(case),
        "item_ref": F("pk"),
        "detail": detail if detail is not None else Value("", output_field=CharField()),
        "item_key": Cast(item, CharField()),
        "child_key": Cast(child, CharField())
        if child is not None
        else Value("", output_field=CharField()),
    }


def _days_after(column: str, days: int):
    return Cast(F(column) + datetime.timedelta(days=days), DateField())


def _placement_follow_ups(cases, *, unit_ids, today, last_due) -> QuerySet:
    followed = FollowUp.objects.filter(placement=OuterRef("pk"))
    return (
        Placement.objects.filter(
            case__in=cases, start__lte=last_due - datetime.timedelta(days=FOLLOW_UP_WITHIN_DAYS)
        )
        .filter(~Exists(followed))
        .values(
            **_columns(
                TodoKind.PLACEMENT_FOLLOW_UP,
                due=_days_after("start", FOLLOW_UP_WITHIN_DAYS),
                case="case_id",
            )
        )
    )


def _years_before(column: str, years: int):
    """``column`` minus whole calendar years, in the database (see ``age_on``)."""
    return Func(
        F(column),
        template=f"(%(expressions)s - interval '{int(years)} years')::date",
        output_field=DateField(),
    )


def _child_schoolings(cases, *, unit_ids, today, last_due) -> QuerySet:
    latest_start = last_due - datetime.timedelta(days=SCHOOLING_WITHIN_DAYS)
    return PlacementChild.objects.filter(
        placement__case__in=cases,
        placement__end__isnull=True,
        placement__start__lte=latest_start,
        schooling_start__isnull=True,
        child__birth_date__lte=_years_before("placement__start", SCHOOL_AGE_FROM),
        child__birth_date__gt=_years_before("placement__start", SCHOOL_AGE_TO + 1),
    ).values(
        **_columns(
            TodoKind.CHILD_SCHOOLING,
            due=_days_after("placement__start", SCHOOLING_WITHIN_DAYS),
            case="placement__case_id",
            item="placement__public_id",
            child="child__public_id",
        )
    )


def _decisions_ending(cases, *, unit_ids, today, last_due) -> QuerySet:
    return Decision.objects.filter(
        case__in=cases,
        end__gte=today - datetime.timedelta(days=ENDED_DECISION_SHOWN_DAYS),
        end__lte=last_due,
    ).values(
        **_columns(
            TodoKind.DECISION_ENDING,
            due=F("end"),
            case="case_id",
            detail=F("intervention"),
        )
    )


def _plan_actions(cases, *, unit_ids, today, last_due) -> QuerySet:
    return PlanAction.objects.filter(
        case__in=cases,
        responsible_unit_id__in=unit_ids,
        status__in=OPEN_ACTION_STATUSES,
        due__lte=last_due,
    ).values(
        **_columns(
            TodoKind.PLAN_ACTION,
            due=F("due"),
            case="case_id",
            detail=Cast("description", CharField()),
        )
    )


def _sip_follow_ups(cases, *, unit_ids, today, last_due) -> QuerySet:
    later = Sip.objects.filter(case=OuterRef("case")).filter(
        Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk"))
    )
    return (
        Sip.objects.filter(case__in=cases, next_follow_up__lte=last_due)
        .filter(~Exists(later))
        .values(**_columns(TodoKind.SIP_FOLLOW_UP, due=F("next_follow_up"), case="case_id"))
    )


def _risk_reassessments(cases, *, unit_ids, today, last_due) -> QuerySet:
    later = RiskAssessment.objects.filter(
        case=OuterRef("case"), instrument__in=STRUCTURED_INSTRUMENTS
    ).filter(Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk")))
    return (
        RiskAssessment.objects.filter(
            case__in=cases, instrument__in=STRUCTURED_INSTRUMENTS, reassess_by__lte=last_due
        )
        .filter(policies.violence_describing_cases(unit_ids, today))
        .filter(~Exists(later))
        .values(
            **_columns(
                TodoKind.RISK_REASSESSMENT,
                due=F("reassess_by"),
                case="case_id",
                detail=F("level"),
            )
        )
    )


def _circumstance_changes(cases, *, unit_ids, today, last_due) -> QuerySet:
    assessed = RiskAssessment.objects.filter(
        case=OuterRef("case"), instrument__in=STRUCTURED_INSTRUMENTS, date__gte=OuterRef("date")
    )
    return (
        CircumstanceChange.objects.filter(case__in=cases, date__lte=last_due)
        .filter(policies.violence_describing_cases(unit_ids, today))
        .filter(~Exists(assessed))
        .values(**_columns(TodoKind.CIRCUMSTANCE_CHANGE, due=F("date"), case="case_id"))
    )


def _safety_plan_reviews(cases, *, unit_ids, today, last_due) -> QuerySet:
    return (
        SafetyPlan.objects.filter(case__in=cases, review_on__lte=last_due)
        .filter(policies.violence_describing_cases(unit_ids, today))
        .values(**_columns(TodoKind.SAFETY_PLAN_REVIEW, due=F("review_on"), case="case_id"))
    )


def _after_hours_decisions(cases, *, unit_ids, today, last_due) -> QuerySet:
    """Socialjouren's after-hours decisions not yet reviewed, for the lead unit only."""
    return AfterHoursDecision.objects.filter(
        decision__application__case__in=cases,
        decision__application__case__lead_unit_id__in=unit_ids,
        acknowledged_at__isnull=True,
        review_due__lte=last_due,
    ).values(
        **_columns(
            TodoKind.AFTER_HOURS_DECISION,
            due=F("review_due"),
            case="decision__application__case_id",
            detail=F("decision__application__intervention"),
            item="decision__public_id",
        )
    )


def _child_placements_ongoing(cases, *, unit_ids, today, last_due) -> QuerySet:
    """Children still placed on their own decision after the parent's placement ended, for
    the lead unit only: the child's matters are not every taking-part unit's (decision 0044)."""
    return PlacementChild.objects.filter(
        placement__case__in=cases,
        placement__case__lead_unit_id__in=unit_ids,
        placement__end__isnull=False,
        placement__end__lte=last_due,
        decision__isnull=False,
        end__isnull=True,
    ).values(
        **_columns(
            TodoKind.CHILD_PLACEMENT_ONGOING,
            due=F("placement__end"),
            case="placement__case_id",
            item="placement__public_id",
            child="child__public_id",
        )
    )


def _practical_tasks(cases, *, unit_ids, today, last_due) -> QuerySet:
    """Practical-support tasks not done, for their responsible unit (decision 0047)."""
    return PracticalTask.objects.filter(
        case__in=cases, responsible_unit_id__in=unit_ids, done__isnull=True, due__lte=last_due
    ).values(
        **_columns(TodoKind.PRACTICAL_TASK, due=F("due"), case="case_id", detail=F("support__name"))
    )


def _housing_steps(cases, *, unit_ids, today, last_due) -> QuerySet:
    """Steps of a housing plan not done, for the responsible unit, or the case's lead unit
    when a partner (or no one) is responsible (decision 0046)."""
    return HousingPlanStep.objects.filter(
        Q(responsible_unit_id__in=unit_ids)
        | Q(responsible_unit__isnull=True, plan__placement__case__lead_unit_id__in=unit_ids),
        plan__placement__case__in=cases,
        plan__placement__end__isnull=True,
        done__isnull=True,
        due__lte=last_due,
    ).values(
        **_columns(
            TodoKind.HOUSING_STEP,
            due=F("due"),
            case="plan__placement__case_id",
            detail=F("template__label"),
            item="plan__placement__public_id",
            child="public_id",
        )
    )


TODO_QUERIES = {
    TodoKind.DECISION_ENDING: _decisions_ending,
    TodoKind.PLACEMENT_FOLLOW_UP: _placement_follow_ups,
    TodoKind.PLAN_ACTION: _plan_actions,
    TodoKind.CHILD_SCHOOLING: _child_schoolings,
    TodoKind.SIP_FOLLOW_UP: _sip_follow_ups,
    TodoKind.RISK_REASSESSMENT: _risk_reassessments,
    TodoKind.CIRCUMSTANCE_CHANGE: _circumstance_changes,
    TodoKind.SAFETY_PLAN_REVIEW: _safety_plan_reviews,
    TodoKind.AFTER_HOURS_DECISION: _after_hours_decisions,
    TodoKind.CHILD_PLACEMENT_ONGOING: _child_placements_ongoing,
    TodoKind.HOUSING_STEP: _housing_steps,
    TodoKind.PRACTICAL_TASK: _practical_tasks,
}
ITEM_COLUMNS = ("kind", "due_on", "case_ref", "item_ref", "detail", "item_key", "child_key")
# Each kind's query keeps to the cases of the ``WITH`` clause of ``TodoItems``.
VISIBLE = RawSQL("SELECT id FROM visible", ())


class TodoItems:
    """The to-do items as the paginator reads them: ``count()`` and one slice, a query each.

    The query is the ``UNION ALL`` of each kind's ``values()`` queryset, compiled by Django,
    under ``WITH visible AS MATERIALIZED (…)``: the cases the access rule admits, read once
    per list (their ids, then passed as an array to each query). Django has no common table
    expressions; without one PostgreSQL works the rule out again for every kind, which made
    the list five times slower on a busy unit (see bench/README.md).
    """

    ordered = True  # the paginator warns about unordered lists

    def __init__(self, *, cases: QuerySet, kinds: list[QuerySet], order: tuple[str, ...]):
        self._cases = cases.order_by().values_list("pk", flat=True)
        self._case_ids: list[int] | None = None
        compiled = [kind.order_by().query.sql_with_params() for kind in kinds]
        self._union = " UNION ALL ".join(f"({sql})" for sql, _params in compiled)
        self._params = tuple(param for _sql, params in compiled for param in params)
        self._order = ", ".join(
            f'"{column.lstrip("-")}" {"DESC" if column.startswith("-") else "ASC"}'
            for column in order
        )

    def _fetch(self, select: str, params: tuple = ()) -> list[tuple]:
        # The visible cases are worked out once for the count and the page (and the count
        # per kind), not once per query: at a million cases the access rule over a busy
        # unit's parts is most of the list's time (docs/performance.md).
        if self._case_ids is None:
            self._case_ids = list(self._cases)
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH visible (id) AS MATERIALIZED (SELECT unnest(%s::bigint[])) "  # noqa: S608
                + select,
                (self._case_ids, *self._params, *params),
            )
            return cursor.fetchall()

    def count(self) -> int:
        select = f"SELECT COUNT(*) FROM ({self._union}) AS items"  # noqa: S608 - compiled by Django
        return self._fetch(select)[0][0]

    def __len__(self) -> int:
        return self.count()

    def count_by_kind(self) -> dict[str, int]:
        """How many items of each kind (kinds without one left out), in one query."""
        select = f"SELECT kind, COUNT(*) FROM ({self._union}) AS items GROUP BY kind"  # noqa: S608
        return dict(self._fetch(select))

    def __getitem__(self, window: slice) -> list[dict]:
        start = window.start or 0
        columns = ", ".join(f'"{column}"' for column in ITEM_COLUMNS)
        select = (
            f"SELECT {columns} FROM ({self._union}) AS items "  # noqa: S608 - compiled by Django
            f"ORDER BY {self._order} LIMIT %s OFFSET %s"
        )
        rows = self._fetch(select, (window.stop - start, start))
        return [dict(zip(ITEM_COLUMNS, row, strict=True)) for row in rows]


def todo_items(*, actor, filters: TodoFilter, today: datetime.date) -> TodoItems:
    """The actor's to-do items under the filter, ordered, not yet fetched."""
    units = [filters.unit] if filters.unit else case_units(actor)
    unit_ids = [unit.pk for unit in units]
    cases = policies.case_participation.queryset(actor).filter(closed__isnull=True)
    if filters.unit:
        taking_part = CaseUnit.objects.filter(unit_id__in=unit_ids, status=CaseUnitStatus.ACTIVE)
        cases = cases.filter(pk__in=taking_part.values("case_id"))
    last_due = today + datetime.timedelta(days=-1 if filters.overdue else DUE_WITHIN_DAYS)
    kinds = [filters.kind] if filters.kind else list(TODO_QUERIES)
    queries = [
        TODO_QUERIES[kind](VISIBLE, unit_ids=unit_ids, today=today, last_due=last_due)
        for kind in kinds
    ]
    return TodoItems(cases=cases, kinds=queries, order=TODO_SORTS[filters.sort])


def todo_list(
    *,
    actor,
    filters: TodoFilter | None = None,
    page_number: int | str = 1,
    per_page: int = PER_PAGE,
    today: datetime.date | None = None,
) -> Page:
    """One page of the actor's to-do items (see the module docstring), in two queries."""
    filters = filters or TodoFilter()
    today = today or timezone.localdate()
    items = todo_items(actor=actor, filters=filters, today=today)
    page = Paginator(items, per_page).get_page(page_number)
    cases = {
        case.pk: case
        for case in policies.case_participation.queryset(actor)
        .filter(pk__in={item["case_ref"] for item in page.object_list})
        .select_related("person", "district")
    }
    rows = [
        TodoRow(
            kind=item["kind"],
            due=item["due_on"],
            case=cases[item["case_ref"]],
            person_name=person_display_name(cases[item["case_ref"]].person),
            detail=_detail(item),
            today=today,
            item_key=item["item_key"],
            child_key=item["child_key"],
        )
        for item in page.object_list
        if item["case_ref"] in cases
    ]
    shown = list({row.case.pk: row.case for row in rows}.values())
    access_log_record_many(actor=actor, kind=AccessKind.LIST_ROW, cases=shown)
    page.object_list = rows
    return page


def _detail(item: dict) -> str:
    if (
        item["kind"] in (TodoKind.DECISION_ENDING, TodoKind.AFTER_HOURS_DECISION)
        and item["detail"] in Intervention.values
    ):
        return Intervention(item["detail"]).label
    if item["kind"] == TodoKind.RISK_REASSESSMENT and item["detail"] in RiskLevel.values:
        return _("Risk level %(level)s") % {"level": RiskLevel(item["detail"]).label.lower()}
    return item["detail"]
