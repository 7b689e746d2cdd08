"""``brytupp grant_role USER UNIT ROLE``: give a user a role in a unit (e.g. the first
system administrator after ``brytupp createsuperuser``)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from brytupp.organisation.models import Role, Unit, User
from brytupp.organisation.services import membership_grant


class Command(BaseCommand):
    help = "Give a user a role in a unit, valid from today (or --from) until --to."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("unit", help="unit code, e.g. socialforvaltningen-stab")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--from", dest="valid_from", type=datetime.date.fromisoformat)
        parser.add_argument("--to", dest="valid_to", type=datetime.date.fromisoformat)

    def handle(self, *args, username, unit, role, valid_from, valid_to, **options):
        try:
            user = User.objects.get(username=username)
            unit_obj = Unit.objects.get(code=unit)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        except Unit.DoesNotExist:
            raise CommandError(f"No unit with code {unit!r}.") from None
        try:
            membership = membership_grant(
                user=user,
                unit=unit_obj,
                role=role,
                valid_from=valid_from or timezone.localdate(),
                valid_to=valid_to,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"{username}: {membership.role} in {unit_obj.code}."))
