"""What settings.py makes of the environment for HTTPS, cookies and sessions, in production and
in demo mode; and `eigenplan check --deploy` has nothing to say about a production set-up.

settings.py is run afresh (runpy) with a controlled environment, so these tests see exactly what
a server started with that environment would get."""

import base64
import os
import runpy
import secrets
import subprocess
import sys

import pytest

import eigenplan.settings

SETTINGS_FILE = eigenplan.settings.__file__
# Everything settings.py reads that could change the outcome; cleared before each load.
VARIABLES = (
    "EIGENPLAN_DEMO",
    "DEBUG",
    "SECRET_KEY",
    "SECURE_COOKIES",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "EIGENPLAN_PROXY_COUNT",
    "EIGENPLAN_SESSION_IDLE_MINUTES",
)


def production_env() -> dict[str, str]:
    """What production needs to start at all: a secret key and the BSN keys."""
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "EIGENPLAN_BSN_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "EIGENPLAN_BSN_HASH_KEY": "h" * 64,
        "ALLOWED_HOSTS": "eigenplan.example.nl",
    }


@pytest.fixture
def load(monkeypatch):
    def load_settings(**env) -> dict:
        for name in VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(SETTINGS_FILE)

    return load_settings


def test_production_is_https_only_with_host_only_cookies(load):
    s = load(**production_env())
    assert s["DEBUG"] is False
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_HSTS_PRELOAD"] is False
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["LANGUAGE_COOKIE_SECURE"]
    assert s["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert s["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    # __Host- cookies must not name a domain and must be for the whole site.
    assert s.get("SESSION_COOKIE_DOMAIN") is None and s.get("CSRF_COOKIE_DOMAIN") is None
    assert s.get("SESSION_COOKIE_PATH", "/") == "/" and s.get("CSRF_COOKIE_PATH", "/") == "/"
    assert s["SESSION_COOKIE_HTTPONLY"] and s["CSRF_COOKIE_HTTPONLY"]
    assert s["SECURE_PROXY_SSL_HEADER"] is None
    assert s["EIGENPLAN_SESSION_IDLE_MINUTES"] == 30
    assert s["SESSION_COOKIE_AGE"] == 8 * 60 * 60


def test_demo_mode_on_plain_http_gets_none_of_that(load):
    s = load(EIGENPLAN_DEMO="1")
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SECURE_HSTS_SECONDS"] == 0
    assert not s["SESSION_COOKIE_SECURE"] and not s["CSRF_COOKIE_SECURE"]
    assert "SESSION_COOKIE_NAME" not in s  # Django's default name: no __Host- without https
    assert s["CSRF_COOKIE_HTTPONLY"] is True
    assert s["SECURE_CSP"]["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("X-Forwarded-Proto: https", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("X-Forwarded-Proto", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("HTTP_X_FORWARDED_SSL:on", ("HTTP_X_FORWARDED_SSL", "on")),
        ("", None),
    ],
)
def test_the_proxy_ssl_header_comes_from_the_environment(load, value, expected):
    assert load(**production_env(), SECURE_PROXY_SSL_HEADER=value)["SECURE_PROXY_SSL_HEADER"] == (
        expected
    )


def test_the_knobs(load):
    s = load(
        **production_env(),
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_PRELOAD="1",
        EIGENPLAN_SESSION_IDLE_MINUTES="15",
        EIGENPLAN_PROXY_COUNT="1",
    )
    assert not s["SESSION_COOKIE_SECURE"]
    assert "SESSION_COOKIE_NAME" not in s  # a __Host- cookie without Secure would be refused
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SECURE_HSTS_PRELOAD"] is True
    assert s["SILENCED_SYSTEM_CHECKS"] == []
    assert s["EIGENPLAN_SESSION_IDLE_MINUTES"] == 15
    assert s["EIGENPLAN_PROXY_COUNT"] == 1


def test_check_deploy_finds_nothing_in_production(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(production_env(), DEBUG="0", EIGENPLAN_DATA_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "eigenplan.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
