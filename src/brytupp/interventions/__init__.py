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
"""
