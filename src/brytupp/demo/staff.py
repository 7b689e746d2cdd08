"""The demo's staff: one login per role to try, and colleagues so staff lists look real.

The logins share one password, set by the demo command on every start. The colleagues get no
usable password: they fill staff lists and carry the case work of the demo (responsible case
workers, meetings, assessments), they do not sign in. Hashing no password also keeps the
demo quick to generate.

Their memberships are made by the system (``membership_grant``: approved at once, logged
without a user), not by an administrator acting alone, so four eyes (decision 0017) does not
apply to them.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from brytupp.organisation.models import Role, Unit, UnitKind, User
from brytupp.organisation.services import membership_grant, user_create

from .identities import FEMALE_FIRST_NAMES, FICTITIOUS_LAST_NAMES, MALE_FIRST_NAMES, years_before
from .plan import history_start


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    unit_code: str
    last_name: str


DEMO_LOGINS = (
    DemoLogin("farsta.rvt", Role.HANDLAGGARE, "farsta-rvt", "Handläggare RVT Farsta"),
    DemoLogin(
        "farsta.ekb",
        Role.HANDLAGGARE,
        "farsta-ekonomiskt_bistand",
        "Handläggare ekonomiskt bistånd Farsta",
    ),
    DemoLogin("sodermalm.rvt", Role.HANDLAGGARE, "sodermalm-rvt", "Handläggare RVT Södermalm"),
    DemoLogin(
        "farsta.bou", Role.HANDLAGGARE, "farsta-barn_unga", "Handläggare barn och unga Farsta"
    ),
    DemoLogin("farsta.chef", Role.ENHETSCHEF, "farsta-rvt", "Enhetschef RVT Farsta"),
    DemoLogin("farsta.process", Role.IMPLEMENTERARE, "farsta-stab", "Implementerare Farsta"),
    DemoLogin("socialjouren", Role.HANDLAGGARE, "socialjouren", "Handläggare Socialjouren"),
    DemoLogin("stad.analytiker", Role.ANALYTIKER, "socialforvaltningen-stab", "Analytiker staden"),
    DemoLogin(
        "stad.forvaltare",
        Role.SYSTEMFORVALTARE,
        "socialforvaltningen-stab",
        "Systemförvaltare staden",
    ),
)
DEMO_FIRST_NAME = "Demo"

# Units whose staff lists get colleagues besides the demo logins.
COLLEAGUE_UNITS = (
    "farsta-rvt",
    "farsta-ekonomiskt_bistand",
    "sodermalm-rvt",
    "sodermalm-ekonomiskt_bistand",
    "jarva-rvt",
    "jarva-ekonomiskt_bistand",
)
# This colleague's membership ended last month: a former member of the unit.
FORMER_COLLEAGUE_UNIT = "farsta-rvt"
# The kinds of unit that lead or join the demo's cases: each of them, in every district, has
# case workers to be responsible for its part in a case.
CASE_UNIT_KINDS = (
    UnitKind.RVT,
    UnitKind.EKONOMISKT_BISTAND,
    UnitKind.BARN_UNGA,
    UnitKind.VUXEN_BEROENDE,
)

_ASCII = str.maketrans("åäöéÅÄÖÉ", "aaoeAAOE")


def login_valid_from(today: datetime.date) -> datetime.date:
    """The day the demo logins' memberships begin: two years ago."""
    return years_before(today, 2)


def demo_data_exist() -> bool:
    return User.objects.filter(username=DEMO_LOGINS[0].username).exists()


def demo_logins_create(*, today: datetime.date, password: str) -> list[User]:
    """The logins of the table printed by the demo command, valid since two years."""
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=_codes(DEMO_LOGINS))}
    users = []
    for login in DEMO_LOGINS:
        user = user_create(
            username=login.username,
            password=password,
            first_name=DEMO_FIRST_NAME,
            last_name=login.last_name,
        )
        membership_grant(
            user=user,
            unit=units[login.unit_code],
            role=login.role,
            valid_from=login_valid_from(today),
        )
        users.append(user)
    return users


def demo_colleagues_create(rng: random.Random, *, today: datetime.date) -> list[User]:
    """Two to four case workers more in each unit of ``COLLEAGUE_UNITS``."""
    taken = set(User.objects.values_list("username", flat=True))
    last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
    users = []
    for unit in Unit.objects.filter(code__in=COLLEAGUE_UNITS).order_by("code"):
        for number in range(rng.randint(2, 4)):
            user = _colleague_create(rng, taken)
            former = unit.code == FORMER_COLLEAGUE_UNIT and number == 0
            valid_from = today - datetime.timedelta(days=rng.randint(90, 2400))
            if number == 1:
                # Someone has been in the unit since before the demo's cases begin.
                valid_from = min(valid_from, history_start(today) - datetime.timedelta(days=30))
            membership_grant(
                user=user,
                unit=unit,
                role=Role.HANDLAGGARE,
                valid_from=min(valid_from, last_month_end - datetime.timedelta(days=90))
                if former
                else valid_from,
                valid_to=last_month_end if former else None,
            )
            users.append(user)
    return users


def demo_case_workers_create(rng: random.Random, *, today: datetime.date) -> list[User]:
    """One to three case workers in every district unit of ``CASE_UNIT_KINDS`` that has no
    colleagues yet, so that every part in a case can name its responsible case worker."""
    taken = set(User.objects.values_list("username", flat=True))
    units = (
        Unit.objects.filter(
            kind__in=CASE_UNIT_KINDS,
            district__municipality__code="stockholm",
            district__valid_to__isnull=True,
        )
        .exclude(code__in=COLLEAGUE_UNITS)
        .order_by("code")
    )
    users = []
    for unit in units:
        for _number in range(rng.randint(1, 3)):
            user = _colleague_create(rng, taken)
            membership_grant(
                user=user,
                unit=unit,
                role=Role.HANDLAGGARE,
                # Members since before the demo's cases begin.
                valid_from=history_start(today) - datetime.timedelta(days=rng.randint(30, 1100)),
            )
            users.append(user)
    return users


def _colleague_create(rng: random.Random, taken: set[str]) -> User:
    first_name = rng.choice(FEMALE_FIRST_NAMES + MALE_FIRST_NAMES)
    last_name = rng.choice(FICTITIOUS_LAST_NAMES)
    return user_create(
        username=_free_username(f"{first_name}.{last_name}", taken),
        password=None,  # no usable password: a colleague never signs in
        first_name=first_name,
        last_name=last_name,
    )


def demo_passwords_set(*, password: str) -> int:
    """Give every demo login ``password``; return how many logins there are."""
    users = User.objects.filter(username__in=[login.username for login in DEMO_LOGINS])
    for user in users:
        user.set_password(password)
        user.save(update_fields=["password"])
    return len(users)


def _codes(logins) -> set[str]:
    return {login.unit_code for login in logins}


def _free_username(name: str, taken: set[str]) -> str:
    base = name.lower().translate(_ASCII)
    candidate, suffix = base, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}{suffix}"
    taken.add(candidate)
    return candidate
