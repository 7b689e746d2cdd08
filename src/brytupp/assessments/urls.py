"""The screening pages, in the ``cases`` namespace under /arenden/ (``cases/urls.py``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("screening/", views.screening, name="screening"),
    path("screening/<uuid:screening_id>/", views.screening_recorded, name="screening_recorded"),
]
