"""Requests and conversations on the coordinator's caseload and in the household file."""

from django.urls import reverse

from eigenplan.households.attention import attention_for
from tests.conversations.conftest import conversation_scene


def test_open_legal_clocks_show_on_the_caseload_with_the_first_due_date(client, world):
    request, _conversation = conversation_scene(world)
    first_due = min(d.due_on for d in request.deadlines.all())
    items = {item.kind: item for item in attention_for([world.household.pk])[world.household.pk]}
    assert items["deadlines"].due == first_due
    assert items["deadlines"].count == request.deadlines.count()
    client.force_login(world.coordinator)
    page = client.get(reverse("plans:caseload")).content.decode()
    assert "Wettelijke termijnen lopen" in page


def test_the_household_file_lists_requests_and_conversations(client, world):
    request, conversation = conversation_scene(world)
    client.force_login(world.coordinator)
    page = client.get(reverse("households:file", args=[world.household.pk])).content.decode()
    assert "Ik kan de trap niet meer op." in page
    assert reverse("conversations:request_detail", args=[world.household.pk, request.pk]) in page
    assert reverse("conversations:detail", args=[world.household.pk, conversation.pk]) in page


def test_nothing_of_another_household_shows(client, world):
    conversation_scene(world)
    assert attention_for([world.other_household.pk])[world.other_household.pk] == []
