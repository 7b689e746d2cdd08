"""The move to another municipality's pages, in the ``cases`` namespace (``cases/urls.py``,
decision 0050)."""

from django.urls import path

from . import move_views

urlpatterns = [
    path("<uuid:case_id>/flytt/", move_views.municipality_move, name="municipality_move"),
    path(
        "<uuid:case_id>/flytt/sammanfattning.pdf",
        move_views.move_summary_pdf,
        name="move_summary_pdf",
    ),
]
