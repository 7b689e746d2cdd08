"""Log review (loggkontroll): reading the access log to find accesses that need a look.

Each entry gets its *flags*, computed in the database, each a reason to look at it: a reveal of
a protected identity, emergency access, a person with protected identity, an access outside
office hours (Europe/Stockholm, before 07:00, from 18:00, or at the weekend), a refused access,
a user's unusual volume (more than ``VOLUME_LIMIT`` entries that day), and a user looking at
their own record or a colleague's (a user of the same unit), found by the keyed digest of the
identity number that the person and the user share, and every membership change (who gave
whom which role: decision 0017). A reviewer marks an
entry reviewed by writing a ``LogReview``: the log itself never changes.

Reading the log is not itself logged: its entries hold opaque identifiers, no personal data.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat, ExtractHour, ExtractIsoWeekDay, TruncDate
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brytupp.access import policies
from brytupp.organisation.models import Role, Unit, User
from brytupp.people.models import Person, ProtectedIdentity

from .models import (
    AccessGround,
    AccessKind,
    AccessLogEntry,
    AccessOutcome,
    LogReview,
    MembershipChange,
)
from .reasons import WITHHELD, reasons_for
from .short_ids import log_id_resolve

PER_PAGE = 25
VOLUME_LIMIT = 200
MONTHLY_SAMPLE = 20
LOCAL_TZ = zoneinfo.ZoneInfo("Europe/Stockholm")
OFFICE_OPENS, OFFICE_CLOSES = 7, 18

FLAGS = (
    "reveal",
    "emergency",
    "protected_person",
    "off_hours",
    "refused",
    "volume",
    "own_record",
    "colleague_record",
    "membership",
    "other_unit",
    "refused_repeatedly",
)
# A user refused this many times on one local day is flagged: someone trying case ids.
REFUSED_LIMIT = 3


def _flag(condition) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _entries_per_day():
    """How many entries the row's user made on the row's local day."""
    same_day = (
        AccessLogEntry.objects.annotate(local_day=TruncDate("at", tzinfo=LOCAL_TZ))
        .filter(user_public_id=OuterRef("user_public_id"), local_day=OuterRef("local_day"))
        .values("user_public_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(same_day, output_field=IntegerField())


def _busy_user_days(start: datetime.datetime, end: datetime.datetime) -> list[str]:
    """The (user, local day) pairs of the period with more than ``VOLUME_LIMIT`` entries, as
    keys "user|day": one grouped read of the period's partitions."""
    return _user_days_over(start, end, more_than=VOLUME_LIMIT)


def _refusing_user_days(start: datetime.datetime, end: datetime.datetime) -> list[str]:
    """The (user, local day) pairs of the period with ``REFUSED_LIMIT`` or more refusals."""
    return _user_days_over(start, end, more_than=REFUSED_LIMIT - 1, outcome=AccessOutcome.REFUSED)


def _user_days_over(start, end, *, more_than: int, **only) -> list[str]:
    return list(
        AccessLogEntry.objects.filter(
            at__gte=start, at__lt=end, user_public_id__isnull=False, **only
        )
        .annotate(local_day=TruncDate("at", tzinfo=LOCAL_TZ))
        .values("user_public_id", "local_day")
        .annotate(n=Count("pk"))
        .filter(n__gt=more_than)
        .annotate(key=_user_day_key())
        .values_list("key", flat=True)
    )


def _user_day_key():
    return Concat(Cast("user_public_id", CharField()), Value("|"), Cast("local_day", CharField()))


def _volume_flag(busy: list[str] | None):
    """Over a whole period, the busy days are read once (``busy``); for a page of a search
    without a period, each row's day is counted by a subquery on the user-and-day index."""
    if busy is None:
        return _flag(Q(day_volume__gt=VOLUME_LIMIT))
    if not busy:
        return Value(False, output_field=BooleanField())
    return _flag(Q(user_day__in=busy))


