"""The OpenAPI schema describes every endpoint without warnings, and the docs page beside it
loads nothing from outside the server."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

PLAN = "/api/v1/households/{household_id}/plan/"
PATHS = {
    "/api/v1/auth/token/": {"post"},
    "/api/v1/households/": {"get"},
    "/api/v1/households/{household_id}/": {"get"},
    "/api/v1/households/{household_id}/circle/": {"get", "post"},
    "/api/v1/households/{household_id}/circle/{member_id}/": {"get", "put", "patch", "delete"},
    PLAN: {"get", "patch"},
    f"{PLAN}goals/": {"get", "post"},
    f"{PLAN}goals/{{goal_id}}/": {"get", "put", "patch", "delete"},
    f"{PLAN}goals/{{goal_id}}/actions/": {"post"},
    f"{PLAN}actions/{{action_id}}/": {"get", "put", "patch", "delete"},
    f"{PLAN}proposals/": {"get", "post"},
    f"{PLAN}proposals/{{proposal_id}}/accept/": {"post"},
    f"{PLAN}proposals/{{proposal_id}}/decline/": {"post"},
    f"{PLAN}versions/": {"get", "post"},
    f"{PLAN}versions/{{number}}/": {"get"},
    f"{PLAN}versions/compare/": {"get"},
}


def test_schema_is_valid_openapi_3_with_every_path(db):
    response = APIClient().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    assert {path: set(operations) for path, operations in schema["paths"].items()} == PATHS


def test_schema_generates_without_warnings(db, tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))


@pytest.fixture
def sidecar(settings, monkeypatch):
    """The settings the docs page needs; see the API report for the lines in settings.py."""
    if "drf_spectacular_sidecar" not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "drf_spectacular_sidecar"]
    monkeypatch.setattr(spectacular_settings, "SWAGGER_UI_DIST", "SIDECAR")
    monkeypatch.setattr(spectacular_settings, "SWAGGER_UI_FAVICON_HREF", "SIDECAR")


def test_docs_page_loads_its_assets_from_this_server_only(db, sidecar):
    client = APIClient()
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "://" not in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert len(assets) == 4
    for asset in assets:
        assert finders.find(asset), asset
    script = client.get("/api/v1/docs/", {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()
