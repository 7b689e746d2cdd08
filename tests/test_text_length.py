"""Every text column has a length limit that fits its content (decision 0030), held by the
model (``full_clean``), the forms (a Swedish message naming the field and the limit) and the
database (``varchar(n)`` or a CHECK constraint), so a write that skips the forms is refused.

``LIMITS`` is the inventory: a new text field that is not in it fails the suite, so it gets a
limit, and a test of it, when it is added."""

from __future__ import annotations

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, connection, models, transaction
from django.utils import translation

from brytupp.access.forms import EmergencyReasonForm
from brytupp.assessments import forms as assessment_forms
from brytupp.audit.forms import ExtractRefusalForm, ReviewForm
from brytupp.cases import forms as case_forms
from brytupp.cases import journal_forms
from brytupp.cases.models import Case
from brytupp.children import forms as children_forms
from brytupp.housing.forms import HousingStepForm
from brytupp.interventions import child_track_forms
from brytupp.interventions import forms as intervention_forms
from brytupp.organisation.forms import RefusalForm
from brytupp.people.forms import ProtectionLowerForm, RevealForm
from brytupp.people.models import Person
from brytupp.plans.forms import PlanActionForm, PracticalTaskForm, SipForm
from brytupp.plans.models import Sip, sip_participants_valid
from brytupp.text_length import BoundedTextField
from tests import factories

