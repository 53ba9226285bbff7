"""Professionals log in with their password and then a code from an authenticator app (TOTP).
The first time they set the app up (QR code or typed key, confirmed with a code) and get
recovery codes once. The clock is moved by hand; codes are computed from the key the page
shows, as the app would."""

import re
from urllib.parse import quote

import pyotp
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from rest_framework.test import APIClient

from eigenplan.accounts import second_factor, totp
from eigenplan.accounts.models import LoginThrottle, RecoveryCode, Role, TOTPDevice
from eigenplan.privacy.models import AuditEvent
from tests.accounts.clock import Clock
from tests.factories import UserFactory
from tests.test_hostile_input import text as hostile_text

RIGHT = "correct-horse-battery"
LOGIN = reverse("accounts:login")
CODE_PAGE = reverse("accounts:second_factor")
SETUP = reverse("accounts:second_factor_setup")
CASELOAD = reverse("plans:caseload")
WRONG_CODE = "Deze code klopt niet."
LOCKED = "U heeft te vaak een verkeerde code ingevuld. Probeer het over 15 minuten opnieuw."


@pytest.fixture
def clock(monkeypatch):
    return Clock.install(monkeypatch)


def log_in(client, username="coordinator", next_url=""):
    data = {"username": username, "password": RIGHT}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def shown_key(response) -> str:
    match = re.search(r'id="totp-key"[^>]*>([A-Z2-7 ]+)</code>', html(response))
    assert match, "the set-up page shows the key"
    return match.group(1).replace(" ", "")


def html(response) -> str:
    return response.content.decode()


def code_now(secret: str, steps: int = 0) -> str:
    return totp.code_at(secret, totp.current_step() + steps)


def set_up(client, user, clock) -> tuple[str, list[str]]:
    """Log in with the password and set up the app; returns the secret and recovery codes."""
    log_in(client, user.username)
    secret = shown_key(client.get(SETUP))
    page = client.post(SETUP, {"code": code_now(secret), "next": CASELOAD})
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", html(page))
    clock.advance(seconds=30)  # the next code
    return secret, codes


def test_a_coordinator_sets_up_the_app_after_the_password(client, world, clock):
    response = log_in(client, next_url=CASELOAD)
    assert response.status_code == 302
    assert response.url == f"{SETUP}?next={quote(CASELOAD, safe='')}"

    page = client.get(response.url)
    assert page.status_code == 200
    assert "Stel inloggen in twee stappen in" in html(page)
    assert 'src="data:image/svg+xml' in html(page)  # the QR code, no inline script or style
    assert 'autocomplete="one-time-code"' in html(page)
    assert f'href="{CASELOAD}"' not in html(page)  # no menu that leads nowhere yet
    secret = shown_key(page)
    assert len(secret) == 32
    # Reloading the page shows the same key (the app may already have it).
    assert shown_key(client.get(SETUP)) == secret

    wrong = client.post(SETUP, {"code": "000000", "next": CASELOAD})
    assert WRONG_CODE in html(wrong)
    assert 'aria-invalid="true"' in html(wrong)
    assert client.get(CASELOAD).status_code == 302

    done = client.post(SETUP, {"code": code_now(secret), "next": CASELOAD})
    assert done.status_code == 200
    assert "Bewaar uw herstelcodes" in html(done)
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", html(done))
    assert len(codes) == 10 and len(set(codes)) == 10
    assert f'href="{CASELOAD}"' in html(done)
    # Only hashes are stored.
    stored = list(RecoveryCode.objects.filter(user=world.coordinator))
    assert len(stored) == 10
    assert not any(code.replace("-", "") in row.code_hash for code in codes for row in stored)

    assert client.get(CASELOAD).status_code == 200
    assert AuditEvent.objects.filter(
        verb="second_factor_set_up", actor_id=world.coordinator.pk
    ).exists()
    # The set-up page is done: it sends on to the code page from now on.
    assert client.get(SETUP).status_code == 302


def test_with_an_app_the_code_page_follows_the_password(client, world, clock):
    secret, _codes = set_up(client, world.coordinator, clock)
    client.post(reverse("accounts:logout"))

    response = log_in(client, next_url=CASELOAD)
    assert response.url.startswith(CODE_PAGE)
    assert f"next={quote(CASELOAD, safe='')}" in response.url
    page = client.get(response.url)
    assert "Vul uw code in" in html(page)
    assert 'inputmode="numeric"' in html(page)

    assert WRONG_CODE in html(client.post(CODE_PAGE, {"code": "123456", "next": CASELOAD}))
    code = code_now(secret)
    right = client.post(CODE_PAGE, {"code": f"{code[:3]} {code[3:]}", "next": CASELOAD})
    assert right.status_code == 302
    assert right.url == CASELOAD
    assert client.get(CASELOAD).status_code == 200
    assert second_factor.method(client.session) == "totp"


