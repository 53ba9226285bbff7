import os
import subprocess
import sys

from django.urls import reverse


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


def _run_settings(env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in ("EIGENPLAN_DEMO", "SECRET_KEY")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import eigenplan.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_settings({})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_starts_with_a_secret_key():
    assert _run_settings({"SECRET_KEY": "x" * 50}).returncode == 0
