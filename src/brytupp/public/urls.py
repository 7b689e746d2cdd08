from django.urls import path, register_converter

from . import views
from .languages import LanguageConverter

register_converter(LanguageConverter, "public_language")

app_name = "public"

urlpatterns = [
    path("", views.public_root, name="root"),
    path("<public_language:language>/", views.start, name="start"),
    path("<public_language:language>/stadsdelar/", views.districts, name="districts"),
    path("<public_language:language>/stadsdelar/<slug:code>/", views.district, name="district"),
    path(
        "<public_language:language>/stadsdelar/<slug:code>/kontakta-mig/",
        views.contact,
        name="contact",
    ),
    path(
        "<public_language:language>/stadsdelar/<slug:code>/folder-a4.pdf",
        views.folder,
        {"paper": "a4"},
        name="folder_a4",
    ),
    path(
        "<public_language:language>/stadsdelar/<slug:code>/folder-a5.pdf",
        views.folder,
        {"paper": "a5"},
        name="folder_a5",
    ),
    path("<public_language:language>/vuxen/", views.adults, name="adults"),
    path("<public_language:language>/barn-och-unga/", views.children, name="children"),
    path("<public_language:language>/orolig-for-nagon/", views.worried, name="worried"),
    path("<public_language:language>/hedersrelaterat-vald/", views.honour, name="honour"),
    path("<public_language:language>/dolj-dina-spar/", views.cover_tracks, name="cover_tracks"),
    path("<public_language:language>/tillganglighet/", views.accessibility, name="accessibility"),
]
