"""The local process's pages under /lokal-process/ in the ``localprocess`` namespace."""

from django.urls import path

from . import views

app_name = "localprocess"

urlpatterns = [
    path("", views.city, name="city"),
    path("<slug:code>/", views.district, name="district"),
    path("<slug:code>/<slug:item>/", views.edit, name="edit"),
    path("<slug:code>/<slug:item>/historik/", views.history, name="history"),
]
