"""E-mail backends for the tests: one whose server is down for the first N messages."""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class FlakyBackend(BaseEmailBackend):
    """Fails (as a refused connection would) for the first `failures` calls, then delivers to
    django.core.mail.outbox like the locmem backend."""

    failures = 1
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise ConnectionRefusedError("mail server down")
        if not hasattr(mail, "outbox"):
            mail.outbox = []
        mail.outbox.extend(messages)
        return len(messages)
