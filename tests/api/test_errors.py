"""Errors come back as JSON: per-field Dutch messages (400), a reason (403), the current object
when someone else was first (409). A refused or invalid request writes nothing."""

import pytest

from eigenplan.plans import services
from eigenplan.plans.models import Goal, Plan, PlanVersion, Proposal
from eigenplan.privacy.models import AuditEvent

CONFLICT = "Iemand anders heeft dit net veranderd."


@pytest.fixture
def resident(scene, client_for):
    return client_for(scene.world.resident)


def snapshot_of_writes(scene):
    return (
        AuditEvent.objects.count(),
        Goal.objects.count(),
        Plan.objects.get(pk=scene.plan.pk).revision,
    )


def test_stale_goal_revision_is_a_conflict_with_the_current_goal(scene, resident):
    url = f"{scene.base}plan/goals/{scene.housing_goal.pk}/"
    seen = scene.housing_goal.revision
    first = resident.patch(url, {"text": "Eerst", "revision": seen}, format="json")
    assert first.status_code == 200
    second = resident.patch(url, {"text": "Daarna", "revision": seen}, format="json")
    assert second.status_code == 409
    body = second.json()
    assert body["detail"].startswith(CONFLICT)
    assert body["current"]["id"] == scene.housing_goal.pk
    assert body["current"]["text"] == "Eerst"
    assert body["current"]["revision"] == seen + 1
    assert [a["id"] for a in body["current"]["actions"]] == [scene.housing_action.pk]


