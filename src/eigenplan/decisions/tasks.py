"""Background work of the decisions app, run by django-tasks (`eigenplan db_worker`)."""

from django_tasks import task

from eigenplan.decisions import services


@task()
def escalate_overdue_requests() -> int:
    """Move mandate requests whose deadline passed one level up. Idempotent: scheduled daily
    by `eigenplan escalations` from cron or a systemd timer; running it twice moves nothing
    more."""
    return services.escalate_overdue()
