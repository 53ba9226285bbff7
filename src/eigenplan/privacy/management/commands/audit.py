"""`eigenplan audit verify`: check that the audit trail is whole and unchanged."""

from django.core.management.base import BaseCommand, CommandError

from eigenplan.privacy.audit import verify_trail


class Command(BaseCommand):
    help = (
        "Work with the audit trail. 'verify' checks the hash chain of every audit event, oldest "
        "first, and prints 'OK, N events' (exit code 0), or the first broken link: which event, "
        "and whether it was edited, deleted (missing) or moved (reordered) (exit code 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("subcommand", choices=["verify"], help="what to do: verify")
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=5000,
            help="events read per round trip while verifying (default: 5000)",
        )

    def handle(self, *args, subcommand, chunk_size, **options):
        if subcommand == "verify":
            self.verify(chunk_size)

    def verify(self, chunk_size: int) -> None:
        verdict = verify_trail(chunk_size=max(1, chunk_size))
        if verdict.ok:
            self.stdout.write(f"OK, {verdict.events} events")
            return
        broken = verdict.broken
        raise CommandError(
            f"The audit trail is broken at event {broken.sequence}: {broken.kind} "
            f"({broken.explanation}). The {verdict.events} events before it are in order.",
            returncode=1,
        )
