"""Objects of another household are out of reach through this household's URLs, whatever the
id, and out of reach as references in a body too."""

import pytest

from eigenplan.plans.models import Action, Goal, Proposal


def other_ids(scene) -> dict:
    return {
        "member": scene.other_member.pk,
        "goal": scene.other_goal.pk,
        "action": scene.other_action.pk,
        "proposal": scene.other_proposal.pk,
    }


REQUESTS = [
    ("get", "circle/{member}/", None),
    ("patch", "circle/{member}/", {"name": "Overgenomen", "revision": 1}),
    ("put", "circle/{member}/", {"name": "Overgenomen", "relation": "friend", "revision": 1}),
    ("delete", "circle/{member}/", None),
    ("get", "plan/goals/{goal}/", None),
    ("patch", "plan/goals/{goal}/", {"text": "Overgenomen", "revision": 1}),
    ("put", "plan/goals/{goal}/", {"text": "Overgenomen", "life_domain": "money", "revision": 1}),
    ("delete", "plan/goals/{goal}/", None),
    ("post", "plan/goals/{goal}/actions/", {"description": "Erbij", "performer": "resident"}),
    ("get", "plan/actions/{action}/", None),
    ("patch", "plan/actions/{action}/", {"description": "Overgenomen", "revision": 1}),
    (
        "put",
        "plan/actions/{action}/",
        {"description": "Overgenomen", "performer": "resident", "revision": 1},
    ),
    ("delete", "plan/actions/{action}/", None),
    ("post", "plan/proposals/{proposal}/accept/", {}),
    ("post", "plan/proposals/{proposal}/decline/", {}),
]


@pytest.mark.parametrize(("method", "path", "body"), REQUESTS)
def test_another_households_object_is_not_found_through_this_household(
    scene, client_for, method, path, body
):
    client = client_for(scene.world.resident)
    url = scene.base + path.format(**other_ids(scene))
    response = getattr(client, method)(url, body, format="json")
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Niet gevonden."}
    scene.other_goal.refresh_from_db()
    scene.other_action.refresh_from_db()
    scene.other_member.refresh_from_db()
    scene.other_proposal.refresh_from_db()
    assert scene.other_goal.text != "Overgenomen"
    assert scene.other_action.description != "Overgenomen"
    assert scene.other_member.name != "Overgenomen"
    assert scene.other_member.is_active
    assert scene.other_proposal.is_open
    assert scene.other_goal.actions.count() == 1


def test_the_other_resident_cannot_reach_this_household_with_its_own_ids(scene, client_for):
    client = client_for(scene.world.other_resident)
    for path in ["", "plan/", "plan/goals/", f"plan/goals/{scene.housing_goal.pk}/"]:
        assert client.get(scene.base + path).status_code == 404
    response = client.patch(
        f"{scene.base}plan/goals/{scene.housing_goal.pk}/",
        {"text": "Overgenomen", "revision": scene.housing_goal.revision},
        format="json",
    )
    assert response.status_code == 404
    assert not Goal.objects.filter(text="Overgenomen").exists()


def test_a_proposal_cannot_point_at_another_households_goal_or_action(scene, client_for):
    client = client_for(scene.world.coordinator)
    url = f"{scene.base}plan/proposals/"
    goal_answer = client.post(
        url,
        {
            "kind": "add_action",
            "goal": scene.other_goal.pk,
            "payload": {"description": "Erbij", "performer": "resident"},
        },
        format="json",
    )
    action_answer = client.post(
        url,
        {
            "kind": "change_action",
            "action": scene.other_action.pk,
            "payload": {"description": "Anders", "performer": "resident"},
        },
        format="json",
    )
    assert goal_answer.status_code == action_answer.status_code == 400
    assert goal_answer.json() == {"errors": {"goal": ["Kies een doel uit dit plan."]}}
    assert action_answer.json() == {"errors": {"action": ["Kies een actie uit dit plan."]}}
    assert Proposal.objects.filter(plan=scene.plan).count() == 1


def test_a_goal_or_action_cannot_name_someone_from_another_household(scene, client_for):
    client = client_for(scene.world.resident)
    other_person = scene.world.other_household.persons.get()
    goal_answer = client.post(
        f"{scene.base}plan/goals/",
        {"text": "Samen", "life_domain": "social", "person_id": other_person.pk},
        format="json",
    )
    action_answer = client.post(
        f"{scene.base}plan/goals/{scene.housing_goal.pk}/actions/",
        {
            "description": "Helpen",
            "performer": "circle_member",
            "circle_member_id": scene.other_member.pk,
        },
        format="json",
    )
    assert goal_answer.status_code == action_answer.status_code == 400
    assert goal_answer.json()["errors"] == {"person_id": ["Kies iemand uit uw huishouden."]}
    assert action_answer.json()["errors"] == {
        "circle_member_id": ["Kies iemand uit uw eigen kring."]
    }
    assert not Goal.objects.filter(text="Samen").exists()
    assert not Action.objects.filter(description="Helpen").exists()
