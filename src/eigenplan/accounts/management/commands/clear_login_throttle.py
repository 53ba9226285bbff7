"""`eigenplan clear_login_throttle`: lift a login lockout before its 15 minutes are over, e.g.
when the helpdesk has checked that it really is the person themselves."""

from django.core.management.base import BaseCommand, CommandError

from eigenplan.accounts import throttle
from eigenplan.accounts.models import LoginThrottle


class Command(BaseCommand):
    help = "Lift the login lockout of a username, a client address, or everyone."

    def add_arguments(self, parser):
        parser.add_argument("--username", help="the username as the person types it")
        parser.add_argument("--ip", help="the client address (IPv6: any address in the /64)")
        parser.add_argument(
            "--all", action="store_true", dest="everyone", help="every username and address"
        )

    def handle(self, *args, username=None, ip=None, everyone=False, **options):
        if everyone:
            deleted, _by_model = LoginThrottle.objects.all().delete()
        elif username or ip:
            keys = []
            if username:
                keys.append(throttle.username_key(username))
            if ip:
                keys.append(throttle.address_key(ip))
            deleted, _by_model = LoginThrottle.objects.filter(key__in=keys).delete()
        else:
            raise CommandError("Say whose lockout to lift: --username, --ip or --all.")
        self.stdout.write(f"Lifted {deleted} login counter(s).")
