"""DigiD for residents through django-digid-eherkenning (DigiD over OpenID Connect with
mozilla-django-oidc-db), against the local OpenID Connect provider the tests start
(tests/accounts/oidc_provider.py). The package's configuration lives in the database; each test
fills it as an administrator would. Full round trips with the Django test client.

mozilla-django-oidc-db needs PostgreSQL (array fields), so these run on PostgreSQL
(DATABASE_URL=postgres://... make test); tests/accounts/test_digid_off.py covers SQLite."""

import json
import logging
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from eigenplan.accounts import digid, second_factor
from tests.accounts.oidc_provider import LocalOIDCProvider
from tests.accounts.test_oidc import logged_in_as, page, round_trip
from tests.factories import PersonFactory

pytestmark = pytest.mark.skipif(not digid.available(), reason="DigiD needs PostgreSQL")
if digid.available():
    from mozilla_django_oidc_db.models import OIDCClient

    from eigenplan.accounts.digid_oidc import configure, options

BSN = "999990068"  # passes the elfproef; invented
UNKNOWN_BSN = "999990093"
LOGIN = reverse("accounts:login")
DIGID_START = reverse("accounts:digid_login")
CALLBACK = reverse("accounts:digid_callback")
UNKNOWN_RESIDENT = "wij kunnen u niet vinden in eigenplan"
FAILED = "Het inloggen is niet gelukt. Probeer het opnieuw."


@pytest.fixture
def provider(db):
    with LocalOIDCProvider() as idp:
        configure(discovery_url=idp.url, client_id=idp.client_id, client_secret=idp.client_secret)
        yield idp


@pytest.fixture
def fatima(world):
    person = world.resident_person
    person.set_bsn(BSN)
    person.save()
    world.resident.set_unusable_password()
    world.resident.save()
    return world.resident


def test_digid_is_off_until_enabled_in_the_configuration(client, provider):
    assert "Inloggen met DigiD" in client.get(LOGIN).content.decode()
    OIDCClient.objects.filter(identifier=digid.IDENTIFIER).update(enabled=False)
    assert "Inloggen met DigiD" not in client.get(LOGIN).content.decode()
    assert client.get(DIGID_START).status_code == 404


def test_the_configuration_is_edited_in_the_admin_under_the_strict_csp(admin_client, provider):
    config = OIDCClient.objects.get(identifier=digid.IDENTIFIER)
    urls = [
        reverse("admin:mozilla_django_oidc_db_oidcclient_changelist"),
        reverse("admin:mozilla_django_oidc_db_oidcclient_change", args=[config.pk]),
        reverse("admin:mozilla_django_oidc_db_oidcprovider_change", args=[config.oidc_provider_id]),
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "script-src 'self';" in response.headers["Content-Security-Policy"]
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url
    assert "BSN claim path" in admin_client.get(urls[1]).content.decode()


def test_the_bsn_claim_is_saved_from_the_admin(admin_client, provider):
    config = OIDCClient.objects.get(identifier=digid.IDENTIFIER)
    url = reverse("admin:mozilla_django_oidc_db_oidcclient_change", args=[config.pk])
    form = {
        "enabled": "on",
        "oidc_provider": config.oidc_provider_id,
        "oidc_rp_client_id": "eigenplan",
        "oidc_rp_client_secret": "geheim",
        "oidc_rp_scopes_list": json.dumps(["openid", "bsn"]),
        "oidc_rp_sign_algo": "RS256",
        "userinfo_claims_source": "id_token",
        "options": json.dumps(options(["urn", "bsn"])),
    }
    response = admin_client.post(url, form)
    errors = re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S)
    assert response.status_code == 302, errors
    config.refresh_from_db()
    assert config.options["identity_settings"]["bsn_claim_path"] == ["urn", "bsn"]
    assert config.userinfo_claims_source == "id_token"


def test_a_resident_logs_in_with_digid(client, provider, world, fatima):
    provider.person = {"sub": "digid-1", "bsn": BSN}
    response = round_trip(client, provider, DIGID_START)
    assert logged_in_as(client) == str(fatima.pk)
    assert second_factor.login_method(client.session) == "digid"
    plan = client.get(response.url, follow=True)
    assert "Mijn plan" in plan.content.decode()
    request = provider.authorize_requests[-1]
    assert request["scope"] == "openid bsn"
    assert request["code_challenge_method"] == "S256"
    assert request["nonce"] and request["state"]


def test_a_nested_bsn_claim_can_be_configured(client, provider, fatima):
    configure(
        discovery_url=provider.url,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        bsn_claim="urn.bsn",
    )
    provider.person = {"sub": "digid-1", "urn": {"bsn": BSN}}
    round_trip(client, provider, DIGID_START)
    assert logged_in_as(client) == str(fatima.pk)


def test_an_unknown_bsn_gets_a_plain_message_and_the_bsn_is_nowhere(
    client, provider, world, fatima, caplog
):
    caplog.set_level(logging.DEBUG)
    provider.person = {"sub": "digid-2", "bsn": UNKNOWN_BSN}
    response = round_trip(client, provider, DIGID_START)
    assert logged_in_as(client) is None
    assert UNKNOWN_BSN not in response.url
    html = page(client, response)
    assert UNKNOWN_RESIDENT in html
    assert UNKNOWN_BSN not in html
    assert UNKNOWN_BSN not in caplog.text
    assert UNKNOWN_BSN not in str(dict(client.session))