def _with_flags(queryset: QuerySet, *, busy: list[str] | None = None) -> QuerySet:
    protected = Person.objects.filter(public_id=OuterRef("person_public_id")).exclude(
        protected_identity=ProtectedIdentity.NONE
    )
    person_digest = Person.objects.filter(public_id=OuterRef("person_public_id")).values(
        "identity_number_digest"
    )[:1]
    same_person = User.objects.filter(identity_number_digest=OuterRef("person_digest"))
    return (
        queryset.annotate(
            person_digest=Subquery(person_digest),
            local_hour=ExtractHour("at", tzinfo=LOCAL_TZ),
            local_weekday=ExtractIsoWeekDay("at", tzinfo=LOCAL_TZ),
            local_day=TruncDate("at", tzinfo=LOCAL_TZ),
        )
        .annotate(
            flag_reveal=_flag(Q(kind=AccessKind.REVEAL)),
            flag_emergency=_flag(Q(ground=AccessGround.EMERGENCY)),
            flag_refused=_flag(Q(outcome=AccessOutcome.REFUSED)),
            flag_membership=_flag(Q(kind=AccessKind.MEMBERSHIP)),
            flag_protected_person=Exists(protected),
            flag_off_hours=_flag(
                Q(local_hour__lt=OFFICE_OPENS)
                | Q(local_hour__gte=OFFICE_CLOSES)
                | Q(local_weekday__gte=6)
            ),
        )
        .annotate(
            **(
                {"day_volume": _entries_per_day()}
                if busy is None
                else {"user_day": _user_day_key()}
            )
        )
        .annotate(
            flag_volume=_volume_flag(busy),
            # A NULL digest (a reserve identity, a user without a number) matches no one.
            flag_own_record=Exists(same_person.filter(public_id=OuterRef("user_public_id"))),
            flag_colleague_record=Exists(
                same_person.filter(memberships__unit__code=OuterRef("unit_code")).exclude(
                    public_id=OuterRef("user_public_id")
                )
            ),
        )
    )


def _refused_that_day():
    """How many refused entries the row's user made on the row's local day; counted only for a
    refused row (a CASE branch the database evaluates lazily), on the user-and-day index."""
    same_day = (
        AccessLogEntry.objects.annotate(local_day=TruncDate("at", tzinfo=LOCAL_TZ))
        .filter(
            user_public_id=OuterRef("user_public_id"),
            local_day=OuterRef("local_day"),
            outcome=AccessOutcome.REFUSED,
        )
        .values("user_public_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Case(
        When(outcome=AccessOutcome.REFUSED, then=Subquery(same_day, output_field=IntegerField())),
        default=Value(0),
        output_field=IntegerField(),
    )


def _refused_repeatedly_flag(refusing: list[str] | None):
    """As the volume flag: over a whole period the refusing days are read once; on a page of a
    search each refused row's day is counted by a subquery."""
    if refusing is None:
        return _flag(Q(refused_that_day__gte=REFUSED_LIMIT))
    if not refusing:
        return Value(False, output_field=BooleanField())
    return _flag(Q(outcome=AccessOutcome.REFUSED, user_day__in=refusing))


def _with_reviewer_flags(queryset: QuerySet, actor, *, refusing: list[str] | None) -> QuerySet:
    """Flags that depend on who reviews: an entry made by another unit than the reviewer's own,
    shown because the reviewer's unit holds the person (``policies._reviewable_entries``); and
    the repeated refusals."""
    codes = policies.log_review_own_unit_codes(actor)
    other_unit = (
        Value(False, output_field=BooleanField())
        if codes is None
        else _flag(~Q(unit_code__in=codes))
    )
    if refusing is None:
        queryset = queryset.annotate(refused_that_day=_refused_that_day())
    return queryset.annotate(
        flag_other_unit=other_unit,
        flag_refused_repeatedly=_refused_repeatedly_flag(refusing),
    )


def _any_flag() -> Q:
    return Q(_connector=Q.OR, **{f"flag_{name}": True for name in FLAGS})


def _with_display(queryset: QuerySet) -> QuerySet:
    username = User.objects.filter(public_id=OuterRef("user_public_id")).values("username")[:1]
    subject = User.objects.filter(public_id=OuterRef("subject_public_id")).values("username")[:1]
    return queryset.annotate(
        username=Subquery(username),
        subject_username=Subquery(subject),
        is_reviewed=Exists(LogReview.objects.filter(entry=OuterRef("pk"))),
    )


def _local_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LOCAL_TZ)