def test_a_code_counts_once_and_only_near_now(client, world, clock):
    secret, _codes = set_up(client, world.coordinator, clock)
    used = code_now(secret)
    client.post(reverse("accounts:logout"))
    log_in(client)
    assert client.post(CODE_PAGE, {"code": used}).status_code == 302
    client.post(reverse("accounts:logout"))
    log_in(client)
    # The same code again, within its 30 seconds: refused.
    assert WRONG_CODE in html(client.post(CODE_PAGE, {"code": used}))
    # A code from two steps back (a minute old) is refused, one from the step before counts.
    clock.advance(seconds=90)
    assert WRONG_CODE in html(client.post(CODE_PAGE, {"code": code_now(secret, -2)}))
    assert client.post(CODE_PAGE, {"code": code_now(secret, -1)}).status_code == 302


def test_guessing_codes_locks_the_second_step_for_15_minutes(client, world, clock):
    secret, _codes = set_up(client, world.coordinator, clock)
    client.post(reverse("accounts:logout"))
    log_in(client)
    for _attempt in range(4):
        assert WRONG_CODE in html(client.post(CODE_PAGE, {"code": "999999"}))
    assert LOCKED in html(client.post(CODE_PAGE, {"code": "999999"}))
    assert (
        AuditEvent.objects.filter(
            verb="second_factor_locked", actor_id=world.coordinator.pk
        ).count()
        == 1
    )
    # Even the right code waits.
    assert LOCKED.split(".")[0] in html(client.post(CODE_PAGE, {"code": code_now(secret)}))
    assert client.get(CASELOAD).status_code == 302
    clock.advance(minutes=15)
    assert client.post(CODE_PAGE, {"code": code_now(secret)}).status_code == 302
    assert client.get(CASELOAD).status_code == 200


def test_a_recovery_code_works_once(client, world, clock):
    _secret, codes = set_up(client, world.coordinator, clock)
    client.post(reverse("accounts:logout"))
    log_in(client)
    page = client.get(f"{CODE_PAGE}?herstelcode=1")
    assert "Herstelcode" in html(page)
    response = client.post(CODE_PAGE, {"code": codes[3].upper(), "herstelcode": "1"}, follow=True)
    assert "U heeft nog 9 herstelcodes over." in html(response)
    assert second_factor.method(client.session) == "recovery"
    client.post(reverse("accounts:logout"))
    log_in(client)
    assert WRONG_CODE in html(client.post(CODE_PAGE, {"code": codes[3]}))


def test_residents_and_circle_members_need_no_second_step(client, world):
    assert log_in(client, "resident").status_code == 302
    assert client.get(reverse("plans:overview", args=[world.household.pk])).status_code == 200
    assert client.get(SETUP).status_code == 302  # nothing to set up: on to the start
    client.post(reverse("accounts:logout"))
    log_in(client, "sister")
    assert client.get(reverse("plans:overview", args=[world.household.pk])).status_code == 200


@pytest.mark.parametrize("role", [Role.TEAM_LEAD, Role.ANALYST, Role.ADMINISTRATOR])
def test_every_municipal_role_needs_the_second_step(client, db, role):
    UserFactory(username="medewerker", role=role)
    response = log_in(client, "medewerker")
    assert response.url.startswith(SETUP)
    assert client.get(reverse("home")).url.startswith(SETUP)


def test_staff_need_the_second_step_whatever_their_role(client, db):
    UserFactory(username="staf", role=Role.RESIDENT, is_staff=True)
    assert log_in(client, "staf").url.startswith(SETUP)


