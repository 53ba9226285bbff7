"""Sessions end after 30 minutes without a request (EIGENPLAN_SESSION_IDLE_MINUTES) and 8 hours
after logging in whatever happens; the user then sees the login page with a plain message and,
after logging in again, the page they asked for. The clock is moved by hand."""

import pytest
from django.urls import reverse

from eigenplan.accounts import sessions
from tests.accounts.clock import Clock

IDLE = "U was een tijd niet actief. Log opnieuw in."
TOO_LONG = "U was al lang ingelogd. Daarom bent u uitgelogd. Log opnieuw in."


@pytest.fixture
def clock(monkeypatch):
    return Clock.install(monkeypatch)


@pytest.fixture
def logged_in(client, world, clock):
    response = client.post(
        reverse("accounts:login"), {"username": "resident", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    return client


def overview(world) -> str:
    return reverse("plans:overview", args=[world.household.pk])


def test_a_user_who_keeps_working_stays_logged_in(logged_in, world, clock):
    for _step in range(6):  # three hours, a request every 29 minutes
        clock.advance(minutes=29)
        assert logged_in.get(overview(world)).status_code == 200


def test_after_30_idle_minutes_the_login_page_says_why(logged_in, world, clock):
    clock.advance(minutes=30, seconds=1)
    response = logged_in.get(overview(world))
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={overview(world)}"
    assert "_auth_user_id" not in logged_in.session
    login_page = logged_in.get(response.url)
    assert IDLE in login_page.content.decode()
    # Logging in again leads back to the page that was asked for.
    again = logged_in.post(
        response.url,
        {"username": "resident", "password": "correct-horse-battery", "next": overview(world)},
    )
    assert again.status_code == 302
    assert again.url == overview(world)
    assert logged_in.get(overview(world)).status_code == 200


def test_exactly_30_minutes_is_still_fine(logged_in, world, clock):
    clock.advance(minutes=30)
    assert logged_in.get(overview(world)).status_code == 200


def test_the_idle_time_is_configurable(logged_in, world, clock, settings):
    settings.EIGENPLAN_SESSION_IDLE_MINUTES = 10
    clock.advance(minutes=10, seconds=1)
    assert logged_in.get(overview(world)).status_code == 302


def test_after_8_hours_the_session_ends_even_for_a_busy_user(logged_in, world, clock):
    for _step in range(16):  # eight hours, a request every 30 minutes
        clock.advance(minutes=30)
        assert logged_in.get(overview(world)).status_code == 200
    clock.advance(seconds=1)
    response = logged_in.get(overview(world), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert TOO_LONG in response.content.decode()


def test_a_form_posted_after_the_session_ended_goes_to_the_login_page(logged_in, world, clock):
    clock.advance(minutes=31)
    response = logged_in.post(reverse("plans:start", args=[world.household.pk, "droom"]), {})
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in logged_in.session


def test_an_api_call_after_the_session_ended_gets_the_api_answer(logged_in, world, clock):
    assert logged_in.get("/api/v1/households/").status_code == 200
    clock.advance(minutes=31)
    response = logged_in.get("/api/v1/households/")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/json"
    assert "_auth_user_id" not in logged_in.session


def test_the_last_activity_is_written_at_most_once_a_minute(logged_in, world, clock):
    first = logged_in.session[sessions.LAST_ACTIVITY]
    clock.advance(seconds=59)
    logged_in.get(overview(world))
    assert logged_in.session[sessions.LAST_ACTIVITY] == first
    clock.advance(seconds=1)
    logged_in.get(overview(world))
    assert logged_in.session[sessions.LAST_ACTIVITY] == first + 60


def test_a_session_from_before_the_clocks_gets_them(client, world, clock):
    client.force_login(world.resident)
    session = client.session
    for key in (sessions.LOGIN_AT, sessions.LAST_ACTIVITY):
        del session[key]
    session.save()
    assert client.get(overview(world)).status_code == 200
    assert sessions.LOGIN_AT in client.session


def test_anonymous_visitors_are_left_alone(client, db, clock):
    assert client.get(reverse("accounts:login")).status_code == 200
    assert sessions.LAST_ACTIVITY not in client.session


def test_the_session_cookie_ends_with_the_browser(logged_in, settings):
    cookie = logged_in.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