def _reviewable(
    actor, *, busy: list[str] | None = None, refusing: list[str] | None = None
) -> QuerySet:
    flagged = _with_flags(policies.log_review.queryset(actor), busy=busy)
    return _with_display(_with_reviewer_flags(flagged, actor, refusing=refusing))


@dataclass(frozen=True)
class Row:
    """One entry as the reviewer sees it: opaque short ids, never a name; for a reveal or an
    emergency access, its reason (``reasons.py``): the text, ``""`` when withheld from this
    reviewer, ``None`` when there is none."""

    entry: AccessLogEntry
    reason_given: str | None = None
    # The unit's name for the entry's unit code (the code itself when the unit is gone).
    unit_name: str = ""

    @property
    def flags(self) -> list[str]:
        return [name for name in FLAGS if getattr(self.entry, f"flag_{name}")]

    @property
    def has_reason(self) -> bool:
        return self.reason_given is not None

    @property
    def reason(self) -> str | None:
        """The reason's text, when the reviewer may read it."""
        return self.reason_given if self.reason_given != WITHHELD else None

    @property
    def role_label(self) -> str:
        return str(Role(self.entry.role).label) if self.entry.role in Role.values else ""

    @property
    def person_short(self) -> str:
        return str(self.entry.person_public_id)[:8] if self.entry.person_public_id else ""

    @property
    def case_short(self) -> str:
        return str(self.entry.case_public_id)[:8] if self.entry.case_public_id else ""

    @property
    def membership_change(self) -> str:
        """For a membership entry, what happened to which role, e.g. "proposed: Case worker"."""
        if not self.entry.membership_change:
            return ""
        change, _sep, role = self.entry.membership_change.partition(":")
        labels = dict(MembershipChange.choices), dict(Role.choices)
        return f"{labels[0].get(change, change)}: {labels[1].get(role, role)}"


@contextmanager
def _without_jit():
    """Log review's queries carry a subquery per flag, so PostgreSQL's cost estimate for a
    month passes its JIT thresholds, and compiling took seconds where running took
    milliseconds (decision 0020, ``bench/audit_log.py``): JIT off for this transaction only."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def _rows(actor, entries) -> list[Row]:
    """The entries shown, with their reasons and their units' names: one query each."""
    entries = list(entries)
    reasons = reasons_for(actor=actor, entries=entries)
    codes = {entry.unit_code for entry in entries if entry.unit_code}
    names = dict(Unit.objects.filter(code__in=codes).values_list("code", "name"))
    return [
        Row(entry, reasons.get(entry.seq), names.get(entry.unit_code, entry.unit_code))
        for entry in entries
    ]


def _filter_ids(actor, *, person, case) -> dict[str, uuid.UUID]:
    """The entries' person and case ids the filters name, resolved from short ids; every
    problem at once, each on its field."""
    wanted = {
        "person": ("person_public_id", person, gettext_lazy("Person id")),
        "case": ("case_public_id", case, gettext_lazy("Case id")),
    }
    resolved, problems = {}, {}
    for field, (column, typed, label) in wanted.items():
        if not typed:
            continue
        try:
            resolved[column] = log_id_resolve(actor=actor, column=column, typed=typed, label=label)
        except ValidationError as problem:
            problems[field] = problem
    if problems:
        raise ValidationError(problems)
    return resolved


