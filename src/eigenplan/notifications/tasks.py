"""Sending a queued message, with retries and backoff.

django-tasks has no retries of its own, so the task keeps score on the Message: a failed attempt
counts, keeps only the kind of error (no addresses, no text), and the task is enqueued again to
run after a growing pause (1, 4, 16, 64 minutes, ... at most 6 hours). After
EIGENPLAN_MESSAGE_MAX_ATTEMPTS the message is marked failed. A message is claimed before it is
sent (queued -> sending), so two workers never send it twice; `eigenplan requeue_messages`
picks up what a crashed worker left behind."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from eigenplan.notifications import sms
from eigenplan.notifications.models import Message

logger = logging.getLogger("eigenplan.notifications")

FIRST_PAUSE = datetime.timedelta(minutes=1)
LONGEST_PAUSE = datetime.timedelta(hours=6)


def pause_after(attempts: int) -> datetime.timedelta:
    return min(FIRST_PAUSE * (4 ** max(attempts - 1, 0)), LONGEST_PAUSE)


def max_attempts() -> int:
    return int(getattr(settings, "EIGENPLAN_MESSAGE_MAX_ATTEMPTS", 8))


def _send(message: Message) -> None:
    text = message.full_text()
    if message.channel == Message.Channel.EMAIL:
        EmailMessage(subject=message.subject, body=text, to=[message.address]).send(
            fail_silently=False
        )
    else:
        sms.get_backend().send(message.address, text)


def deliver(message_id: int) -> str:
    """One attempt to send the message. Returns what happened: sent, retry, failed, skipped."""
    claimed = Message.objects.filter(pk=message_id, status=Message.Status.QUEUED).update(
        status=Message.Status.SENDING, updated_at=timezone.now()
    )
    if not claimed:
        return "skipped"  # sent already, given up on, or another worker has it
    message = Message.objects.get(pk=message_id)
    now = timezone.now()
    try:
        _send(message)
    except Exception as error:  # any failure of the mail server or provider
        attempts = message.attempts + 1
        gave_up = attempts >= max_attempts()
        next_at = None if gave_up else now + pause_after(attempts)
        with transaction.atomic():
            Message.objects.filter(pk=message.pk).update(
                status=Message.Status.FAILED if gave_up else Message.Status.QUEUED,
                attempts=attempts,
                last_error=type(error).__name__[:200],
                next_attempt_at=next_at,
                updated_at=now,
            )
            if not gave_up:
                # The queue lives in the same database: the retry and the new state are written
                # together, or neither is.
                send_message.using(run_after=next_at).enqueue(message.pk)
        logger.warning(
            "Message %s (%s) not sent, attempt %d: %s",
            message.pk,
            message.kind,
            attempts,
            type(error).__name__,
        )
        return "failed" if gave_up else "retry"
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENT,
        attempts=message.attempts + 1,
        sent_at=now,
        next_attempt_at=None,
        last_error="",
        # The link or code is not kept once the message went out (an empty value, no password).
        secret="",  # nosec B106
        updated_at=now,
    )
    return "sent"


@task()
def send_message(message_id: int) -> str:
    return deliver(message_id)


def requeue_waiting(*, stale_after: datetime.timedelta = datetime.timedelta(minutes=15)) -> int:
    """Enqueue again every message that waits longer than it should: queued and overdue, or
    stuck in "sending" (a worker stopped halfway). A task too many does no harm: a message is
    claimed before it is sent. Returns how many."""
    now = timezone.now()
    cutoff = now - stale_after
    stuck = Q(status=Message.Status.SENDING, updated_at__lt=cutoff)
    overdue = Q(status=Message.Status.QUEUED) & (
        Q(next_attempt_at__isnull=True, updated_at__lt=cutoff) | Q(next_attempt_at__lt=cutoff)
    )
    pks = list(Message.objects.filter(stuck | overdue).values_list("pk", flat=True))
    Message.objects.filter(pk__in=pks, status=Message.Status.SENDING).update(
        status=Message.Status.QUEUED, updated_at=now
    )
    for pk in pks:
        send_message.enqueue(pk)
    return len(pks)
