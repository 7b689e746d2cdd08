"""Assessments: screening for violence in every unit (FREDA-kortfrågor).

Domain rules:
- Every unit asks about violence as routine and records each opportunity: whether it asked,
  and the outcome when it did (positive, negative, declined). The person is optional: a
  screening counts for the routine whether or not a case follows.
- A positive screening leads on to opening a case or referring the person to the RVT.
- A risk assessment belongs to a case: the instrument used (FREDA, PATRIARK) and, when the
  instrument gives one, the level (low, medium, high).
"""
