"""Reads of a household's data by anyone but the pen holder reach the resident's access log."""

from django.urls import reverse

from eigenplan.privacy.models import AuditEvent


def views_of(world):
    return AuditEvent.objects.filter(household_id=world.household.pk, verb="view")


def test_coordinator_reading_the_plan_page_and_api_is_logged_once(client, world):
    client.force_login(world.coordinator)
    overview = reverse("plans:overview", args=[world.household.pk])
    client.get(overview)
    client.get(overview)
    client.get(f"/api/v1/households/{world.household.pk}/plan/")
    events = list(views_of(world))
    assert len(events) == 1
    assert events[0].actor_name == "Sanne de Vries"


def test_the_resident_reading_their_own_plan_is_not_logged(client, world):
    client.force_login(world.resident)
    client.get(reverse("plans:overview", args=[world.household.pk]))
    assert not views_of(world).exists()


def test_the_resident_sees_who_looked(client, world):
    client.force_login(world.circle_user)
    client.get(reverse("plans:overview", args=[world.household.pk]))
    client.force_login(world.resident)
    page = client.get(reverse("plans:overview", args=[world.household.pk])).content.decode()
    log_url = reverse("privacy:access_log", args=[world.household.pk])
    assert log_url in page
    assert "Samira" in client.get(log_url).content.decode()
