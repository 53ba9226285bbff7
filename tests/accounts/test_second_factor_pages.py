"""A professional who typed their password but not yet the code reaches no page: every page of
the project, taken from the permission matrix's walk of the URL configuration (so new pages are
covered), is sent to the second step, and a POST is not carried out. In a module of its own: the
matrix's world is made once per module."""

import pytest
from django.urls import reverse

from tests.test_page_permissions import (  # noqa: F401 - fixtures used below
    ALL_URLS,
    matrix,
    module_matrix,
    rule_for,
)

SETUP = reverse("accounts:second_factor_setup")
# Open before the second step (accounts.middleware.OPEN_BEFORE_SECOND_FACTOR).
OPEN = {"accounts:second_factor", "accounts:second_factor_setup", "accounts:logout", "set_language"}
# Off unless configured: 404 for everyone (tests/accounts/test_oidc.py).
SSO = {
    "accounts:sso_login",
    "accounts:sso_callback",
    "accounts:digid_login",
    "accounts:digid_callback",
}


PAGES = [url for url in ALL_URLS if not (url.is_api or url.is_admin) and url.key not in OPEN | SSO]


@pytest.mark.parametrize("page", PAGES, ids=[url.key for url in PAGES])
def test_every_page_sends_to_the_second_step(client, matrix, page):  # noqa: F811
    client.force_login_first_step(matrix.world.coordinator)
    first_step_only = client
    url = matrix.address(page, rule_for(page))
    response = first_step_only.get(url)
    assert response.status_code == 302, url
    assert response.url.startswith(f"{SETUP}?next="), url
    # A POST is not carried out either.
    response = first_step_only.post(url, {})
    assert response.status_code == 302, url
    assert response.url == SETUP, url
