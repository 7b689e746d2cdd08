"""Screening, opening a case, the case page, consent, joint parts, the account, closing."""

urlpatterns = []
