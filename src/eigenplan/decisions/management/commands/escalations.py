"""eigenplan escalations [--enqueue]: move overdue mandate requests one level up."""

from django.core.management.base import BaseCommand

from eigenplan.decisions.tasks import escalate_overdue_requests


class Command(BaseCommand):
    help = (
        "Move every open mandate request whose deadline has passed to the next mandate holder, "
        "with a new deadline. Idempotent; run it daily from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the run to the task worker (eigenplan db_worker) instead of running now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = escalate_overdue_requests.enqueue()
            self.stdout.write(f"Escalations queued as task {result.id}.")
            return
        moved = escalate_overdue_requests.call()
        self.stdout.write(f"{moved} mandate request(s) moved one level up.")
