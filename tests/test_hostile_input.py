"""Malformed and hostile input thrown at every form and API endpoint: never a server error,
and nothing already in the plan is lost."""

import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eigenplan.plans.models import Goal, PlanVersion, Proposal
from tests.factories import ActionFactory, GoalFactory

HOSTILE_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "x" * 6000,
    "\u202egnp.exe",
    "🙂" * 50,
    "NaN",
    "-1",
    "0",
    "99999999999999999999999",
    "2026-02-30",
    "31-12-2026",
    "../../etc/passwd",
    "%(name)s {{ 7*7 }}",
]
text = st.one_of(st.sampled_from(HOSTILE_STRINGS), st.text(max_size=200))
value = st.one_of(text, st.integers(min_value=-(2**70), max_value=2**70), st.none())
json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)),
    max_leaves=8,
)

GOAL_FIELDS = ["text", "life_domain", "person_id", "revision"]
ACTION_FIELDS = [
    "description",
    "performer",
    "person_id",
    "circle_member_id",
    "performer_name",
    "due_date",
    "status",
    "revision",
]
CIRCLE_FIELDS = [
    "name",
    "relation",
    "relation_detail",
    "email",
    "phone",
    "shared_life_domains",
    "shares_dream",
    "revision",
]

HYPOTHESIS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def form_data(fields, prefix=""):
    return st.fixed_dictionaries(
        {},
        optional={
            f"{prefix}{name}": st.one_of(text, st.lists(text, max_size=3)) for name in fields
        },
    )


@pytest.fixture
def filled(world):
    goal = GoalFactory(plan=world.plan, life_domain="housing", text="Mijn eigen doel")
    action = ActionFactory(goal=goal, description="Mijn eigen actie")
    from eigenplan.plans import services

    services.approve_plan(actor=world.resident, plan=world.plan)
    proposal = services.make_proposal(
        actor=world.coordinator,
        plan=world.plan,
        kind=Proposal.Kind.ADD_GOAL,
        payload={"text": "Samen sporten", "life_domain": "health"},
    )
    return {"goal": goal, "action": action, "proposal": proposal}


def assert_nothing_lost(world, filled):
    assert Goal.objects.filter(pk=filled["goal"].pk).exists()
    assert filled["goal"].actions.filter(pk=filled["action"].pk).exists()
    assert PlanVersion.objects.filter(plan=world.plan).count() >= 1


def resident_forms(world, filled):
    household = world.household.pk
    goal, action = filled["goal"].pk, filled["action"].pk
    return {
        reverse("plans:start", args=[household, "wat-goed-gaat"]): [
            "strengths-text",
            "strengths-revision",
            "contributions-text",
            "contributions-revision",
            "next",
        ],
        reverse("plans:start", args=[household, "droom"]): ["dream-text", "dream-revision"],
        reverse("plans:start", args=[household, "doelen"]): GOAL_FIELDS,
        reverse("plans:start", args=[household, "kring"]): CIRCLE_FIELDS,
        reverse("plans:start", args=[household, "controleren"]): ["revision", "note"],
        reverse("plans:goal_edit", args=[household, goal]): GOAL_FIELDS,
        reverse("plans:action_add", args=[household, goal]): ACTION_FIELDS,
        reverse("plans:action_edit", args=[household, action]): ACTION_FIELDS,
        reverse(
            "plans:circle_member_edit", args=[household, world.circle_member.pk]
        ): CIRCLE_FIELDS,
        reverse("plans:proposal_detail", args=[household, filled["proposal"].pk]): [
            "answer",
            "reason",
        ]
        + [f"p-{f}" for f in GOAL_FIELDS],
    }


