from django.contrib import admin
from django.urls import include, path

from brytupp.web import emergency_views
from brytupp.web.views import language_set

urlpatterns = [
    path("", include("brytupp.web.urls")),
    path("arenden/", include("brytupp.cases.urls")),
    path("loggkontroll/", include("brytupp.audit.urls")),
    path("sprak/", language_set, name="set_language"),
    path("nodatkomst/", emergency_views.emergency_search, name="emergency_search"),
    path("nodatkomst/<uuid:case_id>/", emergency_views.emergency_grant, name="emergency_grant"),
    path("admin/", admin.site.urls),
]
