"""The follow-up pages: the effect goals and equality between districts, each as a page, an
XLSX workbook and a PDF report. Aggregates only; who sees which district and whether small
numbers are hidden is decided in ``policies.followup`` and applied by the selectors."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.followup import pages, selectors
from brytupp.followup.forms import PeriodForm
from brytupp.govuk.pdf import pdf_render

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period_form(request) -> PeriodForm:
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("year", str(today.year))  # dates alone choose the period
    form = PeriodForm(data, today=today)
    form.is_valid()
    return form


def _period_label(date_from: datetime.date, date_to: datetime.date) -> str:
    """ "2024", "2026 up to 24 November" or the two dates."""
    text = pages.period_text(date_from, date_to)
    year_to_date = date_from == datetime.date(date_from.year, 1, 1) and (
        date_to.year == date_from.year
    )
    if text != str(date_from.year) and year_to_date:
        return _("%(year)s up to %(day)s") % {
            "year": date_from.year,
            "day": date_format(date_to, "j F"),
        }
    return text


def _page(request, *, template: str, title: str, file_name: str, build, export: str | None):
    """The page, or its export as ``xlsx`` or ``pdf`` named ``<file_name>-<from>-<to>``
    (Swedish, without å ä ö, which a header's plain file name cannot hold); a bad period shows
    its errors."""
    form = _period_form(request)
    context = {
        "form": form,
        "title": title,
        "sections": [],
        "query": request.GET.urlencode(),
        "show_cases_per_district": policies.city_followup.allows(request.user),
    }
    if form.errors:
        return render(request, template, context, status=200 if export is None else 400)
    date_from, date_to = form.period()
    sections, followed = build(date_from, date_to)
    period = _period_label(date_from, date_to)
    context.update(
        sections=sections,
        period=period,
        followed=followed,
        hidden=followed.small_numbers_hidden,
        produced_at=timezone.localtime(),
    )
    stem = f"{file_name}-{date_from}-{date_to}"
    if export == "xlsx":
        document = pages.sections_xlsx(
            title=title, period=period, sections=sections, hidden=followed.small_numbers_hidden
        )
        response = HttpResponse(document, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    if export == "pdf":
        document = pdf_render(template_name="followup/report_pdf.html", context=context)
        response = HttpResponse(document, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
        return response
    return render(request, template, context)


def _effect_goals(request, export=None):
    def build(date_from, date_to):
        trend = selectors.effect_goal_trend(
            actor=request.user, date_from=date_from, date_to=date_to
        )
        followed = trend[-1]  # the chosen period is the trend's last
        return pages.effect_goal_sections(followed, trend), followed

    return _page(
        request,
        template="followup/effect_goals.html",
        title=_("Effect goals"),
        file_name="effektmal",
        build=build,
        export=export,
    )


def _equality(request, export=None):
    def build(date_from, date_to):
        followed = selectors.equality(actor=request.user, date_from=date_from, date_to=date_to)
        return pages.equality_sections(followed), followed

    return _page(
        request,
        template="followup/equality.html",
        title=_("Equality between districts"),
        file_name="likstallighet",
        build=build,
        export=export,
    )


@require_GET
@requires(policies.followup)
def effect_goals(request):
    return _effect_goals(request)


@require_GET
@requires(policies.followup)
def effect_goals_xlsx(request):
    return _effect_goals(request, "xlsx")


@require_GET
@requires(policies.followup)
def effect_goals_pdf(request):
    return _effect_goals(request, "pdf")


@require_GET
@requires(policies.followup)
def equality(request):
    return _equality(request)


@require_GET
@requires(policies.followup)
def equality_xlsx(request):
    return _equality(request, "xlsx")


@require_GET
@requires(policies.followup)
def equality_pdf(request):
    return _equality(request, "pdf")
