"""Every endpoint and method, for everyone around the household: the same rules as the pages.
Someone without standing gets 404, so they cannot even learn that the household exists."""

import pytest

from tests.api.conftest import ROLES


def goal_fields(scene):
    return {"text": "Een rustig huis", "life_domain": "housing"}


def action_fields(scene):
    return {"description": "Huurtoeslag aanvragen", "performer": "resident"}


# (method, path below /households/{id}/, body, expected status per role in ROLES order)
CASES = [
    ("get", "", None, (200, 200, 200, 404, 404, 404)),
    ("get", "circle/", None, (200, 200, 403, 404, 404, 404)),
    (
        "post",
        "circle/",
        lambda s: {"name": "Joke", "relation": "friend"},
        (201, 403, 403, 404, 404, 404),
    ),
    ("get", "circle/{neighbour}/", None, (200, 200, 403, 404, 404, 404)),
    (
        "patch",
        "circle/{neighbour}/",
        lambda s: {"phone": "0612345678", "revision": s.neighbour.revision},
        (200, 403, 403, 404, 404, 404),
    ),
    (
        "put",
        "circle/{neighbour}/",
        lambda s: {"name": "Kees", "relation": "neighbour", "revision": s.neighbour.revision},
        (200, 403, 403, 404, 404, 404),
    ),
    ("delete", "circle/{neighbour}/", None, (204, 403, 403, 404, 404, 404)),
    ("get", "plan/", None, (200, 200, 200, 404, 404, 404)),
    (
        "patch",
        "plan/",
        lambda s: {"dream": "Een eigen tuin", "revision": s.plan.revision},
        (200, 403, 403, 404, 404, 404),
    ),
    ("get", "plan/goals/", None, (200, 200, 200, 404, 404, 404)),
    ("post", "plan/goals/", goal_fields, (201, 403, 403, 404, 404, 404)),
    ("get", "plan/goals/{housing_goal}/", None, (200, 200, 200, 404, 404, 404)),
    (
        "patch",
        "plan/goals/{housing_goal}/",
        lambda s: {"text": "Een groter huis", "revision": s.housing_goal.revision},
        (200, 403, 403, 404, 404, 404),
    ),
    (
        "put",
        "plan/goals/{housing_goal}/",
        lambda s: {**goal_fields(s), "revision": s.housing_goal.revision},
        (200, 403, 403, 404, 404, 404),
    ),
    ("delete", "plan/goals/{housing_goal}/", None, (204, 403, 403, 404, 404, 404)),
    ("post", "plan/goals/{housing_goal}/actions/", action_fields, (201, 403, 403, 404, 404, 404)),
    ("get", "plan/actions/{housing_action}/", None, (200, 200, 200, 404, 404, 404)),
    (
        "patch",
        "plan/actions/{housing_action}/",
        lambda s: {"status": "doing", "revision": s.housing_action.revision},
        (200, 403, 403, 404, 404, 404),
    ),
    (
        "put",
        "plan/actions/{housing_action}/",
        lambda s: {**action_fields(s), "revision": s.housing_action.revision},
        (200, 403, 403, 404, 404, 404),
    ),
    ("delete", "plan/actions/{housing_action}/", None, (204, 403, 403, 404, 404, 404)),
    ("get", "plan/proposals/", None, (200, 200, 200, 404, 404, 404)),
    (
        "post",
        "plan/proposals/",
        lambda s: {
            "kind": "add_action",
            "goal": s.housing_goal.pk,
            "payload": {"description": "Samen naar de bank", "performer": "resident"},
            "explanation": "Dan staat u er niet alleen voor.",
        },
        (403, 201, 201, 404, 404, 404),
    ),
    (
        "post",
        "plan/proposals/{proposal}/accept/",
        lambda s: {"changes": {"performer_name": "Sanne de Vries"}},
        (200, 403, 403, 404, 404, 404),
    ),
    (
        "post",
        "plan/proposals/{proposal}/decline/",
        lambda s: {"reason": "Dat doe ik liever zelf."},
        (200, 403, 403, 404, 404, 404),
    ),
    ("get", "plan/versions/", None, (200, 200, 403, 404, 404, 404)),
    (
        "post",
        "plan/versions/",
        lambda s: {"revision": s.plan.revision, "note": "Samen besproken"},
        (201, 403, 403, 404, 404, 404),
    ),
    ("get", "plan/versions/1/", None, (200, 200, 403, 404, 404, 404)),
    ("get", "plan/versions/compare/?from=1&to=2", None, (200, 200, 403, 404, 404, 404)),
]


