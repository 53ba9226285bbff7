"""Approving freezes a version; comparing two versions gives sentences a resident reads."""


def test_accepted_proposal_shows_up_in_the_comparison_of_versions(world, client_for):
    resident, coordinator = client_for(world.resident), client_for(world.coordinator)
    base = f"/api/v1/households/{world.household.pk}/plan/"
    goal = resident.post(
        f"{base}goals/", {"text": "Zoon naar school", "life_domain": "work"}, format="json"
    ).json()
    first = resident.post(f"{base}versions/", {"note": "Ons eerste plan"}, format="json")
    assert first.status_code == 201
    assert first.json()["number"] == 1
    proposal = coordinator.post(
        f"{base}proposals/",
        {
            "kind": "add_action",
            "goal": goal["id"],
            "payload": {
                "description": "Gesprek met de mentor",
                "performer": "professional",
                "performer_name": "Sanne",
                "due_date": "2026-12-01",
            },
            "explanation": "Dan weet school wat er speelt.",
        },
        format="json",
    ).json()
    accepted = resident.post(
        f"{base}proposals/{proposal['id']}/accept/",
        {"changes": {"due_date": "2026-12-10"}},
        format="json",
    )
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted_changed"
    plan = resident.get(base).json()
    second = resident.post(f"{base}versions/", {"revision": plan["revision"]}, format="json")
    assert second.status_code == 201
    assert second.json()["snapshot"]["goals"][0]["actions"][0]["due_date"] == "2026-12-10"

    response = coordinator.get(f"{base}versions/compare/?from=1&to=2")
    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"]) == (1, 2)
    assert body["changes"] == [
        {
            "kind": "added",
            "sentence": "Actie toegevoegd bij doel “Zoon naar school”: “Gesprek met de mentor”. "
            "Wie: Sanne. Klaar op: 10 december 2026.",
            "details": [],
        }
    ]


def test_versions_list_without_snapshot_and_one_version_with_it(scene, client_for):
    client = client_for(scene.world.coordinator)
    listed = client.get(f"{scene.base}plan/versions/").json()
    assert [v["number"] for v in listed["results"]] == [2, 1]
    assert set(listed["results"][1]) == {"number", "approved_at", "approved_by_name", "note"}
    assert listed["results"][1]["note"] == "Eerste versie"
    assert listed["results"][1]["approved_by_name"] == "Fatima El Amrani"
    one = client.get(f"{scene.base}plan/versions/1/").json()
    assert {g["text"] for g in one["snapshot"]["goals"]} == {"Een huis", "Gezond eten"}
    assert client.get(f"{scene.base}plan/versions/7/").status_code == 404


def test_comparing_changed_texts_gives_details(scene, client_for):
    body = client_for(scene.world.resident).get(f"{scene.base}plan/versions/compare/?from=1&to=2")
    assert body.json()["changes"] == [
        {
            "kind": "changed",
            "sentence": "De droom is veranderd.",
            "details": [{"what": "De droom", "before": "Een rustig huis.", "after": "Een tuin"}],
        }
    ]


def test_comparing_needs_two_existing_version_numbers(scene, client_for):
    client = client_for(scene.world.resident)
    response = client.get(f"{scene.base}plan/versions/compare/?from=een&to=9")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "from": ["Geef het nummer van een versie, bijvoorbeeld 1."],
            "to": ["Versie 9 bestaat niet."],
        }
    }
    assert client.get(f"{scene.base}plan/versions/compare/").status_code == 400
