"""Helpers for the work-in-a-case tests: the state of every table a page may write, and the
text of a response."""

from __future__ import annotations

import html
import re

from django.contrib.messages import get_messages

from brytupp.cases.models import CaseEvent, CaseUnit, Consent, Meeting, NeedsAssessment
from brytupp.housing.models import ShisReferral
from brytupp.interventions.models import Decision, FollowUp, Placement, PlacementChild
from brytupp.people.models import Guardianship, Person
from brytupp.plans.models import PlanAction, PracticalTask, Sip

WRITTEN = (
    Consent,
    CaseUnit,
    Meeting,
    NeedsAssessment,
    PlanAction,
    PracticalTask,
    Decision,
    Placement,
    PlacementChild,
    FollowUp,
    ShisReferral,
    Sip,
    CaseEvent,
    Person,
    Guardianship,
)


def state() -> dict:
    """Every row of every table a page of work in a case may write."""
    state = {model.__name__: list(model.objects.order_by("pk").values()) for model in WRITTEN}
    state["meeting_units"] = list(Meeting.units.through.objects.order_by("pk").values())
    return state


def text(response) -> str:
    """The response's text, unescaped, with runs of white space made one space."""
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def flashed(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def events(case) -> list[tuple[str, dict]]:
    return [
        (event.kind, event.data) for event in CaseEvent.objects.filter(case=case).order_by("pk")
    ]


def errors(response) -> dict:
    """The form's errors, by field (``__all__`` for the form's own)."""
    return {name: list(messages) for name, messages in response.context["form"].errors.items()}
