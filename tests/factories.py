"""Factories for tests: synthetic data only. Identity numbers are Skatteverket's published
test numbers or numbers generated for a date in the year 1900–1901 series used nowhere else."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from brytupp.cases import services as case_services
from brytupp.organisation.models import (
    District,
    Membership,
    MembershipStatus,
    Municipality,
    Role,
    Unit,
    UnitKind,
    User,
)
from brytupp.people import services as people_services

TEST_PASSWORD = "correct-horse-battery-staple"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    code = "testkommun"
    name = "Testkommunen"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.Sequence(lambda n: f"district-{n}")
    name = factory.Sequence(lambda n: f"Stadsdel {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    municipality = factory.SubFactory(MunicipalityFactory)
    district = factory.SubFactory(DistrictFactory)
    kind = UnitKind.RVT
    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Enhet {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Användare{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def persist(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.HANDLAGGARE
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    valid_to = None
    # In force, as if approved: tests of four eyes make proposals through the services.
    status = MembershipStatus.APPROVED


def staff(role: str, unit: Unit, **user_fields) -> User:
    """A user with one membership valid today."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, unit=unit, role=role)
    return user


_person_counter = iter(range(1, 10**6))


def person(**fields):
    """A synthetic person with a reserve identity unless an identity number is given;
    registered by a system job (``actor=None``) unless an actor is given."""
    n = next(_person_counter)
    defaults = {
        "actor": None,
        "first_name": "Testperson",
        "last_name": f"Nummer{n}",
        "birth_date": datetime.date(1985, 1, 1),
        "gender": "female",
    }
    defaults.update(fields)
    return people_services.person_register(**defaults)


def case(*, person_=None, unit: Unit, opened: datetime.date | None = None, **fields):
    return case_services.case_open(
        person=person_ or person(),
        district=unit.district,
        lead_unit=unit,
        source=fields.pop("source", "self"),
        opened=opened or timezone.localdate() - datetime.timedelta(days=10),
        **fields,
    )


def closed_leaving_running(case, *, closed: datetime.date | None = None, reason="goals_met"):
    """The case closed as data from before the closing guard, or an import, may hold it: with
    its placements, decisions and plan actions still running (``case_close`` refuses that)."""
    from brytupp.cases.models import Case

    Case.objects.filter(pk=case.pk).update(
        closed=closed or timezone.localdate(), closure_reason=reason
    )
    case.refresh_from_db()
    return case


def sign_in(client, user) -> None:
    """Sign a test client in as the sign-in page does, with the session's start recorded."""
    import time

    from brytupp.signin.middleware import SESSION_EPOCH, SIGNED_IN_AT

    client.force_login(user)
    session = client.session
    session[SIGNED_IN_AT] = int(time.time())
    session[SESSION_EPOCH] = user.session_epoch
    session.save()
