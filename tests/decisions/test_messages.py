"""The mandate holder hears of a request that lies with them, also when it moved up to them, and
the resident hears of a new decision letter: an e-mail in the outbox that says what happened and
where to look, never which support or what the plan holds."""

import datetime

import pytest
from django.urls import reverse

from eigenplan.decisions import services
from eigenplan.notifications.models import Message
from tests.decisions.conftest import support

KIND = Message.Kind


@pytest.fixture(autouse=True)
def addresses(catalogue, world):
    """Everyone has an e-mail address, so that only the rules decide who gets a message."""
    for user in (
        catalogue.lead,
        catalogue.manager,
        world.resident,
        world.coordinator,
        world.circle_user,
        world.other_resident,
    ):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])


def texts(message: Message) -> str:
    return message.subject + "\n" + message.body


def assert_no_plan_content(message: Message, catalogue, *extra: str) -> None:
    for secret in (
        "Rust in mijn geldzaken",
        "Yassin",
        catalogue.begeleiding.plain_description,
        catalogue.jeugdhulp.plain_description,
        catalogue.world.household.address,
        *extra,
    ):
        assert secret not in texts(message), secret


def test_the_mandate_holder_gets_a_message_when_a_request_reaches_them(catalogue, world):
    youth = support(catalogue, catalogue.youth_help, catalogue.jeugdhulp)
    request = services.request_mandate_decision(
        actor=world.coordinator, item=youth, reasoning="Nodig voor school."
    )
    [message] = Message.objects.filter(kind=KIND.MANDATE_REQUEST)
    assert (message.recipient, message.address) == (catalogue.lead, catalogue.lead.email)
    assert message.household == world.household
    assert message.channel == Message.Channel.EMAIL
    assert reverse("decisions:request", args=[request.pk]) in message.body
    assert message.body.startswith("Hallo Ruud,")
    assert "uiterlijk" in message.body
    assert_no_plan_content(message, catalogue, "Nodig voor school.")

    # The deadline passes: the request moves up, and the manager hears of it.
    services.escalate_overdue(today=request.deadline + datetime.timedelta(days=1))
    moved = Message.objects.filter(kind=KIND.MANDATE_REQUEST, recipient=catalogue.manager)
    [message] = moved
    assert "doorgestuurd" in message.subject
    assert reverse("decisions:request", args=[request.pk]) in message.body
    assert_no_plan_content(message, catalogue, "Nodig voor school.")
    # Running the escalation again the same day moves nothing and sends nothing.
    services.escalate_overdue(today=request.deadline + datetime.timedelta(days=1))
    assert Message.objects.filter(kind=KIND.MANDATE_REQUEST).count() == 2


def test_a_grant_within_the_mandate_sends_no_request(catalogue, world):
    services.grant_within_mandate(actor=world.coordinator, item=support(catalogue))
    assert not Message.objects.filter(kind=KIND.MANDATE_REQUEST).exists()


def test_the_pen_holders_hear_of_a_new_letter(catalogue, world):
    services.grant_within_mandate(
        actor=world.coordinator, item=support(catalogue), reasons="Helpt met de post."
    )
    assert not Message.objects.filter(kind=KIND.DECISION_LETTER).exists()
    letter = services.issue_letter(actor=world.coordinator, household=world.household)

    [message] = Message.objects.filter(kind=KIND.DECISION_LETTER)
    assert (message.recipient, message.address) == (world.resident, world.resident.email)
    assert message.household == world.household
    assert reverse("decisions:letter", args=[world.household.pk, letter.pk]) in message.body
    assert "bezwaar" in message.body
    assert_no_plan_content(message, catalogue, "Helpt met de post.", letter.title)
    # Not to the coordinator, the circle or anyone of another household.
    assert not Message.objects.filter(
        kind=KIND.DECISION_LETTER,
        recipient__in=[world.coordinator, world.circle_user, world.other_resident],
    ).exists()
