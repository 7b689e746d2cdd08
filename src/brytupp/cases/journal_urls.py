"""The journal's pages, in the ``cases`` namespace (``cases/urls.py``)."""

from django.urls import path

from . import journal_views

CASE = "<uuid:case_id>/"

urlpatterns = [
    path(CASE + "journal/", journal_views.journal_page, name="journal"),
    path(CASE + "journal/ny/", journal_views.journal_note_add, name="journal_note_add"),
    path(
        CASE + "journal/<uuid:note_id>/ratta/",
        journal_views.journal_note_correct,
        name="journal_note_correct",
    ),
]
