"""Emergency access pages, included at the root (names without a namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("nodatkomst/", views.emergency_search, name="emergency_search"),
    path("nodatkomst/<uuid:case_id>/", views.emergency_grant, name="emergency_grant"),
]
