import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from eigenplan.core.errors import ConflictError
from eigenplan.plans import services
from eigenplan.plans.models import Performer, PlanVersion, Proposal
from eigenplan.plans.snapshot import diff_snapshots


def test_resident_writes_goals_and_approves_a_version(world):
    goal = services.add_goal(
        actor=world.resident,
        plan=world.plan,
        text="Mijn huur op tijd betalen",
        life_domain="money",
    )
    services.add_action(
        actor=world.resident,
        goal=goal,
        description="Bellen met de woningcorporatie",
        performer=Performer.RESIDENT,
        due_date="2026-12-15",
    )
    version = services.approve_plan(actor=world.resident, plan=world.plan)
    assert version.number == 1
    assert version.snapshot["goals"][0]["text"] == "Mijn huur op tijd betalen"
    assert version.snapshot["goals"][0]["actions"][0]["due_date"] == "2026-12-15"
    world.plan.refresh_from_db()
    assert world.plan.has_unapproved_changes is False


def test_approving_without_changes_is_refused_with_a_clear_message(world):
    services.add_goal(actor=world.resident, plan=world.plan, text="Rust", life_domain="health")
    services.approve_plan(actor=world.resident, plan=world.plan)
    with pytest.raises(ValidationError, match="niets veranderd"):
        services.approve_plan(actor=world.resident, plan=world.plan)


@pytest.mark.parametrize("who", ["coordinator", "circle_user", "stranger", "other_resident"])
def test_only_the_pen_holder_edits_and_approves(world, who):
    actor = getattr(world, who)
    with pytest.raises(PermissionDenied):
        services.add_goal(actor=actor, plan=world.plan, text="x", life_domain="health")
    with pytest.raises(PermissionDenied):
        services.approve_plan(actor=actor, plan=world.plan)
    assert not world.plan.goals.exists()
    assert not PlanVersion.objects.exists()


def test_a_second_editor_gets_a_conflict_instead_of_overwriting(world):
    goal = services.add_goal(
        actor=world.resident, plan=world.plan, text="Eerst", life_domain="health"
    )
    seen_revision = goal.revision
    services.update_goal(
        actor=world.resident,
        goal=goal,
        expected_revision=seen_revision,
        text="Tweede",
        life_domain="health",
    )
    stale = type(goal).objects.get(pk=goal.pk)
    with pytest.raises(ConflictError):
        services.update_goal(
            actor=world.resident,
            goal=stale,
            expected_revision=seen_revision,
            text="Derde",
            life_domain="health",
        )
    goal.refresh_from_db()
    assert goal.text == "Tweede"


def test_coordinator_proposal_accepted_with_changes_lands_in_the_plan(world):
    goal = services.add_goal(
        actor=world.resident, plan=world.plan, text="Zoon naar school", life_domain="work"
    )
    services.approve_plan(actor=world.resident, plan=world.plan)
    proposal = services.make_proposal(
        actor=world.coordinator,
        plan=world.plan,
        kind=Proposal.Kind.ADD_ACTION,
        goal=goal,
        payload={
            "description": "Gesprek met de mentor",
            "performer": "professional",
            "performer_name": "Sanne",
            "due_date": "2026-12-01",
        },
    )
    services.accept_proposal(
        actor=world.resident, proposal=proposal, changes={"due_date": "2026-12-10"}
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED_WITH_CHANGES
    action = goal.actions.get()
    assert action.due_date == datetime.date(2026, 12, 10)
    version = services.approve_plan(actor=world.resident, plan=world.plan)
    first = world.plan.versions.get(number=1)
    sentences = [c.sentence for c in diff_snapshots(first.snapshot, version.snapshot)]
    assert any("Gesprek met de mentor" in s and "10 december 2026" in s for s in sentences)


def test_circle_member_cannot_propose_outside_shared_domains(world):
    goal = services.add_goal(
        actor=world.resident, plan=world.plan, text="Gezond eten", life_domain="health"
    )
    with pytest.raises(PermissionDenied):
        services.make_proposal(
            actor=world.circle_user,
            plan=world.plan,
            kind=Proposal.Kind.ADD_ACTION,
            goal=goal,
            payload={"description": "Samen koken", "performer": "resident"},
        )


def test_versions_cannot_be_changed_or_deleted(world):
    services.add_goal(actor=world.resident, plan=world.plan, text="Rust", life_domain="health")
    version = services.approve_plan(actor=world.resident, plan=world.plan)
    version.note = "tampered"
    with pytest.raises(Exception, match="cannot be changed"):
        version.save()
    with pytest.raises(Exception, match="cannot be deleted"):
        version.delete()


def test_bad_input_gets_a_dutch_message_per_field(world):
    with pytest.raises(ValidationError) as error:
        services.add_goal(actor=world.resident, plan=world.plan, text="  ", life_domain="moon")
    assert "text" in error.value.message_dict or "life_domain" in error.value.message_dict


def test_a_quoted_sentence_in_a_difference_does_not_end_in_two_full_stops(world):
    goal = services.add_goal(
        actor=world.resident, plan=world.plan, text="Rust in huis.", life_domain="health"
    )
    first = services.approve_plan(actor=world.resident, plan=world.plan)
    services.update_goal(
        actor=world.resident, goal=goal, text="Meer rust in huis.", life_domain="health"
    )
    second = services.approve_plan(actor=world.resident, plan=world.plan)
    sentences = [c.sentence for c in diff_snapshots(first.snapshot, second.snapshot)]
    assert sentences == ["Doel veranderd: “Meer rust in huis”."]


def test_the_plan_keeps_count_of_open_proposals_and_knows_its_latest_version(world):
    """The plan pages read these two from the plan itself; every service keeps them true."""
    plan = world.plan

    def summary():
        plan.refresh_from_db()
        open_now = plan.proposals.filter(status=Proposal.Status.OPEN).count()
        assert plan.open_proposal_count == open_now
        return plan.open_proposal_count, plan.latest_version and plan.latest_version.number

    goal = services.add_goal(
        actor=world.resident, plan=plan, text="Een huis", life_domain="housing"
    )
    assert summary() == (0, None)

    def propose(**payload):
        return services.make_proposal(
            actor=world.coordinator,
            plan=plan,
            kind=Proposal.Kind.ADD_ACTION,
            goal=goal,
            payload={"description": "Bellen", "performer": "resident", **payload},
        )

    first, second, third = propose(), propose(), propose()
    assert summary() == (3, None)
    services.accept_proposal(actor=world.resident, proposal=first)
    services.decline_proposal(actor=world.resident, proposal=second, reason="Niet nu")
    assert summary() == (1, None)
    services.approve_plan(actor=world.resident, plan=plan)
    services.update_plan_text(actor=world.resident, plan=plan, field="dream", text="Een tuin")
    services.approve_plan(actor=world.resident, plan=plan)
    assert summary() == (1, 2)
    plan.refresh_from_db()
    services.delete_goal(actor=world.resident, goal=goal)  # its open proposal cannot be answered
    assert summary() == (0, 2)
    third.refresh_from_db()
    assert third.status == Proposal.Status.OBSOLETE
