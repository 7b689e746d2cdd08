"""The ``web`` namespace: the shell's own pages, and the pages of sign-in, the work lists and
the organisation, each app's list of patterns under its old names (``web:login``,
``web:work``, ``web:district_list``, …)."""

from django.urls import path

from brytupp.organisation.urls import urlpatterns as organisation
from brytupp.signin.urls import urlpatterns as signin
from brytupp.worklists.urls import urlpatterns as worklists

from . import followup_views, views

app_name = "web"

urlpatterns = [
    path("", views.start, name="start"),
    path("min-enhet/", views.unit_overview, name="unit_overview"),
    path("min-stadsdel/", views.district_overview, name="district_overview"),
    path("uppfoljning/", views.city_followup, name="city_followup"),
    path("uppfoljning/effektmal/", followup_views.effect_goals, name="followup_goals"),
    path(
        "uppfoljning/effektmal/excel/",
        followup_views.effect_goals_xlsx,
        name="followup_goals_xlsx",
    ),
    path("uppfoljning/effektmal/pdf/", followup_views.effect_goals_pdf, name="followup_goals_pdf"),
    path("uppfoljning/likstallighet/", followup_views.equality, name="followup_equality"),
    path(
        "uppfoljning/likstallighet/excel/",
        followup_views.equality_xlsx,
        name="followup_equality_xlsx",
    ),
    path(
        "uppfoljning/likstallighet/pdf/",
        followup_views.equality_pdf,
        name="followup_equality_pdf",
    ),
    path("systemforvaltning/", views.administration, name="administration"),
]
urlpatterns += signin + worklists + organisation
