"""The effect-goal figures of closed periods, stored (decision 0031).

A row holds one figure of one period, for the city and every district that had records, as
the exact counts ``figures.py`` computes: never a suppressed value, never anything of a
person. ``depends_from``–``depends_to`` are the days whose records can change the figure;
database triggers on every table that feeds a figure delete the rows whose days a write
touches (migration 0001), so a stored row is always the figure of the data as they are.
"""

from __future__ import annotations

from django.db import models


class StoredFigure(models.Model):
    date_from = models.DateField()
    date_to = models.DateField()
    figure = models.CharField(max_length=40)  # a name in ``report.FIGURES``
    depends_from = models.DateField()
    depends_to = models.DateField()
    # {"city": [counts], "<district id>": [counts]}; null while it is being computed.
    values = models.JSONField(null=True)
    started_at = models.DateTimeField()
    computed_at = models.DateTimeField(null=True)

    class Meta:
        # No unique constraint: two readers computing the same figure each insert a row (an
        # insert never waits), and the one that finishes last keeps its own (``stored.py``).
        indexes = [
            models.Index(fields=["date_from", "date_to", "figure"], name="followup_stored_figure")
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.date_from}–{self.date_to}"
