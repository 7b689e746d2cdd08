"""The pages of Socialjouren's after-hours decision, in the ``cases`` namespace
(``cases/urls.py``)."""

from django.urls import path

from . import after_hours_views as views

CASE = "<uuid:case_id>/"

urlpatterns = [
    path(CASE + "jourbeslut/ny/", views.after_hours_decide, name="after_hours_decide"),
    path(
        CASE + "jourbeslut/<uuid:decision_id>/granskat/",
        views.after_hours_acknowledge,
        name="after_hours_acknowledge",
    ),
]
