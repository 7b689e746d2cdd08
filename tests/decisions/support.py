"""What the decision tests read back: the rows and the timeline, to assert nothing was written."""

from brytupp.audit.models import AccessLogEntry
from brytupp.cases.models import CaseEvent
from brytupp.interventions.models import (
    Application,
    ApplicationDecision,
    Decision,
    DecisionAppeal,
)


def written(case) -> dict[str, int]:
    """How many rows of each kind the case holds, its timeline events and the access log's
    entries."""
    return {
        "applications": Application.objects.filter(case=case).count(),
        "decisions": ApplicationDecision.objects.filter(application__case=case).count(),
        "granted": Decision.objects.filter(case=case).count(),
        "appeals": DecisionAppeal.objects.filter(decision__application__case=case).count(),
        "events": CaseEvent.objects.filter(case=case).count(),
        "access_log": AccessLogEntry.objects.count(),
    }


def events(case, *, after: int = 0) -> list[tuple[str, str, dict]]:
    """The case's timeline from the ``after``-th event on: kind, day and data."""
    rows = CaseEvent.objects.filter(case=case).order_by("pk")[after:]
    return [(event.kind, event.day.isoformat(), event.data) for event in rows]
