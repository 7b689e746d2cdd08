"""The risk and safety pages of a case, in the ``cases`` namespace (``cases/urls.py``)."""

from django.urls import path

from . import risk_views, safety_views

CASE = "<uuid:case_id>/"
PLAN = CASE + "sakerhetsplan/<uuid:plan_id>/"

urlpatterns = [
    path(
        CASE + "risk/ny/<slug:instrument>/",
        risk_views.risk_assessment_add,
        name="risk_assessment_add",
    ),
    path(
        CASE + "risk/<uuid:assessment_id>/",
        risk_views.risk_assessment_detail,
        name="risk_assessment_detail",
    ),
    path(
        CASE + "risk/andrade-omstandigheter/",
        risk_views.circumstance_change_add,
        name="circumstance_change_add",
    ),
    path(CASE + "sakerhetsplan/ny/", safety_views.safety_plan_add, name="safety_plan_add"),
    path(
        CASE + "sakerhetsplan/ny/barn/<uuid:child_id>/",
        safety_views.safety_plan_add,
        name="safety_plan_add_child",
    ),
    path(PLAN + "andra/", safety_views.safety_plan_change, name="safety_plan_change"),
    path(PLAN + "atgard/ny/", safety_views.safety_measure_add, name="safety_measure_add"),
    path(
        PLAN + "atgard/<uuid:measure_id>/klar/",
        safety_views.safety_measure_done,
        name="safety_measure_done",
    ),
    path(PLAN + "uppfoljning/", safety_views.safety_plan_review, name="safety_plan_review"),
]
