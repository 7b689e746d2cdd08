"""The decision letter's pages, in the ``cases`` namespace (``cases/urls.py``)."""

from django.urls import path

from . import letter_views

DECISION = "<uuid:case_id>/beslut/<uuid:decision_id>/"

urlpatterns = [
    path(
        DECISION + "beslutsmeddelande.pdf",
        letter_views.decision_letter,
        name="decision_letter",
    ),
    path(
        DECISION + "leverans/",
        letter_views.decision_letter_delivery,
        name="decision_letter_delivery",
    ),
]
