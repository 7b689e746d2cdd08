"""Log review (loggkontroll), namespace ``log_review``, under /loggkontroll/."""

from django.urls import path

from .views import data_extract
from .views import extract_requests as requests
from .views import log_review as views

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
    path(
        "person/<uuid:person_id>/begar/",
        requests.register_extract_open,
        name="register_extract_open",
    ),
    path(
        "person/<uuid:person_id>/uppgifter/",
        data_extract.data_extract_review,
        name="data_extract_review",
    ),
    path("uppgifter/<uuid:review_id>/", data_extract.data_extract_made, name="data_extract_made"),
    path(
        "uppgifter/<uuid:review_id>/registerutdrag.pdf",
        data_extract.data_extract_pdf,
        name="data_extract_pdf",
    ),
    path("registerutdrag/begaran/", requests.extract_requests_own, name="extract_requests_own"),
    path("registerutdrag/att-godkanna/", requests.extract_approvals, name="extract_approvals"),
    path(
        "registerutdrag/<uuid:request_id>/godkann/",
        requests.extract_approve,
        name="extract_approve",
    ),
    path("registerutdrag/<uuid:request_id>/avsla/", requests.extract_refuse, name="extract_refuse"),
]
