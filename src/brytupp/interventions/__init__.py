"""Interventions: decisions from the Bryt upp palette, protected-housing placements,
children placed with the parent, and follow-ups.

Domain rules:
- A decision names the intervention, the unit that decided it, the date and the period.
  A protected-housing decision of 14 days or less is a known problem (the city audit): it is
  shown with a warning.
- A placement has a start and, when it ends, an end reason and the housing the person moves
  to. Each child placed with the parent is a person of their own, with the day their
  schooling (school or Lärteamet) started. A follow-up is due within 7 days of the start, and
  each child's schooling within 7 days.
- A follow-up records whether the goal was achieved and whether the person experiences an
  improved situation.
- An application (ansökan) or a matter the unit initiates (aktualisering) is decided with an
  outcome (bifall, delvis bifall, avslag), a legal ground valid on the decision's day, the
  reasons (required for avslag and delvis bifall), the decision maker and the line of the
  unit's delegationsordning that let them decide; a bifall or delvis bifall grants a
  ``Decision``. Legal grounds and delegations are data; a decision is never edited: a
  re-examination or a court's change replaces it and both are kept (decision 0041,
  ``decisions.py``).
"""