@HYPOTHESIS
@given(data=st.data())
def test_resident_forms_never_fail_and_lose_nothing(client, world, filled, data):
    client.force_login(world.resident)
    for url, fields in resident_forms(world, filled).items():
        payload = data.draw(form_data(fields), label=url)
        response = client.post(url, payload)
        assert response.status_code < 500, (url, payload)
        assert_nothing_lost(world, filled)
    compare = reverse("plans:version_compare", args=[world.household.pk])
    query = data.draw(form_data(["van", "naar"]), label="compare")
    assert client.get(compare, query).status_code < 500


@HYPOTHESIS
@given(data=st.data(), kind=st.sampled_from([*Proposal.Kind.values, "bogus"]))
def test_proposal_forms_never_fail(client, world, filled, data, kind):
    client.force_login(world.coordinator)
    url = reverse("plans:proposal_new", args=[world.household.pk, kind])
    fields = ["doel", "actie", "explanation"] + [f"p-{f}" for f in ACTION_FIELDS + GOAL_FIELDS]
    payload = data.draw(form_data(fields))
    response = client.post(url, payload)
    assert response.status_code < 500, payload
    assert_nothing_lost(world, filled)


def api_calls(world, filled):
    base = f"/api/v1/households/{world.household.pk}/"
    goal, action = filled["goal"].pk, filled["action"].pk
    return [
        ("post", f"{base}plan/goals/"),
        ("patch", f"{base}plan/goals/{goal}/"),
        ("put", f"{base}plan/goals/{goal}/"),
        ("post", f"{base}plan/goals/{goal}/actions/"),
        ("patch", f"{base}plan/actions/{action}/"),
        ("patch", f"{base}plan/"),
        ("post", f"{base}circle/"),
        ("patch", f"{base}circle/{world.circle_member.pk}/"),
        ("post", f"{base}plan/versions/"),
        ("post", f"{base}plan/proposals/{filled['proposal'].pk}/decline/"),
        ("post", f"{base}plan/proposals/{filled['proposal'].pk}/accept/"),
    ]


@HYPOTHESIS
@given(data=st.data())
def test_api_never_fails_on_hostile_json(world, filled, data):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.resident)
    for method, url in api_calls(world, filled):
        body = data.draw(
            st.dictionaries(
                st.sampled_from(
                    [
                        *GOAL_FIELDS,
                        *ACTION_FIELDS,
                        *CIRCLE_FIELDS,
                        "changes",
                        "reason",
                        "note",
                        "dream",
                        "strengths",
                        "contributions",
                    ]
                ),
                json_value,
                max_size=6,
            ),
            label=url,
        )
        response = getattr(client, method)(url, json.dumps(body), content_type="application/json")
        assert response.status_code < 500, (method, url, body)
        assert response["Content-Type"].startswith("application/json")
        if method != "post" or "versions" not in url:
            assert_nothing_lost(world, filled)


@HYPOTHESIS
@given(body=json_value)
def test_api_proposals_never_fail_on_hostile_json(world, filled, body):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.coordinator)
    url = f"/api/v1/households/{world.household.pk}/plan/proposals/"
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code < 500, body
    assert_nothing_lost(world, filled)


@HYPOTHESIS
@given(raw=st.binary(max_size=200))
def test_api_never_fails_on_malformed_bodies(world, filled, raw):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.resident)
    url = f"/api/v1/households/{world.household.pk}/plan/goals/"
    response = client.post(url, raw, content_type="application/json")
    assert response.status_code < 500


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_every_hostile_string_in_every_goal_field(client, world, filled, hostile):
    client.force_login(world.resident)
    url = reverse("plans:start", args=[world.household.pk, "doelen"])
    for field in GOAL_FIELDS:
        data = {"text": "Gewoon doel", "life_domain": "health", field: hostile}
        assert client.post(url, data).status_code < 500, (field, hostile)
    client.force_login(world.coordinator)
    for kind, param in [("change_goal", "doel"), ("change_action", "actie")]:
        url = reverse("plans:proposal_new", args=[world.household.pk, kind])
        assert client.get(url, {param: hostile}).status_code < 500, (kind, hostile)
    assert_nothing_lost(world, filled)
