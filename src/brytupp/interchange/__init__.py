"""Interchange: case data in bulk, in the JSON Lines format of ``interchange-format.md``.

Domain rules:
- An import is all or nothing: one transaction; any invalid line and nothing is kept, every
  problem reported as ``LINE N: field: what is wrong``.
- Records are matched by the producer's id (districts and units by code): importing an id
  that exists updates it, so importing the same file twice changes nothing.
- Imported records are real records: the case timeline gets the events the services write
  for the same facts, dated by the record's dates.
- Each import (not a dry run) is one access-log entry of the kind ``import``; its file name,
  digest and counts are kept in an ``ImportRun``, never the file's contents.
"""
