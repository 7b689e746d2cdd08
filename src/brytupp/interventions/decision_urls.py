"""The pages of applications and decisions, in the ``cases`` namespace (``cases/urls.py``)."""

from django.urls import path

from . import decision_views as views

CASE = "<uuid:case_id>/"
DECISION = CASE + "beslut/<uuid:decision_id>/"

urlpatterns = [
    path(CASE + "ansokningar/ny/", views.application_add, name="application_add"),
    path(
        CASE + "ansokningar/<uuid:application_id>/besluta/",
        views.application_decide,
        name="application_decide",
    ),
    path(DECISION + "meddelat/", views.decision_communicated, name="decision_communicated"),
    path(DECISION + "omprova/", views.decision_reexamine, name="decision_reexamine"),
    path(DECISION + "overklagande/", views.decision_appeal_add, name="decision_appeal_add"),
    path(
        CASE + "overklaganden/<uuid:appeal_id>/utfall/",
        views.appeal_outcome,
        name="appeal_outcome",
    ),
    path(
        CASE + "overklaganden/<uuid:appeal_id>/andrat/",
        views.appeal_changed,
        name="appeal_changed",
    ),
]