LIMITS = {
    "organisation.Municipality.code": 50,
    "organisation.Municipality.name": 100,
    "organisation.District.code": 50,
    "organisation.District.name": 100,
    "organisation.Unit.code": 100,
    "organisation.Unit.name": 150,
    "organisation.Unit.kind": 30,
    "organisation.Partner.code": 100,
    "organisation.Partner.name": 150,
    "organisation.Partner.kind": 30,
    "organisation.User.password": 128,
    "organisation.User.username": 150,
    "organisation.User.first_name": 150,
    "organisation.User.last_name": 150,
    "organisation.User.email": 254,
    "organisation.User.identity_number_digest": 64,
    "organisation.Membership.role": 30,
    "organisation.Membership.status": 10,
    "organisation.Membership.refusal_reason": 2_000,
    "people.Person.external_id": 100,
    "people.Person.first_name": 100,
    "people.Person.last_name": 100,
    "people.Person.gender": 10,
    "people.Person.identity_kind": 20,
    "people.Person.identity_number_sealed": 100,
    "people.Person.address_sealed": 1_164,
    "people.Person.identity_number_digest": 64,
    "people.Person.name_sealed": 1_700,
    "people.Person.name_digest": 64,
    "people.Person.protected_identity": 30,
    "people.IdentityReveal.reason": 1_000,
    "people.ProtectionLowering.from_level": 30,
    "people.ProtectionLowering.to_level": 30,
    "people.ProtectionLowering.reason": 1_000,
    "cases.Case.external_id": 100,
    "cases.Case.source": 30,
    "cases.Case.closure_reason": 30,
    "cases.Case.account": 20_000,
    "cases.Case.acceptance": 10,
    "cases.CaseOpeningRequest.reason": 1_000,
    "cases.CaseOpeningRequest.outcome": 10,
    "cases.CaseOpeningRequest.refusal_reason": 1_000,
    "cases.CaseUnit.external_id": 100,
    "cases.CaseUnit.status": 10,
    "cases.CaseUnit.end_reason": 20,
    "contact.ContactRequest.language": 12,
    "contact.ContactRequest.about": 10,
    "contact.ContactRequest.call_name": 60,
    "contact.ContactRequest.phone": 20,
    "contact.ContactRequest.way": 10,
    "contact.ContactRequest.interpreter": 60,
    "contact.ContactRequest.note": 500,
    "contact.ContactRequest.outcome": 20,
    "contact.ContactAttempt.address_digest": 64,
    "localprocess.LocalOffer.item": 30,
    "localprocess.LocalOffer.phone": 40,
    "localprocess.LocalOffer.email": 150,
    "localprocess.LocalOffer.visiting_address": 200,
    "localprocess.LocalOffer.hours": 500,
    "localprocess.LocalOffer.safe_contact": 1_000,
    "localprocess.LocalOfferVersion.item": 30,
    "localprocess.LocalOfferVersion.phone": 40,
    "localprocess.LocalOfferVersion.email": 150,
    "localprocess.LocalOfferVersion.visiting_address": 200,
    "localprocess.LocalOfferVersion.hours": 500,
    "localprocess.LocalOfferVersion.safe_contact": 1_000,
    "cases.CaseTransfer.reason": 2_000,
    "cases.CaseTransfer.status": 10,
    "cases.CaseTransfer.decline_reason": 1_000,
    "cases.CaseUnit.decline_reason": 1_000,
    "cases.Consent.external_id": 100,
    "cases.Consent.form": 10,
    "cases.Consent.purpose": 1_000,
    "cases.Meeting.minutes": 10_000,
    "cases.NeedsAssessment.area": 30,
    "cases.NeedsAssessment.short_term": 4_000,
    "cases.NeedsAssessment.long_term": 4_000,
    "cases.CaseEvent.kind": 40,
    "cases.AccountVersion.text": 20_000,
    "cases.AccountVersion.reason": 2_000,
    "cases.CaseEvent.external_id": 255,
    "cases.CaseUnit.threat_decision_reason": 1_000,
    "cases.ThreatPerson.description": 200,
    "cases.ThreatPerson.relation": 20,
    "cases.ThreatPerson.end_reason": 1_000,
    "cases.JournalNote.kind": 20,
    "cases.JournalNoteVersion.text": 8_000,
    "cases.JournalNoteVersion.reason": 1_000,
    "cases.MunicipalityMove.municipality": 100,
    "cases.MunicipalityMove.consent_form": 10,
    "assessments.Screening.external_id": 100,
    "assessments.Screening.outcome": 10,
    "assessments.Screening.instrument_version": 20,
    "assessments.Screening.not_asked_reason": 20,
    "assessments.Screening.not_asked_note": 300,
    "assessments.RiskAssessment.external_id": 100,
    "assessments.RiskAssessment.instrument": 30,
    "assessments.RiskAssessment.instrument_version": 20,
    "assessments.RiskAssessment.level": 10,
    "assessments.RiskAssessment.instrument_result": 10,
    "assessments.RiskAssessment.judgement": 4_000,
    "assessments.RiskAssessment.reference": 50,
    "assessments.CircumstanceChange.what": 1_000,
    "assessments.SafetyPlan.threats": 2_000,
    "assessments.SafetyMeasure.kind": 20,
    "assessments.SafetyMeasure.description": 1_000,
    "assessments.SafetyMeasure.responsible_other": 200,
    "assessments.SafetyPlanReview.note": 2_000,
    "interventions.Decision.external_id": 100,
    "interventions.Decision.intervention": 30,
    "interventions.Decision.provider_name": 150,
    "interventions.Decision.child_support_form": 20,
    "interventions.Placement.external_id": 100,
    "interventions.Placement.provider": 150,
    "interventions.Placement.end_reason": 30,
    "interventions.Placement.next_housing_type": 30,
    "interventions.PlacementChild.schooling_kind": 10,
    "interventions.PlacementChild.end_reason": 30,
    "interventions.GuardianConsent.not_asked_reason": 20,
    "interventions.GuardianConsent.not_asked_text": 1_000,
    "interventions.FollowUp.external_id": 100,
    "interventions.FollowUp.note": 4_000,
    "interventions.LegalGround.code": 50,
    "interventions.LegalGround.law": 100,
    "interventions.LegalGround.provision": 50,
    "interventions.LegalGround.label": 150,
    "interventions.Delegation.role": 30,
    "interventions.Delegation.intervention": 30,
    "interventions.Application.kind": 20,
    "interventions.Application.asked": 2_000,
    "interventions.Application.intervention": 30,
    "interventions.ApplicationDecision.outcome": 20,
    "interventions.ApplicationDecision.reasons": 4_000,
    "interventions.ApplicationDecision.appeal_instructions": 2_000,
    "interventions.ApplicationDecision.status": 10,
    "interventions.ApplicationDecision.letter_delivery": 20,
    "interventions.DecisionAppeal.court": 150,
    "interventions.DecisionAppeal.outcome": 10,
    "interventions.DecisionAppeal.note": 2_000,
    "followup.StoredFigure.figure": 40,
    "govuk.FormSubmission.result_model": 100,
    "housing.ShisReferral.external_id": 100,
    "housing.ShisReferral.kind": 20,
    "housing.HousingStepTemplate.code": 50,
    "housing.HousingStepTemplate.label": 150,
    "housing.HousingStepTemplate.kind": 15,
    "housing.HousingPlanStep.responsible_partner": 150,
    "housing.HousingPlanStep.outcome": 10,
    "housing.HousingPlanStep.note": 1_000,
    "housing.HousingPlan.contract_housing_type": 30,
    "plans.PlanAction.description": 1_000,
    "plans.PlanAction.status": 15,
    "plans.Sip.external_id": 100,
    "plans.Sip.responsible": 150,
    "plans.PracticalTaskKind.code": 40,
    "plans.PracticalTaskKind.name": 100,
    "plans.PracticalTask.note": 1_000,
    "interchange.ImportRun.file_name": 255,
    "interchange.ImportRun.sha256": 64,
    "children.ChildRecord.school_kind": 20,
    "children.ChildRecord.school_name": 200,
    "children.ReportOfConcern.direction": 10,
    "children.ReportOfConcern.reporter_kind": 20,
    "children.ReportOfConcern.reporter": 200,
    "children.ReportOfConcern.concern": 4_000,
    "children.ReportOfConcern.outcome": 20,
    "children.ChildPart.status": 10,
    "children.ChildPart.decline_reason": 1_000,
    "audit.AccessLogEntry.unit_code": 100,
    "audit.AccessLogEntry.role": 30,
    "audit.AccessLogEntry.kind": 20,
    "audit.AccessLogEntry.ground": 20,
    "audit.AccessLogEntry.outcome": 10,
    "audit.AccessLogEntry.request_id": 36,
    "audit.AccessLogEntry.membership_change": 40,
    "audit.AccessLogEntry.previous_hash": 64,
    "audit.AccessLogEntry.entry_hash": 64,
    "audit.LogReview.comment": 2_000,
    "audit.ExtractRequest.status": 10,
    "audit.ExtractRequest.refusal_reason": 2_000,
    "access.EmergencyAccess.reason": 1_000,
    "signin.SignInAttempt.username_digest": 64,
    "signin.SignInAttempt.address_digest": 64,
    "signin.TOTPSecret.sealed": 204,
    "signin.RecoveryCode.digest": 64,
}


