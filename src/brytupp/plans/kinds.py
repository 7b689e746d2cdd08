"""The city's kinds of practical support (decision 0047), kept as data: seeded by migration
``plans.0005`` and again by the demo after ``--reset`` empties the database."""

from __future__ import annotations

# (code, the city's Swedish name), in the order the form offers them.
KINDS = (
    ("id_card", "Id-kort"),
    ("bankid", "BankID"),
    ("protected_personal_data", "Ansökan om skyddade personuppgifter hos Skatteverket"),
    ("address_change", "Adressändring"),
    ("school_or_preschool", "Skola eller förskola"),
    ("childcare", "Barnomsorg"),
    ("economic_support", "Ekonomiskt bistånd utan avbrott"),
    ("moving_goods", "Flytt av bohag"),
)


def practical_task_kinds_ensure(model=None) -> None:
    """Every kind of ``KINDS`` exists; a kind the city renamed keeps its name. ``model`` is
    the historical model in a migration."""
    if model is None:
        from .models import PracticalTaskKind

        model = PracticalTaskKind
    for order, (code, name) in enumerate(KINDS, start=1):
        model.objects.get_or_create(code=code, defaults={"name": name, "order": order})
