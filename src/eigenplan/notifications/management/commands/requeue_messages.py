from django.core.management.base import BaseCommand

from eigenplan.notifications.tasks import requeue_waiting


class Command(BaseCommand):
    help = (
        "Enqueue again the messages that wait longer than they should (a worker stopped "
        "halfway, or a task was lost). Safe to run at any time, e.g. hourly from cron."
    )

    def handle(self, *args, **options):
        count = requeue_waiting()
        self.stdout.write(f"{count} message(s) enqueued again.")
