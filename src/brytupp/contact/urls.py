from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("", views.contact_list, name="list"),
    path("<uuid:contact_request_id>/", views.contact_detail, name="detail"),
]
