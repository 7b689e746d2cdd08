"""URLs of the case journey, namespace ``cases``, under /arenden/: each domain's case pages.

The namespace's assembly point (decision 0024): the journey (with screening, the person's
pages and web's case page), joint handling, plan, interventions and housing."""

from brytupp.cases.journey_urls import urlpatterns as journey
from brytupp.housing.urls import urlpatterns as housing
from brytupp.interventions.urls import urlpatterns as interventions
from brytupp.plans.urls import urlpatterns as plans

from .joint_urls import urlpatterns as joint

app_name = "cases"
urlpatterns = journey + joint + plans + interventions + housing
