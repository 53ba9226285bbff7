"""Emergency access tells the pen holders and the coordinator, by a message queued in the same
transaction: who asked, when, until when, the reason in short, and a link."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from eigenplan.notifications.models import Message
from eigenplan.privacy.emergency import grant_emergency_access
from tests.factories import PersonFactory, RepresentativeFactory, UserFactory

pytestmark = pytest.mark.django_db

REASON = "Melding van de politie: mogelijk gevaar voor de kinderen, vannacht. BSN 111222333."


@pytest.fixture
def addresses(world):
    world.resident.email = "fatima@example.org"
    world.resident.save()
    world.coordinator.email = "sanne@example.org"
    world.coordinator.save()
    return world


def test_pen_holders_and_coordinator_get_a_message(addresses, settings):
    world = addresses
    child_user = UserFactory(username="kind", email="kind@example.org")
    PersonFactory(household=world.household, user=child_user, date_of_birth="2015-01-01")
    mentor = UserFactory(username="mentor", email="mentor@example.org")
    RepresentativeFactory(household=world.household, user=mentor)
    access = grant_emergency_access(
        actor=world.other_coordinator, household=world.household, reason=REASON, hours=4
    )
    messages = {m.address: m for m in Message.objects.filter(kind=Message.Kind.EMERGENCY_ACCESS)}
    # The adult resident, the representative and the coordinator; not the child, not Samira.
    assert set(messages) == {"fatima@example.org", "mentor@example.org", "sanne@example.org"}
    resident = messages["fatima@example.org"]
    text = resident.full_text()
    assert str(world.other_coordinator) in text
    assert "Waarom: Melding van de politie" in text
    assert "111222333" not in text
    assert f"/huishoudens/{world.household.pk}/plan/wie-keek-er/" in text
    assert resident.household == world.household
    assert resident.recipient == world.resident
    coordinator = messages["sanne@example.org"].full_text()
    assert f"/huishoudens/{world.household.pk}/plan/" in coordinator
    assert timezone.localtime(access.expires_at).strftime("%H:%M") in text
    # Nothing from the plan.
    assert world.plan.dream not in text


def test_messages_are_queued_on_commit_with_the_access(
    addresses, settings, django_capture_on_commit_callbacks
):
    settings.EIGENPLAN_OUTBOX_ONLY = False
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        grant_emergency_access(
            actor=addresses.other_coordinator,
            household=addresses.household,
            reason=REASON,
            hours=4,
        )
    assert Message.objects.filter(status=Message.Status.QUEUED).count() == 2
    assert len(callbacks) == 2  # one send task per message, after commit


def test_a_refused_request_queues_nothing(addresses):
    with pytest.raises(ValidationError), transaction.atomic():
        grant_emergency_access(
            actor=addresses.other_coordinator,
            household=addresses.household,
            reason="kort",
            hours=4,
        )
    assert not Message.objects.exists()