def text_fields():
    for model in apps.get_models():
        if model.__module__.startswith("brytupp.") and not model._meta.proxy:
            for field in model._meta.concrete_fields:
                if isinstance(field, (models.CharField, models.TextField)):
                    yield f"{model._meta.label}.{field.name}", field


def field_of(label: str):
    app_model, name = label.rsplit(".", 1)
    return apps.get_model(app_model)._meta.get_field(name)


def test_the_inventory_names_every_text_field_of_the_project():
    assert sorted(label for label, _ in text_fields()) == sorted(LIMITS)


@pytest.mark.parametrize(("label", "limit"), LIMITS.items(), ids=LIMITS.keys())
def test_a_value_of_the_limit_passes_and_one_more_character_is_refused(label, limit):
    field = field_of(label)
    assert field.max_length == limit
    if isinstance(field, models.TextField):
        assert isinstance(field, BoundedTextField)

    (validator,) = [v for v in field.validators if isinstance(v, MaxLengthValidator)]
    validator("x" * limit)
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        validator("x" * (limit + 1))

    assert refused.value.messages == [
        f"Säkerställ att detta värde har som mest {limit} tecken (den har {limit + 1})."
    ]


def _constraints_by_column(table: str) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'c'",
            [table],
        )
        return [row[0] for row in cursor.fetchall()]


def _varchar_length(table: str, column: str) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT character_maximum_length FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = %s",
            [table, column],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "limit"), LIMITS.items(), ids=LIMITS.keys())
