"""The consent's scope for the description of violence (decision 0039): a subset of the
consent's units, carried when a consent is withdrawn for one unit, in the interchange format,
and ``policies.violence_description_shown``."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from brytupp.access import policies
from brytupp.cases.models import CaseUnit, CaseUnitStatus, Consent
from brytupp.cases.services import (
    DESCRIPTION_OUTSIDE_SCOPE,
    case_unit_invite,
    consent_record,
    consent_withdraw,
)
from brytupp.interchange.services import interchange_import_text
from tests import factories
from tests.interchange.records import BASE, changed
from tests.interchange.records import text as lines

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db


def _codes(units) -> list[str]:
    return sorted(unit.code for unit in units.all())


def _record(world, units, described, **fields):
    return consent_record(
        actor=world["rvt_worker"],
        case=world["case"],
        given=fields.pop("given", TODAY - DAY),
        form="written",
        purpose="FREDA-beskrivningen",
        units=units,
        violence_description_units=described,
        **fields,
    )


def test_the_consent_names_the_units_that_may_read_the_description(world):
    consent = _record(world, [world["children"], world["ekb"]], [world["children"]])

    assert _codes(consent.violence_description_units) == [world["children"].code]


def test_a_unit_outside_the_consent_cannot_read_the_description(world):
    before = Consent.objects.count()

    with pytest.raises(ValidationError) as refused:
        _record(world, [world["children"]], [world["addiction"]])

    assert refused.value.message_dict == {"violence_description_units": [DESCRIPTION_OUTSIDE_SCOPE]}
    assert Consent.objects.count() == before


def test_withdrawing_for_one_unit_carries_the_description_scope_of_the_rest(world):
    consent = _record(
        world,
        [world["children"], world["ekb"], world["addiction"]],
        [world["children"], world["ekb"]],
    )

    consent_withdraw(actor=world["rvt_worker"], consent=consent, withdrawn=TODAY, unit=world["ekb"])

    continued = Consent.objects.get(continues=consent)
    assert _codes(continued.units) == sorted([world["children"].code, world["addiction"].code])
    assert _codes(continued.violence_description_units) == [world["children"].code]


# --- policies.violence_description_shown ------------------------------------------------------


def _part(world, unit):
    return CaseUnit.objects.get(case=world["case"], unit=unit)


def _in_force(world):
    return list(Consent.objects.in_force(TODAY).filter(case=world["case"]))


def test_the_lead_units_active_part_reads_the_description(world):
    lead = _part(world, world["rvt"])

    assert policies.violence_description_shown(world["case"], lead, []) is True


def test_another_units_part_reads_it_only_while_a_consent_in_force_names_it(world):
    children = _part(world, world["children"])
    assert policies.violence_description_shown(world["case"], children, _in_force(world)) is False

    _record(world, [world["children"]], [world["children"]])

    assert policies.violence_description_shown(world["case"], children, _in_force(world)) is True
    assert policies.violence_description_shown(world["case"], children, []) is False


def test_a_consent_no_longer_in_force_names_no_unit_for_it(world):
    consent = _record(world, [world["children"]], [world["children"]], given=TODAY - 5 * DAY)
    consent_withdraw(actor=world["rvt_worker"], consent=consent, withdrawn=TODAY)

    shown = policies.violence_description_shown(
        world["case"], _part(world, world["children"]), _in_force(world)
    )

    assert shown is False


def test_no_part_an_invited_part_or_a_part_of_another_case_reads_nothing(world):
    _record(world, [world["ekb"]], [world["ekb"]])
    manager = factories.staff("enhetschef", world["rvt"])
    invited = case_unit_invite(
        actor=manager,
        case=world["case"],
        unit=world["ekb"],
        invited=TODAY,
        threat_decision=True,
        threat_decision_reason="Behövs",
    )
    other_case_lead = CaseUnit.objects.get(case=world["threat_case"], unit=world["ekb"])
    in_force = _in_force(world)

    assert invited.status == CaseUnitStatus.INVITED
    assert policies.violence_description_shown(world["case"], invited, in_force) is False
    assert policies.violence_description_shown(world["case"], None, in_force) is False
    assert policies.violence_description_shown(world["case"], other_case_lead, in_force) is False


# --- the interchange format ------------------------------------------------------------------

CONSENT_LINE = 8


def test_a_v1_file_without_the_description_scope_is_valid():
    result = interchange_import_text(lines(BASE))

    assert result.problems == []
    consent = Consent.objects.get(external_id="co1")
    assert _codes(consent.violence_description_units) == []


def test_the_description_scope_is_imported_and_replaced_on_update():
    interchange_import_text(lines(changed(CONSENT_LINE, violence_description_scope=["d1-ekb"])))
    consent = Consent.objects.get(external_id="co1")
    assert _codes(consent.violence_description_units) == ["d1-ekb"]

    result = interchange_import_text(lines(changed(CONSENT_LINE, violence_description_scope=[])))

    assert result.problems == []
    assert _codes(consent.violence_description_units) == []


def test_a_description_scope_outside_the_scope_is_rejected():
    records = changed(CONSENT_LINE, violence_description_scope=["d1-ekb", "d1-rvt"])

    result = interchange_import_text(lines(records))

    assert result.problem_lines() == ["LINE 8: violence_description_scope[1]: not in scope"]
    assert Consent.objects.count() == 0


def test_the_export_writes_the_description_scope_only_when_the_consent_names_units(world, capsys):
    _record(world, [world["children"], world["ekb"]], [world["ekb"]])

    call_command("export", "-")

    consents = [
        record
        for record in map(json.loads, capsys.readouterr().out.splitlines())
        if record["type"] == "consent"
    ]
    assert [record.get("violence_description_scope") for record in consents] == [
        None,
        [world["ekb"].code],
    ]
