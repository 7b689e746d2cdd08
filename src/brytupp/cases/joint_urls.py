"""The pages of joint handling in a case, in the ``cases`` namespace (``cases/urls.py``)."""

from django.urls import path

from .views import joint

CASE = "<uuid:case_id>/"

urlpatterns = [
    path(CASE + "moten/nytt/", joint.meeting_add, name="meeting_add"),
    path(CASE + "behov/nytt/", joint.assessment_add, name="assessment_add"),
]