def test_the_database_holds_the_limit(label, limit):
    field = field_of(label)
    table = field.model._meta.db_table

    if isinstance(field, models.TextField):
        assert f"CHECK ((length({field.column}) <= {limit}))" in _constraints_by_column(table)
    else:
        assert _varchar_length(table, field.column) == limit


# --- writes that skip the forms ----------------------------------------------------------------


@pytest.mark.django_db
def test_an_update_past_the_forms_cannot_make_the_account_too_long():
    unit = factories.UnitFactory()
    case = factories.case(unit=unit)
    Case.objects.filter(pk=case.pk).update(account="x" * 20_000)

    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(account="x" * 20_001)

    case.refresh_from_db()
    assert len(case.account) == 20_000


@pytest.mark.django_db
def test_an_update_past_the_services_cannot_make_a_sealed_value_too_long():
    person = factories.person()

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(address_sealed="x" * 1165)

    person.refresh_from_db()
    assert person.address_sealed == ""


@pytest.mark.django_db
def test_the_database_bounds_a_sips_participants():
    case = factories.case(unit=factories.UnitFactory())
    sip = Sip.objects.create(case=case, date=case.opened, participants=["a" * 150] * 30)

    with pytest.raises(IntegrityError), transaction.atomic():
        Sip.objects.filter(pk=sip.pk).update(participants=["a" * 1_000_000])

    sip.refresh_from_db()
    assert sip.participants == ["a" * 150] * 30


@pytest.mark.parametrize(
    ("participants", "message"),
    [
        (["a" * 150] * 31, "En SIP kan ha högst 30 deltagare."),
        (["a" * 151], "En deltagare får vara högst 150 tecken."),
        ([1], "Skriv deltagarna som text."),
    ],
)
def test_a_sips_participants_are_checked_by_the_model(participants, message):
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        sip_participants_valid(participants)

    assert refused.value.messages == [message]


# --- the forms ---------------------------------------------------------------------------------