def case_id(case) -> str:
    method, path, _body, _expected = case
    return f"{method.upper()} {path or '.'}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_status_per_role(scene, client_for, case, role):
    method, path, body, expected = case
    url = scene.base + path.format(
        neighbour=scene.neighbour.pk,
        housing_goal=scene.housing_goal.pk,
        housing_action=scene.housing_action.pk,
        proposal=scene.proposal.pk,
    )
    client = client_for(getattr(scene.world, role))
    response = getattr(client, method)(url, body(scene) if body else None, format="json")
    assert response.status_code == expected[ROLES.index(role)], response.content
    if response.status_code >= 400:
        assert response.json()["detail"]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_lists_only_the_households_they_have_standing_with(scene, client_for, role):
    response = client_for(getattr(scene.world, role)).get("/api/v1/households/")
    assert response.status_code == 200
    ids = [household["id"] for household in response.json()["results"]]
    expected = {
        "resident": [scene.household.pk],
        "coordinator": [scene.household.pk],
        "circle_user": [scene.household.pk],
        "stranger": [],
        "other_resident": [scene.world.other_household.pk],
        "other_coordinator": [scene.world.other_household.pk],
    }
    assert ids == expected[role]


@pytest.mark.parametrize(
    "path", ["households/", "households/{household}/", "households/{household}/plan/goals/"]
)
def test_without_logging_in_nothing_is_shown(scene, client_for, path):
    response = client_for(None).get("/api/v1/" + path.format(household=scene.household.pk))
    assert response.status_code in (401, 403)
    assert "results" not in response.json()
    assert response.json()["detail"]


def test_a_household_that_does_not_exist_looks_like_one_you_may_not_see(scene, client_for):
    client = client_for(scene.world.stranger)
    missing = client.get("/api/v1/households/999999/plan/")
    hidden = client.get(f"{scene.base}plan/")
    assert missing.status_code == hidden.status_code == 404
    assert missing.json() == hidden.json() == {"detail": "Niet gevonden."}


def test_an_id_too_large_for_the_database_is_just_not_found(scene, client_for):
    client = client_for(scene.world.resident)
    assert client.get("/api/v1/households/99999999999999999999999/").status_code == 404
    assert client.get(f"{scene.base}plan/goals/99999999999999999999999/").status_code == 404


def test_unknown_addresses_answer_in_json(client_for, world):
    response = client_for(world.resident).get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden."}


def test_a_removed_circle_member_loses_access_at_once(scene, client_for):
    resident = client_for(scene.world.resident)
    member = scene.world.circle_member
    assert resident.delete(f"{scene.base}circle/{member.pk}/").status_code == 204
    circle_user = client_for(scene.world.circle_user)
    assert circle_user.get(f"{scene.base}plan/").status_code == 404
    assert circle_user.get("/api/v1/households/").json()["results"] == []
    assert resident.get(f"{scene.base}circle/{member.pk}/").status_code == 404


def _shape(path: str) -> str:
    """A route or a CASES path with its parameters blanked: 'plan/goals/{}/'."""
    import re

    path = path.split("?")[0]
    path = re.sub(r"<[^>]+>", "{}", path)
    path = re.sub(r"(?<=/)\d+(?=/)", "{}", path)
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_every_household_endpoint_has_cases_here():
    """A new API route below /households/{id}/ without a case in CASES fails here, so no
    endpoint ships without a decision about who may call it."""
    from django.urls import URLPattern

    from eigenplan.api import urls as api_urls

    prefix = api_urls.HOUSEHOLD
    routes = {
        _shape(str(entry.pattern)[len(prefix) :])
        for entry in api_urls.urlpatterns
        if isinstance(entry, URLPattern) and str(entry.pattern).startswith(prefix)
    }
    covered = {_shape(path) for _method, path, _body, _expected in CASES}
    assert routes - covered == set(), f"API routes without permission cases: {routes - covered}"
