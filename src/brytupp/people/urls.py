"""The people pages of a case, in the ``cases`` namespace under /arenden/."""

from django.urls import path

from . import views

urlpatterns = [
    path("<uuid:case_id>/skyddade-uppgifter/", views.identity_reveal_view, name="identity_reveal"),
    path(
        "<uuid:case_id>/barn/<uuid:person_id>/skydd/",
        views.child_protection_lower,
        name="child_protection_lower",
    ),
]
