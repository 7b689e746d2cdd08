from django.contrib import admin
from django.urls import include, path

from brytupp.web.views import language_set

handler404 = "brytupp.web.errors.not_found"

urlpatterns = [
    path("", include("brytupp.web.urls")),
    path("arenden/", include("brytupp.cases.urls")),
    path("loggkontroll/", include("brytupp.audit.urls")),
    path("lokal-process/", include("brytupp.localprocess.urls")),
    path("kontaktforfragningar/", include("brytupp.contact.urls")),
    path("sprak/", language_set, name="set_language"),
    path("hjalp/", include("brytupp.public.urls")),
    path("", include("brytupp.access.urls")),
    path("admin/", admin.site.urls),
]
