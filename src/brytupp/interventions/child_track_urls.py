"""The pages of the child's own track (decision 0045), in the ``cases`` namespace."""

from django.urls import path

from . import child_track_views as views

CHILD = "<uuid:case_id>/barn/<uuid:child_id>/"

urlpatterns = [
    path(
        "<uuid:case_id>/placeringar/<uuid:placement_id>/barn/<uuid:child_id>/avsluta/",
        views.placement_child_end,
        name="placement_child_end",
    ),
    path(CHILD + "samtycke/<uuid:guardian_id>/", views.guardian_consent, name="guardian_consent"),
    path(CHILD + "stod/", views.child_support_add, name="child_support_add"),
    path(CHILD + "barnets-rost/", views.child_voice_add, name="child_voice_add"),
]
