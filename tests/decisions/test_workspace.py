"""Mandate requests on the coordinator's caseload, decisions in the household file."""

from django.urls import reverse

from eigenplan.households.attention import attention_for
from tests.decisions.conftest import DecisionsScene
from tests.factories import CoordinatorFactory


def test_a_waiting_mandate_request_shows_on_the_caseload_with_its_deadline(client, world):
    scene = DecisionsScene(world, CoordinatorFactory(username="lead", role="team_lead"))
    items = {item.kind: item for item in attention_for([world.household.pk])[world.household.pk]}
    assert items["mandate_requests"].due == scene.request.deadline
    assert items["mandate_requests"].count == 1
    client.force_login(world.coordinator)
    page = client.get(reverse("plans:caseload")).content.decode()
    assert "Ondersteuning wacht op een besluit" in page


def test_the_household_file_lists_the_decisions(client, world):
    DecisionsScene(world, CoordinatorFactory(username="lead", role="team_lead"))
    client.force_login(world.coordinator)
    page = client.get(reverse("households:file", args=[world.household.pk])).content.decode()
    assert "Toegekend: Hulp thuis." in page
