"""The outbox: a message is kept first and sent by a background task, with retries, and a
failing mail server loses nothing."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from eigenplan.notifications import sms
from eigenplan.notifications.models import SECRET_MARK, Message
from eigenplan.notifications.services import queue_message
from eigenplan.notifications.tasks import deliver, pause_after, requeue_waiting
from tests.accounts.clock import Clock
from tests.notifications.backends import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def sending(settings):
    """Messages really go out (not only to the demo outbox), through the database queue."""
    settings.EIGENPLAN_OUTBOX_ONLY = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.EIGENPLAN_SMS_BACKEND = "eigenplan.notifications.sms.LocmemBackend"
    sms.outbox.clear()
    FlakyBackend.calls = 0
    return settings


def _queue(**overrides):
    fields = {
        "kind": Message.Kind.INVITATION,
        "channel": Message.Channel.EMAIL,
        "address": "samira@example.org",
        "subject": "Fatima nodigt u uit",
        "body": f"Open deze link:\n{SECRET_MARK}",
        "secret": "https://eigenplan.example/uitnodiging/?sleutel=abc",
    }
    return queue_message(**(fields | overrides))


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    # The worker closes "old" connections between tasks; inside a test's transaction Django
    # counts the test's own connection as one (autocommit is off) and PostgreSQL loses it.
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    """The real worker, in batch mode: runs every task that is due, then stops."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_a_message_is_queued_on_commit_and_sent_by_the_worker(
    sending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue()
    assert DBTaskResult.objects.count() == 1
    run_worker()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["samira@example.org"]
    assert "https://eigenplan.example/uitnodiging/?sleutel=abc" in mail.outbox[0].body
    # The link is not kept once it went out.
    assert message.secret == ""
    assert "sleutel=abc" not in message.full_text()


def test_nothing_is_sent_when_the_transaction_rolls_back(
    sending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _queue()
    # The callbacks never run: no task for a message whose change did not happen.
    assert DBTaskResult.objects.count() == 0
    assert len(callbacks) == 1


def test_a_failing_mail_server_is_retried_and_the_message_delivered_once(
    sending, monkeypatch, django_capture_on_commit_callbacks
):
    sending.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.failures = 1
    clock = Clock.install(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue()
    run_worker()
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    assert message.attempts == 1
    assert message.last_error == "ConnectionRefusedError"
    assert message.next_attempt_at == clock.now + pause_after(1)
    assert message.secret  # still needed for the next attempt
    assert not getattr(mail, "outbox", [])
    # The retry waits for its time.
    retry = DBTaskResult.objects.exclude(status="SUCCESSFUL").get()
    assert retry.run_after == clock.now + pause_after(1)
    run_worker()
    assert not getattr(mail, "outbox", [])

    clock.advance(minutes=2)
    run_worker()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 2
    assert message.last_error == ""
    assert len(mail.outbox) == 1
    # Another run, or a duplicate task, sends nothing twice.
    assert deliver(message.pk) == "skipped"
    run_worker()
    assert len(mail.outbox) == 1


def test_the_error_kept_holds_no_address_or_text(sending, django_capture_on_commit_callbacks):
    sending.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.failures = 1
    message = _queue()
    assert deliver(message.pk) == "retry"
    message.refresh_from_db()
    assert "samira" not in message.last_error
    assert "down" not in message.last_error


def test_after_the_last_attempt_the_message_is_marked_failed(sending):
    sending.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    sending.EIGENPLAN_MESSAGE_MAX_ATTEMPTS = 3
    FlakyBackend.failures = 99
    message = _queue()
    results = []
    for _attempt in range(3):
        results.append(deliver(message.pk))
        Message.objects.filter(pk=message.pk, status=Message.Status.QUEUED).update(
            next_attempt_at=None
        )
    assert results == ["retry", "retry", "failed"]
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.attempts == 3
    assert deliver(message.pk) == "skipped"


def test_pauses_grow_and_stop_growing():
    pauses = [pause_after(n) for n in range(1, 9)]
    assert pauses[0] == datetime.timedelta(minutes=1)
    assert pauses == sorted(pauses)
    assert max(pauses) == datetime.timedelta(hours=6)


def test_sms_goes_through_the_configured_backend(sending):
    message = _queue(channel=Message.Channel.SMS, address="0612345678", subject="", secret="123456")
    assert deliver(message.pk) == "sent"
    assert sms.outbox == [("0612345678", "Open deze link:\n123456")]


def test_the_logging_sms_backend_logs_no_text_and_no_whole_number(caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="eigenplan.notifications"):
        sms.LoggingBackend().send("0612345678", "Uw code: 987654")
    assert "987654" not in caplog.text
    assert "0612345678" not in caplog.text
    assert "78" in caplog.text


def test_in_demo_mode_messages_stay_in_the_outbox(settings, django_capture_on_commit_callbacks):
    settings.EIGENPLAN_OUTBOX_ONLY = True
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue()
    assert message.status == Message.Status.OUTBOX
    assert DBTaskResult.objects.count() == 0
    assert "sleutel=abc" in message.full_text()


def test_a_message_left_behind_is_enqueued_again(sending, monkeypatch):
    clock = Clock.install(monkeypatch)
    message = _queue()  # its task was lost (no on-commit run here)
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENDING)
    assert requeue_waiting() == 0
    clock.advance(minutes=20)
    assert requeue_waiting() == 1
    run_worker()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_a_secret_needs_its_place_in_the_body(sending):
    with pytest.raises(ValueError):
        _queue(body="Geen plek voor de link")
