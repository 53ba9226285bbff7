import pytest
from rest_framework.test import APIClient

from eigenplan.plans import services
from eigenplan.plans.models import Proposal
from tests.factories import ActionFactory, CircleMemberFactory, GoalFactory

ROLES = [
    "resident",
    "coordinator",
    "circle_user",
    "stranger",
    "other_resident",
    "other_coordinator",
]


class Scene:
    """The `world` with a plan worth talking about: a goal in the domain shared with the circle
    member (housing) and one not shared (health), each with an action; a neighbour in the
    circle without an account; an open proposal by the coordinator; two approved versions and a
    change since. The other household has the same kinds of objects, which must stay out of
    reach through this household's URLs."""

    def __init__(self, world):
        self.world = world
        self.household = world.household
        self.plan = world.plan
        self.housing_goal = GoalFactory(plan=world.plan, life_domain="housing", text="Een huis")
        self.housing_action = ActionFactory(goal=self.housing_goal, description="Bellen")
        self.health_goal = GoalFactory(plan=world.plan, life_domain="health", text="Gezond eten")
        self.health_action = ActionFactory(goal=self.health_goal, description="Samen koken")
        self.neighbour = CircleMemberFactory(
            household=world.household, name="Kees", relation="neighbour"
        )
        services.approve_plan(actor=world.resident, plan=world.plan, note="Eerste versie")
        services.update_plan_text(
            actor=world.resident, plan=world.plan, field="dream", text="Een tuin"
        )
        services.approve_plan(actor=world.resident, plan=world.plan)
        self.proposal = services.make_proposal(
            actor=world.coordinator,
            plan=world.plan,
            kind=Proposal.Kind.ADD_ACTION,
            goal=self.housing_goal,
            payload={
                "description": "Gesprek met de woningcorporatie",
                "performer": "professional",
                "performer_name": "Sanne",
            },
        )
        services.update_plan_text(
            actor=world.resident, plan=world.plan, field="strengths", text="Ik kan goed luisteren."
        )
        self.plan.refresh_from_db()

        self.other_goal = GoalFactory(plan=world.other_plan, life_domain="housing")
        self.other_action = ActionFactory(goal=self.other_goal)
        self.other_member = CircleMemberFactory(household=world.other_household)
        self.other_proposal = services.make_proposal(
            actor=world.other_coordinator,
            plan=world.other_plan,
            kind=Proposal.Kind.CHANGE_GOAL,
            goal=self.other_goal,
            payload={"text": "Ander doel", "life_domain": "housing"},
        )

    @property
    def base(self) -> str:
        return f"/api/v1/households/{self.household.pk}/"


@pytest.fixture
def scene(world):
    return Scene(world)


@pytest.fixture
def client_for():
    """A client logged in as the user, through the session like the pages. Each request loads
    the user afresh, so nothing about their standing is remembered between requests."""

    def make(user) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return make
