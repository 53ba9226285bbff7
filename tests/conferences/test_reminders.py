"""Reminders before the review date: a week ahead, once, to the family, the independent
coordinator and the coordinator; on a frozen clock."""

import datetime
import zoneinfo
from io import StringIO

import time_machine
from django.core.management import call_command

from eigenplan.conferences import services
from eigenplan.conferences.models import Status
from eigenplan.notifications.models import Message
from eigenplan.privacy.models import AuditEvent

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
START = datetime.datetime(2027, 3, 1, 10, tzinfo=AMSTERDAM)


def _reminders():
    return Message.objects.filter(kind=Message.Kind.REVIEW_REMINDER)


def test_a_reminder_goes_out_a_week_before_the_review_date_and_never_twice(scene):
    with time_machine.travel(START, tick=False):
        conference = scene.walk(Status.FOLLOW_UP)  # the review date: 29 March
    assert conference.review_date == datetime.date(2027, 3, 29)

    with time_machine.travel(datetime.datetime(2027, 3, 21, 7, tzinfo=AMSTERDAM), tick=False):
        assert services.send_review_reminders() == 0  # 8 days ahead: not yet
    assert not _reminders().exists()

    with time_machine.travel(datetime.datetime(2027, 3, 22, 7, tzinfo=AMSTERDAM), tick=False):
        out = StringIO()
        call_command("reminders", stdout=out)
        assert "1 conference" in out.getvalue()
        addresses = sorted(_reminders().values_list("address", flat=True))
        assert addresses == ["fatima@example.org", "sanne@example.org", "wendy@example.org"]
        message = _reminders().get(address="fatima@example.org")
        assert "maandag 29 maart 2027" in message.body
        assert f"/conferentie/{conference.pk}/terugkijken/" in message.body
        # Nothing of the plan itself is in a message.
        assert "Huur betalen" not in message.body
        # Run again the same day and the next: nothing new.
        assert services.send_review_reminders() == 0
    with time_machine.travel(datetime.datetime(2027, 3, 25, 7, tzinfo=AMSTERDAM), tick=False):
        assert services.send_review_reminders() == 0
    assert _reminders().count() == 3
    assert AuditEvent.objects.filter(verb="remind", object_id=str(conference.pk)).count() == 1


def test_a_new_review_date_gets_its_own_reminder(scene):
    with time_machine.travel(START, tick=False):
        conference = scene.walk(Status.FOLLOW_UP)
    with time_machine.travel(datetime.datetime(2027, 3, 23, 7, tzinfo=AMSTERDAM), tick=False):
        assert services.send_review_reminders() == 1
        services.set_review_date(
            actor=scene.resident, conference=conference, review_date=datetime.date(2027, 4, 26)
        )
        assert services.send_review_reminders() == 0
    with time_machine.travel(datetime.datetime(2027, 4, 19, 7, tzinfo=AMSTERDAM), tick=False):
        assert services.send_review_reminders() == 1
    assert _reminders().count() == 6


def test_no_reminder_for_a_date_that_passed_or_a_conference_that_is_done(scene):
    with time_machine.travel(START, tick=False):
        conference = scene.walk(Status.FOLLOW_UP)
    with time_machine.travel(datetime.datetime(2027, 3, 30, 7, tzinfo=AMSTERDAM), tick=False):
        assert services.send_review_reminders() == 0
    with time_machine.travel(datetime.datetime(2027, 3, 24, 7, tzinfo=AMSTERDAM), tick=False):
        services.start_next_version(actor=scene.resident, conference=conference)
        assert services.send_review_reminders() == 0
    assert not _reminders().exists()
