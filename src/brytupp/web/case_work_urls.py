"""Work in a case: meetings, assessments, plan, decisions, placements, follow-ups, SHIS, SIP."""

from django.urls import path

from . import case_work_views as views

CASE = "<uuid:case_id>/"
PLACEMENT = CASE + "placeringar/<uuid:placement_id>/"

urlpatterns = [
    path(CASE + "moten/nytt/", views.meeting_add, name="meeting_add"),
    path(CASE + "behov/nytt/", views.assessment_add, name="assessment_add"),
    path(CASE + "plan/ny/", views.plan_action_add, name="plan_action_add"),
    path(
        CASE + "plan/<uuid:action_id>/status/",
        views.plan_action_status,
        name="plan_action_status",
    ),
    path(CASE + "beslut/nytt/", views.decision_add, name="decision_add"),
    path(CASE + "placeringar/ny/", views.placement_add, name="placement_add"),
    path(PLACEMENT + "barn/", views.placement_child_add, name="placement_child_add"),
    path(
        PLACEMENT + "barn/<uuid:child_id>/skolgang/",
        views.child_schooling,
        name="child_schooling",
    ),
    path(PLACEMENT + "avsluta/", views.placement_end, name="placement_end"),
    path(CASE + "uppfoljningar/ny/", views.follow_up_add, name="follow_up_add"),
    path(CASE + "shis/ny/", views.shis_add, name="shis_add"),
    path(CASE + "sip/ny/", views.sip_add, name="sip_add"),
]
