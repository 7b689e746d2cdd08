"""Cases: one case per person and episode, handled jointly by the units that take part.

Domain rules:
- A case belongs to the person's district and has a lead unit, which takes part from the day
  the case opens. One open accepted case per person and district (a database constraint).
- Opening a case for a person with an open case anywhere, or for a protected person, makes
  a pending case that the unit holding the person accepts or refuses (``opening``, decision
  0016); a pending case grants nothing.
- A unit sees a case only through its part in it (``CaseUnit``), while that part lasts, and
  another unit's part only under a consent in force that covers it (decision 0007);
  ``Consent.objects.in_force(day)`` is the one definition of "in force".
- Joint handling (``joint``): meetings with the units and partners a consent covers on the
  meeting day, and each unit's needs assessment.
- The journal (``journal``, decision 0040): each unit's notes, signed when saved; a correction
  is a new version with its reason, by the note's own unit, and the database refuses to change
  or delete a version. Another unit reads a unit's notes only while the consent covers both.
- Every write records its event on the case's timeline (``events``).
- A closed case has a closure reason; a later contact opens a new case, linked to the earlier.
- The case's pages are in ``views/`` (the kit every page of work follows is ``views/kit.py``);
  ``urls.py`` assembles the ``cases`` namespace from every app's case pages.
"""
