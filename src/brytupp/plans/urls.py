"""The plan pages of a case, in the ``cases`` namespace (``cases/urls.py``)."""

from django.urls import path

from . import views

CASE = "<uuid:case_id>/"

urlpatterns = [
    path(CASE + "plan/ny/", views.plan_action_add, name="plan_action_add"),
    path(
        CASE + "plan/<uuid:action_id>/status/",
        views.plan_action_status,
        name="plan_action_status",
    ),
    path(CASE + "sip/ny/", views.sip_add, name="sip_add"),
    path(CASE + "stod/ny/", views.practical_task_add, name="practical_task_add"),
    path(
        CASE + "stod/<uuid:task_id>/klar/",
        views.practical_task_done,
        name="practical_task_done",
    ),
]
