"""Lists page by limit and offset, with an exact count; a short first page needs no count
query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import GoalFactory


def goal_list(client, world, query=""):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1/households/{world.household.pk}/plan/goals/{query}")
    assert response.status_code == 200
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    return response.json(), counts


def test_a_short_first_page_is_counted_without_asking_the_database(world, client_for):
    for number in range(3):
        GoalFactory(plan=world.plan, text=f"Doel {number}")
    body, count_queries = goal_list(client_for(world.resident), world)
    assert body["count"] == 3
    assert [goal["text"] for goal in body["results"]] == ["Doel 0", "Doel 1", "Doel 2"]
    assert (body["next"], body["previous"]) == (None, None)
    assert count_queries == []


def test_full_and_later_pages_count_every_item(world, client_for):
    client = client_for(world.resident)
    for number in range(5):
        GoalFactory(plan=world.plan, text=f"Doel {number}")
    first, _counts = goal_list(client, world, "?limit=2")
    assert first["count"] == 5
    assert [goal["text"] for goal in first["results"]] == ["Doel 0", "Doel 1"]
    assert "offset=2" in first["next"]
    last, _counts = goal_list(client, world, "?limit=2&offset=4")
    assert (last["count"], [g["text"] for g in last["results"]]) == (5, ["Doel 4"])
    assert last["next"] is None
    beyond, _counts = goal_list(client, world, "?limit=2&offset=9")
    assert (beyond["count"], beyond["results"]) == (5, [])