def test_the_bsn_of_a_resident_who_logged_in_is_not_kept(client, provider, fatima, caplog):
    caplog.set_level(logging.DEBUG)
    provider.person = {"sub": "digid-1", "bsn": BSN}
    response = round_trip(client, provider, DIGID_START)
    assert logged_in_as(client) == str(fatima.pk)
    assert BSN not in response.url
    assert BSN not in caplog.text
    session = str(dict(client.session))
    assert BSN not in session
    assert "oidc_id_token" not in session and "oidc_access_token" not in session
    assert BSN not in client.get(response.url, follow=True).content.decode()


def test_digid_logs_in_residents_only(client, provider, world):
    person = PersonFactory(household=world.household, user=world.coordinator)
    person.set_bsn(BSN)
    person.save()
    provider.person = {"sub": "digid-3", "bsn": BSN}
    response = round_trip(client, provider, DIGID_START)
    assert logged_in_as(client) is None
    assert UNKNOWN_RESIDENT in page(client, response)


def test_an_invalid_or_missing_bsn_finds_nobody(client, provider, fatima):
    provider.person = {"sub": "digid-4", "bsn": "123456789"}
    assert UNKNOWN_RESIDENT in page(client, round_trip(client, provider, DIGID_START))
    provider.person = {"sub": "digid-5"}
    assert FAILED in page(client, round_trip(client, provider, DIGID_START))
    assert logged_in_as(client) is None


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
def test_a_forged_or_replayed_id_token_is_refused(client, provider, fatima, tamper):
    provider.person = {"sub": "digid-1", "bsn": BSN}
    provider.tamper = tamper
    response = round_trip(client, provider, DIGID_START)
    assert logged_in_as(client) is None
    assert FAILED in page(client, response)


def test_a_wrong_state_or_another_browser_is_refused(client, provider, fatima):
    provider.person = {"sub": "digid-1", "bsn": BSN}
    back = provider.log_in_at_provider(client.get(DIGID_START).url)
    code = parse_qs(urlsplit(back).query)["code"][0]
    response = client.get(CALLBACK, {"code": code, "state": "geraden"})
    assert FAILED in page(client, response)
    attacker = Client()
    assert FAILED in page(attacker, attacker.get(back))
    assert logged_in_as(attacker) is None
    # The real state still works once, and only once.
    assert client.get(back).status_code == 302
    assert logged_in_as(client) == str(fatima.pk)


def test_an_unreachable_provider_gets_a_plain_message(client, provider, fatima):
    provider.__exit__()
    provider.person = {"sub": "digid-1", "bsn": BSN}
    to_provider = client.get(DIGID_START)
    back = f"{CALLBACK}?code=x&state={parse_qs(urlsplit(to_provider.url).query)['state'][0]}"
    response = client.get(back)
    assert logged_in_as(client) is None
    assert "de inlogdienst antwoordt niet" in page(client, response)


# --- re-authentication by a fresh round trip ----------------------------------------------------


def _login_ten_minutes_ago(client, provider):
    provider.person = {"sub": "digid-1", "bsn": BSN}
    round_trip(client, provider, DIGID_START)
    session = client.session
    session["_ep_verified_at"] -= 600
    session.save()


def test_a_digid_resident_confirms_by_logging_in_with_digid_again(client, provider, world, fatima):
    _login_ten_minutes_ago(client, provider)
    my_data = reverse("privacy:my_data", args=[world.household.pk])
    response = client.get(my_data)
    assert response.url.startswith(reverse("accounts:reauthenticate"))
    html = client.get(response.url).content.decode()
    assert "Opnieuw inloggen met DigiD" in html
    assert 'type="password"' not in html

    back = round_trip(client, provider, f"{DIGID_START}?next={my_data}&opnieuw=1")
    request = provider.authorize_requests[-1]
    assert request["prompt"] == "login" and request["max_age"] == "0"
    assert back.url == my_data
    assert client.get(my_data).status_code == 200


def test_a_round_trip_that_did_not_log_in_again_does_not_count(client, provider, world, fatima):
    _login_ten_minutes_ago(client, provider)
    my_data = reverse("privacy:my_data", args=[world.household.pk])
    provider.auth_time = time.time() - 3600  # the provider did not ask again
    round_trip(client, provider, f"{DIGID_START}?next={my_data}&opnieuw=1")
    assert client.get(my_data).url.startswith(reverse("accounts:reauthenticate"))


def test_a_round_trip_that_brings_back_someone_else_logs_out(client, provider, world, fatima):
    provider.person = {"sub": "digid-1", "bsn": BSN}
    round_trip(client, provider, DIGID_START)
    other = world.other_household.persons.first()
    other.set_bsn(UNKNOWN_BSN)
    other.save()
    provider.person = {"sub": "digid-9", "bsn": UNKNOWN_BSN}
    response = round_trip(client, provider, f"{DIGID_START}?opnieuw=1")
    assert logged_in_as(client) is None
    assert "iemand anders" in page(client, response)


# --- the management command ---------------------------------------------------------------------


def test_configure_digid_from_the_environment(db, monkeypatch):
    with LocalOIDCProvider() as idp:
        monkeypatch.setenv("EIGENPLAN_DIGID_OIDC_DISCOVERY_URL", idp.url)
        monkeypatch.setenv("EIGENPLAN_DIGID_OIDC_CLIENT_ID", idp.client_id)
        monkeypatch.setenv("EIGENPLAN_DIGID_OIDC_CLIENT_SECRET", idp.client_secret)
        call_command("configure_digid")
    config = OIDCClient.objects.get(identifier=digid.IDENTIFIER)
    assert digid.enabled()
    assert config.oidc_provider.oidc_op_token_endpoint == f"{idp.url}/token"
    assert config.options["identity_settings"] == {"bsn_claim_path": ["bsn"]}
    call_command("configure_digid", "--disable")
    assert not digid.enabled()
