"""Housing: the road to permanent housing, SHIS referrals, the housing after a placement.

Domain rules:
- Permanent (stadigvarande) housing is a first-hand, second-hand, SHIS, lodger or
  priority-allocation contract of at least six months.
- SHIS Bostäder referrals are recorded on the case: Mellanbo, avtalat boende,
  genomgångsbostad.
- Each placement has one housing plan: a checklist made from the city's steps as the district
  adjusted them (kept as data, ``HousingStepTemplate``), each step with a responsible unit or
  partner, a due date and done or not; an application step also its outcome (decision 0046).
"""
