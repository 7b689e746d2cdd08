"""URLs of the case journey, namespace ``cases``, under /arenden/: each domain's case pages."""

from brytupp.cases.journey_urls import urlpatterns as journey
from brytupp.web.case_work_urls import urlpatterns as work

app_name = "cases"
urlpatterns = journey + work
