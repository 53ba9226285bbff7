"""What the resident downloads of their requests and conversations: everything of this
household, nothing of another, in a fixed number of queries."""

import json

from eigenplan.conversations import services
from eigenplan.conversations.export import export_conversations
from tests.conversations.conftest import conversation_scene


def test_the_export_holds_requests_clocks_conversations_and_notes(world, django_assert_num_queries):
    request, conversation = conversation_scene(world)
    services.record_request(
        actor=world.other_coordinator,
        household=world.other_household,
        kind="melding",
        laws=["wmo"],
        own_words="Een vraag van een ander huishouden.",
    )
    with django_assert_num_queries(4):
        data = export_conversations(world.household)
    json.dumps(data)  # JSON-ready
    [exported] = data["requests"]
    assert exported["own_words"] == "Ik kan de trap niet meer op."
    assert {d["name"] for d in exported["deadlines"]} == {
        "Onderzoek naar uw situatie",
        "Uw eigen plan (persoonlijk plan) geven",
    }
    [talk] = data["conversations"]
    assert talk["preparation"]["worries"] == "De trap."
    assert talk["report"]["discussed"] == "We spraken over de trap."
    assert [n["text"] for n in talk["notes"]] == ["Dank je wel."]
    assert "Een vraag van een ander huishouden." not in json.dumps(data)
