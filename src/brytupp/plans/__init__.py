"""Plans: the joint plan of a case, practical-support tasks, and SIPs with the region.

Domain rules:
- The units of a case plan together: each action has a responsible unit, a due date and a
  status, and a due action appears in that unit's to-do list.
- A SIP (samordnad individuell plan) is held with the region when health care is involved:
  its date, participants, who holds overall responsibility and the next follow-up.
- A practical-support task (ID card, BankID, …: kinds kept as data) is for a unit taking part
  or a named case worker of it, by a due date, until done; it is in the unit's to-do list
  and does not hold the case open (decision 0047).
"""
