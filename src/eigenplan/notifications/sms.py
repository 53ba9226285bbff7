"""Text messages (SMS) through a small pluggable backend, chosen by EIGENPLAN_SMS_BACKEND.

A municipality plugs in its own provider with a class that has `send(to, text)` and raises an
exception when the message did not go out (the outbox then tries again later). eigenplan ships
two: `LoggingBackend` (the default: writes one log line without the text or the whole number, so
no link or code ever reaches a log) and `LocmemBackend` for tests."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("eigenplan.notifications")

DEFAULT_BACKEND = "eigenplan.notifications.sms.LoggingBackend"


def mask_phone(number: str) -> str:
    digits = [c for c in number if c.isdigit()]
    return "…" + "".join(digits[-2:]) if digits else "…"


class LoggingBackend:
    """Sends nothing: logs that a text message would have gone out."""

    def send(self, to: str, text: str) -> None:
        logger.info(
            "SMS to %s (%d characters) handed to the logging backend", mask_phone(to), len(text)
        )


# What LocmemBackend "sent", like django.core.mail.outbox.
outbox: list[tuple[str, str]] = []


class LocmemBackend:
    def send(self, to: str, text: str) -> None:
        outbox.append((to, text))


def get_backend():
    path = getattr(settings, "EIGENPLAN_SMS_BACKEND", "") or DEFAULT_BACKEND
    return import_string(path)()
