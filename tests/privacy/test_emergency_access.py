"""Emergency access: a written reason, read-only, logged, shown to the resident and the
coordinator, and over when its time is up."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from eigenplan.households.access import forget_standing
from eigenplan.privacy.emergency import grant_emergency_access
from eigenplan.privacy.models import AuditEvent, EmergencyAccess

REASON = "Melding van de politie: mogelijk gevaar voor de kinderen, vannacht."


def overview(world):
    return reverse("plans:overview", args=[world.household.pk])


def test_emergency_access_opens_the_file_read_only_and_is_logged(client, world):
    outsider = world.other_coordinator
    client.force_login(outsider)
    assert client.get(overview(world)).status_code == 404
    response = client.post(
        reverse("emergency_access"),
        {"household": world.household.pk, "reason": REASON, "hours": 4},
    )
    assert response.status_code == 302
    page = client.get(overview(world)).content.decode()
    assert "U leest dit plan met noodtoegang" in page
    assert (
        client.get(reverse("plans:start", args=[world.household.pk, "doelen"])).status_code == 403
    )
    new_proposal = reverse("plans:proposal_new", args=[world.household.pk, "add_goal"])
    assert client.get(new_proposal).status_code == 403
    event = AuditEvent.objects.get(household_id=world.household.pk, verb="emergency_access")
    assert event.detail["reason"] == REASON


def test_the_resident_and_the_coordinator_are_shown_who_has_access_and_why(client, world):
    grant_emergency_access(actor=world.other_coordinator, household=world.household, reason=REASON)
    for user in (world.resident, world.coordinator):
        client.force_login(user)
        page = client.get(overview(world)).content.decode()
        assert "heeft noodtoegang tot dit plan" in page
        assert REASON in page
    client.force_login(world.resident)
    log = client.get(reverse("privacy:access_log", args=[world.household.pk])).content.decode()
    assert REASON in log


def test_emergency_access_expires(client, world):
    access = grant_emergency_access(
        actor=world.other_coordinator, household=world.household, reason=REASON, hours=1
    )
    EmergencyAccess.objects.filter(pk=access.pk).delete()  # rebuild it as already expired
    EmergencyAccess.objects.create(
        household=world.household,
        user=world.other_coordinator,
        reason=REASON,
        granted_at=timezone.now() - datetime.timedelta(hours=2),
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    forget_standing(world.other_coordinator)
    client.force_login(world.other_coordinator)
    assert client.get(overview(world)).status_code == 404


@pytest.mark.parametrize("who", ["resident", "circle_user", "stranger"])
def test_only_professionals_ask_for_emergency_access(world, who):
    with pytest.raises(PermissionDenied):
        grant_emergency_access(
            actor=getattr(world, who), household=world.other_household, reason=REASON
        )


def test_a_reason_is_required_and_the_typed_text_stays(client, world):
    client.force_login(world.other_coordinator)
    response = client.post(
        reverse("emergency_access"),
        {"household": world.household.pk, "reason": "Nodig", "hours": 24},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Schrijf precies op waarom" in page and "Nodig" in page
    assert not EmergencyAccess.objects.exists()
    with pytest.raises(ValidationError):
        grant_emergency_access(
            actor=world.other_coordinator, household=world.household, reason=REASON, hours=1000
        )
