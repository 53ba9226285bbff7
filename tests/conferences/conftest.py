import datetime

import pytest
from django.utils import timezone

from eigenplan.accounts.models import Role
from eigenplan.conferences import services
from eigenplan.conferences.models import Conference, ProfessionalInput, Status
from eigenplan.households.models import Household, Team, TeamMembership, TeamRole
from eigenplan.plans import services as plan_services
from eigenplan.privacy.consent import decide_role_sharing
from eigenplan.privacy.models import ProfessionalRole
from tests.factories import ActionFactory, CoordinatorFactory, GoalFactory, UserFactory


class Scene:
    """The `world` with a neighbourhood team (the coordinator and a colleague with whom the
    resident shares housing), an independent coordinator, and an approved plan with a housing
    goal and a health goal. `walk(status)` takes a conference there through the services, the
    way people do it."""

    def __init__(self, world):
        self.world = world
        self.household = world.household
        self.resident = world.resident
        self.coordinator = world.coordinator
        self.team = Team.objects.create(name="Buurtteam Noord")
        Household.objects.filter(pk=self.household.pk).update(team=self.team)
        self.household.team = self.team
        self.colleague = CoordinatorFactory(username="colleague", display_name="Mohamed Bakkali")
        TeamMembership.objects.create(
            team=self.team, user=self.coordinator, role=TeamRole.COORDINATOR
        )
        TeamMembership.objects.create(team=self.team, user=self.colleague, role=TeamRole.COLLEAGUE)
        decide_role_sharing(
            actor=self.resident,
            household=self.household,
            role=ProfessionalRole.TEAM_MEMBER,
            parts=["housing"],
        )
        self.independent = UserFactory(
            username="wendy",
            role=Role.INDEPENDENT_COORDINATOR,
            display_name="Wendy Blom",
            email="wendy@example.org",
        )
        for user, address in [
            (self.resident, "fatima@example.org"),
            (self.coordinator, "sanne@example.org"),
        ]:
            user.email = address
            user.save(update_fields=["email"])
        self.housing_goal = GoalFactory(plan=world.plan, life_domain="housing", text="Huur betalen")
        self.housing_action = ActionFactory(goal=self.housing_goal, description="Corporatie bellen")
        self.health_goal = GoalFactory(plan=world.plan, life_domain="health", text="Beter slapen")
        plan_services.approve_plan(actor=self.resident, plan=world.plan)
        self.conference: Conference | None = None

    def refer(self) -> Conference:
        self.conference = services.refer(
            actor=self.coordinator,
            household=self.household,
            question="Hoe zorgen we samen dat Yassin veilig is?",
        )
        return self.conference

    def walk_again(self, status: str) -> Conference:
        """Stop the conference that runs, and walk a new one to `status`."""
        services.stop(actor=self.resident, conference=self.conference)
        return self.walk(status)

    def walk(self, status: str) -> Conference:
        """A fresh conference, taken through every step up to `status`."""
        c = self.refer()
        steps = [
            (Status.PREPARING, self._prepare),
            (
                Status.INFORMATION,
                lambda: services.start_information_round(actor=self.independent, conference=c),
            ),
            (
                Status.PRIVATE_TIME,
                lambda: services.start_private_time(actor=self.independent, conference=c),
            ),
            (Status.PRESENTED, self._write_and_present),
            (
                Status.ASSESSMENT,
                lambda: services.start_assessment(actor=self.independent, conference=c),
            ),
            (Status.APPROVED, self._assess_and_approve),
            (
                Status.FOLLOW_UP,
                lambda: services.set_review_date(
                    actor=self.independent,
                    conference=c,
                    review_date=timezone.localdate() + datetime.timedelta(weeks=4),
                ),
            ),
        ]
        for reached, do in steps:
            if c.status == status:
                break
            do()
            c.refresh_from_db()
            assert c.status == reached
        return c

    def _prepare(self) -> None:
        c = self.conference
        services.assign_coordinator(
            actor=self.coordinator, conference=c, coordinator=self.independent
        )
        services.update_preparation(
            actor=self.independent,
            conference=c,
            meeting_at=timezone.now() + datetime.timedelta(days=7),
            meeting_place="Buurthuis De Linde",
            language="Nederlands",
            interpreter="",
        )
        services.add_participant(
            actor=self.resident, conference=c, name="Oma Aïcha", relation="oma"
        )
        services.add_participant(
            actor=self.resident, conference=c, circle_member_id=self.world.circle_member.pk
        )
        services.add_input(
            actor=self.colleague,
            conference=c,
            kind=ProfessionalInput.Kind.CONDITION,
            text="De huurachterstand loopt op; er dreigt een huisuitzetting.",
            condition="Er is een afspraak over het aflossen van de huurachterstand.",
        )
        services.add_input(
            actor=self.coordinator,
            conference=c,
            kind=ProfessionalInput.Kind.INFORMATION,
            text="Yassin gaat sinds oktober weinig naar school.",
        )

    def _write_and_present(self) -> None:
        c = self.conference
        self.family_goal = services.add_draft_goal(
            actor=self.resident,
            conference=c,
            text="Yassin gaat elke dag naar school",
            life_domain="work",
            person_id=None,
        )
        services.add_draft_action(
            actor=self.resident,
            goal=self.family_goal,
            description="Oma brengt Yassin elke ochtend naar school",
            performer="community",
            performer_name="Oma Aïcha",
        )
        services.present_plan(actor=self.resident, conference=c)

    def _assess_and_approve(self) -> None:
        c = self.conference
        for condition in c.inputs.filter(kind=ProfessionalInput.Kind.CONDITION):
            services.assess_condition(
                actor=self.colleague,
                condition=condition,
                is_met=True,
                reason="De familie betaalt elke maand af.",
            )
        services.approve(actor=self.resident, conference=c)


@pytest.fixture
def scene(world):
    return Scene(world)
