"""What each user sees in the answers, and that writes land through the services."""

from eigenplan.households.models import CircleMember
from eigenplan.plans.models import Proposal
from eigenplan.privacy.models import AuditEvent


def test_household_shows_persons_only_to_those_who_see_the_whole_household(scene, client_for):
    url = scene.base
    for_coordinator = client_for(scene.world.coordinator).get(url).json()
    for_circle = client_for(scene.world.circle_user).get(url).json()
    assert for_coordinator["coordinator_name"] == "Sanne de Vries"
    assert for_coordinator["neighbourhood"]["code"] == scene.household.neighbourhood.cbs_code
    assert for_coordinator["address"] == scene.household.address
    assert [p["first_name"] for p in for_coordinator["persons"]] == ["Fatima"]
    assert set(for_coordinator["persons"][0]) == {"id", "first_name", "last_name", "date_of_birth"}
    assert "persons" not in for_circle
    assert for_circle["address"] == scene.household.address


def test_circle_member_sees_only_the_shared_life_domain(scene, client_for):
    client = client_for(scene.world.circle_user)
    goals = client.get(f"{scene.base}plan/goals/").json()
    assert goals["count"] == 1
    assert [g["id"] for g in goals["results"]] == [scene.housing_goal.pk]
    assert [a["id"] for a in goals["results"][0]["actions"]] == [scene.housing_action.pk]
    assert client.get(f"{scene.base}plan/goals/{scene.health_goal.pk}/").status_code == 404
    assert client.get(f"{scene.base}plan/actions/{scene.health_action.pk}/").status_code == 404
    everyone = client_for(scene.world.coordinator).get(f"{scene.base}plan/goals/").json()
    assert everyone["count"] == 2


def test_circle_member_cannot_propose_about_a_goal_that_is_not_shared(scene, client_for):
    response = client_for(scene.world.circle_user).post(
        f"{scene.base}plan/proposals/",
        {
            "kind": "add_action",
            "goal": scene.health_goal.pk,
            "payload": {"description": "Samen sporten", "performer": "resident"},
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"errors": {"goal": ["Kies een doel uit dit plan."]}}


def test_plan_leaves_out_the_dream_unless_it_is_shared(scene, client_for):
    client = client_for(scene.world.circle_user)
    hidden = client.get(f"{scene.base}plan/").json()
    assert not {"strengths", "dream", "contributions", "latest_version"} & set(hidden)
    assert hidden["revision"] == scene.plan.revision
    CircleMember.objects.filter(pk=scene.world.circle_member.pk).update(shares_dream=True)
    shared = client.get(f"{scene.base}plan/").json()
    assert shared["dream"] == "Een tuin"
    assert "latest_version" not in shared
    for_resident = client_for(scene.world.resident).get(f"{scene.base}plan/").json()
    assert for_resident["latest_version"] == 2
    assert for_resident["has_unapproved_changes"] is True


def test_circle_member_sees_only_their_own_proposals(scene, client_for):
    circle = client_for(scene.world.circle_user)
    assert circle.get(f"{scene.base}plan/proposals/").json()["results"] == []
    created = circle.post(
        f"{scene.base}plan/proposals/",
        {
            "kind": "add_goal",
            "payload": {"text": "Een nieuwe keuken", "life_domain": "housing"},
            "explanation": "Dan kunnen we samen koken.",
        },
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["author_role"] == "circle_member"
    ids = [p["id"] for p in circle.get(f"{scene.base}plan/proposals/").json()["results"]]
    assert ids == [created.json()["id"]]
    everyone = client_for(scene.world.resident).get(f"{scene.base}plan/proposals/").json()
    assert everyone["count"] == 2


def test_resident_writes_the_plan_and_each_write_is_audited(scene, client_for):
    client = client_for(scene.world.resident)
    events = AuditEvent.objects.count()
    plan = client.patch(
        f"{scene.base}plan/",
        {
            "dream": "Een eigen tuin",
            "contributions": "Ik kan koken",
            "revision": scene.plan.revision,
        },
        format="json",
    )
    assert plan.status_code == 200
    assert plan.json()["dream"] == "Een eigen tuin"
    assert plan.json()["revision"] == scene.plan.revision + 1
    goal = client.post(
        f"{scene.base}plan/goals/", {"text": "Werk vinden", "life_domain": "work"}, format="json"
    ).json()
    action = client.post(
        f"{scene.base}plan/goals/{goal['id']}/actions/",
        {
            "description": "Naar het werkplein",
            "performer": "circle_member",
            "circle_member_id": scene.neighbour.pk,
            "due_date": "2026-11-01",
        },
        format="json",
    ).json()
    assert action["performer_label"] == "Kees"
    assert action["due_date"] == "2026-11-01"
    changed = client.patch(
        f"{scene.base}plan/actions/{action['id']}/",
        {"status": "done", "revision": action["revision"]},
        format="json",
    ).json()
    assert changed["status"] == "done"
    assert changed["description"] == "Naar het werkplein"
    assert changed["performer_label"] == "Kees"
    goal = client.get(f"{scene.base}plan/goals/{goal['id']}/").json()
    assert [a["status"] for a in goal["actions"]] == ["done"]
    assert AuditEvent.objects.count() == events + 4


def test_patch_keeps_what_is_not_sent_and_put_replaces_everything(scene, client_for):
    client = client_for(scene.world.resident)
    url = f"{scene.base}circle/{scene.neighbour.pk}/"
    patched = client.patch(
        url, {"email": "kees@example.nl", "revision": scene.neighbour.revision}, format="json"
    ).json()
    assert (patched["name"], patched["relation"], patched["email"]) == (
        "Kees",
        "neighbour",
        "kees@example.nl",
    )
    replaced = client.put(
        url,
        {"name": "Kees", "relation": "friend", "revision": patched["revision"]},
        format="json",
    ).json()
    assert (replaced["relation"], replaced["email"]) == ("friend", "")


def test_circle_member_can_be_added_with_shared_domains(scene, client_for):
    response = client_for(scene.world.resident).post(
        f"{scene.base}circle/",
        {
            "name": "Joke",
            "relation": "volunteer",
            "shared_life_domains": ["money", "housing"],
            "shares_dream": True,
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["shared_life_domains"] == ["housing", "money"]
    assert body["shares_dream"] is True
    assert body["has_account"] is False
    listed = client_for(scene.world.coordinator).get(f"{scene.base}circle/").json()
    assert {m["name"] for m in listed["results"]} == {"Joke", "Kees", "Samira"}


def test_deleting_goal_and_action_with_the_current_revision(scene, client_for):
    client = client_for(scene.world.resident)
    action_url = f"{scene.base}plan/actions/{scene.health_action.pk}/"
    goal_url = f"{scene.base}plan/goals/{scene.housing_goal.pk}/"
    assert client.delete(f"{action_url}?revision={scene.health_action.revision}").status_code == 204
    assert client.delete(goal_url).status_code == 204
    assert client.get(action_url).status_code == 404
    assert client.get(goal_url).status_code == 404
    scene.proposal.refresh_from_db()
    assert scene.proposal.status == Proposal.Status.OBSOLETE
