"""URLs of the case journey, namespace ``cases``, under /arenden/: each domain's case pages.

The namespace's assembly point (decision 0024): the journey (with screening, the person's
pages and web's case page), joint handling, the journal, plan, interventions, housing and
the child's pages."""

from brytupp.assessments.case_urls import urlpatterns as risk_and_safety
from brytupp.cases.journey_urls import urlpatterns as journey
from brytupp.children.urls import urlpatterns as children
from brytupp.housing.urls import urlpatterns as housing
from brytupp.interventions.after_hours_urls import urlpatterns as after_hours
from brytupp.interventions.child_track_urls import urlpatterns as child_track
from brytupp.interventions.decision_urls import urlpatterns as applications
from brytupp.interventions.letter_urls import urlpatterns as decision_letter
from brytupp.interventions.urls import urlpatterns as interventions
from brytupp.plans.urls import urlpatterns as plans

from .joint_urls import urlpatterns as joint
from .journal_urls import urlpatterns as journal
from .move_urls import urlpatterns as municipality_move
from .threat_urls import urlpatterns as threats

app_name = "cases"
urlpatterns = (
    journey
    + joint
    + threats
    + journal
    + risk_and_safety
    + plans
    + interventions
    + applications
    + after_hours
    + decision_letter
    + housing
    + children
    + child_track
    + municipality_move
)
