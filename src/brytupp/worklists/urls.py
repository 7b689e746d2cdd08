"""The work lists: patterns that ``web/urls.py`` includes in the ``web`` namespace
(``web:work``, ``web:unit_cases``, ``web:todo``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("mina-arenden/", views.work, name="work"),
    path("enhetens-arenden/", views.unit_cases, name="unit_cases"),
    path("att-gora/", views.todo, name="todo"),
]
