"""Housing: the road to permanent housing, SHIS referrals, the housing after a placement.

Domain rules:
- Permanent (stadigvarande) housing is a first-hand, second-hand, SHIS, lodger or
  priority-allocation contract of at least six months.
- SHIS Bostäder referrals are recorded on the case: Mellanbo, avtalat boende,
  genomgångsbostad.
"""
