"""Benchmark: the follow-up pages on a database that already holds data.

Times, in one process against the database ``DATABASE_URL`` names (or ``--database`` on
that server), what the pages *Effektmål* and *Likställighet* cost for one year: the figures
(the selectors: five years of the five goals for the trend, or every equality figure), the
whole page (figures, charts and tables built, the template rendered) for the analyst (city
and every district) and for a unit manager (one district, small numbers hidden), and the PDF
report. Median of ``--runs`` after one warm-up. The effect goals of closed years are read
from the store of figures (decision 0031): "store cold" empties it before each run, the
other rows find it filled by the warm-up. The users it needs are made in a transaction that
is rolled back, so the database is left as it was (the store too). It prints figures and
asserts nothing; see bench/README.md.

    .venv/bin/python bench/national.py --cases 1000000 --keep   # leaves bench_h1_national
    .venv/bin/python bench/followup_pages.py --database bench_h1_national --year 2024
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brytupp.settings.test")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="a database on DATABASE_URL's server")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="pretend it is this day: the period is its year up to it (the page's default) "
        "and only the years before it are closed (decision 0031); --year is ignored",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF reports")
    return parser.parse_args()


def timed(runs: int, work) -> tuple[float, list[float]]:
    work()  # warm-up: plans cached, pages of the tables in memory
    spent = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        spent.append(time.perf_counter() - started)
    return statistics.median(spent), spent


def main() -> None:
    args = parse_args()
    if args.database:
        url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        os.environ["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{args.database}"))
    import django

    django.setup()
    from django.db import transaction
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.utils import translation

    from brytupp.cases.models import Case
    from brytupp.followup import pages, selectors
    from brytupp.followup.forms import PeriodForm
    from brytupp.followup.models import StoredFigure
    from brytupp.govuk.pdf import pdf_render
    from brytupp.organisation.models import Membership, MembershipStatus, Role, Unit, User

    date_from, date_to = datetime.date(args.year, 1, 1), datetime.date(args.year, 12, 31)
    if args.today:
        from unittest import mock

        # Which periods are closed is decided on timezone.localdate().
        mock.patch("django.utils.timezone.localdate", return_value=args.today).start()
        args.year = args.today.year
        date_from, date_to = datetime.date(args.today.year, 1, 1), args.today
    translation.activate("sv")
    print(f"database: {os.environ.get('DATABASE_URL', '(embedded)').rsplit('/', 1)[-1]}")
    print(f"cases: {Case.objects.count():,}; period {date_from} – {date_to}; runs {args.runs}")
    print(f"stored figures at the start: {StoredFigure.objects.count()} (left as they were)")

    with transaction.atomic():
        since = datetime.date(2000, 1, 1)
        rvt = Unit.objects.filter(kind="rvt", district__isnull=False).order_by("code").first()
        city_unit = Unit.objects.create(
            code="bench-stab", name="Bench stab", kind="stab", municipality=rvt.municipality
        )
        analyst = User.objects.create(username="bench.analytiker")
        # Approved at once: a membership gives access only when approved (four eyes).
        Membership.objects.create(
            user=analyst,
            unit=city_unit,
            role=Role.ANALYTIKER,
            valid_from=since,
            status=MembershipStatus.APPROVED,
        )
        manager = User.objects.create(username="bench.enhetschef")
        Membership.objects.create(
            user=manager,
            unit=rvt,
            role=Role.ENHETSCHEF,
            valid_from=since,
            status=MembershipStatus.APPROVED,
        )

        def goals(user):
            trend = selectors.effect_goal_trend(actor=user, date_from=date_from, date_to=date_to)
            return trend, pages.effect_goal_sections(trend[-1], trend)

        def equality(user):
            followed = selectors.equality(actor=user, date_from=date_from, date_to=date_to)
            return followed, pages.equality_sections(followed)

        def page(user, build, template, title):
            followed, sections = build(user)
            if isinstance(followed, list):
                followed = followed[-1]
            request = RequestFactory().get("/uppfoljning/")
            request.user = user
            form = PeriodForm({"year": str(args.year)}, today=date_to)
            form.is_valid()
            context = {
                "form": form,
                "title": title,
                "sections": sections,
                "followed": followed,
                "hidden": followed.small_numbers_hidden,
                "period": str(args.year),
                "query": f"year={args.year}",
                "produced_at": datetime.datetime.now(tz=datetime.UTC),
            }
            return context, render_to_string(template, context, request=request)

        def cold(work):
            def emptied_first():
                StoredFigure.objects.all().delete()
                return work()

            return emptied_first

        rows = []
        for who, user in (("analytiker", analyst), ("enhetschef", manager)):
            figures_cold = timed(
                args.runs,
                cold(
                    lambda u=user: selectors.effect_goal_trend(
                        actor=u, date_from=date_from, date_to=date_to
                    )
                ),
            )
            page_cold = timed(
                args.runs,
                cold(lambda u=user: page(u, goals, "followup/effect_goals.html", "Effektmål")),
            )
            figures_goals = timed(
                args.runs,
                lambda u=user: selectors.effect_goal_trend(
                    actor=u, date_from=date_from, date_to=date_to
                ),
            )
            page_goals = timed(
                args.runs,
                lambda u=user: page(u, goals, "followup/effect_goals.html", "Effektmål"),
            )
            figures_equality = timed(
                args.runs,
                lambda u=user: selectors.equality(actor=u, date_from=date_from, date_to=date_to),
            )
            page_equality = timed(
                args.runs,
                lambda u=user: page(u, equality, "followup/equality.html", "Likställighet"),
            )
            rows += [
                (who, "Effektmål: figures, store cold", figures_cold),
                (who, "Effektmål: whole page, store cold", page_cold),
                (who, "Effektmål: figures (5 years × 5 goals)", figures_goals),
                (who, "Effektmål: whole page", page_goals),
                (who, "Likställighet: figures", figures_equality),
                (who, "Likställighet: whole page", page_equality),
            ]
            if not args.no_pdf:
                for name, build, title in (
                    ("Effektmål", goals, "Effektmål"),
                    ("Likställighet", equality, "Likställighet"),
                ):

                    def pdf(u=user, b=build, t=title):
                        context, _html = page(u, b, "followup/effect_goals.html", t)
                        return pdf_render(template_name="followup/report_pdf.html", context=context)

                    rows.append((who, f"{name}: PDF report", timed(args.runs, pdf)))
        transaction.set_rollback(True)

    print()
    print(f"{'role':<12} {'what':<42} {'median':>9}   runs")
    for who, what, (median, spent) in rows:
        runs = ", ".join(f"{s:.2f}" for s in spent)
        print(f"{who:<12} {what:<42} {median:>8.2f}s   {runs}")


if __name__ == "__main__":
    main()
