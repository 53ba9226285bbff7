"""The conference's steps, enforced in the services: who may take each one, from which step,
and what it leaves behind (the plan's new version, an audit event per step)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from eigenplan.accounts.models import Role
from eigenplan.conferences import services
from eigenplan.conferences.access import conference_standing
from eigenplan.conferences.models import ProfessionalInput, Status
from eigenplan.conferences.selectors import reviews_due
from eigenplan.conferences.services import InvalidTransition
from eigenplan.households.models import CircleMember, TeamMembership, TeamRole
from eigenplan.plans.models import PlanVersion
from eigenplan.plans.snapshot import diff_snapshots
from eigenplan.privacy.models import AuditEvent
from tests.factories import CircleMemberFactory, UserFactory


def test_a_whole_conference_makes_the_next_version_of_the_plan(scene):
    before = scene.world.plan.versions.count()
    conference = scene.walk(Status.FOLLOW_UP)

    version = conference.approved_version
    assert version.number == before + 1
    assert scene.world.plan.versions.count() == before + 1
    texts = [goal["text"] for goal in version.snapshot["goals"]]
    # The family kept the plan's goals and added its own, with the action it agreed on.
    assert texts == ["Huur betalen", "Beter slapen", "Yassin gaat elke dag naar school"]
    school = version.snapshot["goals"][2]
    assert school["actions"][0]["description"] == "Oma brengt Yassin elke ochtend naar school"
    # The version history says in plain words what the conference changed.
    previous = PlanVersion.objects.get(plan=scene.world.plan, number=before)
    sentences = [change.sentence for change in diff_snapshots(previous.snapshot, version.snapshot)]
    assert any("Yassin gaat elke dag naar school" in sentence for sentence in sentences)
    assert conference.review_date == timezone.localdate() + datetime.timedelta(weeks=4)
    # Every step is in the audit trail, in order.
    steps = list(
        AuditEvent.objects.filter(verb="conference_step", object_id=str(conference.pk))
        .order_by("sequence")
        .values_list("detail", flat=True)
    )
    assert [step["to"] for step in steps] == [
        "referred",
        "preparing",
        "information",
        "private_time",
        "presented",
        "assessment",
        "approved",
        "follow_up",
    ]


def test_what_the_family_leaves_out_goes_out_of_the_plan(scene):
    conference = scene.walk(Status.PRIVATE_TIME)
    health = conference.draft_goals.get(text="Beter slapen")
    services.delete_draft_goal(actor=scene.resident, goal=health)
    housing = conference.draft_goals.get(text="Huur betalen")
    services.update_draft_goal(
        actor=scene.resident, goal=housing, text="Elke maand de huur betalen", life_domain="housing"
    )
    services.present_plan(actor=scene.resident, conference=conference)
    services.start_assessment(actor=scene.independent, conference=conference)
    for condition in conference.inputs.filter(kind="condition"):
        services.assess_condition(
            actor=scene.colleague, condition=condition, is_met=False, reason="Nog geen afspraak."
        )
    services.approve(actor=scene.resident, conference=conference)

    goals = list(scene.world.plan.goals.values_list("text", flat=True))
    assert goals == ["Elke maand de huur betalen"]
    # The housing goal is the same goal, changed: its action is still there.
    assert scene.housing_goal.pk == scene.world.plan.goals.get().pk
    assert scene.world.plan.goals.get().actions.get().description == "Corporatie bellen"
    event = AuditEvent.objects.filter(verb="conference_step").order_by("-sequence").first()
    assert event.detail["conditions_not_met"] == 1


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (Status.REFERRED, "present_plan"),
        (Status.PREPARING, "start_private_time"),
        (Status.INFORMATION, "start_assessment"),
        (Status.PRESENTED, "start_private_time"),
        (Status.APPROVED, "start_next_version"),
        (Status.APPROVED, "stop"),
        (Status.FOLLOW_UP, "start_information_round"),
    ],
)
def test_a_step_out_of_order_is_refused_and_changes_nothing(scene, status, step):
    conference = scene.walk(status)
    family_steps = ("start_next_version", "stop", "present_plan")
    actor = scene.resident if step in family_steps else scene.independent
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidTransition):
        getattr(services, step)(actor=actor, conference=conference)
    conference.refresh_from_db()
    assert conference.status == status
    assert AuditEvent.objects.count() == events


def test_the_family_cannot_approve_before_every_condition_is_assessed(scene):
    conference = scene.walk(Status.ASSESSMENT)
    with pytest.raises(ValidationError, match="nog niet alle voorwaarden"):
        services.approve(actor=scene.resident, conference=conference)
    with pytest.raises(InvalidTransition):
        services.approve(actor=scene.resident, conference=scene.walk_again(Status.PRESENTED))


def test_presenting_an_empty_plan_is_refused(scene):
    conference = scene.walk(Status.PRIVATE_TIME)
    for goal in conference.draft_goals.all():
        services.delete_draft_goal(actor=scene.resident, goal=goal)
    with pytest.raises(ValidationError, match="minstens één doel"):
        services.present_plan(actor=scene.resident, conference=conference)


def test_the_family_may_go_back_to_private_time_and_the_assessment_starts_again(scene):
    conference = scene.walk(Status.ASSESSMENT)
    condition = conference.inputs.get(kind="condition")
    services.assess_condition(
        actor=scene.colleague, condition=condition, is_met=False, reason="Nee"
    )
    with pytest.raises(PermissionDenied):
        services.start_private_time(actor=scene.independent, conference=conference)
    services.start_private_time(actor=scene.resident, conference=conference)
    condition.refresh_from_db()
    assert condition.is_met is None and condition.assessment_reason == ""
    # The family's plan is kept, not copied from the household plan again.
    assert conference.draft_goals.filter(text="Yassin gaat elke dag naar school").exists()


@pytest.mark.parametrize(
    ("who", "step"),
    [
        ("resident", "start_information_round"),
        ("coordinator", "start_information_round"),
        ("colleague", "start_information_round"),
    ],
)
def test_only_the_independent_coordinator_leads_the_conference(scene, who, step):
    conference = scene.walk(Status.PREPARING)
    with pytest.raises(PermissionDenied):
        getattr(services, step)(actor=getattr(scene, who), conference=conference)


def test_only_the_family_writes_and_presents_its_plan(scene):
    conference = scene.walk(Status.PRIVATE_TIME)
    for actor in (scene.coordinator, scene.colleague, scene.independent, scene.world.circle_user):
        with pytest.raises(PermissionDenied):
            services.add_draft_goal(
                actor=actor, conference=conference, text="Van buiten", life_domain="housing"
            )
        with pytest.raises(PermissionDenied):
            services.present_plan(actor=actor, conference=conference)
    assert not conference.draft_goals.filter(text="Van buiten").exists()


def test_only_professionals_of_the_team_bring_information_and_assess(scene):
    conference = scene.walk(Status.PREPARING)
    for actor in (scene.resident, scene.independent, scene.world.circle_user):
        with pytest.raises(PermissionDenied):
            services.add_input(actor=actor, conference=conference, kind="information", text="x")
    with pytest.raises(ValidationError):
        services.add_input(
            actor=scene.coordinator, conference=conference, kind="condition", text="Zorg"
        )


def test_the_referral_comes_from_the_family_or_the_coordinator_once_at_a_time(scene):
    with pytest.raises(PermissionDenied):
        services.refer(actor=scene.world.circle_user, household=scene.household, question="Mag ik?")
    with pytest.raises(PermissionDenied):
        services.refer(actor=scene.colleague, household=scene.household, question="Mag ik?")
    scene.refer()
    with pytest.raises(ValidationError, match="al een conferentie"):
        services.refer(actor=scene.resident, household=scene.household, question="Nog een")


def test_the_coordinator_must_be_independent(scene):
    conference = scene.refer()
    # A professional is no independent coordinator.
    with pytest.raises(ValidationError, match="uit de lijst"):
        services.assign_coordinator(
            actor=scene.coordinator, conference=conference, coordinator=scene.colleague
        )
    # Someone with the role who is in the household's team, or in its circle, is not either.
    in_team = UserFactory(username="teamwendy", role=Role.INDEPENDENT_COORDINATOR)
    TeamMembership.objects.create(team=scene.team, user=in_team, role=TeamRole.COLLEAGUE)
    in_circle = UserFactory(username="circlewendy", role=Role.INDEPENDENT_COORDINATOR)
    CircleMemberFactory(household=scene.household, user=in_circle, name="Wendy")
    for candidate in (in_team, in_circle):
        with pytest.raises(ValidationError, match="niet onafhankelijk"):
            services.assign_coordinator(
                actor=scene.coordinator, conference=conference, coordinator=candidate
            )
    with pytest.raises(PermissionDenied):
        services.assign_coordinator(
            actor=scene.colleague, conference=conference, coordinator=scene.independent
        )
    services.assign_coordinator(
        actor=scene.resident, conference=conference, coordinator=scene.independent
    )
    conference.refresh_from_db()
    assert conference.status == Status.PREPARING
    assert conference.independent_coordinator == scene.independent


def test_in_private_time_only_the_family_sees_the_draft(scene):
    conference = scene.walk(Status.PRIVATE_TIME)
    professional_friend = UserFactory(username="friend")
    CircleMemberFactory(
        household=scene.household,
        user=professional_friend,
        name="Joke",
        relation=CircleMember.Relation.PROFESSIONAL,
    )

    def sees(user) -> bool:
        return conference_standing(user, conference).may_see_draft(conference)

    assert sees(scene.resident)
    assert sees(scene.world.circle_user)
    for user in (scene.coordinator, scene.colleague, scene.independent, professional_friend):
        assert not sees(user), user
    services.add_draft_goal(
        actor=scene.resident, conference=conference, text="Samen eten", life_domain="social"
    )
    services.present_plan(actor=scene.resident, conference=conference)
    conference.refresh_from_db()
    for user in (scene.coordinator, scene.colleague, scene.independent):
        assert conference_standing(user, conference).may_see_draft(conference), user


def test_stopping_is_the_familys_decision(scene):
    conference = scene.walk(Status.INFORMATION)
    with pytest.raises(PermissionDenied):
        services.stop(actor=scene.coordinator, conference=conference)
    services.stop(actor=scene.resident, conference=conference)
    conference.refresh_from_db()
    assert conference.status == Status.STOPPED
    # The household may be referred again.
    assert scene.refer().status == Status.REFERRED


def test_the_review_date_lies_ahead(scene):
    conference = scene.walk(Status.APPROVED)
    for day in (timezone.localdate(), timezone.localdate() + datetime.timedelta(days=400)):
        with pytest.raises(ValidationError):
            services.set_review_date(
                actor=scene.independent, conference=conference, review_date=day
            )
    with pytest.raises(PermissionDenied):
        services.set_review_date(
            actor=scene.coordinator,
            conference=conference,
            review_date=timezone.localdate() + datetime.timedelta(days=10),
        )
    suggested = services.suggested_review_date(conference)
    assert suggested == timezone.localdate() + datetime.timedelta(weeks=4)


def test_starting_the_next_version_closes_the_conference(scene):
    conference = scene.walk(Status.FOLLOW_UP)
    with pytest.raises(PermissionDenied):
        services.start_next_version(actor=scene.independent, conference=conference)
    services.start_next_version(actor=scene.resident, conference=conference)
    conference.refresh_from_db()
    assert conference.status == Status.REVIEWED
    assert reviews_due([scene.household.pk]) == {}


def test_reviews_due_for_the_caseload(scene, django_assert_num_queries):
    conference = scene.walk(Status.FOLLOW_UP)
    other = scene.world.other_household
    with django_assert_num_queries(1):
        due = reviews_due([scene.household.pk, other.pk])
    assert due == {scene.household.pk: conference.review_date}


def test_conditions_need_a_reason(scene):
    conference = scene.walk(Status.ASSESSMENT)
    condition = conference.inputs.get(kind=ProfessionalInput.Kind.CONDITION)
    with pytest.raises(ValidationError):
        services.assess_condition(
            actor=scene.colleague, condition=condition, is_met=True, reason=""
        )
    with pytest.raises(PermissionDenied):
        services.assess_condition(
            actor=scene.independent, condition=condition, is_met=True, reason="Goed"
        )
