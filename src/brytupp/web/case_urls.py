"""URLs of the case journey, namespace ``cases``, under /arenden/."""

from .case_journey_urls import urlpatterns as journey
from .case_work_urls import urlpatterns as work

app_name = "cases"
urlpatterns = journey + work
