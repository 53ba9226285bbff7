"""Reads of the outbox."""

from django.db.models import QuerySet

from eigenplan.notifications.models import Message

OUTBOX_SIZE = 50


def outbox_messages() -> QuerySet[Message]:
    """The newest messages, for the demo outbox page (one query)."""
    return Message.objects.order_by("-created_at", "-id")[:OUTBOX_SIZE]