# (form, field, the model field whose limit it takes)
FORM_FIELDS = [
    (EmergencyReasonForm, "reason", "access.EmergencyAccess.reason"),
    (ReviewForm, "comment", "audit.LogReview.comment"),
    (ExtractRefusalForm, "reason", "audit.ExtractRequest.refusal_reason"),
    (case_forms.PersonSearchForm, "first_name", "people.Person.first_name"),
    (case_forms.PersonSearchForm, "last_name", "people.Person.last_name"),
    (case_forms.PersonRegisterForm, "first_name", "people.Person.first_name"),
    (case_forms.PersonRegisterForm, "last_name", "people.Person.last_name"),
    (case_forms.CaseOpenForm, "reason", "cases.CaseOpeningRequest.reason"),
    (case_forms.RefuseForm, "refusal_reason", "cases.CaseOpeningRequest.refusal_reason"),
    (case_forms.AccountForm, "account", "cases.Case.account"),
    (case_forms.AccountForm, "reason", "cases.AccountVersion.reason"),
    (case_forms.ConsentRecordForm, "purpose", "cases.Consent.purpose"),
    (case_forms.InvitationDeclineForm, "decline_reason", "cases.CaseUnit.decline_reason"),
    (case_forms.CaseCloseForm, "municipality", "cases.MunicipalityMove.municipality"),
    (case_forms.MeetingForm, "minutes", "cases.Meeting.minutes"),
    (case_forms.NeedsAssessmentForm, "short_term", "cases.NeedsAssessment.short_term"),
    (case_forms.NeedsAssessmentForm, "long_term", "cases.NeedsAssessment.long_term"),
    (journal_forms.JournalNoteForm, "text", "cases.JournalNoteVersion.text"),
    (journal_forms.JournalCorrectionForm, "text", "cases.JournalNoteVersion.text"),
    (journal_forms.JournalCorrectionForm, "reason", "cases.JournalNoteVersion.reason"),
    (intervention_forms.DecisionForm, "provider_name", "interventions.Decision.provider_name"),
    (intervention_forms.PlacementForm, "provider", "interventions.Placement.provider"),
    (intervention_forms.PlacementForm, "new_child_first_name", "people.Person.first_name"),
    (intervention_forms.PlacementForm, "new_child_last_name", "people.Person.last_name"),
    (intervention_forms.PlacementChildForm, "new_child_first_name", "people.Person.first_name"),
    (intervention_forms.PlacementChildForm, "new_child_last_name", "people.Person.last_name"),
    (intervention_forms.FollowUpForm, "note", "interventions.FollowUp.note"),
    (RefusalForm, "reason", "organisation.Membership.refusal_reason"),
    (RevealForm, "reason", "people.IdentityReveal.reason"),
    (ProtectionLowerForm, "reason", "people.ProtectionLowering.reason"),
    (PlanActionForm, "description", "plans.PlanAction.description"),
    (SipForm, "responsible", "plans.Sip.responsible"),
    (HousingStepForm, "responsible_partner", "housing.HousingPlanStep.responsible_partner"),
    (HousingStepForm, "note", "housing.HousingPlanStep.note"),
    (PracticalTaskForm, "note", "plans.PracticalTask.note"),
    (assessment_forms.PoliceAssessmentForm, "reference", "assessments.RiskAssessment.reference"),
    (assessment_forms.CircumstanceChangeForm, "what", "assessments.CircumstanceChange.what"),
    (assessment_forms.SafetyPlanForm, "threats", "assessments.SafetyPlan.threats"),
    (assessment_forms.SafetyPlanChangeForm, "threats", "assessments.SafetyPlan.threats"),
    (
        assessment_forms.SafetyMeasureForm,
        "description",
        "assessments.SafetyMeasure.description",
    ),
    (
        assessment_forms.SafetyMeasureForm,
        "responsible_other",
        "assessments.SafetyMeasure.responsible_other",
    ),
    (assessment_forms.SafetyPlanReviewForm, "note", "assessments.SafetyPlanReview.note"),
    (children_forms.ChildSchoolForm, "school_name", "children.ChildRecord.school_name"),
    (children_forms.ReportOfConcernForm, "reporter", "children.ReportOfConcern.reporter"),
    (children_forms.ReportOfConcernForm, "concern", "children.ReportOfConcern.concern"),
    (children_forms.ReportAnswerForm, "reason", "children.ChildPart.decline_reason"),
    (journal_forms.ChildVoiceForm, "text", "cases.JournalNoteVersion.text"),
    (
        child_track_forms.GuardianConsentForm,
        "not_asked_text",
        "interventions.GuardianConsent.not_asked_text",
    ),
    (
        child_track_forms.ChildSupportStartForm,
        "provider_name",
        "interventions.Decision.provider_name",
    ),
]


@pytest.mark.parametrize(
    ("form", "name", "model_field"),
    FORM_FIELDS,
    ids=[f"{form.__name__}.{name}" for form, name, _ in FORM_FIELDS],
)
def test_a_form_takes_the_models_limit_and_names_it(form, name, model_field):
    limit = LIMITS[model_field]
    field = form.base_fields[name]
    assert field.max_length == limit

    assert field.clean("x" * limit) == "x" * limit
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        field.clean("x" * (limit + 1))

    assert refused.value.messages == [
        f"”{field.label}” får vara högst {limit} tecken (nu är det {limit + 1})."
    ]


def _form_classes():
    for app in apps.get_app_configs():
        if app.name.startswith("brytupp."):
            try:
                module = __import__(f"{app.name}.forms", fromlist=["*"])
            except ModuleNotFoundError:
                continue
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, forms.BaseForm):
                    yield value


def test_every_textarea_of_every_form_has_a_limit():
    unbounded = sorted(
        f"{form.__name__}.{name}"
        for form in _form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field.widget, forms.Textarea) and not getattr(field, "max_length", None)
    )

    assert unbounded == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\n".join(["a"] * 31), "En SIP kan ha högst 30 deltagare."),
        ("a" * 151, "En deltagare får vara högst 150 tecken."),
    ],
)
def test_the_sip_form_checks_each_participant(text, message):
    field = SipForm.base_fields["participants"]
    form = SipForm(data={"participants": text})
    form.cleaned_data = {"participants": field.clean(text)}

    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        form.clean_participants()

    assert refused.value.messages == [message]
