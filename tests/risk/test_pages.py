"""The risk and safety pages through the real views: the doors on the case page, the forms,
who reads what (descriptions of violence only to the lead unit and the units the consent names
for it), and that a denied page shows nothing and changes nothing."""

import re

import pytest
from django.urls import reverse

from brytupp.assessments import safety
from brytupp.assessments.models import RiskAssessment, SafetyMeasure, SafetyPlan
from brytupp.cases.models import Consent
from tests import factories
from tests.cases_work.support import state, text

from .conftest import DAY, TODAY
from .test_instruments import ITEMS, farlighet

pytestmark = pytest.mark.django_db


def words(response) -> str:
    """The response's text without tags, runs of white space made one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text(response))).strip()


JUDGEMENT = "Hot om att döda vid separationen."
THREATS = "Ex-partnern väntar utanför arbetsplatsen."


def case_page(client, user, case):
    factories.sign_in(client, user)
    return client.get(reverse("cases:detail", args=[case.public_id]))


def test_the_case_page_shows_the_current_level_and_the_doors(client, setting):
    farlighet(setting, level="high", date=TODAY - 2 * DAY, yes=5)

    response = case_page(client, setting["worker"], setting["case"])
    page = text(response)

    assert "Risk and safety" in page
    assert 'data-risk-level="high"' in page
    assert f"High FREDA dangerousness, {(TODAY - 2 * DAY).isoformat()}" in words(response)
    assert f"Assess again by {(TODAY + 28 * DAY).isoformat()}" in words(response)
    case = setting["case"].public_id
    for instrument in ("freda-farlighet", "freda-beskrivning", "patriark", "polisen"):
        assert reverse("cases:risk_assessment_add", args=[case, instrument]) in page
    assert reverse("cases:safety_plan_add", args=[case]) in page
    child = setting["child"].public_id
    assert reverse("cases:safety_plan_add_child", args=[case, child]) in page


def test_freda_farlighet_through_its_page(client, setting):
    factories.sign_in(client, setting["worker"])
    url = reverse("cases:risk_assessment_add", args=[setting["case"].public_id, "freda-farlighet"])
    form = client.get(url)
    answers = {code: "no" for code in ITEMS} | {"q2": "yes", "q11": "unknown"}

    response = client.post(
        url,
        {
            "date": TODAY.isoformat(),
            **answers,
            "judgement": JUDGEMENT,
            "level": "medium",
            "reassess_by": (TODAY + 14 * DAY).isoformat(),
            "submission": form.context["form"]["submission"].value(),
        },
    )

    assert response.status_code == 302
    assert (
        response["Location"] == reverse("cases:detail", args=[setting["case"].public_id]) + "#risk"
    )
    assessment = RiskAssessment.objects.get()
    assert (assessment.score, assessment.level, assessment.reassess_by, assessment.answers) == (
        1,
        "medium",
        TODAY + 14 * DAY,
        answers,
    )


def test_an_incomplete_form_shows_each_missing_item_and_saves_nothing(client, setting):
    factories.sign_in(client, setting["worker"])
    url = reverse("cases:risk_assessment_add", args=[setting["case"].public_id, "freda-farlighet"])
    before = state()

    response = client.post(
        url,
        {"date": TODAY.isoformat(), **{code: "no" for code in ITEMS[:18]}, "level": "high"},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"q19", "q20", "judgement"}
    assert RiskAssessment.objects.count() == 0
    assert state() == before


def test_an_unknown_instrument_is_not_found(client, setting):
    factories.sign_in(client, setting["worker"])

    response = client.get(
        reverse("cases:risk_assessment_add", args=[setting["case"].public_id, "sara"])
    )

    assert response.status_code == 404


def scope_description(setting, units):
    consent = Consent.objects.get(pk=setting["consent"].pk)
    consent.violence_description_units.set(units)


@pytest.mark.parametrize(("named", "described"), [(False, False), (True, True)])
def test_the_description_of_violence_only_where_the_consent_names_the_unit(
    client, setting, named, described
):
    farlighet(setting, level="high", yes=4)
    safety.safety_plan_write(
        actor=setting["worker"], case=setting["case"], threats=THREATS, review_on=TODAY + 7 * DAY
    )
    if named:
        scope_description(setting, [setting["ekb"]])
    assessment = RiskAssessment.objects.get()

    page = text(case_page(client, setting["ekb_worker"], setting["case"]))
    detail = words(
        client.get(
            reverse(
                "cases:risk_assessment_detail",
                args=[setting["case"].public_id, assessment.public_id],
            )
        )
    )

    # The level is what every unit taking part must know.
    assert 'data-risk-level="high"' in page
    assert "Risk level High" in detail
    assert (JUDGEMENT in detail) is described
    assert ("Item 1 Yes" in detail) is described
    assert ("Score (items answered yes) 4" in detail) is described
    assert (THREATS in page) is described
    assert (
        "Shown to the lead unit and the units the consent names for it" in page
    ) is not described


def test_the_lead_unit_reads_the_description(client, setting):
    farlighet(setting, level="high", yes=4)
    factories.sign_in(client, setting["worker"])

    detail = words(
        client.get(
            reverse(
                "cases:risk_assessment_detail",
                args=[setting["case"].public_id, RiskAssessment.objects.get().public_id],
            )
        )
    )

    assert JUDGEMENT in detail
    assert "Item 20 No" in detail


def test_a_unit_without_a_part_finds_nothing_and_changes_nothing(client, setting):
    farlighet(setting, level="high", yes=4)
    plan = safety.safety_plan_write(
        actor=setting["worker"], case=setting["case"], threats=THREATS, review_on=TODAY + 7 * DAY
    )
    outsider = factories.staff("handlaggare", factories.UnitFactory(district=setting["district"]))
    factories.sign_in(client, outsider)
    case = setting["case"].public_id
    assessment = RiskAssessment.objects.get().public_id
    before = state() | {
        "plans": list(SafetyPlan.objects.values()),
        "risk": list(RiskAssessment.objects.values()),
    }

    responses = [
        client.get(reverse("cases:risk_assessment_detail", args=[case, assessment])),
        client.get(reverse("cases:risk_assessment_add", args=[case, "freda-farlighet"])),
        client.post(
            reverse("cases:risk_assessment_add", args=[case, "polisen"]),
            {"instrument": "b_safer", "reference": "1", "date": TODAY.isoformat(), "level": "low"},
        ),
        client.post(
            reverse("cases:safety_plan_change", args=[case, plan.public_id]),
            {"threats": "Ändrat", "review_on": TODAY.isoformat(), "version": "1"},
        ),
        client.post(
            reverse("cases:circumstance_change_add", args=[case]),
            {"date": TODAY.isoformat(), "what": "Ändrat"},
        ),
    ]

    assert [response.status_code for response in responses] == [404] * 5
    for response in responses:
        page = text(response)
        assert JUDGEMENT not in page
        assert THREATS not in page
        assert "Fejka" not in page
    assert (
        state()
        | {
            "plans": list(SafetyPlan.objects.values()),
            "risk": list(RiskAssessment.objects.values()),
        }
        == before
    )


def test_a_unit_that_does_not_read_the_threats_cannot_change_them(client, setting):
    plan = safety.safety_plan_write(
        actor=setting["worker"], case=setting["case"], threats=THREATS, review_on=TODAY + 7 * DAY
    )
    factories.sign_in(client, setting["ekb_worker"])

    response = client.post(
        reverse("cases:safety_plan_change", args=[setting["case"].public_id, plan.public_id]),
        {"threats": "Inget hot längre", "review_on": TODAY.isoformat(), "version": "1"},
    )

    assert response.status_code == 404
    assert THREATS not in text(response)
    assert SafetyPlan.objects.get().threats == THREATS


def test_a_unit_that_does_not_read_descriptions_records_only_the_polices_reference(client, setting):
    plan = safety.safety_plan_write(
        actor=setting["worker"], case=setting["case"], threats=THREATS, review_on=TODAY + 7 * DAY
    )
    case = setting["case"].public_id
    page = text(case_page(client, setting["ekb_worker"], setting["case"]))
    before = state() | {"risk": list(RiskAssessment.objects.values())}

    refused = [
        client.get(reverse("cases:risk_assessment_add", args=[case, instrument]))
        for instrument in ("freda-farlighet", "freda-beskrivning", "patriark")
    ] + [
        client.get(reverse("cases:safety_plan_add_child", args=[case, setting["child"].public_id])),
        client.post(
            reverse("cases:safety_plan_review", args=[case, plan.public_id]),
            {
                "reviewed_on": TODAY.isoformat(),
                "note": "Ny anteckning",
                "next_review_on": (TODAY + 9 * DAY).isoformat(),
                "version": "1",
            },
        ),
    ]

    assert [response.status_code for response in refused] == [404] * 5
    assert state() | {"risk": list(RiskAssessment.objects.values())} == before
    assert reverse("cases:risk_assessment_add", args=[case, "polisen"]) in page
    assert reverse("cases:safety_measure_add", args=[case, plan.public_id]) in page
    for door in ("freda-farlighet", "freda-beskrivning", "patriark"):
        assert reverse("cases:risk_assessment_add", args=[case, door]) not in page
    assert reverse("cases:safety_plan_review", args=[case, plan.public_id]) not in page
    police = client.get(reverse("cases:risk_assessment_add", args=[case, "polisen"]))
    assert police.status_code == 200


def test_the_safety_plan_through_its_pages(client, setting):
    factories.sign_in(client, setting["worker"])
    case = setting["case"].public_id
    child = setting["child"]
    add = reverse("cases:safety_plan_add_child", args=[case, child.public_id])
    token = client.get(add).context["form"]["submission"].value()

    client.post(
        add,
        {"threats": THREATS, "review_on": (TODAY + 14 * DAY).isoformat(), "submission": token},
    )
    plan = SafetyPlan.objects.get()
    measure_url = reverse("cases:safety_measure_add", args=[case, plan.public_id])
    token = client.get(measure_url).context["form"]["submission"].value()
    client.post(
        measure_url,
        {
            "kind": "child_pickup",
            "description": "Endast mormor får hämta på förskolan.",
            "responsible_unit": setting["rvt"].code,
            "due": (TODAY + 2 * DAY).isoformat(),
            "submission": token,
        },
    )
    measure = SafetyMeasure.objects.get()
    client.post(
        reverse("cases:safety_measure_done", args=[case, plan.public_id, measure.public_id]),
        {"done_on": TODAY.isoformat(), "version": "1"},
    )
    client.post(
        reverse("cases:safety_plan_review", args=[case, plan.public_id]),
        {
            "reviewed_on": TODAY.isoformat(),
            "note": "Planen fungerar.",
            "next_review_on": (TODAY + 30 * DAY).isoformat(),
            "version": "1",
        },
    )

    plan.refresh_from_db()
    measure.refresh_from_db()
    assert (plan.child, plan.threats, plan.review_on, plan.version) == (
        child,
        THREATS,
        TODAY + 30 * DAY,
        2,
    )
    assert (measure.kind, measure.responsible_unit, measure.due, measure.done_on) == (
        "child_pickup",
        setting["rvt"],
        TODAY + 2 * DAY,
        TODAY,
    )
    assert list(plan.reviews.values_list("reviewed_on", "note", "next_review_on")) == [
        (TODAY, "Planen fungerar.", TODAY + 30 * DAY)
    ]
    # Measures are shown to every unit taking part, the threats not.
    page = text(case_page(client, setting["ekb_worker"], setting["case"]))
    assert "Endast mormor får hämta på förskolan." in page
    assert "Who may pick up the child" in page
    assert THREATS not in page


def test_a_measure_needs_someone_responsible(setting):
    plan = safety.safety_plan_write(
        actor=setting["worker"], case=setting["case"], threats=THREATS, review_on=TODAY
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        safety.safety_measure_add(
            actor=setting["worker"], plan=plan, kind="alarm", description="Larmpaket."
        )

    assert refused.value.message_dict == {
        "responsible_unit": ["Say who is responsible: a unit, or someone else."]
    }
    assert SafetyMeasure.objects.count() == 0


def test_one_plan_per_person_and_per_child(setting):
    from django.core.exceptions import ValidationError

    safety.safety_plan_write(
        actor=setting["worker"], case=setting["case"], threats=THREATS, review_on=TODAY
    )
    with pytest.raises(ValidationError) as refused:
        safety.safety_plan_write(
            actor=setting["worker"], case=setting["case"], threats="Igen", review_on=TODAY
        )

    assert refused.value.messages == [
        "There is already a safety plan for this person or child: change that one."
    ]
    assert list(SafetyPlan.objects.values_list("threats", flat=True)) == [THREATS]


def test_changed_circumstances_through_the_page(client, setting):
    factories.sign_in(client, setting["worker"])
    url = reverse("cases:circumstance_change_add", args=[setting["case"].public_id])
    token = client.get(url).context["form"]["submission"].value()

    client.post(
        url, {"date": TODAY.isoformat(), "what": "Förövaren släpps i morgon.", "submission": token}
    )

    page = text(case_page(client, setting["worker"], setting["case"]))
    assert f"Changed circumstances on {TODAY.isoformat()}: to be assessed again." in page


def test_the_safety_plan_services_refuse_what_the_pages_do_not_offer(setting):
    from django.core.exceptions import ValidationError

    plan = safety.safety_plan_write(
        actor=setting["worker"], case=setting["case"], threats=THREATS, review_on=TODAY + DAY
    )
    measure = safety.safety_measure_add(
        actor=setting["ekb_worker"],
        plan=plan,
        kind="alarm",
        description="Larm.",
        responsible_unit=setting["ekb"],
    )
    safety.safety_measure_done(actor=setting["ekb_worker"], measure=measure, done_on=TODAY)
    refusals = []
    for write in (
        lambda: safety.safety_measure_done(
            actor=setting["worker"], measure=measure, done_on=TODAY - DAY
        ),
        lambda: safety.safety_plan_review(
            actor=setting["ekb_worker"],
            plan=plan,
            reviewed_on=TODAY,
            note="Anteckning",
            next_review_on=TODAY + 9 * DAY,
        ),
        lambda: safety.safety_plan_review(
            actor=setting["worker"],
            plan=plan,
            reviewed_on=TODAY - 9 * DAY,
            note="Anteckning",
            next_review_on=TODAY - DAY,
        ),
        lambda: safety.safety_plan_change(
            actor=setting["ekb_worker"], plan=plan, threats="Inga", review_on=TODAY
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            write()
        refusals.append(refused.value.messages)

    assert refusals == [
        ["The measure is already done."],
        [
            "Only the lead unit and the units the person's consent names for the description "
            "of violence record this."
        ],
        ["The review date cannot be in the past."],
        [
            "Only the lead unit and the units the person's consent names for the description "
            "of violence record this."
        ],
    ]
    measure.refresh_from_db()
    plan.refresh_from_db()
    assert (measure.done_on, plan.threats, plan.review_on, plan.reviews.count()) == (
        TODAY,
        THREATS,
        TODAY + DAY,
        0,
    )