def log_search(
    *,
    actor,
    user: str | None = None,
    person: uuid.UUID | str | None = None,
    case: uuid.UUID | str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    flagged_only: bool = False,
    unreviewed_only: bool = False,
    page_number: int | str = 1,
) -> Page:
    """The entries in the actor's scope matching the filters, newest first, 25 a page. A
    person or case may be named by a short id (``log_id_resolve``): one that begins no id, or
    several, raises a ``ValidationError`` on its field and nothing is searched."""
    ids = _filter_ids(actor, person=person, case=case)
    entries = _reviewable(actor).filter(**ids)
    if user:
        entries = entries.filter(
            user_public_id__in=User.objects.filter(username=user).values("public_id")
        )
    if date_from:
        entries = entries.filter(at__gte=_local_start(date_from))
    if date_to:
        entries = entries.filter(at__lt=_local_start(date_to + datetime.timedelta(days=1)))
    if flagged_only:
        entries = entries.filter(_any_flag())
    if unreviewed_only:
        entries = entries.filter(is_reviewed=False)
    with _without_jit():
        page = Paginator(entries.order_by("-seq"), PER_PAGE).get_page(page_number)
        page.object_list = _rows(actor, page.object_list)
    return page


@dataclass(frozen=True)
class MonthlyReview:
    month: datetime.date
    flagged: list[Row]
    sample: list[Row]

    @property
    def reviewed(self) -> int:
        return sum(row.entry.is_reviewed for row in (*self.flagged, *self.sample))

    @property
    def unreviewed(self) -> int:
        return len(self.flagged) + len(self.sample) - self.reviewed


def monthly_seed(*, actor, month: datetime.date) -> str:
    return f"{month:%Y-%m}:{actor.pk}"


def log_review_month(*, actor, month: datetime.date) -> MonthlyReview:
    """Every flagged entry of the month in the actor's scope, and a random sample of
    ``MONTHLY_SAMPLE`` unflagged ones that the same reviewer gets again for the same month."""
    start = month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    since, until = _local_start(start), _local_start(end)
    entries = _reviewable(
        actor,
        busy=_busy_user_days(since, until),
        refusing=_refusing_user_days(since, until),
    ).filter(at__gte=since, at__lt=until)
    flagged = entries.filter(_any_flag()).order_by("seq")
    table = AccessLogEntry._meta.db_table
    sample = (
        entries.exclude(_any_flag())
        .annotate(
            # The table name is our own constant and the seed a bound parameter.
            draw=RawSQL(  # noqa: S611
                f'md5("{table}"."seq"::text || %s)', [monthly_seed(actor=actor, month=start)]
            )
        )
        .order_by("draw")[:MONTHLY_SAMPLE]
    )
    with _without_jit():
        return MonthlyReview(
            month=start,
            flagged=_rows(actor, flagged),
            sample=_rows(actor, sample),
        )


def log_review_due(*, actor, today: datetime.date | None = None) -> MonthlyReview:
    """The last whole month's review list, which is due once the month has ended: its
    ``unreviewed`` entries are overdue."""
    today = today or timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return log_review_month(actor=actor, month=last_month)


def register_extract(*, actor, person_id: uuid.UUID) -> list[Row]:
    """Everyone who accessed the person's data (registerutdrag), in order of time."""
    entries = _with_display(policies.register_extract.queryset(actor)).filter(
        person_public_id=person_id
    )
    return [Row(entry) for entry in entries.order_by("at", "seq")]


def log_entry_get(*, actor, seq: int) -> AccessLogEntry:
    """One entry in the actor's scope; missing and out of scope raise the same 404."""
    return policies.log_review.get_or_404(actor, seq=seq)


def log_entry_review(*, actor, entry: AccessLogEntry, comment: str = "") -> LogReview:
    """Mark an entry in the actor's scope reviewed; an entry is reviewed once."""
    if not policies.log_review.check(actor, entry):
        raise Http404
    already = ValidationError(_("This entry has already been reviewed."), code="reviewed")
    if LogReview.objects.filter(entry=entry).exists():
        raise already
    try:
        with transaction.atomic():
            return LogReview.objects.create(entry=entry, reviewer=actor, comment=comment.strip())
    except IntegrityError:
        raise already from None
