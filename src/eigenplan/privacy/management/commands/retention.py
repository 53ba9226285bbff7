"""eigenplan retention [--dry-run] [--enqueue]: enforce the confirmed retention periods."""

from django.core.management.base import BaseCommand

from eigenplan.privacy.retention import ENFORCED, KINDS_BY_KEY
from eigenplan.privacy.tasks import enforce_retention


class Command(BaseCommand):
    help = (
        "Remove or anonymise data past its confirmed retention period (one audit event per "
        "kind, counts only). Unconfirmed periods are skipped. Run it daily from cron or a "
        "systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be removed; change nothing, write no audit event.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the run to the task worker (eigenplan db_worker) instead of running now.",
        )

    def handle(self, *args, dry_run=False, enqueue=False, **options):
        if enqueue:
            result = enforce_retention.enqueue(dry_run=dry_run)
            self.stdout.write(f"Retention queued as task {result.id}.")
            return
        report = enforce_retention.call(dry_run=dry_run)
        verb = "would be" if dry_run else "were"
        for key, outcome in report.items():
            kind = KINDS_BY_KEY[key]
            if outcome["status"] == ENFORCED:
                action = "deleted" if kind.action == "delete" else "anonymised"
                self.stdout.write(
                    f"{key}: {outcome['count']} {verb} {action} "
                    f"(period {outcome['period']}, before {outcome['removed_before']})"
                )
            else:
                self.stdout.write(
                    self.style.WARNING(
                        f"{key}: skipped, the period is not confirmed by an administrator "
                        "(/beheer/)"
                    )
                )
        self.stdout.write(
            "audit_trail: kept; the hash-chained audit trail is never removed by this command"
        )
