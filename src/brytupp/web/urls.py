"""The ``web`` namespace: the shell's own pages, and the pages of sign-in, the work lists and
the organisation, each app's list of patterns under its old names (``web:login``,
``web:work``, ``web:district_list``, …)."""

from django.urls import path

from brytupp.followup import urls as followup_urls
from brytupp.organisation.urls import urlpatterns as organisation
from brytupp.signin.urls import urlpatterns as signin
from brytupp.worklists.urls import urlpatterns as worklists

from . import views

app_name = "web"

urlpatterns = [
    path("", views.start, name="start"),
    path("min-enhet/", views.unit_overview, name="unit_overview"),
    path("min-stadsdel/", views.district_overview, name="district_overview"),
    path("uppfoljning/", views.city_followup, name="city_followup"),
    *followup_urls.urlpatterns,
    path("systemforvaltning/", views.administration, name="administration"),
]
urlpatterns += signin + worklists + organisation
