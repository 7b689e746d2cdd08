"""Each instrument recorded as it asks, refused when incomplete, never overwritten; the level
that rises is an event."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from brytupp.assessments import services
from brytupp.assessments.models import RiskAssessment
from tests import factories
from tests.cases_work.support import events

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db

ITEMS = [f"q{number}" for number in range(1, 21)]


def farlighet(setting, *, level="high", date=TODAY, yes=3, **extra):
    answers = {code: "yes" if index < yes else "no" for index, code in enumerate(ITEMS)}
    return services.risk_assessment_record(
        actor=setting["worker"],
        case=setting["case"],
        instrument="freda_farlighet",
        date=date,
        answers=answers,
        judgement="Hot om att döda vid separationen.",
        level=level,
        **extra,
    )


def risk_events(case):
    return [(kind, data) for kind, data in events(case) if kind.startswith("risk")]


def test_freda_farlighet_keeps_every_item_the_score_and_the_judgement(setting):
    assessment = farlighet(setting, level="high", yes=7)

    assessment.refresh_from_db()
    assert (
        assessment.instrument,
        assessment.instrument_version,
        assessment.score,
        assessment.level,
        assessment.judgement,
        assessment.unit,
        assessment.recorded_by,
        assessment.reassess_by,
    ) == (
        "freda_farlighet",
        "2014",
        7,
        "high",
        "Hot om att döda vid separationen.",
        setting["rvt"],
        setting["worker"],
        TODAY + 30 * DAY,
    )
    assert assessment.answers == {
        code: "yes" if index < 7 else "no" for index, code in enumerate(ITEMS)
    }
    assert risk_events(setting["case"]) == [
        ("risk_assessed", {"instrument": "freda_farlighet", "level": "high"}),
        ("risk_level_raised", {"level": "high", "earlier": ""}),
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"answers": {code: "no" for code in ITEMS[:-1]}},
            "answers",
            "Answer every item of the form, with Don't know where the answer is not known.",
        ),
        (
            {"answers": {**{code: "no" for code in ITEMS}, "q5": "maybe"}},
            "answers",
            "Answer every item of the form, with Don't know where the answer is not known.",
        ),
        ({"judgement": "  "}, "judgement", "Write your own judgement of the risk."),
        ({"level": ""}, "level", "Choose the risk level."),
        (
            {"reassess_by": TODAY + 31 * DAY},
            "reassess_by",
            f"A level above low is assessed again within 30 days: by "
            f"{(TODAY + 30 * DAY).isoformat()} at the latest.",
        ),
        ({"date": TODAY + DAY}, "date", "The date cannot be in the future."),
    ],
)
def test_an_incomplete_freda_farlighet_is_refused_and_saves_nothing(
    setting, change, field, message
):
    data = {
        "answers": {code: "no" for code in ITEMS},
        "judgement": "Bedömning.",
        "level": "medium",
        "date": TODAY,
        **change,
    }

    with pytest.raises(ValidationError) as refused:
        services.risk_assessment_record(
            actor=setting["worker"], case=setting["case"], instrument="freda_farlighet", **data
        )

    assert refused.value.message_dict == {field: [message]}
    assert RiskAssessment.objects.count() == 0
    assert risk_events(setting["case"]) == []


def test_a_low_level_needs_no_date_to_reassess_by(setting):
    assert farlighet(setting, level="low").reassess_by is None
    assert farlighet(setting, level="low", reassess_by=TODAY + 60 * DAY).reassess_by == (
        TODAY + 60 * DAY
    )


BESKRIVNING = {
    "physical": {"frequency": "weekly", "last": "week", "children": "yes"},
    "psychological": {"frequency": "daily", "last": "week", "children": "unknown"},
    "sexual": {"frequency": "never"},
    "economic": {"frequency": "sometimes", "last": "year", "children": "no"},
    "material": {"frequency": "once", "last": "half_year", "children": "no_children"},
    "control": {"frequency": "daily", "last": "week", "children": "yes"},
    "neglect": {"frequency": "never"},
}


def test_freda_beskrivning_keeps_each_form_of_violence_and_gives_no_level(setting):
    assessment = services.risk_assessment_record(
        actor=setting["worker"],
        case=setting["case"],
        instrument="freda_beskrivning",
        date=TODAY - DAY,
        answers={**BESKRIVNING, "sexual": {"frequency": "never", "last": "week"}},
        level="high",
        judgement="Våldet har ökat sedan i våras.",
    )

    assessment.refresh_from_db()
    assert assessment.answers == BESKRIVNING
    assert (assessment.level, assessment.score, assessment.instrument_version) == ("", None, "2014")
    assert risk_events(setting["case"]) == [
        ("risk_assessed", {"instrument": "freda_beskrivning", "level": ""})
    ]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            {key: value for key, value in BESKRIVNING.items() if key != "neglect"},
            "Say how often for every form of violence, also when never.",
        ),
        (
            {**BESKRIVNING, "physical": {"frequency": "weekly", "last": "week"}},
            "For every form of violence that happened, say when it was last and whether "
            "children were present.",
        ),
    ],
)
def test_an_incomplete_freda_beskrivning_is_refused(setting, answers, message):
    with pytest.raises(ValidationError) as refused:
        services.risk_assessment_record(
            actor=setting["worker"],
            case=setting["case"],
            instrument="freda_beskrivning",
            date=TODAY,
            answers=answers,
        )

    assert refused.value.message_dict == {"answers": [message]}
    assert RiskAssessment.objects.count() == 0


def test_patriark_keeps_the_result_judgement_and_level_never_items(setting):
    assessment = services.risk_assessment_record(
        actor=setting["worker"],
        case=setting["case"],
        instrument="patriark",
        date=TODAY,
        answers={"q1": "yes"},
        instrument_result="high",
        judgement="Familjen planerar en resa.",
        level="high",
        reassess_by=TODAY + 7 * DAY,
    )

    assessment.refresh_from_db()
    assert (
        assessment.answers,
        assessment.instrument_result,
        assessment.level,
        assessment.reassess_by,
        assessment.instrument_version,
    ) == ({}, "high", "high", TODAY + 7 * DAY, "2")


def test_patriark_without_its_result_is_refused(setting):
    with pytest.raises(ValidationError) as refused:
        services.risk_assessment_record(
            actor=setting["worker"],
            case=setting["case"],
            instrument="patriark",
            date=TODAY,
            judgement="Bedömning.",
            level="high",
        )

    assert refused.value.message_dict == {
        "instrument_result": ["State the result of the PATRIARK assessment."]
    }
    assert RiskAssessment.objects.count() == 0


def test_a_police_assessment_is_a_reference_that_does_not_set_the_level(setting):
    police = services.risk_assessment_record(
        actor=setting["worker"],
        case=setting["case"],
        instrument="b_safer",
        date=TODAY - 2 * DAY,
        reference=" 5000-K123456-26 ",
        level="high",
        judgement="Polisens bedömning.",
    )

    police.refresh_from_db()
    assert (police.reference, police.level, police.reassess_by, police.answers) == (
        "5000-K123456-26",
        "high",
        None,
        {},
    )
    assert services.current_level(setting["case"]) is None
    assert risk_events(setting["case"]) == [
        ("risk_assessed", {"instrument": "b_safer", "level": "high"})
    ]
    with pytest.raises(ValidationError) as refused:
        services.risk_assessment_record(
            actor=setting["worker"],
            case=setting["case"],
            instrument="sara_sv",
            date=TODAY,
            level="low",
        )
    assert refused.value.message_dict == {"reference": ["State the police's reference."]}


def test_a_new_assessment_never_overwrites_an_earlier_one(setting):
    first = farlighet(setting, level="medium", date=TODAY - 10 * DAY, yes=2)
    before = RiskAssessment.objects.filter(pk=first.pk).values().get()

    second = farlighet(setting, level="high", date=TODAY, yes=9)

    assert RiskAssessment.objects.filter(pk=first.pk).values().get() == before
    assert RiskAssessment.objects.count() == 2
    assert services.current_level(setting["case"]) == second


def test_only_a_rise_above_the_current_level_is_an_event(setting):
    farlighet(setting, level="low", date=TODAY - 20 * DAY)  # the first, low: not raised
    farlighet(setting, level="medium", date=TODAY - 10 * DAY)  # raised
    farlighet(setting, level="medium", date=TODAY - 9 * DAY)  # the same: not raised
    farlighet(setting, level="high", date=TODAY - 30 * DAY)  # older than the current one
    farlighet(setting, level="high", date=TODAY)  # raised

    assert [data for kind, data in risk_events(setting["case"]) if kind == "risk_level_raised"] == [
        {"level": "medium", "earlier": "low"},
        {"level": "high", "earlier": "medium"},
    ]


def test_nothing_is_assessed_in_a_closed_case(setting):
    case = setting["case"]
    case.closed = TODAY
    case.closure_reason = "goals_met"
    case.save()

    with pytest.raises(ValidationError) as refused:
        farlighet(setting)

    assert refused.value.messages == ["The case is closed."]
    assert RiskAssessment.objects.count() == 0


def test_a_unit_without_a_part_cannot_record_changed_circumstances(setting):
    outsider = factories.staff("handlaggare", factories.UnitFactory(district=setting["district"]))

    with pytest.raises(ValidationError):
        services.circumstance_change_record(
            actor=outsider, case=setting["case"], date=TODAY, what="Ny adress."
        )

    assert setting["case"].circumstance_changes.count() == 0


def test_an_assessment_may_be_dated_before_the_year(setting):
    old = farlighet(setting, level="medium", date=datetime.date(2020, 1, 1))

    assert old.reassess_by == datetime.date(2020, 1, 31)


def test_a_unit_not_named_for_the_description_records_only_the_polices_assessment(setting):
    ekb_worker = setting["ekb_worker"]
    message = (
        "Only the lead unit and the units the person's consent names for the description of "
        "violence record this."
    )

    with pytest.raises(ValidationError) as refused:
        services.risk_assessment_record(
            actor=ekb_worker,
            case=setting["case"],
            instrument="patriark",
            date=TODAY,
            instrument_result="low",
            judgement="Bedömning.",
            level="low",
        )
    police = services.risk_assessment_record(
        actor=ekb_worker,
        case=setting["case"],
        instrument="sara_sv",
        date=TODAY,
        reference="1-K2-26",
        level="low",
    )

    assert refused.value.messages == [message]
    assert list(RiskAssessment.objects.values_list("instrument", "unit")) == [
        ("sara_sv", setting["ekb"].pk)
    ]
    assert police.unit == setting["ekb"]
    setting["consent"].violence_description_units.set([setting["ekb"]])
    named = services.risk_assessment_record(
        actor=ekb_worker,
        case=setting["case"],
        instrument="patriark",
        date=TODAY,
        instrument_result="low",
        judgement="Bedömning.",
        level="low",
    )
    assert named.unit == setting["ekb"]
