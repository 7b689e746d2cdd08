"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Run them on their own test database so they never collide with another run on the shared
embedded PostgreSQL::

    BRYTUPP_TEST_DATABASE=test_brytupp_browser .venv/bin/pytest tests/browser -q

No browser is ever downloaded: the system Chromium at ``/usr/bin/chromium`` is launched.
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the
# database calls the tests make between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from brytupp.audit.append_only import access_log_erase_all  # noqa: E402
from brytupp.organisation.models import Role, UnitKind  # noqa: E402
from tests import factories  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Synthetic data. The protected person's real name must never reach a page.
PROTECTED_FIRST_NAME = "Hemliga"
PROTECTED_LAST_NAME = "Skyddadsdotter"
VISIBLE_PEOPLE = [("Testa", "Exempelsson"), ("Prova", "Påhittsdotter")]
OTHER_UNIT_PERSON = ("Annan", "Enhetsson")


def pytest_collection_modifyitems(config, items):
    """Every test in this folder drives the browser; mark it so it can be (de)selected."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(autouse=True)
def access_log_erased_before_flush(transactional_db):
    """The live server's teardown empties every table with TRUNCATE, which the append-only
    access log refuses while it holds entries: erase it first (torn down before the flush)."""
    yield
    access_log_erase_all()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(
        locale="sv-SE",
        viewport={"width": 1280, "height": 900},
        base_url=live_server.url,
    )
    context.set_default_timeout(10_000)
    browser_page = context.new_page()
    yield browser_page
    context.close()


def sign_in(page, live_server, username: str, password: str) -> None:
    """Sign in through the form as a person would, and wait for the page after it."""
    page.goto(f"{live_server.url}/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()


def keep_to_look_at(source: str | Path, name: str) -> None:
    """With BRYTUPP_SCREENSHOTS=1, keep a downloaded file (a PDF) beside the screenshots."""
    if os.environ.get("BRYTUPP_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, SCREENSHOTS / name)


def save_screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test leaves a screenshot of where it stood: var/screenshots/
    FAILED-<test>.png."""
    report = yield
    browser_page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.failed and report.when == "call" and browser_page is not None:
        try:
            save_screenshot(browser_page, f"FAILED-{item.name}")
        except Exception as error:  # noqa: BLE001 - a screenshot must not hide the failure
            print(f"no screenshot of the failure: {error}")
    return report


def assert_accessible(page, name: str) -> None:
    """Run axe-core on the page (WCAG 2.1 A and AA); fail with a readable list of every
    violation. With BRYTUPP_SCREENSHOTS=1 every page checked is also saved as
    var/screenshots/<name>.png, to look at as a user would; a failing test saves one anyway."""
    page.wait_for_load_state("load")
    if os.environ.get("BRYTUPP_SCREENSHOTS"):
        save_screenshot(page, name)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    if results.violations_count:
        report = results.generate_report()
        print(f"\naxe on {name} ({page.url}):\n{report}")
        pytest.fail(f"axe found accessibility violations on {name} ({page.url}):\n{report}")


@pytest.fixture
def org(transactional_db):
    """A small synthetic slice of the city: Farsta with its units, a city-wide staff unit,
    one person of each role and a few cases, one of them about a protected person."""
    farsta = factories.DistrictFactory(code="farsta", name="Farsta")
    factories.DistrictFactory(code="skarholmen", name="Skärholmen")
    rvt = factories.UnitFactory(
        district=farsta, kind=UnitKind.RVT, code="farsta-rvt", name="Relationsvåldsteamet Farsta"
    )
    ekb = factories.UnitFactory(
        district=farsta,
        kind=UnitKind.EKONOMISKT_BISTAND,
        code="farsta-ekb",
        name="Ekonomiskt bistånd Farsta",
    )
    farsta_stab = factories.UnitFactory(
        district=farsta, kind=UnitKind.STAB, code="farsta-stab", name="Farsta stab"
    )
    city_stab = factories.UnitFactory(
        district=None,
        kind=UnitKind.STAB,
        code="socialforvaltningen-stab",
        name="Socialförvaltningens stab",
    )

    users = SimpleNamespace(
        handlaggare=factories.staff(
            Role.HANDLAGGARE,
            rvt,
            username="test.handlaggare",
            first_name="Test",
            last_name="Handläggare",
        ),
        enhetschef=factories.staff(
            Role.ENHETSCHEF, rvt, username="test.chef", first_name="Test", last_name="Enhetschef"
        ),
        implementerare=factories.staff(
            Role.IMPLEMENTERARE,
            farsta_stab,
            username="test.process",
            first_name="Test",
            last_name="Implementerare",
        ),
        analytiker=factories.staff(
            Role.ANALYTIKER,
            city_stab,
            username="test.analytiker",
            first_name="Test",
            last_name="Analytiker",
        ),
        systemforvaltare=factories.staff(
            Role.SYSTEMFORVALTARE,
            city_stab,
            username="test.forvaltare",
            first_name="Test",
            last_name="Systemförvaltare",
        ),
    )
    factories.staff(
        Role.HANDLAGGARE, rvt, username="test.kollega", first_name="Test", last_name="Kollega"
    )

    today = timezone.localdate()
    for days_ago, (first, last) in zip((3, 20), VISIBLE_PEOPLE, strict=True):
        factories.case(
            person_=factories.person(first_name=first, last_name=last),
            unit=rvt,
            opened=today - datetime.timedelta(days=days_ago),
        )
    factories.case(
        person_=factories.person(
            first_name=PROTECTED_FIRST_NAME,
            last_name=PROTECTED_LAST_NAME,
            protected_identity="skyddad_folkbokforing",
        ),
        unit=rvt,
        source="police",
        opened=today - datetime.timedelta(days=8),
    )
    factories.case(
        person_=factories.person(first_name=OTHER_UNIT_PERSON[0], last_name=OTHER_UNIT_PERSON[1]),
        unit=ekb,
        opened=today - datetime.timedelta(days=5),
    )
    return SimpleNamespace(
        farsta=farsta, rvt=rvt, ekb=ekb, farsta_stab=farsta_stab, city_stab=city_stab, users=users
    )
