"""A missed deadline moves the request one level up and shows on the team lead's dashboard.
The clock is frozen (time-machine) and moved on by hand."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from eigenplan.decisions import services
from eigenplan.decisions.models import Escalation, MandateRequest
from eigenplan.privacy.models import AuditEvent
from tests.decisions.conftest import support

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int = 9):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC), tick=False
    )


def test_a_missed_deadline_escalates_once_and_shows_first_on_the_dashboard(
    catalogue, world, client
):
    with at(datetime.date(2026, 3, 2)):  # a Monday
        on_time = services.request_mandate_decision(
            actor=world.coordinator,
            item=support(catalogue, catalogue.youth_help, catalogue.jeugdhulp),
            reasoning="Nodig voor school.",
        )
    with at(datetime.date(2026, 3, 4)):
        later = services.request_mandate_decision(
            actor=world.coordinator,
            item=support(
                catalogue,
                catalogue.youth_help,
                catalogue.jeugdhulp,
                volume=1,
                description="Extra gesprekken in de vakantie.",
            ),
            reasoning="Ook nodig.",
        )
    assert on_time.deadline == datetime.date(2026, 3, 9)
    assert later.deadline == datetime.date(2026, 3, 11)

    with at(datetime.date(2026, 3, 9), hour=15):  # the last day: not missed yet
        call_command("escalations")
    assert not Escalation.objects.exists()

    with at(datetime.date(2026, 3, 10)):
        call_command("escalations")
        call_command("escalations")  # twice the same day: nothing more happens
        on_time.refresh_from_db()
        assert on_time.mandate == catalogue.manager_mandate
        assert on_time.escalations == 1
        assert on_time.deadline == datetime.date(2026, 3, 17)
        step = Escalation.objects.get()
        assert (step.from_mandate, step.to_mandate) == (
            catalogue.lead_mandate,
            catalogue.manager_mandate,
        )
        assert step.missed_deadline == datetime.date(2026, 3, 9)
        assert AuditEvent.objects.filter(verb="escalate_mandate_request").count() == 1
        later.refresh_from_db()
        assert later.escalations == 0

        client.force_login(catalogue.lead)
        page = client.get(reverse("decisions:dashboard")).content.decode()
        # The escalated one comes first, marked as such, and now lies with the manager.
        first, second = on_time.support_item.description[:40], "Extra gesprekken in de vakantie."
        assert page.index(first) < page.index("1 keer doorgezet") < page.index(second)
        assert "Mira Manager" in page

        # The manager holds it now: they may decide, the lead no longer.
        client.force_login(catalogue.manager)
        detail = client.get(reverse("decisions:request", args=[on_time.pk]))
        assert "Uw besluit" in detail.content.decode()
        client.force_login(catalogue.lead)
        refused = client.post(
            reverse("decisions:request", args=[on_time.pk]),
            {"outcome": "granted", "reasons": "Te laat, toch doen."},
        )
        assert refused.status_code == 403

    with at(datetime.date(2026, 3, 18)):
        # The top of the chain: nowhere higher to go; it stays, overdue, on the dashboard.
        assert services.escalate_overdue() == 1  # `later` moves to the manager
        assert services.escalate_overdue() == 0
        on_time.refresh_from_db()
        assert on_time.is_overdue() and on_time.escalations == 1
        client.force_login(catalogue.lead)
        page = client.get(reverse("decisions:dashboard")).content.decode()
        assert page.count("Te laat") >= 1


def test_the_task_runs_the_same_escalation(catalogue, world):
    from eigenplan.decisions.tasks import escalate_overdue_requests

    with at(datetime.date(2026, 3, 2)):
        services.request_mandate_decision(
            actor=world.coordinator,
            item=support(catalogue, catalogue.youth_help, catalogue.jeugdhulp),
            reasoning="Nodig.",
        )
    with at(datetime.date(2026, 3, 12)):
        assert escalate_overdue_requests.call() == 1
        assert escalate_overdue_requests.call() == 0
    assert MandateRequest.objects.get().mandate == catalogue.manager_mandate
