"""Log review (loggkontroll), namespace ``log_review``, under /loggkontroll/."""

from django.urls import path

from . import log_review_views as views

app_name = "log_review"
urlpatterns = [
    path("", views.log_review_search, name="search"),
    path("post/<int:seq>/granskad/", views.log_review_mark, name="mark"),
    path("manad/", views.log_review_month, name="month"),
    path("person/", views.register_extract_find, name="register_extract_find"),
    path("person/<uuid:person_id>/", views.register_extract, name="register_extract"),
    path(
        "person/<uuid:person_id>/registerutdrag.pdf",
        views.register_extract_pdf,
        name="register_extract_pdf",
    ),
]
