"""Login throttling: 5 wrong passwords for a username, or 20 from one address, within 15 minutes
and logging in is refused for 15 minutes. The login page, the API token endpoint and the
re-authentication page share the counters, which live in the database (several gunicorn
workers see the same counts). The clock is moved by hand."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from eigenplan.accounts import throttle
from eigenplan.accounts.models import LoginThrottle
from tests.accounts.clock import Clock

LOGIN = reverse("accounts:login")
TOKEN = "/api/v1/auth/token/"
RIGHT = "correct-horse-battery"
LOCKED = "U heeft te vaak een verkeerd wachtwoord ingevuld. Probeer het over 15 minuten opnieuw."
WRONG = "klopt niet"


@pytest.fixture
def clock(monkeypatch):
    return Clock.install(monkeypatch)


def log_in(client, username, password, ip="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def page(response) -> str:
    return response.content.decode()


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_fifth_wrong_password_locks_the_username_for_15_minutes(client, world, clock):
    for _attempt in range(4):
        response = log_in(client, "resident", "fout")
        assert response.status_code == 200
        assert WRONG in page(response)
        assert LOCKED not in page(response)
    response = log_in(client, "resident", "fout")
    assert LOCKED in page(response)

    clock.advance(minutes=14, seconds=59)
    response = log_in(client, "resident", RIGHT)
    assert response.status_code == 200
    assert "Probeer het over 1 minuut opnieuw." in page(response)
    assert not is_logged_in(client)

    clock.advance(seconds=1)
    response = log_in(client, "resident", RIGHT)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_the_message_says_how_long_is_left(client, world, clock):
    for _attempt in range(5):
        log_in(client, "resident", "fout")
    clock.advance(minutes=10)
    assert "Probeer het over 5 minuten opnieuw." in page(log_in(client, "resident", RIGHT))


def test_the_lockout_holds_from_any_address_and_for_any_spelling(client, world, clock):
    for _attempt in range(5):
        log_in(client, "resident", "fout", ip="192.0.2.10")
    assert LOCKED in page(log_in(client, "RESIDENT ", RIGHT, ip="198.51.100.7"))
    assert LOCKED in page(log_in(client, "resident", RIGHT, ip="198.51.100.7"))
    assert not is_logged_in(client)
    # Someone else is not bothered.
    assert log_in(Client(), "sister", RIGHT, ip="198.51.100.7").status_code == 302


def test_failures_spread_over_more_than_15_minutes_do_not_lock(client, world, clock):
    for _attempt in range(4):
        log_in(client, "resident", "fout")
    clock.advance(minutes=15, seconds=1)
    for _attempt in range(4):
        assert LOCKED not in page(log_in(client, "resident", "fout"))
    assert log_in(client, "resident", RIGHT).status_code == 302


def test_the_right_password_starts_the_count_again(client, world, clock):
    for _attempt in range(4):
        log_in(client, "resident", "fout")
    assert log_in(client, "resident", RIGHT).status_code == 302
    client.post(reverse("accounts:logout"))
    for _attempt in range(4):
        assert LOCKED not in page(log_in(client, "resident", "fout"))


def test_a_username_that_does_not_exist_is_counted_the_same(client, db, clock):
    responses = [log_in(client, "niemand", "fout") for _attempt in range(5)]
    assert [LOCKED in page(r) for r in responses] == [False] * 4 + [True]


def test_twenty_failures_from_one_address_lock_that_address(client, world, clock):
    # Four wrong passwords for each of five usernames: no username reaches its limit.
    names = ["a", "b", "c", "d", "e"]
    responses = [log_in(client, name, "fout", ip="203.0.113.5") for name in names for _ in "1234"]
    assert [LOCKED in page(r) for r in responses] == [False] * 19 + [True]
    # From this address nobody gets in, not even with the right password ...
    assert LOCKED in page(log_in(client, "resident", RIGHT, ip="203.0.113.5"))
    # ... from another address they do.
    assert log_in(Client(), "resident", RIGHT, ip="203.0.113.6").status_code == 302
    clock.advance(minutes=15)
    assert log_in(Client(), "sister", RIGHT, ip="203.0.113.5").status_code == 302


def test_the_api_token_endpoint_is_throttled_the_same_way(world, clock):
    api = APIClient()
    wrong = [
        api.post(TOKEN, {"username": "resident", "password": "fout"}, format="json")
        for _attempt in range(5)
    ]
    assert [r.status_code for r in wrong] == [400, 400, 400, 400, 429]
    refused = api.post(TOKEN, {"username": "resident", "password": RIGHT}, format="json")
    assert refused.status_code == 429
    assert refused.json() == {"detail": LOCKED}
    assert refused["Retry-After"] == "900"
    clock.advance(minutes=15)
    assert api.post(TOKEN, {"username": "resident", "password": RIGHT}).status_code == 200


def test_the_login_page_and_the_api_share_the_count(client, world, clock):
    for _attempt in range(3):
        log_in(client, "resident", "fout")
    api = APIClient(REMOTE_ADDR="198.51.100.1")
    for _attempt in range(2):
        api.post(TOKEN, {"username": "resident", "password": "fout"}, format="json")
    assert LOCKED in page(log_in(client, "resident", RIGHT))


def test_the_admin_login_is_throttled_too(client, world, clock):
    world.coordinator.is_staff = True
    world.coordinator.save()
    admin_login = "/beheer/login/"
    data = {"username": "coordinator", "password": "fout", "next": "/beheer/"}
    responses = [client.post(admin_login, data) for _attempt in range(5)]
    assert [LOCKED in page(r) for r in responses] == [False] * 4 + [True]
    refused = client.post(admin_login, {**data, "password": RIGHT})
    assert refused.status_code == 200
    assert LOCKED in page(refused)
    assert LOCKED in page(log_in(client, "coordinator", RIGHT))  # the same counter
    clock.advance(minutes=15)
    assert client.post(admin_login, {**data, "password": RIGHT}).status_code == 302
    # Still staff only: a resident with the right password does not get in.
    assert "_auth_user_id" in client.session
    client.logout()
    assert (
        client.post(admin_login, {**data, "username": "resident", "password": RIGHT}).status_code
        == 200
    )


def test_the_table_holds_no_usernames_or_addresses(client, world, clock):
    log_in(client, "resident", "fout", ip="192.0.2.99")
    keys = list(LoginThrottle.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert all(len(k) == 64 and "resident" not in k and "192.0.2.99" not in k for k in keys)


def test_old_counters_are_cleaned_up(client, world, clock):
    log_in(client, "resident", "fout", ip="192.0.2.1")
    clock.advance(minutes=16)
    log_in(client, "sister", "fout", ip="192.0.2.2")
    assert LoginThrottle.objects.count() == 2  # only the new username and address


def test_the_helpdesk_can_lift_a_lockout(client, world, clock):
    for _attempt in range(5):
        log_in(client, "resident", "fout", ip="192.0.2.10")
    call_command("clear_login_throttle", "--username", "Resident")
    assert log_in(client, "resident", RIGHT, ip="192.0.2.11").status_code == 302

    names = [f"n{i}" for i in range(20)]
    for name in names:
        log_in(Client(), name, "fout", ip="2001:db8:0:1::5")
    assert LOCKED in page(log_in(Client(), "sister", RIGHT, ip="2001:db8:0:1::6"))
    call_command("clear_login_throttle", "--ip", "2001:db8:0:1::7")  # same /64
    assert log_in(Client(), "sister", RIGHT, ip="2001:db8:0:1::6").status_code == 302

    call_command("clear_login_throttle", "--all")
    assert not LoginThrottle.objects.exists()
    with pytest.raises(CommandError):
        call_command("clear_login_throttle")


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "198.51.100.9", "192.0.2.1"),  # no proxy: the header is ignored
        (1, "10.0.0.1", "198.51.100.9", "198.51.100.9"),
        (1, "10.0.0.1", "6.6.6.6, 198.51.100.9", "198.51.100.9"),  # forged part ignored
        (2, "10.0.0.1", "6.6.6.6, 198.51.100.9, 10.0.0.2", "198.51.100.9"),
        (1, "10.0.0.1", "", "10.0.0.1"),  # header missing: the proxy itself
        (0, "2001:db8:1:2:3:4:5:6", "", "2001:db8:1:2::/64"),
        (0, "::ffff:192.0.2.1", "", "192.0.2.1"),
        (0, "", "", "unknown"),
    ],
)
def test_the_client_address(settings, proxies, remote, forwarded, expected):
    settings.EIGENPLAN_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert throttle.client_address(request) == expected


@pytest.mark.django_db(transaction=True)
def test_parallel_failures_are_all_counted(settings):
    """Workers failing at the same moment do not overwrite each other's counts (the row lock)."""
    if connection.vendor == "sqlite":
        # The in-memory test database cannot take writers from several threads; SQLite itself
        # serialises writers anyway (transaction_mode IMMEDIATE).
        pytest.skip("needs a server database; runs on PostgreSQL")
    settings.LOGIN_THROTTLE = {**throttle.DEFAULTS, "per_username": 1000, "per_ip": 1000}
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.50")
    errors = []

    def fail_five_times():
        try:
            for _attempt in range(5):
                throttle.record_failure(request, "resident")
        except Exception as error:  # the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=fail_five_times) for _worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(LoginThrottle.objects.values_list("failures", flat=True)) == [40, 40]
