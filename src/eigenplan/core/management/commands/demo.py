"""`eigenplan demo`: what `make demo` runs. Migrate, load the demo municipality, show the demo
accounts, then serve on http://127.0.0.1:8000 (unless --no-serve)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from eigenplan.core.demo_data import DEMO_ACCOUNTS, DEMO_PASSWORD


def accounts_table() -> list[str]:
    rows = [("username", "name", "role")]
    rows += [(a.username, a.display_name, a.role_label) for a in DEMO_ACCOUNTS]
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    return [f"  {u:<{widths[0]}}  {n:<{widths[1]}}  {r}" for u, n, r in rows]


class Command(BaseCommand):
    help = (
        "Start the demo: migrate, load 'Gemeente Voorbeeld', print the demo accounts and serve "
        "it. Demo mode only (EIGENPLAN_DEMO=1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="prepare, but do not serve")
        parser.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
        parser.add_argument("--port", type=int, default=8000, help="default: 8000")
        parser.add_argument("--workers", type=int, default=None, help="see 'eigenplan serve'")

    def handle(self, *args, no_serve=False, host="127.0.0.1", port=8000, workers=None, **opts):
        if not settings.DEMO_MODE:
            raise CommandError("The demo runs only in demo mode: EIGENPLAN_DEMO=1 eigenplan demo")
        self.stdout.write("Preparing the database...")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("loaddemo", stdout=self.stdout, stderr=self.stderr)
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (every password: {DEMO_PASSWORD}):")
        for line in accounts_table():
            self.stdout.write(line)
        self.stdout.write("")
        url = f"http://{host}:{port}/"
        if no_serve:
            self.stdout.write(f"Ready. Serve it with 'eigenplan serve', then open {url}")
            return
        self.stdout.write(f"Open {url} and choose a demo account on the login page.")
        call_command("serve", host=host, port=port, workers=workers)
