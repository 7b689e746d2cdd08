"""Small numbers in published tables (``effect-goals.md``, "Small numbers").

Each count from 1 to 4 is shown as ``"<5"``; every share or change computed from such a
count becomes ``None``, and so does the ``met`` that rests on it. Zero stays zero, a target
stays as it is. The selectors apply this per role (everyone but the analyst,
``policies.followup_small_numbers_shown``), so a template prints what it is given; the
command applies it with ``--suppress``.
"""

from __future__ import annotations

import copy

SUPPRESSED = "<5"
# What each derived value is computed from.
DERIVED = {
    "share": ("numerator", "denominator"),
    "change": ("current", "previous"),
    # the equality page's figures (``equality.py``)
    "per_100_cases": ("decisions", "cases"),
    "short_share": ("short", "decisions"),
    "median_days": ("decisions", "placements", "contracts"),
}
COUNTS = frozenset(
    {
        "numerator",
        "denominator",
        "current",
        "previous",
        "total",
        "female",
        "male",
        "other",
        "unknown",
        "decisions",
        "cases",
        "short",
        # stays in protected housing (decision 0047)
        "placements",
        "over_limit",
        # contracts for a permanent home (decision 0048)
        "contracts",
        # SHIS referrals per kind
        "mellanbo",
        "avtalat_boende",
        "genomgangsbostad",
    }
)


def is_small(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4


def count_suppress(value):
    """One count as published: 1 to 4 become ``"<5"``, anything else stays as it is."""
    return SUPPRESSED if is_small(value) else value


def figure_suppress(figure: dict) -> dict:
    """A copy of one figure (``{"numerator": …, "share": …}``) with small numbers hidden."""
    hidden = {key for key, value in figure.items() if key in COUNTS and is_small(value)}
    result = {}
    for key, value in figure.items():
        if key in hidden:
            result[key] = SUPPRESSED
        elif key in DERIVED and hidden.intersection(DERIVED[key]):
            result[key] = None
        else:
            result[key] = value
    derived_hidden = any(key in figure and result[key] is None for key in DERIVED)
    if "met" in result and derived_hidden:
        result["met"] = None
    return result


def scope_suppress(scope: dict) -> dict:
    """Every figure of a scope; a figure made of figures (interventions) figure by figure."""
    return {
        name: (
            scope_suppress(figure)
            if all(isinstance(value, dict) for value in figure.values())
            else figure_suppress(figure)
        )
        for name, figure in scope.items()
    }


def report_suppress(report: dict) -> dict:
    """A copy of a whole report with small numbers hidden in the city and every district."""
    result = copy.deepcopy(report)
    result["city"] = scope_suppress(report["city"])
    result["districts"] = {code: scope_suppress(s) for code, s in report["districts"].items()}
    return result
