"""Single sign-on for professionals against a local OpenID Connect provider that the tests
start on 127.0.0.1 (tests/accounts/oidc_provider.py). DigiD: tests/accounts/test_digid.py.
Full round trips with the Django test client: eigenplan -> provider -> eigenplan's callback,
which fetches the token and the provider's keys over HTTP."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from eigenplan.accounts import oidc, second_factor
from eigenplan.accounts.models import Role
from eigenplan.accounts.oidc_config import providers_from_environment
from tests.accounts.oidc_provider import LocalOIDCProvider
from tests.factories import UserFactory

CASELOAD = reverse("plans:caseload")
LOGIN = reverse("accounts:login")
SSO_START = reverse("accounts:sso_login")
UNKNOWN_PROFESSIONAL = "er is in eigenplan geen medewerker met dit account"
FAILED = "Het inloggen is niet gelukt. Probeer het opnieuw."


@pytest.fixture
def provider(settings):
    with LocalOIDCProvider() as idp:
        settings.OIDC_PROVIDERS = providers_from_environment(
            {
                "EIGENPLAN_OIDC_DISCOVERY_URL": idp.url,
                "EIGENPLAN_OIDC_CLIENT_ID": idp.client_id,
                "EIGENPLAN_OIDC_CLIENT_SECRET": idp.client_secret,
            }
        )
        oidc.forget_discovery()
        yield idp
    oidc.forget_discovery()


@pytest.fixture
def sanne(world):
    world.coordinator.email = "sanne.devries@voorbeeld.nl"
    world.coordinator.save()
    return world.coordinator


def round_trip(client, idp, start_url):
    """Start at eigenplan, log in at the provider, come back; the callback's response."""
    to_provider = client.get(start_url)
    assert to_provider.status_code == 302
    assert to_provider.url.startswith(f"{idp.url}/authorize?")
    return client.get(idp.log_in_at_provider(to_provider.url))


def page(client, response) -> str:
    """The page a browser shows after following the redirect."""
    return client.get(response.url).content.decode()


def logged_in_as(client):
    return client.session.get("_auth_user_id")


# --- single sign-on for professionals ---------------------------------------------------------


def test_the_login_page_offers_sso_only_when_configured(client, db, provider, settings):
    html = client.get(LOGIN).content.decode()
    assert "Inloggen met het account van uw organisatie" in html
    settings.OIDC_PROVIDERS = {}
    html = client.get(LOGIN).content.decode()
    assert "Inloggen met het account van uw organisatie" not in html
    assert client.get(SSO_START).status_code == 404


def test_a_professional_logs_in_by_sso_and_still_gives_the_code(client, provider, sanne):
    provider.person = {"sub": "abc-123", "email": "Sanne.deVries@voorbeeld.nl", "amr": ["pwd"]}
    response = round_trip(client, provider, f"{SSO_START}?next={CASELOAD}")
    assert response.status_code == 302
    assert response.url == CASELOAD
    assert logged_in_as(client) == str(sanne.pk)
    assert second_factor.login_method(client.session) == "sso"
    # The identity provider did not say it asked a second factor: eigenplan asks its own.
    assert client.get(CASELOAD).url.startswith(reverse("accounts:second_factor_setup"))
    request = provider.authorize_requests[-1]
    assert request["scope"] == "openid email profile"
    assert request["code_challenge_method"] == "S256"
    assert request["nonce"] and request["state"]


def test_when_the_provider_did_a_second_factor_that_counts(client, provider, sanne):
    provider.person = {"sub": "abc-123", "email": sanne.email, "amr": ["pwd", "mfa"]}
    response = round_trip(client, provider, f"{SSO_START}?next={CASELOAD}")
    assert response.url == CASELOAD
    assert client.get(CASELOAD).status_code == 200
    assert second_factor.method(client.session) == "sso"


def test_an_acr_value_can_be_configured_as_a_second_factor(client, provider, sanne, settings):
    sso = settings.OIDC_PROVIDERS[oidc.SSO]
    settings.OIDC_PROVIDERS = {
        oidc.SSO: type(sso)(**{**sso.__dict__, "mfa_acr": frozenset({"urn:gemeente:mfa"})})
    }
    provider.person = {"sub": "abc-123", "email": sanne.email, "acr": "urn:gemeente:mfa"}
    round_trip(client, provider, SSO_START)
    assert client.get(CASELOAD).status_code == 200


def test_an_unknown_person_is_refused_with_a_clear_message(client, provider, sanne):
    provider.person = {"sub": "x", "email": "onbekend@voorbeeld.nl", "amr": ["mfa"]}
    response = round_trip(client, provider, SSO_START)
    assert response.url == LOGIN
    assert logged_in_as(client) is None
    assert UNKNOWN_PROFESSIONAL in page(client, response)


