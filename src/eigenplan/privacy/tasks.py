"""Background work of the privacy app, run by django-tasks (`eigenplan db_worker`)."""

from django_tasks import task

from eigenplan.privacy import retention


@task()
def enforce_retention(dry_run: bool = False) -> dict:
    """Remove or anonymise what has passed its confirmed retention period; one audit event per
    kind, with counts only. Scheduled by `eigenplan retention` from cron or a systemd timer
    (see README), which runs it at once or, with --enqueue, hands it to the worker."""
    return retention.enforce(dry_run=dry_run)
