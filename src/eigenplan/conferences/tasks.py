"""Background work of the conferences app, run by django-tasks (`eigenplan db_worker`)."""

from django_tasks import task

from eigenplan.conferences import services


@task()
def send_review_reminders() -> int:
    """Remind the family, the independent coordinator and the coordinator before a review
    date. Scheduled daily by `eigenplan reminders` from cron or a systemd timer."""
    return services.send_review_reminders()
