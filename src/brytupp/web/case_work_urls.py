"""Work in a case: meetings, assessments, plan, decisions, placements, follow-ups, SHIS, SIP."""

urlpatterns = []
