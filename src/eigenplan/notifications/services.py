"""Putting messages in the outbox. Every message is a row first (Message) and goes out through a
background task (tasks.send_message) after the caller's transaction commits, so a message exists
exactly when the change that caused it does, and a failing mail server loses nothing."""

from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from eigenplan.notifications.models import SECRET_MARK, Message


def site_url(path: str) -> str:
    """An absolute link for a message: EIGENPLAN_SITE_URL plus the path."""
    return urljoin(settings.EIGENPLAN_SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def outbox_only() -> bool:
    """In demo mode messages are not sent but kept for the outbox page."""
    return bool(getattr(settings, "EIGENPLAN_OUTBOX_ONLY", False))


def queue_message(
    *,
    kind: str,
    channel: str,
    address: str,
    body: str,
    subject: str = "",
    secret: str = "",
    recipient=None,
    household=None,
    language: str = "nl",
) -> Message:
    """Keep a message and have it sent once the surrounding transaction commits. `body` may
    hold SECRET_MARK where the secret (a single-use link, a code) goes; the secret is wiped once
    the message is delivered. Never put a BSN or plan content in a message."""
    if secret and SECRET_MARK not in body:
        raise ValueError("the body has no place for the secret")
    message = Message.objects.create(
        kind=kind,
        channel=channel,
        address=address,
        subject=subject[:200],
        body=body,
        secret=secret,
        recipient=recipient,
        household=household,
        language=language,
        status=Message.Status.OUTBOX if outbox_only() else Message.Status.QUEUED,
    )
    if message.status == Message.Status.QUEUED:
        from eigenplan.notifications.tasks import send_message

        transaction.on_commit(lambda: send_message.enqueue(message.pk))
    return message


def email_each(*, users, kind: str, household, compose) -> int:
    """E-mail each active user with an address once, in Dutch: "Hallo <name>," and then what
    `compose(user)` gives as (subject, paragraphs). For messages about a household that say only
    what happened and where to look, never what the plan holds. Returns how many were queued."""
    seen: set[int] = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active or not user.email:
            continue  # they see it on their pages
        seen.add(user.pk)
        with translation.override("nl"):
            subject, paragraphs = compose(user)
            body = "\n\n".join([_("Hallo %(name)s,") % {"name": user}, *map(str, paragraphs)])
            subject = str(subject)
        queue_message(
            kind=kind,
            channel=Message.Channel.EMAIL,
            address=user.email,
            subject=subject,
            body=body,
            recipient=user,
            household=household,
            language="nl",
        )
    return len(seen)
