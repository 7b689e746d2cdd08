"""The case page: one case read across every domain (``cases.overview.case_overview``).

It stays in the shell because it shows the work of every app in one page; each app's pages
about a case live with that app. An invited unit is sent to its invitation, and a case waiting
for acceptance shows no person and no other case.
"""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases import opening as case_opening
from brytupp.cases import transfers as case_transfers
from brytupp.cases.overview import case_overview


@requires(policies.cases)
def case_detail(request, case_id):
    if request.method not in ("GET", "HEAD"):
        # Someone who may not see the case learns nothing, not even that it only reads.
        policies.cases.get_or_404(request.user, public_id=case_id)
        return HttpResponseNotAllowed(["GET", "HEAD"])
    overview = case_overview(actor=request.user, public_id=case_id)
    if overview.invitation_only:
        # An invited unit reads the case's content only once it takes part (decision 0021).
        return redirect("cases:invitation", case_id=overview.case.public_id)

    if overview.masked:
        # A case waiting for acceptance (or refused) shows no person and no other case.
        return render(
            request,
            "cases/pending.html",
            {
                "overview": overview,
                "case": overview.case,
                "opening_request": case_opening.opening_request_of(overview.case),
            },
        )
    previous = overview.case.previous_case
    return render(
        request,
        "cases/detail.html",
        {
            "overview": overview,
            "case": overview.case,
            "previous_visible": previous is not None
            and policies.cases.check(request.user, previous),
            # The hand-overs to another district (decision 0049): the case's history, for
            # every unit that works in it.
            "transfers": case_transfers.case_transfers_of(overview.case)
            if overview.may_participate
            else [],
        },
    )
