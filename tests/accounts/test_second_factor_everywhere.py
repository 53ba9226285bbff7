"""A professional who typed their password but not yet the code reaches nothing: every page of
the project (taken from the page permission matrix, so new pages are covered), every API call
made with the session (from the API access cases), and Django's admin. Only the pages of the
second step itself, logging out and the language switch stay open."""

import pytest
from django.urls import reverse

from tests.api.conftest import scene  # noqa: F401 - a fixture used below
from tests.api.test_access import CASES

SETUP = reverse("accounts:second_factor_setup")
CODE_PAGE = reverse("accounts:second_factor")
OPEN = {"accounts:second_factor", "accounts:second_factor_setup"}
# Off unless configured: 404 for everyone (tests/accounts/test_oidc.py, test_digid.py).
SSO = {
    "accounts:sso_login",
    "accounts:sso_callback",
    "accounts:digid_login",
    "accounts:digid_callback",
}


@pytest.fixture
def first_step_only(client, world):
    """The coordinator after their password, before the code."""
    client.force_login_first_step(world.coordinator)
    return client


def test_the_second_step_pages_stay_open(first_step_only):
    assert first_step_only.get(SETUP).status_code == 200
    assert first_step_only.get(CODE_PAGE).url.startswith(SETUP)  # no app yet: set it up first
    assert first_step_only.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert first_step_only.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in first_step_only.session


@pytest.mark.parametrize("url", ["/beheer/", "/beheer/login/", "/beheer/accounts/user/"])
def test_the_admin_sends_to_the_second_step(client, world, url):
    world.coordinator.is_staff = True
    world.coordinator.save()
    client.force_login_first_step(world.coordinator)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(SETUP)


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]} {c[1]}" for c in CASES])
def test_every_api_call_with_the_session_is_refused(client, scene, case):  # noqa: F811
    method, path, body, _expected = case
    url = scene.base + path.format(
        neighbour=scene.neighbour.pk,
        housing_goal=scene.housing_goal.pk,
        housing_action=scene.housing_action.pk,
        proposal=scene.proposal.pk,
    )
    client.force_login_first_step(scene.world.coordinator)
    response = getattr(client, method)(
        url, body(scene) if body else None, content_type="application/json"
    )
    assert response.status_code == 403, url
    assert "code uit uw app" in response.json()["detail"]


def test_the_household_list_and_docs_are_refused_too(client, world):
    client.force_login_first_step(world.coordinator)
    for url in ("/api/v1/households/", "/api/v1/schema/", "/api/v1/docs/"):
        assert client.get(url).status_code == 403, url
