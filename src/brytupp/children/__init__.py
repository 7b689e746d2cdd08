"""The child's own matters in a case (decision 0044): a child who witnesses violence is a
victim of crime in their own right, with a record, reports of concern and a page of their own.

Domain rules:
- Every child in a case (placed with its person, or registered as their child) has one
  ``ChildRecord`` in that case: school or preschool. The school's name is a location: for a
  protected child it is shown to the lead unit only.
- A report of concern (orosanmälan) made or received about a child is routed to the district's
  unit for children and young people (barn och unga) as an invitation to the child's matters
  (``ChildPart``), not to the parent's case. It needs no consent: the duty to report overrides
  secrecy. The unit accepts (or declines with a reason) and, once accepted, records the outcome.
- Who reads the child's matters is one rule, ``access.policies.child_matters_readable``.
- The child's page is built from ``overview.child_overview``, which other sections extend.
"""
