"""Before a sensitive action the user types their password again when they last did so more
than a few minutes ago (requires_recent_login and /opnieuw-inloggen/). The clock is moved by
hand; the decorated views live in tests/accounts/reauth_urls.py."""

import pytest
from django.urls import reverse

from eigenplan.core.demo_data import DEMO_ACCOUNTS
from tests.accounts.clock import Clock
from tests.factories import UserFactory

pytestmark = pytest.mark.urls("tests.accounts.reauth_urls")

EXPORT = "/test/exporteren/"
CONSENT = "/test/toestemming/"
RIGHT = "correct-horse-battery"
REAUTH = "/opnieuw-inloggen/"


@pytest.fixture
def clock(monkeypatch):
    return Clock.install(monkeypatch)


@pytest.fixture
def logged_in(client, world, clock):
    response = client.post(reverse("accounts:login"), {"username": "resident", "password": RIGHT})
    assert response.status_code == 302
    return client


def test_right_after_logging_in_no_second_password_is_needed(logged_in, clock):
    clock.advance(minutes=5)
    assert logged_in.get(EXPORT).content.decode() == "exporteren?"


def test_after_five_minutes_the_password_is_asked_again(logged_in, clock):
    clock.advance(minutes=5, seconds=1)
    response = logged_in.get(EXPORT)
    assert response.status_code == 302
    assert response.url == f"{REAUTH}?next=%2Ftest%2Fexporteren%2F"

    page = logged_in.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bevestig dat u het bent" in html
    assert 'name="next" value="/test/exporteren/"' in html
    assert 'autocomplete="current-password"' in html

    wrong = logged_in.post(REAUTH, {"password": "fout", "next": EXPORT})
    assert wrong.status_code == 200
    assert "Dit wachtwoord klopt niet. Probeer het opnieuw." in wrong.content.decode()
    assert logged_in.get(EXPORT).status_code == 302

    right = logged_in.post(REAUTH, {"password": RIGHT, "next": EXPORT})
    assert right.status_code == 302
    assert right.url == EXPORT
    assert logged_in.post(EXPORT).content.decode() == "geëxporteerd"
    clock.advance(minutes=5, seconds=1)
    assert logged_in.post(EXPORT).status_code == 302


def test_a_post_with_an_old_password_is_not_carried_out(logged_in, clock):
    clock.advance(minutes=6)
    response = logged_in.post(EXPORT)
    assert response.status_code == 302
    assert response.url.startswith(REAUTH)


def test_the_bare_decorator_also_means_five_minutes(logged_in, clock):
    clock.advance(minutes=5)
    assert logged_in.get(CONSENT).status_code == 200
    clock.advance(seconds=1)
    assert logged_in.get(CONSENT).status_code == 302


def test_anonymous_users_go_to_the_login_page(client, db):
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next=/test/exporteren/"
    assert client.get(REAUTH).url.startswith(reverse("accounts:login"))


def test_confirming_gives_the_session_a_new_key(logged_in, clock):
    before = logged_in.session.session_key
    logged_in.post(REAUTH, {"password": RIGHT, "next": EXPORT})
    assert logged_in.session.session_key != before
    assert "_auth_user_id" in logged_in.session


@pytest.mark.parametrize(
    "next_url", ["https://elders.example/", "//elders.example/", "javascript:alert(1)", ""]
)
def test_next_never_leaves_the_site(logged_in, next_url):
    response = logged_in.post(REAUTH, {"password": RIGHT, "next": next_url})
    assert response.status_code == 302
    assert response.url == "/"


def test_guessing_on_an_open_session_is_throttled_too(logged_in, clock):
    for _attempt in range(4):
        logged_in.post(REAUTH, {"password": "fout", "next": EXPORT})
    response = logged_in.post(REAUTH, {"password": "fout", "next": EXPORT})
    assert "U heeft te vaak een verkeerd wachtwoord ingevuld." in response.content.decode()
    response = logged_in.post(REAUTH, {"password": RIGHT, "next": EXPORT})
    assert response.status_code == 200
    clock.advance(minutes=15)
    assert logged_in.post(REAUTH, {"password": RIGHT, "next": EXPORT}).status_code == 302


def test_a_demo_login_counts_as_a_fresh_login(client, world, settings, clock):
    settings.DEMO_MODE = True
    username = DEMO_ACCOUNTS[0].username
    UserFactory(username=username)
    client.post(reverse("accounts:demo_login"), {"username": username})
    assert client.get(CONSENT).status_code == 200
