"""Retention with a frozen clock: a record is kept through the last day of its period and
removed (or anonymised) from the next local midnight; one second earlier it stays. Another
household's data is untouched, an unconfirmed rule does nothing, anonymised data keeps no
name, contact details or own words, and the audit trail stays intact with one event per kind,
counts only."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from eigenplan.accounts.models import LoginThrottle, User
from eigenplan.households import services as household_services
from eigenplan.households.models import CircleMember, Household, Person
from eigenplan.plans import services as plan_services
from eigenplan.plans.models import Action, Plan, PlanVersion, Proposal
from eigenplan.privacy import retention
from eigenplan.privacy.audit import verify_trail
from eigenplan.privacy.models import (
    AuditEvent,
    CorrectionRequest,
    EmergencyAccess,
    RetentionRule,
    SharingDecision,
)
from eigenplan.privacy.services import request_correction
from tests.factories import ActionFactory, CircleMemberFactory, GoalFactory, UserFactory

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
# A reference moment on a month's end, and what one month after it means.
REFERENCE = datetime.datetime(2027, 1, 31, 10, 0, tzinfo=AMSTERDAM)
REMOVAL = datetime.datetime(2027, 3, 1, 0, 0, tzinfo=AMSTERDAM)  # after 28 February
JUST_BEFORE = REMOVAL - datetime.timedelta(seconds=1)
LATER = datetime.datetime(2027, 2, 1, 10, 0, tzinfo=AMSTERDAM)  # removed from 2 March


def at(moment):
    return time_machine.travel(moment, tick=False)


def set_rule(kind: str, amount: int = 1, unit: str = "months", confirmed: bool = True) -> None:
    retention.ensure_rules()
    RetentionRule.objects.filter(kind=kind).update(
        amount=amount,
        unit=unit,
        confirmed_at=timezone.now() if confirmed else None,
        confirmed_by_name="Bas Beheer" if confirmed else "",
    )


def confirm_all(amount: int = 1, unit: str = "months") -> None:
    for kind in retention.KINDS:
        set_rule(kind.key, amount, unit)


def run(moment, **kwargs) -> dict:
    with at(moment):
        return retention.enforce(**kwargs)


# --- one record per kind: made at a reference moment, in a given household -------------------


def closed_household(world, household, reference):
    Household.objects.filter(pk=household.pk).update(closed_at=reference)
    return lambda: Household.objects.filter(pk=household.pk).exists()


def declined_proposal(world, household, reference):
    proposal = Proposal.objects.create(
        plan=household.plan,
        kind=Proposal.Kind.ADD_GOAL,
        payload={"text": "Sporten", "life_domain": "health"},
        author_name="Samira",
        author_role="circle_member",
        status=Proposal.Status.DECLINED,
        decline_reason="Liever niet.",
        answered_at=reference,
    )
    return lambda: Proposal.objects.filter(pk=proposal.pk).exists()


def removed_circle_member(world, household, reference):
    member = CircleMemberFactory(household=household, name="Henk Buurman", email="henk@example.nl")
    with at(reference):
        household_services.remove_circle_member(actor=_pen_holder(world, household), member=member)
    return lambda: CircleMember.objects.filter(pk=member.pk, name="Henk Buurman").exists()


def ended_emergency_access(world, household, reference):
    access = EmergencyAccess.objects.create(
        household=household,
        user=world.stranger,
        reason="Melding van de politie over de veiligheid van de kinderen.",
        granted_at=reference - datetime.timedelta(hours=4),
        expires_at=reference,
    )
    return lambda: EmergencyAccess.objects.filter(pk=access.pk).exists()


def answered_correction(world, household, reference):
    correction = request_correction(
        actor=_pen_holder(world, household), household=household, what_is_wrong="Naam fout."
    )
    CorrectionRequest.objects.filter(pk=correction.pk).update(
        status=CorrectionRequest.Status.CORRECTED, answer="Verbeterd.", answered_at=reference
    )
    return lambda: CorrectionRequest.objects.filter(pk=correction.pk).exists()


def login_count(world, household, reference):
    row = LoginThrottle.objects.create(key=f"k{household.pk}", failures=2, window_start=reference)
    return lambda: LoginThrottle.objects.filter(pk=row.pk).exists()


def ended_session(world, household, reference):
    key = f"session{household.pk}".ljust(32, "x")
    Session.objects.create(session_key=key, session_data="", expire_date=reference)
    return lambda: Session.objects.filter(session_key=key).exists()


def old_message(world, household, reference):
    from eigenplan.notifications.models import Message

    message = Message.objects.create(
        kind=Message.Kind.INVITATION,
        channel=Message.Channel.EMAIL,
        address="ria@example.org",
        body="Hallo Ria, doe mee met het plan.",
        household=household,
        status=Message.Status.SENT,
    )
    Message.objects.filter(pk=message.pk).update(created_at=reference)
    return lambda: Message.objects.filter(pk=message.pk).exists()


def _pen_holder(world, household):
    return world.resident if household == world.household else world.other_resident


MAKERS = {
    "closed_household": closed_household,
    "answered_proposals": declined_proposal,
    "removed_circle_members": removed_circle_member,
    "emergency_access": ended_emergency_access,
    "correction_requests": answered_correction,
    "login_throttle": login_count,
    "sessions": ended_session,
    "messages": old_message,
}


def test_every_enforced_kind_has_a_boundary_test():
    enforced = {kind.key for kind in retention.KINDS if kind.action != retention.KEEP}
    assert enforced == set(MAKERS)


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_a_record_stays_until_its_period_ends_and_goes_at_its_end(world, kind):
    set_rule(kind)
    make = MAKERS[kind]
    expired = make(world, world.household, REFERENCE)
    # The other household's record is one day younger: it is still within its period.
    younger = make(world, world.other_household, LATER)
    assert expired() and younger()

    report = run(JUST_BEFORE)
    assert report[kind]["count"] == 0
    assert expired() and younger()

    report = run(REMOVAL)
    assert report[kind]["count"] == 1
    assert not expired()
    assert younger()
    assert verify_trail().ok


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_an_unconfirmed_rule_removes_nothing(world, kind):
    confirm_all()
    set_rule(kind, confirmed=False)
    still_there = MAKERS[kind](world, world.household, REFERENCE)
    report = run(REMOVAL + datetime.timedelta(days=3650))
    assert report[kind] == {
        "action": retention.KINDS_BY_KEY[kind].action,
        "status": "not_confirmed",
        "count": 0,
    }
    assert still_there()


def test_defaults_are_unconfirmed_so_a_fresh_installation_removes_nothing(world):
    MAKERS["closed_household"](world, world.household, REFERENCE)
    report = run(REMOVAL + datetime.timedelta(days=365 * 30))
    assert {outcome["status"] for outcome in report.values()} == {"not_confirmed"}
    assert Household.objects.filter(pk=world.household.pk).exists()
    assert RetentionRule.objects.count() == len(retention.KINDS)
    assert not RetentionRule.objects.filter(confirmed_at__isnull=False).exists()


def test_a_closed_households_whole_file_goes_and_only_that(world):
    set_rule("closed_household", 7, "years")
    goal = GoalFactory(plan=world.plan, text="Mijn huur op tijd betalen")
    ActionFactory(goal=goal, description="Bellen met de woningcorporatie")
    plan_services.approve_plan(actor=world.resident, plan=world.plan)
    request_correction(actor=world.resident, household=world.household, what_is_wrong="Fout.")
    # The circle member also helps another household: their account stays.
    CircleMemberFactory(household=world.other_household, user=world.circle_user, name="Samira")
    helper = UserFactory(username="helper", role="circle_member")
    CircleMemberFactory(household=world.household, user=helper, name="Helper")
    closed = datetime.datetime(2020, 2, 29, 9, 0, tzinfo=AMSTERDAM)  # a leap day
    Household.objects.filter(pk=world.household.pk).update(closed_at=closed)

    run(datetime.datetime(2027, 2, 28, 23, 59, 59, tzinfo=AMSTERDAM))  # the last day kept
    assert Household.objects.filter(pk=world.household.pk).exists()
    run(datetime.datetime(2027, 3, 1, 0, 0, tzinfo=AMSTERDAM))

    household = world.household.pk
    assert not Household.objects.filter(pk=household).exists()
    assert not Person.objects.filter(household_id=household).exists()
    assert not Plan.objects.filter(household_id=household).exists()
    assert not PlanVersion.objects.filter(plan_id=world.plan.pk).exists()
    assert not Action.objects.filter(goal__plan_id=world.plan.pk).exists()
    assert not CorrectionRequest.objects.filter(household_id=household).exists()
    assert not SharingDecision.objects.filter(household_id=household).exists()
    # Accounts with no other household go; professionals and people elsewhere stay.
    assert not User.objects.filter(pk__in=[world.resident.pk, helper.pk]).exists()
    assert User.objects.filter(pk=world.circle_user.pk).exists()
    assert User.objects.filter(pk=world.coordinator.pk).exists()
    # The other household is whole.
    assert Person.objects.filter(household=world.other_household).count() == 1
    assert Plan.objects.filter(household=world.other_household).exists()
    assert User.objects.filter(pk=world.other_resident.pk).exists()
    # The audit trail is untouched and still verifies; its events still name the household.
    assert AuditEvent.objects.filter(household_id=household).exists()
    assert verify_trail().ok


def test_anonymised_circle_members_keep_no_name_contact_details_or_own_words(world):
    set_rule("removed_circle_members")
    member = CircleMemberFactory(
        household=world.household,
        user=UserFactory(username="henk", role="circle_member"),
        name="Henk de Buurman",
        relation=CircleMember.Relation.NEIGHBOUR,
        relation_detail="de buurman van Lindelaan 14, 1234 AB",
        email="henk@example.nl",
        phone="06 12345678",
        shared_life_domains=["housing", "money"],
        shares_dream=True,
    )
    household_services.update_circle_member(
        actor=world.resident,
        member=member,
        name=member.name,
        relation=member.relation,
        relation_detail=member.relation_detail,
        email=member.email,
        phone=member.phone,
        shared_life_domains=["housing"],
    )
    goal = GoalFactory(plan=world.plan)
    action = ActionFactory(goal=goal, performer="circle_member", circle_member=member)
    with at(REFERENCE):
        household_services.remove_circle_member(actor=world.resident, member=member)
    assert SharingDecision.objects.filter(circle_member=member).count() >= 2

    run(REMOVAL)

    member.refresh_from_db()
    kept = " ".join(
        str(value)
        for value in (
            member.name,
            member.relation_detail,
            member.email,
            member.phone,
            member.shared_life_domains,
        )
    )
    for personal in ("Henk", "Buurman", "Lindelaan", "1234 AB", "henk@", "0612", "12345678"):
        assert personal.lower() not in kept.lower()
    assert member.name == retention.ANONYMOUS_MEMBER
    assert member.user_id is None and not member.shares_dream
    assert not SharingDecision.objects.filter(circle_member=member).exists()
    action.refresh_from_db()
    assert action.circle_member_id == member.pk  # the plan keeps its action
    # Done once: the next run finds nothing more to do.
    assert run(REMOVAL + datetime.timedelta(days=1))["removed_circle_members"]["count"] == 0


def test_open_proposals_and_requests_and_active_lockouts_are_never_removed(world):
    confirm_all(1, "days")
    old = REFERENCE - datetime.timedelta(days=400)
    with at(old):
        open_proposal = plan_services.make_proposal(
            actor=world.coordinator,
            plan=world.plan,
            kind=Proposal.Kind.ADD_GOAL,
            payload={"text": "Samen sporten", "life_domain": "health"},
        )
        open_request = request_correction(
            actor=world.resident, household=world.household, what_is_wrong="Naam fout."
        )
    locked = LoginThrottle.objects.create(
        key="locked",
        failures=0,
        window_start=old,
        locked_until=REMOVAL + datetime.timedelta(hours=1),
    )
    run(REMOVAL)
    assert Proposal.objects.filter(pk=open_proposal.pk).exists()
    assert CorrectionRequest.objects.filter(pk=open_request.pk).exists()
    assert LoginThrottle.objects.filter(pk=locked.pk).exists()
    assert Household.objects.filter(pk=world.household.pk).exists()  # never closed


def test_each_run_writes_one_audit_event_per_kind_with_counts_only(world):
    confirm_all()
    for kind, make in MAKERS.items():
        # The closed file is another household's, or it would take the other records with it.
        closing = kind == "closed_household"
        make(world, world.other_household if closing else world.household, REFERENCE)
    before = AuditEvent.objects.count()
    run(REMOVAL)
    events = list(AuditEvent.objects.filter(verb="retention").order_by("sequence"))
    assert AuditEvent.objects.count() == before + len(MAKERS)
    assert {event.detail["kind"] for event in events} == set(MAKERS)
    for event in events:
        assert event.household_id is None and event.actor_id is None
        assert event.actor_name == "system"
        assert set(event.detail) <= {
            "kind",
            "action",
            "status",
            "count",
            "removed_before",
            "period",
        }
        assert event.detail["count"] == 1
    text = str([event.detail for event in events])
    for personal in ("Henk", "Fatima", "Lindelaan", "Naam fout", "politie"):
        assert personal not in text
    assert verify_trail().ok


def test_a_dry_run_counts_and_changes_nothing(world):
    confirm_all()
    checks = [make(world, world.household, REFERENCE) for make in MAKERS.values()]
    before = AuditEvent.objects.count()
    report = run(REMOVAL, dry_run=True)
    assert {key: outcome["count"] for key, outcome in report.items()} == dict.fromkeys(MAKERS, 1)
    assert all(check() for check in checks)
    assert AuditEvent.objects.count() == before


def test_the_command_runs_the_task_and_reports(world):
    confirm_all()
    still_there = MAKERS["answered_proposals"](world, world.household, REFERENCE)
    set_rule("sessions", confirmed=False)
    out = io.StringIO()
    with at(REMOVAL):
        call_command("retention", "--dry-run", stdout=out)
    assert "answered_proposals: 1 would be deleted" in out.getvalue()
    assert "sessions: skipped, the period is not confirmed" in out.getvalue()
    assert "audit_trail: kept" in out.getvalue()
    assert still_there()
    out = io.StringIO()
    with at(REMOVAL):
        call_command("retention", stdout=out)
    assert "answered_proposals: 1 were deleted" in out.getvalue()
    assert not still_there()


def test_the_command_can_hand_the_run_to_the_worker(world):
    from django_tasks_db.models import DBTaskResult

    out = io.StringIO()
    call_command("retention", "--enqueue", stdout=out)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "eigenplan.privacy.tasks.enforce_retention"
    assert str(queued.id) in out.getvalue()


# --- decisions are kept for the archive ------------------------------------------------------


def test_a_closed_household_with_decisions_is_kept_with_them_for_the_archive(world):
    from eigenplan.accounts.models import Role
    from eigenplan.decisions.models import Decision, DecisionLetter
    from tests.decisions.conftest import DecisionsScene

    DecisionsScene(world, team_lead=UserFactory(role=Role.TEAM_LEAD))
    confirm_all()
    Household.objects.filter(pk__in=[world.household.pk, world.other_household.pk]).update(
        closed_at=REFERENCE
    )

    report = run(REMOVAL)
    assert report["closed_household"]["count"] == 1  # only the household without decisions
    assert "decisions" not in report  # a "keep" rule: never enforced by the task
    assert not Household.objects.filter(pk=world.other_household.pk).exists()
    assert Household.objects.filter(pk=world.household.pk).exists()
    assert Decision.objects.filter(household=world.household).exists()
    assert DecisionLetter.objects.filter(household=world.household).exists()
    assert retention.KINDS_BY_KEY["decisions"].action == retention.KEEP
    assert verify_trail().ok
