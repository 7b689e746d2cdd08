"""The local process's pages (decision 0051): a district's local process, an item's form and
its history, kept by the district's process owner; every current district side by side for the
city's process owner and the analyst. Each fetches its district through its rule: 404 alike for
a district that does not exist and one the user may not read or keep."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.govuk.forms import bound, submit
from brytupp.public.languages import BY_SEGMENT, FOLDER_LANGUAGES
from brytupp.public.selectors import public_districts

from . import selectors, services
from .forms import LocalOfferForm


@require_GET
@requires(policies.local_process_city)
def city(request):
    process = selectors.local_process_city(actor=request.user)
    return render(request, "localprocess/city.html", {"process": process})


@require_GET
@requires(policies.local_process)
def district(request, code):
    district = selectors.local_process_get(actor=request.user, code=code)
    context = {
        "district": district,
        "rows": selectors.local_process_rows(actor=request.user, district=district),
        "may_edit": selectors.local_process_may_edit(actor=request.user, district=district),
        "from_city": policies.local_process_city.allows(request.user),
        # The police folder of the district's public page, while the district is current.
        "folder_languages": FOLDER_LANGUAGES
        if public_districts().filter(pk=district.pk).exists()
        else (),
        "folder_tigrinya": BY_SEGMENT["ti"].folder,
    }
    return render(request, "localprocess/district.html", context)


@require_GET
@requires(policies.local_process)
def history(request, code, item):
    district = selectors.local_process_get(actor=request.user, code=code)
    label = selectors.palette_item_label(item)
    context = {
        "district": district,
        "label": label,
        "versions": selectors.local_offer_history(actor=request.user, district=district, item=item),
    }
    return render(request, "localprocess/history.html", context)


@require_http_methods(["GET", "POST"])
@requires(policies.local_process_edit)
def edit(request, code, item):
    district = selectors.local_process_kept_get(actor=request.user, code=code)
    label = selectors.palette_item_label(item)
    current = selectors.local_offer_get(district=district, item=item)
    initial = {}
    if current is not None:
        initial = {
            "unit": current.unit.code if current.unit else "",
            "partner": current.partner.code if current.partner else "",
            "phone": current.phone,
            "email": current.email,
            "visiting_address": current.visiting_address,
            "hours": current.hours,
            "safe_contact": current.safe_contact,
            "waiting_days": current.waiting_days,
        }
    form = LocalOfferForm(
        bound(request),
        district=district,
        version=current.version if current is not None else 0,
        initial=initial,
    )

    def write(data):
        return services.local_offer_set(actor=request.user, district=district, item=item, **data)

    back_url = reverse("localprocess:district", args=[district.code])
    if submit(form, write):
        messages.success(request, _("%(item)s is saved.") % {"item": label})
        return redirect(back_url)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": label,
            "caption": _("Local process, %(district)s") % {"district": district.name},
            "submit_label": _("Save"),
            "back_url": back_url,
            "intro": _(
                "Who in the district, or in the city, offers this and how a person reaches "
                "them. The public pages show it as it is saved here."
            ),
        },
    )
