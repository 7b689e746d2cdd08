"""Cases: one case per person and episode, handled jointly by the units that take part.

Domain rules (this foundation; joint handling, consent and the journal come with the case
journey):
- A case belongs to the person's district and has a lead unit, which takes part from the day
  the case opens.
- A unit sees a case only through its part in it (``CaseUnit``), while that part lasts.
- A closed case has a closure reason; a later contact opens a new case, linked to the earlier.
"""
