"""Audit: the append-only log of every access to personal data.

Domain rules:
- Every read and write of a person's data writes an entry: when, who (user, unit, role),
  which person and case, the kind of access, its ground and its outcome, and the request.
- An entry never holds the data itself: persons and cases are named by opaque identifiers.
- Entries are only ever added: a trigger refuses UPDATE, DELETE and TRUNCATE, and each entry
  is chained to the previous one by a SHA-256 hash (`chain.py`), checked by `brytupp audit verify`.
- The table is partitioned by Europe/Stockholm month (`partitions.py`); every partition carries
  the append-only trigger, and event triggers refuse DROP and DETACH of one.
- The latest hash is shipped out of the database (`anchors.py`, `brytupp audit anchor`), so a
  log rebuilt from scratch or cut short is found by `brytupp audit verify --anchors`.
- A refused request to a case or person URL is an entry too (`refused.py`): outcome and ground
  `refused`, the ids asked for, nothing else.
- Log review (`review.py`, with the reasons of reveals and emergency accesses in
  `reasons.py`) and the register extract (`extract.py`) read it. Their pages are here too
  (`views/`, `forms.py`, `urls.py`: namespace `log_review`, under /loggkontroll/).
"""
