"""The intervention pages of a case, in the ``cases`` namespace (``cases/urls.py``)."""

from django.urls import path

from . import views

CASE = "<uuid:case_id>/"
PLACEMENT = CASE + "placeringar/<uuid:placement_id>/"

urlpatterns = [
    path(CASE + "beslut/nytt/", views.decision_add, name="decision_add"),
    path(CASE + "placeringar/ny/", views.placement_add, name="placement_add"),
    path(PLACEMENT + "barn/", views.placement_child_add, name="placement_child_add"),
    path(
        PLACEMENT + "barn/<uuid:child_id>/skolgang/",
        views.child_schooling,
        name="child_schooling",
    ),
    path(PLACEMENT + "kostnad/", views.placement_cost, name="placement_cost"),
    path(PLACEMENT + "avsluta/", views.placement_end, name="placement_end"),
    path(CASE + "uppfoljningar/ny/", views.follow_up_add, name="follow_up_add"),
]
