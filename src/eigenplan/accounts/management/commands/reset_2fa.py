"""`eigenplan reset_2fa USERNAME`: a professional lost their phone (and their recovery codes).
Removes their app and recovery codes; at their next login they set up a new app. Check first
that it really is the person themselves. Leaves an audit event."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from eigenplan.accounts import services


class Command(BaseCommand):
    help = "Remove a user's authenticator app and recovery codes, so they set up a new one."

    def add_arguments(self, parser):
        parser.add_argument("username", help="the username as the person types it")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username__iexact=username.strip()).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if services.reset(actor=None, user=user):
            self.stdout.write(
                f"Removed the app and recovery codes of {user.username}; "
                "they set up a new app at their next login."
            )
        else:
            self.stdout.write(f"{user.username} had no app set up; nothing to remove.")
