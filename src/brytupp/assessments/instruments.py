"""What each risk instrument records, by version (docs/risk-and-safety.md).

The FREDA instruments are Socialstyrelsen's (Manual för FREDA, 2014). Their item texts are
not reproduced here: the case worker asks from the official form, and the page records the
answer to each item by its number (FREDA-kortfrågor, FREDA-farlighetsbedömning), or, for
FREDA-beskrivning, what the description gives for each form of violence. PATRIARK, SARA:SV
and B-SAFER are licensed to trained users: for them only the result, the judgement and the
level are recorded, never their items.

A version is never changed once answers have been recorded under it: a new form is a new
version, and each assessment keeps the version its answers follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import RiskInstrument

# FREDA-kortfrågor: the answer to each question.
SHORT_ANSWERS = (
    ("yes", _("Yes")),
    ("no", _("No")),
    ("declined", _("Did not want to answer")),
)
# FREDA-farlighetsbedömning: the answer to each item.
ITEM_ANSWERS = (
    ("yes", _("Yes")),
    ("no", _("No")),
    ("unknown", _("Don't know")),
)


@dataclass(frozen=True)
class Instrument:
    code: str
    version: str
    # How many numbered items the form has (0: none recorded here).
    items: int = 0
    # Licensed: the result, judgement and level only.
    licensed: bool = False

    def item_codes(self) -> list[str]:
        return [f"q{number}" for number in range(1, self.items + 1)]


KORTFRAGOR = Instrument(RiskInstrument.FREDA_KORTFRAGOR, "2014", items=6)
FARLIGHET = Instrument(RiskInstrument.FREDA_FARLIGHET, "2014", items=20)
BESKRIVNING = Instrument(RiskInstrument.FREDA_BESKRIVNING, "2014")
PATRIARK = Instrument(RiskInstrument.PATRIARK, "2", licensed=True)

# The instrument and version a new assessment of each code is recorded with.
CURRENT = {
    instrument.code: instrument for instrument in (KORTFRAGOR, FARLIGHET, BESKRIVNING, PATRIARK)
}


# FREDA-beskrivning: the forms of violence it describes, and for each how often, when last and
# whether children were present.
VIOLENCE_FORMS = (
    ("physical", _("Physical violence")),
    ("psychological", _("Psychological violence and threats")),
    ("sexual", _("Sexual violence")),
    ("economic", _("Economic violence")),
    ("material", _("Material violence")),
    ("control", _("Control and restrictions")),
    ("neglect", _("Neglect")),
)
FREQUENCIES = (
    ("never", _("Never")),
    ("once", _("Once")),
    ("sometimes", _("A few times")),
    ("monthly", _("About every month")),
    ("weekly", _("About every week")),
    ("daily", _("Daily or almost")),
)
LAST_TIMES = (
    ("week", _("In the last week")),
    ("month", _("In the last month")),
    ("half_year", _("In the last six months")),
    ("year", _("In the last year")),
    ("earlier", _("Longer ago")),
)
CHILDREN_PRESENT = (
    ("yes", _("Yes")),
    ("no", _("No")),
    ("unknown", _("Don't know")),
    ("no_children", _("No children")),
)


def label(choices, code: str) -> str:
    return str(dict(choices).get(code, ""))
