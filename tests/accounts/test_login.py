from django.urls import reverse

from tests.settings_process import run_settings


def test_login_with_username_and_password_goes_to_the_own_plan(client, world):
    response = client.post(
        reverse("accounts:login"), {"username": "resident", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    response = client.get(response.url, follow=True)
    assert "Mijn plan" in response.content.decode()


def test_wrong_password_gets_a_plain_message(client, world):
    response = client.post(reverse("accounts:login"), {"username": "resident", "password": "wrong"})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()


def test_demo_login_only_knows_demo_accounts(client, world, settings):
    settings.DEMO_MODE = True
    response = client.post(reverse("accounts:demo_login"), {"username": "resident"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_demo_login_does_not_exist_outside_demo_mode(client, world, settings):
    settings.DEMO_MODE = False
    response = client.post(reverse("accounts:demo_login"), {"username": "fatima"})
    assert response.status_code == 404
    assert "Kies een demo-account" not in client.get(reverse("accounts:login")).content.decode()


def test_logout_needs_post_and_ends_the_session(client, world):
    client.force_login(world.resident)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# Production also needs the BSN keys (tests/households/test_identifiers.py has the details).
BSN_KEYS = {
    "EIGENPLAN_BSN_KEYS": "q5BeXqP3JmC0s6bkvP2d1hxIXr3yJz5xvYJvQ2wq4n8=",
    "EIGENPLAN_BSN_HASH_KEY": "h" * 64,
}


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings({})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_with_a_secret_key_but_without_the_bsn_keys():
    result = run_settings({"SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "EIGENPLAN_BSN_KEYS and EIGENPLAN_BSN_HASH_KEY not set" in result.stderr


def test_production_starts_with_a_secret_key_and_the_bsn_keys():
    assert run_settings({"SECRET_KEY": "x" * 50, **BSN_KEYS}).returncode == 0
