"""Lists cost a fixed number of queries, however large the plan grows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ActionFactory, CircleMemberFactory, GoalFactory, PersonFactory


def fill_plan(world, goals: int):
    person = PersonFactory(household=world.household)
    member = CircleMemberFactory(household=world.household)
    for number in range(goals):
        goal = GoalFactory(plan=world.plan, person=person if number % 2 else None)
        ActionFactory(goal=goal, person=person)
        ActionFactory(goal=goal, performer="circle_member", circle_member=member)


def queries_for_goal_list(client, world) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1/households/{world.household.pk}/plan/goals/")
    assert response.status_code == 200
    return len(captured), response.json()["count"]


def test_goal_list_queries_do_not_grow_with_goals_and_actions(world, client_for):
    client = client_for(world.resident)
    fill_plan(world, 2)
    few, count = queries_for_goal_list(client, world)
    assert count == 2
    fill_plan(world, 18)
    many, count = queries_for_goal_list(client, world)
    assert count == 20
    assert many == few
