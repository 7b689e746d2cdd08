"""The case journey in the ``cases`` namespace: screening (``assessments``), opening a case,
answering an opening request, the case page (the shell's ``web.case_page``), the account and
address, consent, inviting and answering, closing, and the people pages (``people``).

A URL module, so it may name the shell's case page; no other module of a domain app imports
from ``brytupp.web``.
"""

from django.urls import path

from brytupp.assessments.urls import urlpatterns as screening
from brytupp.people.urls import urlpatterns as people
from brytupp.web.case_page import case_detail

from .views import consent, opening, parts, transfers

urlpatterns = [
    *screening,
    path("sok/", opening.person_search, name="person_search"),
    path("nytt/", opening.case_open, name="open"),
    path("begaran/<uuid:request_id>/", opening.opening_request_answer, name="opening_request"),
    path("<uuid:case_id>/", case_detail, name="detail"),
    path("<uuid:case_id>/berattelse/", parts.case_account, name="account"),
    path(
        "<uuid:case_id>/berattelse/bekrafta/",
        parts.case_account_confirm,
        name="account_confirm",
    ),
    path(
        "<uuid:case_id>/berattelse/versioner/",
        parts.case_account_versions,
        name="account_versions",
    ),
    path("<uuid:case_id>/adress/", parts.person_address, name="address"),
    path("<uuid:case_id>/samtycke/nytt/", consent.consent_add, name="consent_add"),
    path(
        "<uuid:case_id>/samtycke/<uuid:consent_id>/aterkalla/",
        consent.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<uuid:case_id>/enheter/bjud-in/", parts.unit_invite, name="invite"),
    path("<uuid:case_id>/inbjudan/", parts.case_invitation, name="invitation"),
    path("<uuid:case_id>/avsluta/", parts.case_close, name="close"),
    path("<uuid:case_id>/overlamna/", transfers.transfer_propose, name="transfer_propose"),
    path(
        "<uuid:case_id>/overlamna/<uuid:transfer_id>/aterkalla/",
        transfers.transfer_withdraw,
        name="transfer_withdraw",
    ),
    path("overlamning/<uuid:transfer_id>/", transfers.transfer_answer, name="transfer_answer"),
    *people,
]
