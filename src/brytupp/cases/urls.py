"""URLs of the case journey, namespace ``cases``, under /arenden/: each domain's case pages."""

from django.urls import path

from brytupp.housing.urls import urlpatterns as housing
from brytupp.interventions.urls import urlpatterns as interventions
from brytupp.plans.urls import urlpatterns as plans
from brytupp.web.case_journey_urls import urlpatterns as journey
from brytupp.web.protection_views import child_protection_lower

from .joint_urls import urlpatterns as joint

protection = [
    path(
        "<uuid:case_id>/barn/<uuid:person_id>/skydd/",
        child_protection_lower,
        name="child_protection_lower",
    ),
]

app_name = "cases"
urlpatterns = journey + joint + plans + interventions + protection + housing
