"""Plans: the joint plan of a case, and SIPs with the region.

Domain rules:
- The units of a case plan together: each action has a responsible unit, a due date and a
  status, and a due action appears in that unit's to-do list.
- A SIP (samordnad individuell plan) is held with the region when health care is involved:
  its date, participants, who holds overall responsibility and the next follow-up.
"""
