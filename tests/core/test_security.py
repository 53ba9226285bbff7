"""Security headers on every response, in demo mode (as the tests run) and with the production
settings (HTTPS, HSTS, __Host- cookies); the templates contain nothing the strict
Content-Security-Policy would block; the policy can be overridden per view."""

import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from eigenplan.core.security import (
    SecurityHeadersMiddleware,
    build_permissions_policy,
    build_policy,
    csp_override,
)

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SRC = Path(__file__).resolve().parents[2] / "src" / "eigenplan"
RIGHT = "correct-horse-battery"


def assert_hardened(response):
    headers = response.headers
    assert headers["Content-Security-Policy"] == STRICT
    assert headers["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path", ["/inloggen/", "/", "/api/v1/households/", "/api/v1/docs/", "/api/v1/bestaat-niet/"]
)
def test_every_response_carries_the_headers(client, db, path):
    assert_hardened(client.get(path))


def test_pages_of_a_logged_in_user_too(client, world):
    client.force_login(world.resident)
    assert_hardened(client.get(reverse("plans:overview", args=[world.household.pk])))
    assert_hardened(client.get("/api/v1/households/", HTTP_ACCEPT="text/html"))


def test_demo_mode_sends_no_hsts_and_plain_cookies(client, world):
    response = client.post(reverse("accounts:login"), {"username": "resident", "password": RIGHT})
    assert "Strict-Transport-Security" not in response.headers
    cookie = response.cookies["sessionid"]
    assert not cookie["secure"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


@pytest.fixture
def production(settings):
    """The production settings for HTTPS and cookies (what tests/core/test_security_settings.py
    shows settings.py makes of a production environment)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.DEMO_MODE = False
    return settings


def test_production_redirects_http_to_https(production, db):
    response = Client().get("/inloggen/")
    assert response.status_code == 301
    assert response.url == "https://testserver/inloggen/"


def test_production_over_https_sends_hsts_and_host_only_secure_cookies(production, world):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/inloggen/", secure=True)
    assert page.status_code == 200
    assert_hardened(page)
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["path"] == "/" and not csrf["domain"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = client.post(
        "/inloggen/",
        {"username": "resident", "password": RIGHT, "csrfmiddlewaretoken": token},
        secure=True,
        HTTP_REFERER="https://testserver/inloggen/",  # Django checks it over https
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["path"] == "/" and not session["domain"]
    assert "sessionid" not in response.cookies


def test_production_behind_a_proxy_trusts_its_https_header(production, db):
    response = Client().get("/inloggen/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers


def test_the_api_docs_page_needs_no_relaxation(client, db):
    assert client.get("/api/v1/docs/").headers["Content-Security-Policy"] == STRICT
    script = client.get("/api/v1/docs/", {"script": ""})
    assert script.headers["Content-Security-Policy"] == STRICT
    assert '"validatorUrl": null' in script.content.decode()


def test_the_browsable_api_has_no_inline_style(client, world):
    client.force_login(world.resident)
    html = client.get("/api/v1/households/", HTTP_ACCEPT="text/html").content.decode()
    assert "<html" in html
    assert "<style" not in html


# --- the templates ----------------------------------------------------------------------------

INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")"),
    "style element": re.compile(r"<style\b"),
    "style attribute": re.compile(r"\sstyle\s*="),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def test_no_template_has_anything_inline():
    templates = sorted(SRC.rglob("templates/**/*.html"))
    assert len(templates) > 20
    found = [
        f"{template.relative_to(SRC)}: {what}"
        for template in templates
        for what, pattern in INLINE.items()
        if pattern.search(template.read_text(encoding="utf-8"))
    ]
    assert not found, found


# --- the middleware itself --------------------------------------------------------------------


def test_build_policy():
    assert build_policy({"default-src": ["'self'"], "upgrade-insecure-requests": True}) == (
        "default-src 'self'; upgrade-insecure-requests"
    )
    assert build_policy({"img-src": [], "frame-src": None, "object-src": ["'none'"]}) == (
        "object-src 'none'"
    )
    assert build_permissions_policy({"camera": [], "fullscreen": ["self"]}) == (
        "camera=(), fullscreen=(self)"
    )


def _run(view, settings):
    return SecurityHeadersMiddleware(view)(RequestFactory().get("/"))


def test_a_view_can_override_the_policy(settings):
    relaxed = {**settings.SECURE_CSP, "img-src": ["'self'", "blob:"]}

    @csp_override(relaxed)
    def view(request):
        return HttpResponse("ok")

    assert _run(view, settings).headers["Content-Security-Policy"] == STRICT.replace(
        "img-src 'self' data:", "img-src 'self' blob:"
    )


def test_an_empty_override_sends_no_policy(settings):
    @csp_override({})
    def view(request):
        return HttpResponse("ok")

    assert "Content-Security-Policy" not in _run(view, settings).headers


def test_a_policy_the_view_set_itself_is_kept(settings):
    def view(request):
        response = HttpResponse("ok")
        response.headers["Content-Security-Policy"] = "default-src 'none'"
        return response

    assert _run(view, settings).headers["Content-Security-Policy"] == "default-src 'none'"


def test_in_debug_djangos_own_error_pages_may_keep_their_inline_styles(settings):
    settings.DEBUG = True

    def not_found(request):
        return HttpResponse("technical 404", status=404)

    def fine(request):
        return HttpResponse("ok")

    assert "Content-Security-Policy" not in _run(not_found, settings).headers
    assert _run(fine, settings).headers["Content-Security-Policy"] == STRICT
    settings.DEBUG = False
    assert _run(not_found, settings).headers["Content-Security-Policy"] == STRICT
