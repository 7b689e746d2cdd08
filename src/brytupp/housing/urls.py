"""The housing pages of a case, in the ``cases`` namespace (``cases/urls.py``)."""

from django.urls import path

from . import plan_views, views

CASE = "<uuid:case_id>/"
PLAN = CASE + "placeringar/<uuid:placement_id>/bostadsplan/"

urlpatterns = [
    path(CASE + "shis/ny/", views.shis_add, name="shis_add"),
    path(PLAN, plan_views.housing_plan, name="housing_plan"),
    path(PLAN + "kontrakt/", plan_views.housing_contract, name="housing_contract"),
    path(PLAN + "<uuid:step_id>/", plan_views.housing_step_change, name="housing_step_change"),
    path(
        PLAN + "<uuid:step_id>/klar/", plan_views.housing_step_mark_done, name="housing_step_done"
    ),
]
