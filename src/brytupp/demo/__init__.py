"""The demo: synthetic data for Stockholm and the ``brytupp demo`` command that serves it.

Domain rules:
- Every person, name and case in the demo is made up; names are visibly fictitious.
- The demo writes only through the services real use goes through, so its data obey the
  same rules as real data.
"""
