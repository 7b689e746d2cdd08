"""The pages about who the threat is, in the ``cases`` namespace (``cases/urls.py``)."""

from django.urls import path

from .views import threats

CASE = "<uuid:case_id>/"

urlpatterns = [
    path(CASE + "hotande/ny/", threats.threat_person_add, name="threat_person_add"),
    path(
        CASE + "hotande/<uuid:threat_id>/avsluta/",
        threats.threat_person_end,
        name="threat_person_end",
    ),
    path(CASE + "heder/", threats.honour_context, name="honour_context"),
]
