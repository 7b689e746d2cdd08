"""Follow-up: the effect goals of Bryt upp for the city and each district.

Domain rules (``../shared/spec/effect-goals.md`` is the contract; ``docs/effect-goals.md``
maps it onto our tables):
- Every figure is computed for a period ``[from, to]``, both days included, by aggregate
  queries in the database (``figures.py``), never by loading cases into Python.
- A district's figure counts the records that belong to it: a unit by its district, anything
  of a case by the case's district. The city counts everything, city-wide units included.
- ``share`` is ``None`` when the denominator is 0, ``met`` is ``None`` when its figure is.
- Published tables hide small numbers: each count from 1 to 4 becomes ``"<5"`` and every
  share or change computed from it ``None`` (``suppression.py``).
- Its pages (``views.py``, ``forms.py``, ``urls.py`` in the ``web`` namespace) show the
  effect goals and equality between districts as a page, an XLSX workbook and a PDF.
"""
