"""``brytupp disable_inactive_users``: disable accounts with no sign-in for 90 days. Run daily."""

from django.core.management.base import BaseCommand

from brytupp.organisation.services import INACTIVE_DAYS, users_disable_inactive


class Command(BaseCommand):
    help = f"Disable every account with no sign-in for {INACTIVE_DAYS} days."

    def handle(self, *args, **options):
        disabled = users_disable_inactive()
        self.stdout.write(
            f"Disabled {len(disabled)} account(s) with no sign-in for {INACTIVE_DAYS} days."
        )
