"""Token authentication for programs that talk to the API."""

from rest_framework.test import APIClient


def test_a_token_for_username_and_password_opens_the_api(world):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "resident", "password": "correct-horse-battery"},
        format="json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    households = client.get("/api/v1/households/")
    assert households.status_code == 200
    assert [h["id"] for h in households.json()["results"]] == [world.household.pk]
    plan = client.patch(
        f"/api/v1/households/{world.household.pk}/plan/",
        {"dream": "Met token geschreven", "revision": world.plan.revision},
        format="json",
    )
    assert plan.status_code == 200, plan.content


def test_a_wrong_password_gets_no_token(world):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "resident", "password": "fout"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["non_field_errors"]
    assert "token" not in response.json()


def test_a_made_up_token_opens_nothing(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = client.get("/api/v1/households/")
    assert response.status_code in (401, 403)
    assert response.json()["detail"]
