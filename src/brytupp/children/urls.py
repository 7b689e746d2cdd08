"""The child's pages, in the ``cases`` namespace under /arenden/ (``cases/urls.py``)."""

from django.urls import path

from . import views

CHILD = "<uuid:case_id>/barn/<uuid:child_id>/"

urlpatterns = [
    path(CHILD, views.child_page, name="child"),
    path(CHILD + "skola/", views.child_school, name="child_school"),
    path(CHILD + "vardnadshavare/", views.child_guardian_add, name="child_guardian_add"),
    path(CHILD + "orosanmalan/", views.report_of_concern_add, name="report_of_concern_add"),
    path(
        CHILD + "orosanmalan/<uuid:report_id>/utfall/",
        views.report_of_concern_outcome,
        name="report_of_concern_outcome",
    ),
    path(
        "orosanmalningar/<uuid:part_id>/",
        views.report_of_concern_answer,
        name="report_of_concern_answer",
    ),
]
