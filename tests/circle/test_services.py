"""Commitments: how an action asked of a circle member moves from request to answer, who may
answer, what is refused, and who hears of it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from eigenplan.circle.services import Answer, answer_commitment, place_in_circle
from eigenplan.core.errors import ConflictError
from eigenplan.households.services import remove_circle_member
from eigenplan.notifications.models import Message
from eigenplan.plans import services as plan_services
from eigenplan.plans.models import Action, Plan, Proposal
from eigenplan.privacy.models import AuditEvent
from tests.factories import CircleMemberFactory, GoalFactory, UserFactory

pytestmark = pytest.mark.django_db
C = Action.Commitment


def answer(world, action, what, reason=""):
    return answer_commitment(actor=world.circle_user, action=action, answer=what, reason=reason)


def test_an_action_given_to_a_circle_member_starts_as_a_request_and_tells_them(world, ask):
    world.circle_user.email = "samira@example.org"
    world.circle_user.save()
    action = ask()
    assert action.commitment == C.REQUESTED
    message = Message.objects.get(kind=Message.Kind.COMMITMENT_REQUEST)
    assert message.address == "samira@example.org"
    assert message.recipient == world.circle_user
    assert "/mijn-afspraken/" in message.body
    assert "verhuizen" not in message.body  # nothing of the plan itself in a message


def test_no_message_for_someone_without_an_account_or_address(world, ask):
    neighbour = CircleMemberFactory(household=world.household, email="kees@example.org")
    ask(member=neighbour)
    ask()  # Samira has an account but no address
    assert not Message.objects.filter(kind=Message.Kind.COMMITMENT_REQUEST).exists()


def test_actions_for_anyone_else_carry_no_commitment(world):
    goal = GoalFactory(plan=world.plan)
    action = plan_services.add_action(
        actor=world.resident, goal=goal, description="Bellen", performer="resident"
    )
    assert action.commitment == C.NONE


def test_accept_then_done_changes_the_plan_for_the_resident_to_approve(world, ask):
    action = ask()
    Plan.objects.filter(pk=world.plan.pk).update(has_unapproved_changes=False)
    accepted = answer(world, action, Answer.ACCEPT)
    assert accepted.commitment == C.ACCEPTED and accepted.commitment_answered_at is not None
    assert not Plan.objects.get(pk=world.plan.pk).has_unapproved_changes  # a promise is no edit
    revision = Action.objects.get(pk=action.pk).revision
    done = answer(world, action, Answer.DONE)
    assert done.status == Action.Status.DONE and done.revision == revision + 1
    assert Plan.objects.get(pk=world.plan.pk).has_unapproved_changes
    verbs = list(
        AuditEvent.objects.filter(object_type="action", object_id=str(action.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["create", "commitment_accept", "commitment_done"]


def test_decline_needs_a_reason_and_tells_the_resident(world, ask):
    world.resident.email = "fatima@example.org"
    world.resident.save()
    action = ask()
    with pytest.raises(ValidationError) as refused:
        answer(world, action, Answer.DECLINE, reason="   ")
    assert "reason" in refused.value.message_dict
    assert Action.objects.get(pk=action.pk).commitment == C.REQUESTED
    declined = answer(world, action, Answer.DECLINE, reason="Ik ben dan op vakantie.")
    assert declined.commitment == C.DECLINED
    assert declined.commitment_reason == "Ik ben dan op vakantie."
    message = Message.objects.get(kind=Message.Kind.COMMITMENT_ANSWER)
    assert message.address == "fatima@example.org" and "vakantie" not in message.body


def test_hand_back_after_accepting_with_or_without_a_reason(world, ask):
    world.resident.email = "fatima@example.org"
    world.resident.save()
    action = ask()
    answer(world, action, Answer.ACCEPT)
    returned = answer(world, action, Answer.HAND_BACK)
    assert returned.commitment == C.HANDED_BACK and returned.status == Action.Status.TODO
    assert Message.objects.filter(kind=Message.Kind.COMMITMENT_ANSWER).count() == 1


@pytest.mark.parametrize(
    ("steps", "refused"),
    [
        ([], Answer.DONE),  # a request is not a promise yet
        ([], Answer.HAND_BACK),
        ([Answer.ACCEPT], Answer.ACCEPT),
        ([Answer.ACCEPT], Answer.DECLINE),
        ([Answer.ACCEPT, Answer.DONE], Answer.HAND_BACK),
        ([Answer.ACCEPT, Answer.DONE], Answer.DONE),
        ([Answer.ACCEPT, Answer.HAND_BACK], Answer.DONE),
        ([Answer.ACCEPT, Answer.HAND_BACK], Answer.ACCEPT),
    ],
)
def test_answers_that_do_not_fit_are_refused_and_change_nothing(world, ask, steps, refused):
    action = ask()
    for step in steps:
        answer(world, action, step, reason="Geen tijd")
    before = Action.objects.get(pk=action.pk)
    events = AuditEvent.objects.count()
    with pytest.raises(ConflictError):
        answer(world, action, refused, reason="Geen tijd")
    after = Action.objects.get(pk=action.pk)
    assert (after.commitment, after.status, after.revision) == (
        before.commitment,
        before.status,
        before.revision,
    )
    assert AuditEvent.objects.count() == events


def test_an_unknown_answer_is_refused(world, ask):
    with pytest.raises(ValidationError):
        answer(world, ask(), "maybe")


def test_only_the_asked_member_or_the_pen_holder_answers(world, ask):
    action = ask()
    other_member_user = UserFactory(username="kees", role="circle_member")
    CircleMemberFactory(household=world.household, user=other_member_user)
    for outsider in (other_member_user, world.coordinator, world.other_resident, world.stranger):
        with pytest.raises(PermissionDenied):
            answer_commitment(actor=outsider, action=action, answer=Answer.ACCEPT)
    # The resident notes that someone without an account said yes in person.
    on_behalf = answer_commitment(actor=world.resident, action=action, answer=Answer.ACCEPT)
    assert on_behalf.commitment == C.ACCEPTED
    event = AuditEvent.objects.filter(verb="commitment_accept").get()
    assert event.detail["on_behalf"] is True


def test_a_refusal_the_resident_notes_themselves_sends_them_no_message(world, ask):
    world.resident.email = "fatima@example.org"
    world.resident.save()
    answer_commitment(
        actor=world.resident, action=ask(), answer=Answer.DECLINE, reason="Zei ze aan de telefoon"
    )
    assert not Message.objects.filter(kind=Message.Kind.COMMITMENT_ANSWER).exists()


def test_a_member_who_left_the_circle_can_no_longer_answer(world, ask):
    action = ask()
    remove_circle_member(actor=world.resident, member=world.circle_member)
    with pytest.raises(PermissionDenied):
        answer(world, action, Answer.ACCEPT)


def test_giving_the_action_to_someone_else_is_a_new_request(world, ask):
    action = ask()
    answer(world, action, Answer.DECLINE, reason="Ik kan niet tillen.")
    action.refresh_from_db()
    brother = CircleMemberFactory(household=world.household, name="Karim")
    changed = plan_services.update_action(
        actor=world.resident,
        action=action,
        expected_revision=action.revision,
        description=action.description,
        performer="circle_member",
        circle_member_id=brother.pk,
    )
    assert changed.commitment == C.REQUESTED and changed.commitment_reason == ""
    assert Action.objects.get(pk=action.pk).commitment == C.REQUESTED
    # A change of words only keeps the answer; to no one in the circle: no commitment.
    answer_commitment(actor=world.resident, action=changed, answer=Answer.ACCEPT)
    changed.refresh_from_db()
    kept = plan_services.update_action(
        actor=world.resident,
        action=changed,
        expected_revision=changed.revision,
        description="Helpen met verhuizen, op zaterdag",
        performer="circle_member",
        circle_member_id=brother.pk,
    )
    assert Action.objects.get(pk=kept.pk).commitment == C.ACCEPTED
    gone = plan_services.update_action(
        actor=world.resident,
        action=kept,
        expected_revision=kept.revision,
        description="Verhuisbedrijf bellen",
        performer="professional",
        performer_name="Verhuisbedrijf",
    )
    assert Action.objects.get(pk=gone.pk).commitment == C.NONE


def test_saving_a_refused_action_for_the_same_member_asks_them_again(world, ask):
    action = ask()
    answer(world, action, Answer.ACCEPT)
    answer(world, action, Answer.HAND_BACK, reason="Te druk")
    action.refresh_from_db()
    again = plan_services.update_action(
        actor=world.resident,
        action=action,
        expected_revision=action.revision,
        description="Helpen met verhuizen, in mei",
        performer="circle_member",
        circle_member_id=world.circle_member.pk,
    )
    stored = Action.objects.get(pk=again.pk)
    assert stored.commitment == C.REQUESTED and stored.commitment_reason == ""


def test_an_accepted_proposal_for_a_circle_member_is_a_request(world):
    goal = GoalFactory(plan=world.plan, life_domain="housing")
    proposal = plan_services.make_proposal(
        actor=world.coordinator,
        plan=world.plan,
        kind=Proposal.Kind.ADD_ACTION,
        goal=goal,
        payload={
            "description": "Samira gaat mee",
            "performer": "circle_member",
            "circle_member_id": world.circle_member.pk,
        },
    )
    plan_services.accept_proposal(actor=world.resident, proposal=proposal)
    assert goal.actions.get().commitment == C.REQUESTED


def test_overdue_counts_only_open_commitments(world, ask):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = ask(due_date=yesterday)
    assert late.is_open_commitment and late.is_overdue
    answer(world, late, Answer.ACCEPT)
    done = answer(world, late, Answer.DONE)
    assert not done.is_open_commitment and not done.is_overdue


def test_placing_someone_in_a_ring_is_the_pen_holders_choice(world):
    member = place_in_circle(actor=world.resident, member=world.circle_member, closeness="close")
    assert member.closeness == "close"
    with pytest.raises(ValidationError):
        place_in_circle(actor=world.resident, member=world.circle_member, closeness="far")
    with pytest.raises(PermissionDenied):
        place_in_circle(actor=world.coordinator, member=world.circle_member, closeness="near")
