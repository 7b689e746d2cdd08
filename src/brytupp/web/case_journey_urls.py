"""Screening, opening a case, the case page, consent, joint parts, the account, closing."""

from django.urls import path

from . import case_journey_views as views
from .opening_views import opening_request_answer
from .reveal_views import identity_reveal_view

urlpatterns = [
    path("screening/", views.screening, name="screening"),
    path("screening/<uuid:screening_id>/", views.screening_recorded, name="screening_recorded"),
    path("nytt/", views.case_open, name="open"),
    path("begaran/<uuid:request_id>/", opening_request_answer, name="opening_request"),
    path("<uuid:case_id>/", views.case_detail, name="detail"),
    path("<uuid:case_id>/skyddade-uppgifter/", identity_reveal_view, name="identity_reveal"),
    path("<uuid:case_id>/berattelse/", views.case_account, name="account"),
    path("<uuid:case_id>/adress/", views.person_address, name="address"),
    path("<uuid:case_id>/samtycke/nytt/", views.consent_add, name="consent_add"),
    path(
        "<uuid:case_id>/samtycke/<uuid:consent_id>/aterkalla/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<uuid:case_id>/enheter/bjud-in/", views.unit_invite, name="invite"),
    path("<uuid:case_id>/inbjudan/", views.case_invitation, name="invitation"),
    path("<uuid:case_id>/avsluta/", views.case_close, name="close"),
]
