"""The local process: who in each district offers each item of the palette, and how a person
reaches them (issue 18, decision 0051).

The programme promises the same support in every district; each district writes down how it
gives it. For every item of the palette (``interventions.models.PALETTE``) a district names
the unit of its own or the city-wide unit or partner that offers it, its contact details and
hours, how to reach it safely, and the wait. The district's process owner keeps it; every
change is kept as a version with who changed it and when, never overwritten. The public pages
are rendered from it, so that what the city tells a person stays what the district does.

An app of its own, not a part of ``organisation``: it names the palette of ``interventions``,
which itself depends on ``organisation``.
"""
