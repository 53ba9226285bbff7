import pytest

from eigenplan.plans import services as plan_services
from tests.factories import GoalFactory


@pytest.fixture
def ask(world):
    """The resident asks a circle member (Samira by default) to do something."""
    goal = GoalFactory(plan=world.plan, life_domain="housing", text="Een huis")

    def make(description="Helpen met verhuizen", member=None, **data):
        return plan_services.add_action(
            actor=world.resident,
            goal=goal,
            description=description,
            performer="circle_member",
            circle_member_id=(member or world.circle_member).pk,
            **data,
        )

    return make
