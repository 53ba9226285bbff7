"""eigenplan reminders [--enqueue]: remind everyone before a conference's review date."""

from django.core.management.base import BaseCommand

from eigenplan.conferences.tasks import send_review_reminders


class Command(BaseCommand):
    help = (
        "Queue a reminder in the outbox for every family group conference whose review date is "
        "at most EIGENPLAN_REVIEW_REMINDER_DAYS (7) days away. Never twice for the same date. "
        "Run it daily from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the run to the task worker (eigenplan db_worker) instead of running now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_review_reminders.enqueue()
            self.stdout.write(f"Review reminders queued as task {result.id}.")
            return
        count = send_review_reminders.call()
        self.stdout.write(f"Review reminders sent for {count} conference(s).")
