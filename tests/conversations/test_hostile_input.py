"""Malformed and hostile input thrown at every form of requests and conversations: never a
server error, and nothing already written is lost."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from eigenplan.conversations.models import Conversation, ReportNote, SupportRequest
from tests.conversations.conftest import conversation_scene
from tests.test_hostile_input import HOSTILE_STRINGS, HYPOTHESIS, form_data


@pytest.fixture
def scene(world):
    world.support_request, world.conversation = conversation_scene(world)
    return world


def assert_nothing_lost(world, *, report_saved=False):
    """The request and the resident's note stay; the report too, unless the coordinator's
    form was accepted (a draft may be rewritten)."""
    request = SupportRequest.objects.get(pk=world.support_request.pk)
    assert request.own_words == "Ik kan de trap niet meer op."
    conversation = Conversation.objects.get(pk=world.conversation.pk)
    if not report_saved:
        assert conversation.discussed == world.conversation.discussed
    world.conversation = conversation
    assert ReportNote.objects.filter(conversation=conversation, text="Dank je wel.").exists()


def forms(world, who):
    h = world.household.pk
    detail = reverse("conversations:detail", args=[h, world.conversation.pk])
    request = reverse("conversations:request_detail", args=[h, world.support_request.pk])
    if who == "resident":
        return {
            reverse("conversations:request_new", args=[h]): [
                "own_words",
                "laws",
                "kind",
                "threats",
                "received_on",
            ],
            reverse("conversations:prepare", args=[h]): [
                "going_well",
                "worries",
                "who_helps",
                "wishes",
                "revision",
                "next",
            ],
            request: ["do", "answer"],
            detail: ["do", "kind", "text", "revision"],
        }
    return {
        reverse("conversations:request_new", args=[h]): [
            "own_words",
            "laws",
            "kind",
            "received_on",
        ],
        request: ["do", "deadline", "outcome", "note", "event"],
        detail: ["do", "note", "text"],
        reverse("conversations:new", args=[h]): ["request"],
        reverse("conversations:record", args=[h, world.conversation.pk]): [
            "do",
            "held_on",
            "attendees",
            "discussed",
            "agreed",
            "revision",
        ],
    }


@HYPOTHESIS
@given(data=st.data(), who=st.sampled_from(["resident", "coordinator"]))
def test_forms_never_fail_and_lose_nothing(client, scene, data, who):
    client.force_login(getattr(scene, who))
    for url, fields in forms(scene, who).items():
        payload = data.draw(form_data(fields), label=url)
        response = client.post(url, payload)
        assert response.status_code < 500, (url, payload)
        assert_nothing_lost(
            scene, report_saved=url.endswith("/verslag/") and response.status_code == 302
        )


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_every_hostile_string_in_the_id_fields(client, scene, hostile):
    h = scene.household.pk
    client.force_login(scene.coordinator)
    detail = reverse("conversations:detail", args=[h, scene.conversation.pk])
    request = reverse("conversations:request_detail", args=[h, scene.support_request.pk])
    for url, data in [
        (detail, {"do": "respond", "note": hostile, "text": "Ja"}),
        (request, {"do": "close", "deadline": hostile, "outcome": "met"}),
        (request, {"do": "event", "event": hostile}),
        (reverse("conversations:new", args=[h]), {"request": hostile}),
    ]:
        assert client.post(url, data).status_code < 500, (url, data)
    client.force_login(scene.resident)
    assert client.post(detail, {"do": "read", "revision": hostile}).status_code < 500
    assert_nothing_lost(scene)