def test_the_admin_asks_for_the_code_first(client, db, clock):
    admin = UserFactory(
        username="beheerder", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True
    )
    response = client.post("/beheer/login/", {"username": "beheerder", "password": RIGHT})
    assert response.status_code == 302
    for url in ("/beheer/", "/beheer/accounts/", "/beheer/password_change/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(SETUP), url
    secret = shown_key(client.get(SETUP))
    client.post(SETUP, {"code": code_now(secret)})
    assert client.get("/beheer/").status_code == 200
    assert admin.pk == int(client.session["_auth_user_id"])


def test_a_post_before_the_second_step_does_nothing(client, world, clock):
    log_in(client)
    response = client.post(
        reverse("plans:start", args=[world.household.pk, "droom"]), {"dream": "overgenomen"}
    )
    assert response.status_code == 302
    assert response.url == SETUP
    world.plan.refresh_from_db()
    assert world.plan.dream != "overgenomen"


def test_the_api_refuses_a_session_without_the_second_step(client, world, clock):
    log_in(client)
    for url in ("/api/v1/households/", f"/api/v1/households/{world.household.pk}/plan/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert response["Content-Type"] == "application/json"
        assert "code" in response.json()["detail"]
    secret = shown_key(client.get(SETUP))
    client.post(SETUP, {"code": code_now(secret)})
    assert client.get("/api/v1/households/").status_code == 200


def test_an_api_token_for_a_professional_needs_the_code(world, clock):
    api = APIClient()
    token_url = "/api/v1/auth/token/"
    without_app = api.post(token_url, {"username": "coordinator", "password": RIGHT})
    assert without_app.status_code == 400
    assert "Stel eerst" in without_app.json()["errors"]["code"][0]

    secret, _codes = set_up(APIClient(), world.coordinator, clock)  # APIClient is a Client
    no_code = api.post(token_url, {"username": "coordinator", "password": RIGHT})
    assert no_code.status_code == 400
    assert WRONG_CODE in no_code.json()["errors"]["code"][0]
    ok = api.post(
        token_url, {"username": "coordinator", "password": RIGHT, "code": code_now(secret)}
    )
    assert ok.status_code == 200
    assert "token" in ok.json()
    # A resident's token needs no code.
    assert api.post(token_url, {"username": "resident", "password": RIGHT}).status_code == 200


def test_guessing_codes_at_the_token_endpoint_is_throttled(world, clock):
    secret, _codes = set_up(APIClient(), world.coordinator, clock)
    api = APIClient()
    statuses = [
        api.post(
            "/api/v1/auth/token/",
            {"username": "coordinator", "password": RIGHT, "code": "000000"},
        ).status_code
        for _attempt in range(5)
    ]
    assert statuses == [400, 400, 400, 400, 429]


def test_the_demo_login_counts_as_both_steps_but_the_password_login_does_not(
    client, world, settings
):
    settings.DEMO_MODE = True
    UserFactory(username="sanne", role=Role.COORDINATOR)
    client.post(reverse("accounts:demo_login"), {"username": "sanne"})
    assert client.get(CASELOAD).status_code == 200
    assert second_factor.method(client.session) == "demo"
    client.post(reverse("accounts:logout"))
    assert log_in(client, "sanne").url.startswith(SETUP)
    assert client.get(CASELOAD).status_code == 302


def test_reset_2fa_lets_someone_who_lost_their_phone_set_up_again(client, world, clock):
    set_up(client, world.coordinator, clock)
    client.post(reverse("accounts:logout"))
    call_command("reset_2fa", "Coordinator")
    assert not TOTPDevice.objects.filter(user=world.coordinator).exists()
    assert not RecoveryCode.objects.filter(user=world.coordinator).exists()
    assert AuditEvent.objects.filter(
        verb="second_factor_reset", object_id=str(world.coordinator.pk)
    ).exists()
    assert log_in(client).url.startswith(SETUP)
    with pytest.raises(CommandError):
        call_command("reset_2fa", "niemand")


def test_re_authentication_asks_the_code_from_the_app(client, world, clock):
    secret, _codes = set_up(client, world.coordinator, clock)
    clock.advance(minutes=10)
    reauth = reverse("accounts:reauthenticate")
    page = client.get(f"{reauth}?next={CASELOAD}")
    assert "Vul daarom de code in" in html(page)
    assert WRONG_CODE in html(client.post(reauth, {"code": "111111", "next": CASELOAD}))
    response = client.post(reauth, {"code": code_now(secret), "next": CASELOAD})
    assert response.status_code == 302
    assert response.url == CASELOAD


def test_the_key_in_the_qr_code_is_the_key_on_the_page(world):
    secret = totp.new_secret()
    uri = totp.provisioning_uri(secret, "coordinator")
    assert pyotp.parse_uri(uri).secret == secret
    assert totp.qr_data_uri(uri).startswith("data:image/svg+xml")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(code=hostile_text)
def test_hostile_codes_never_break_a_page_or_let_anyone_in(client, world, code):
    LoginThrottle.objects.all().delete()
    client.logout()
    log_in(client)
    assert client.get(SETUP).status_code == 200
    response = client.post(SETUP, {"code": code, "next": code})
    assert response.status_code == 200
    assert second_factor.confirmed_device(world.coordinator) is None
    response = client.post(CODE_PAGE, {"code": code, "next": code})
    assert response.status_code == 302  # no app yet: to the set-up
    token = APIClient().post(
        "/api/v1/auth/token/", {"username": "coordinator", "password": RIGHT, "code": code}
    )
    assert token.status_code == 400
    assert client.get(CASELOAD).status_code == 302
