"""Malformed and hostile input on every conference form: a clear answer, never a server
error, and nothing already written is lost."""

import pytest

from eigenplan.conferences.models import Status
from tests.conferences.test_views import url
from tests.test_hostile_input import HOSTILE_STRINGS


@pytest.mark.parametrize("value", HOSTILE_STRINGS)
def test_conference_forms_take_any_input_without_a_server_error(scene, client, value):
    conference = scene.walk(Status.PRIVATE_TIME)
    goal = conference.draft_goals.first()
    action = goal.actions.first()
    fields = {
        "question": value,
        "coordinator": value,
        "meeting_at": value,
        "meeting_place": value,
        "language": value,
        "interpreter": value,
        "name": value,
        "relation": value,
        "circle_member_id": value,
        "text": value,
        "life_domain": value,
        "person_id": value,
        "description": value,
        "performer": value,
        "performer_name": value,
        "due_date": value,
        "status": value,
        "review_date": value,
        "note": value,
        "stap": value,
        "soort": value,
        "voorwaarde": value,
        "deelnemer": value,
        "actie": value,
    }
    pages = [
        (scene.resident, url("draft", conference)),
        (scene.resident, url("draft_goal", conference, goal.pk)),
        (scene.resident, url("draft_action", conference, action.pk)),
        (scene.resident, url("step", conference)),
        (scene.resident, url("approve", conference)),
        (scene.resident, url("review_date", conference)),
        (scene.coordinator, url("information", conference)),
        (scene.coordinator, url("assessment", conference)),
        (scene.coordinator, url("assign", conference)),
    ]
    for user, address in pages:
        client.force_login(user)
        response = client.post(address, fields)
        assert response.status_code < 500, (address, response.status_code)
    conference.refresh_from_db()
    assert conference.status == Status.PRIVATE_TIME
    assert conference.draft_goals.filter(pk=goal.pk).exists()
