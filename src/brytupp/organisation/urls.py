"""The organisation's pages and the membership approvals: patterns that ``web/urls.py``
includes in the ``web`` namespace (``web:district_list``, ``web:membership_proposals``, …)."""

from django.urls import path

from . import views

urlpatterns = [
    path("behorigheter/", views.membership_proposals, name="membership_proposals"),
    path(
        "behorigheter/<int:membership_id>/godkann/",
        views.membership_approve,
        name="membership_approve",
    ),
    path(
        "behorigheter/<int:membership_id>/avsla/",
        views.membership_refuse,
        name="membership_refuse",
    ),
    path("organisation/", views.district_list, name="district_list"),
    path("organisation/stadsdelar/<slug:code>/", views.district_detail, name="district_detail"),
    path("organisation/enheter/<slug:code>/", views.unit_detail, name="unit_detail"),
]
