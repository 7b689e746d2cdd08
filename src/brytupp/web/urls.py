from django.urls import path

from brytupp.followup import urls as followup_urls

from . import membership_views, two_factor_views, views

app_name = "web"

urlpatterns = [
    path("", views.start, name="start"),
    path("logga-in/", views.SignInView.as_view(), name="login"),
    path("logga-in/kod/", two_factor_views.two_factor_verify_view, name="two_factor_verify"),
    path(
        "logga-in/tvastegsverifiering/",
        two_factor_views.two_factor_setup_view,
        name="two_factor_setup",
    ),
    path(
        "konto/byt-autentiserare/",
        two_factor_views.two_factor_replace_view,
        name="two_factor_replace",
    ),
    path("logga-ut/", views.SignOutView.as_view(), name="logout"),
    path("logga-ut-overallt/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("mina-arenden/", views.work, name="work"),
    path("enhetens-arenden/", views.unit_cases, name="unit_cases"),
    path("att-gora/", views.todo, name="todo"),
    path("min-enhet/", views.unit_overview, name="unit_overview"),
    path("min-stadsdel/", views.district_overview, name="district_overview"),
    path("uppfoljning/", views.city_followup, name="city_followup"),
    *followup_urls.urlpatterns,
    path("systemforvaltning/", views.administration, name="administration"),
    path("behorigheter/", membership_views.membership_proposals, name="membership_proposals"),
    path(
        "behorigheter/<int:membership_id>/godkann/",
        membership_views.membership_approve,
        name="membership_approve",
    ),
    path(
        "behorigheter/<int:membership_id>/avsla/",
        membership_views.membership_refuse,
        name="membership_refuse",
    ),
    path("organisation/", views.district_list, name="district_list"),
    path("organisation/stadsdelar/<slug:code>/", views.district_detail, name="district_detail"),
    path("organisation/enheter/<slug:code>/", views.unit_detail, name="unit_detail"),
]