def test_stale_plan_revision_is_a_conflict_and_writes_nothing(scene, resident):
    before = snapshot_of_writes(scene)
    response = resident.patch(
        f"{scene.base}plan/",
        {"dream": "Iets anders", "revision": scene.plan.revision - 1},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["current"]["dream"] == "Een tuin"
    assert response.json()["current"]["revision"] == scene.plan.revision
    assert snapshot_of_writes(scene) == before


def test_stale_action_circle_member_and_delete_revisions_are_conflicts(scene, resident):
    action_url = f"{scene.base}plan/actions/{scene.housing_action.pk}/"
    member_url = f"{scene.base}circle/{scene.neighbour.pk}/"
    stale_action = stale_member = 99  # not what anyone was shown
    action = resident.patch(action_url, {"status": "done", "revision": stale_action}, format="json")
    member = resident.patch(member_url, {"phone": "0612", "revision": stale_member}, format="json")
    deleted = resident.delete(f"{action_url}?revision={stale_action}")
    assert action.status_code == member.status_code == deleted.status_code == 409
    assert action.json()["current"]["status"] == "todo"
    assert member.json()["current"]["name"] == "Kees"
    assert deleted.json()["current"]["id"] == scene.housing_action.pk
    assert resident.get(action_url).status_code == 200


def test_approving_a_plan_that_changed_since_it_was_seen_is_a_conflict(scene, resident):
    response = resident.post(
        f"{scene.base}plan/versions/", {"revision": scene.plan.revision - 1}, format="json"
    )
    assert response.status_code == 409
    assert "veranderd sinds u het bekeek" in response.json()["detail"]
    assert response.json()["current"]["revision"] == scene.plan.revision
    assert PlanVersion.objects.filter(plan=scene.plan).count() == 2


def test_answering_an_answered_proposal_is_a_conflict_with_the_proposal(scene, resident):
    url = f"{scene.base}plan/proposals/{scene.proposal.pk}/"
    assert resident.post(f"{url}decline/", {"reason": "Nee"}, format="json").status_code == 200
    response = resident.post(f"{url}accept/", {}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == "Dit voorstel is al beantwoord."
    assert response.json()["current"]["status"] == Proposal.Status.DECLINED
    assert response.json()["current"]["decline_reason"] == "Nee"


def test_bad_goal_gets_a_dutch_message_per_field_and_nothing_is_written(scene, resident):
    before = snapshot_of_writes(scene)
    response = resident.post(
        f"{scene.base}plan/goals/", {"text": "   ", "life_domain": "maan"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"errors": {"text": ["Vul dit in. Het mag kort zijn."]}}
    response = resident.post(
        f"{scene.base}plan/goals/", {"text": "Rust", "life_domain": "maan"}, format="json"
    )
    assert response.json() == {"errors": {"life_domain": ["Kies een leefgebied."]}}
    assert snapshot_of_writes(scene) == before


def test_every_bad_field_of_a_circle_member_is_named(scene, resident):
    before = snapshot_of_writes(scene)
    response = resident.post(
        f"{scene.base}circle/",
        {"name": "", "relation": "oom", "email": "geen-adres", "shared_life_domains": ["maan"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "name": ["Vul een naam in. Een voornaam is genoeg."],
        "relation": ["Kies wat deze persoon voor u is."],
        "email": ["Dit e-mailadres klopt niet. Kijk of er een @ in staat."],
        "shared_life_domains": ["Kies alleen leefgebieden uit de lijst."],
    }
    assert snapshot_of_writes(scene) == before


def test_wrong_types_get_drf_messages_in_dutch(scene, resident):
    response = resident.patch(
        f"{scene.base}plan/goals/{scene.housing_goal.pk}/",
        {"text": "Rust", "person_id": "iemand"},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["revision"] == ["Dit veld is vereist."]
    assert errors["person_id"] == ["Een geldig getal is vereist."]
    action = resident.post(
        f"{scene.base}plan/goals/{scene.housing_goal.pk}/actions/",
        {"description": "Bellen", "performer": "resident", "due_date": "morgen"},
        format="json",
    )
    assert action.status_code == 400
    assert "formaat" in action.json()["errors"]["due_date"][0]


def test_a_plan_change_without_any_text_is_refused_as_a_whole(scene, resident):
    response = resident.patch(f"{scene.base}plan/", {"revision": 1}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "non_field_errors": [
                "Geef minstens één deel van het plan mee: strengths, dream of contributions."
            ]
        }
    }


def test_approving_without_changes_says_why_in_plain_dutch(scene, resident):
    assert resident.post(f"{scene.base}plan/versions/", {}, format="json").status_code == 201
    response = resident.post(f"{scene.base}plan/versions/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "plan": ["Er is niets veranderd sinds versie 3. U hoeft niets opnieuw goed te keuren."]
        }
    }


def test_broken_json_is_a_400_with_a_reason(scene, resident):
    response = resident.generic(
        "POST", f"{scene.base}plan/goals/", "{niet json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"]


def test_refusals_say_who_may_do_it(scene, client_for):
    coordinator = client_for(scene.world.coordinator)
    response = coordinator.post(
        f"{scene.base}plan/goals/", {"text": "Rust", "life_domain": "health"}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Alleen de inwoner zelf past het plan aan. U kunt wel een voorstel doen."
    }
    # The refusal comes before the body is read, so bad input does not change the answer.
    response = coordinator.post(f"{scene.base}plan/versions/", {"revision": "x"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Alleen de inwoner zelf keurt het plan goed."}


def test_a_refused_proposal_answer_leaves_the_proposal_open(scene, client_for):
    response = client_for(scene.world.coordinator).post(
        f"{scene.base}plan/proposals/{scene.proposal.pk}/accept/", {}, format="json"
    )
    assert response.status_code == 403
    scene.proposal.refresh_from_db()
    assert scene.proposal.is_open


def test_unexpected_errors_are_json_too(scene, resident, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "add_goal", broken)
    response = resident.post(
        f"{scene.base}plan/goals/", {"text": "Rust", "life_domain": "health"}, format="json"
    )
    assert response.status_code == 500
    assert response.json() == {
        "detail": "Er ging iets mis bij ons. Probeer het later nog een keer."
    }