def test_sso_never_logs_in_a_resident_or_an_inactive_account(client, provider, world, sanne):
    world.resident.email = "fatima@voorbeeld.nl"
    world.resident.save()
    provider.person = {"sub": "r", "email": "fatima@voorbeeld.nl", "amr": ["mfa"]}
    assert UNKNOWN_PROFESSIONAL in page(client, round_trip(client, provider, SSO_START))
    sanne.is_active = False
    sanne.save()
    provider.person = {"sub": "s", "email": sanne.email, "amr": ["mfa"]}
    assert UNKNOWN_PROFESSIONAL in page(client, round_trip(client, provider, SSO_START))
    assert logged_in_as(client) is None


def test_two_accounts_with_the_same_address_are_refused(client, provider, sanne):
    UserFactory(username="sanne2", email=sanne.email.upper(), role=Role.TEAM_LEAD)
    provider.person = {"sub": "s", "email": sanne.email, "amr": ["mfa"]}
    assert UNKNOWN_PROFESSIONAL in page(client, round_trip(client, provider, SSO_START))
    assert logged_in_as(client) is None


def test_matching_on_the_username_claim(client, provider, sanne, settings):
    sso = settings.OIDC_PROVIDERS[oidc.SSO]
    settings.OIDC_PROVIDERS = {
        oidc.SSO: type(sso)(
            **{**sso.__dict__, "claim": "preferred_username", "user_field": "username"}
        )
    }
    provider.person = {"sub": "s", "preferred_username": "COORDINATOR", "amr": ["mfa"]}
    round_trip(client, provider, SSO_START)
    assert logged_in_as(client) == str(sanne.pk)


@pytest.mark.parametrize(
    "tamper",
    [
        {"nonce": "een-andere-nonce"},
        {"iss": "http://127.0.0.1:1"},
        {"aud": "een-andere-applicatie"},
        {"exp": int(time.time()) - 10},
    ],
    ids=["nonce", "issuer", "audience", "expired"],
)
def test_a_forged_or_replayed_id_token_is_refused(client, provider, sanne, tamper):
    provider.person = {"sub": "abc", "email": sanne.email, "amr": ["mfa"]}
    provider.tamper = tamper
    response = round_trip(client, provider, SSO_START)
    assert response.status_code == 302
    assert logged_in_as(client) is None
    assert FAILED in page(client, response)


def test_a_wrong_state_is_refused(client, provider, sanne):
    provider.person = {"sub": "abc", "email": sanne.email, "amr": ["mfa"]}
    to_provider = client.get(SSO_START)
    back = provider.log_in_at_provider(to_provider.url)
    code = parse_qs(urlsplit(back).query)["code"][0]
    response = client.get(reverse("accounts:sso_callback"), {"code": code, "state": "geraden"})
    assert logged_in_as(client) is None
    assert FAILED in page(client, response)
    # The real state still works once, and only once.
    assert client.get(back).url == "/"
    assert logged_in_as(client) == str(sanne.pk)
    client.post(reverse("accounts:logout"))
    client.get(back)
    assert logged_in_as(client) is None


def test_a_callback_from_another_browser_is_refused(client, provider, sanne):
    from django.test import Client

    provider.person = {"sub": "abc", "email": sanne.email, "amr": ["mfa"]}
    back = provider.log_in_at_provider(client.get(SSO_START).url)
    attacker = Client()
    attacker.get(back)
    assert logged_in_as(attacker) is None


def test_an_error_from_the_provider_logs_nobody_in(client, provider, sanne):
    response = client.get(reverse("accounts:sso_callback"), {"error": "access_denied"})
    assert logged_in_as(client) is None
    assert FAILED in page(client, response)


def test_an_unreachable_provider_gets_a_plain_message(client, db, settings):
    settings.OIDC_PROVIDERS = providers_from_environment(
        {"EIGENPLAN_OIDC_DISCOVERY_URL": "http://127.0.0.1:9", "EIGENPLAN_OIDC_CLIENT_ID": "x"}
    )
    oidc.forget_discovery()
    response = client.get(SSO_START)
    assert response.url == LOGIN
    assert "de inlogdienst antwoordt niet" in page(client, response)


# --- re-authentication by a fresh round trip ----------------------------------------------------


def test_an_sso_professional_without_an_app_confirms_at_the_provider(client, provider, sanne):
    sanne.set_unusable_password()
    sanne.save()
    provider.person = {"sub": "abc", "email": sanne.email, "amr": ["mfa"]}
    round_trip(client, provider, SSO_START)
    html = client.get(reverse("accounts:reauthenticate")).content.decode()
    assert "Opnieuw inloggen bij uw organisatie" in html
