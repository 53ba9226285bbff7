"""`eigenplan loaddemo [--reset]`: load the demo municipality "Gemeente Voorbeeld"."""

from django.core.management.base import BaseCommand, CommandError

from eigenplan.core.demo_data import DEMO_PASSWORD, DemoDataError, load_demo

LABELS = {
    "neighbourhoods": "neighbourhoods",
    "households": "households",
    "persons": "persons",
    "users": "demo users",
    "circle_members": "circle members",
    "plans": "plans",
    "goals": "goals",
    "actions": "actions",
    "proposals": "proposals",
    "versions": "plan versions",
    "audit_events": "audit events",
}


class Command(BaseCommand):
    help = (
        "Load the demo municipality 'Gemeente Voorbeeld' with its demo accounts. Does nothing "
        "when the demo is loaded already, unless --reset. Demo mode only (EIGENPLAN_DEMO=1)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo households, neighbourhoods and users first, then load again.",
        )

    def handle(self, *args, reset=False, **options):
        try:
            counts = load_demo(reset=reset)
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        created = counts.pop("created")
        summary = ", ".join(f"{counts[key]} {label}" for key, label in LABELS.items())
        if created:
            self.stdout.write(self.style.SUCCESS(f"Loaded the demo municipality: {summary}."))
            self.stdout.write(f"Every demo account has the password: {DEMO_PASSWORD}")
        else:
            self.stdout.write(
                f"The demo is loaded already; nothing changed ({summary}). "
                "Use --reset to load it again from scratch."
            )
