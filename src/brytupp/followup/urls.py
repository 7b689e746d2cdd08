"""The follow-up pages under /uppfoljning/: a list of patterns that ``web/urls.py`` includes
in the ``web`` namespace (``web:followup_goals`` and the rest). The analyst's start page
``web:city_followup`` at /uppfoljning/ stays in web."""

from django.urls import path

from . import views

urlpatterns = [
    path("uppfoljning/effektmal/", views.effect_goals, name="followup_goals"),
    path("uppfoljning/effektmal/excel/", views.effect_goals_xlsx, name="followup_goals_xlsx"),
    path("uppfoljning/effektmal/pdf/", views.effect_goals_pdf, name="followup_goals_pdf"),
    path("uppfoljning/likstallighet/", views.equality, name="followup_equality"),
    path("uppfoljning/likstallighet/excel/", views.equality_xlsx, name="followup_equality_xlsx"),
    path("uppfoljning/likstallighet/pdf/", views.equality_pdf, name="followup_equality_pdf"),
]
