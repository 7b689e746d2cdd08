"""The organisation: municipality, districts, units, external partners, staff and roles.

Domain rules:
- A district (stadsdelsförvaltning) is valid between two dates; a merged district keeps its
  record and points to the district that succeeded it, so history stays readable.
- A unit belongs to one district, or to none when it serves the whole city (Socialjouren,
  Enheten för hemlösa, the RVC). An RVC serves a set of districts, kept as editable data.
- A user works in one or more units, each membership with one role and a validity period.
  Only memberships valid today and approved give any access. A case role or the
  administrator's role is proposed by one person and approved by a second (four eyes,
  docs/decisions/0017); every membership change is in the access log.
- The organisation is data: ``brytupp migrate`` creates none of it; Stockholm's configuration
  is loaded by ``brytupp load_organisation`` or by the demo.
"""
