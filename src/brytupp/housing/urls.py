"""The housing pages of a case, in the ``cases`` namespace (``cases/urls.py``)."""

from django.urls import path

from . import views

CASE = "<uuid:case_id>/"

urlpatterns = [
    path(CASE + "shis/ny/", views.shis_add, name="shis_add"),
]
