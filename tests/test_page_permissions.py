"""Every page of the project, visited as every kind of user. A new URL without a rule here
fails the suite, so no page ships without a decision about who may see it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from eigenplan.households.services import invite_circle_member
from eigenplan.plans import services
from eigenplan.plans.models import Proposal
from eigenplan.privacy.services import request_correction
from tests.factories import ActionFactory, CircleMemberFactory, GoalFactory

ROLES = [
    "anonymous",
    "resident",
    "coordinator",
    "circle_user",
    "stranger",
    "other_resident",
    "other_coordinator",
]

# Expected status of a GET per role: resident, coordinator, circle member (housing shared),
# outsiders. Anonymous users are always sent to the login page.
OWN = {"resident": 200, "coordinator": 200, "circle_user": 200}
OUTSIDERS = {"stranger": 404, "other_resident": 404, "other_coordinator": 404}
EDIT_ONLY = {"resident": 200, "coordinator": 403, "circle_user": 403, **OUTSIDERS}
VIEW_ALL = {**OWN, **OUTSIDERS}
WHOLE_HOUSEHOLD = {"resident": 200, "coordinator": 200, "circle_user": 403, **OUTSIDERS}
PROPOSERS = {"resident": 403, "coordinator": 200, "circle_user": 200, **OUTSIDERS}

PAGES = {
    "home": {
        "anonymous": 302,
        "resident": 302,  # straight to their own plan
        "coordinator": 302,  # straight to their households
        "circle_user": 200,
        "stranger": 200,
        "other_resident": 302,
        "other_coordinator": 302,
    },
    "accounts:login": dict.fromkeys(ROLES, 302) | {"anonymous": 200},
    # Anyone logged in may confirm their own password; anonymous users go to the login page.
    "accounts:reauthenticate": dict.fromkeys(ROLES, 200) | {"anonymous": 302},
    # The second step of logging in: force_login counts as both steps, so whoever is logged in
    # goes on to where they were going; professionals without an app may still set one up.
    # The pages themselves: tests/accounts/test_second_factor.py.
    "accounts:second_factor": dict.fromkeys(ROLES, 302),
    "accounts:second_factor_setup": dict.fromkeys(ROLES, 302)
    | {"coordinator": 200, "other_coordinator": 200},
    # Single sign-on and DigiD are off unless configured (tests/accounts/test_oidc.py and
    # test_digid.py).
    "accounts:sso_login": dict.fromkeys(ROLES, 404),
    "accounts:sso_callback": dict.fromkeys(ROLES, 404),
    "accounts:digid_login": dict.fromkeys(ROLES, 404),
    "accounts:digid_callback": dict.fromkeys(ROLES, 404),
    "plans:overview": VIEW_ALL,
    "plans:start_first": EDIT_ONLY,
    "plans:start": EDIT_ONLY,
    "plans:goal_edit": EDIT_ONLY,
    "plans:goal_delete": EDIT_ONLY,
    "plans:action_add": EDIT_ONLY,
    "plans:action_edit": EDIT_ONLY,
    "plans:action_delete": EDIT_ONLY,
    "plans:circle_member_edit": EDIT_ONLY,
    "plans:circle_member_remove": EDIT_ONLY,
    "plans:proposals": VIEW_ALL,
    "plans:proposal_new": PROPOSERS,
    "plans:proposal_detail": {"resident": 200, "coordinator": 200, "circle_user": 404, **OUTSIDERS},
    "plans:versions": WHOLE_HOUSEHOLD,
    "plans:version_compare": WHOLE_HOUSEHOLD,
    "plans:version_detail": WHOLE_HOUSEHOLD,
    # The resident's own oversight tool: the pen holders only.
    "privacy:access_log": {"resident": 200, "coordinator": 403, "circle_user": 403, **OUTSIDERS},
    # The resident's own data to take along: the pen holders only, after typing their password in
    # the last five minutes. force_login counts as a fresh login (it sends user_logged_in, which
    # starts the password clock), so these answer like the access log; an old login is sent to
    # re-authenticate (tests/privacy/test_export.py).
    "privacy:my_data": {"resident": 200, "coordinator": 403, "circle_user": 403, **OUTSIDERS},
    "privacy:my_data_download": {
        "resident": 200,
        "coordinator": 403,
        "circle_user": 403,
        **OUTSIDERS,
    },
    "privacy:my_data_overview": {
        "resident": 200,
        "coordinator": 403,
        "circle_user": 403,
        **OUTSIDERS,
    },
    # Correction requests (AVG art. 16): the pen holder asks, the coordinator answers; both
    # follow them. tests/privacy/test_correction_views.py covers the household member too.
    "privacy:corrections": {"resident": 200, "coordinator": 200, "circle_user": 403, **OUTSIDERS},
    "privacy:correction_new": EDIT_ONLY,
    "privacy:correction_detail": {
        "resident": 200,
        "coordinator": 200,
        "circle_user": 403,
        **OUTSIDERS,
    },
    "privacy:correction_queue": {
        "resident": 403,
        "coordinator": 200,
        "circle_user": 403,
        "stranger": 403,
        "other_resident": 403,
        "other_coordinator": 200,
    },
    # Closing the file (retention counts from then): the coordinator only.
    "privacy:household_file": {
        "resident": 403,
        "coordinator": 200,
        "circle_user": 403,
        **OUTSIDERS,
    },
    # How long each kind of data is kept: public, like a privacy statement (AVG art. 13).
    "privacy:retention": dict.fromkeys(ROLES, 200),
    "emergency_access": {
        "resident": 403,
        "coordinator": 200,
        "circle_user": 403,
        "stranger": 403,
        "other_resident": 403,
        "other_coordinator": 200,
    },
    # Inviting the circle: the pen holders only.
    "households:invitations": EDIT_ONLY,
    "households:invite_new": EDIT_ONLY,
    "households:invite": EDIT_ONLY,
    "households:invitation_code": EDIT_ONLY,
    "households:invitation_cancel": EDIT_ONLY,
    # The invited person's pages need no login; without a valid link (or, for the welcome page,
    # a code typed in this session) there is nothing to show (tests/households/test_views.py).
    "households:accept": dict.fromkeys(ROLES, 404),
    "households:accept_welcome": dict.fromkeys(ROLES, 404),
    "households:sign_in_link": dict.fromkeys(ROLES, 200),
    "households:sign_in_link_use": dict.fromkeys(ROLES, 404),
    # Demo mode only (the suite runs in demo mode): anyone logged in; 404 in production
    # (tests/notifications/test_outbox.py).
    "notifications:outbox": dict.fromkeys(ROLES, 200) | {"anonymous": 302},
    "plans:caseload": {
        "resident": 403,
        "coordinator": 200,
        "circle_user": 403,
        "stranger": 403,
        "other_resident": 403,
        "other_coordinator": 200,
    },
}
# URLs with their own tests: the API (tests/api), Django's admin (staff only), the language
# switch and demo login (POST only, tested in tests/accounts), logout (POST).
COVERED_ELSEWHERE = ("api", "admin", "set_language", "accounts:demo_login", "accounts:logout")


def all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin" or str(entry.pattern).startswith("api/"):
                yield entry.namespace or "api"
                continue
            yield from all_url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_permission_rule():
    names = set(all_url_names())
    missing = {n for n in names if n not in PAGES and not n.startswith(COVERED_ELSEWHERE)}
    assert not missing, f"URLs without a permission rule in this file: {sorted(missing)}"


@pytest.fixture
def plan_objects(world):
    goal = GoalFactory(plan=world.plan, life_domain="housing")
    action = ActionFactory(goal=goal)
    services.approve_plan(actor=world.resident, plan=world.plan)
    proposal = services.make_proposal(
        actor=world.coordinator,
        plan=world.plan,
        kind=Proposal.Kind.ADD_GOAL,
        payload={"text": "Samen sporten", "life_domain": "health"},
    )
    correction = request_correction(
        actor=world.resident, household=world.household, what_is_wrong="Mijn naam is fout."
    )
    invitee = CircleMemberFactory(household=world.household, email="ria@example.org")
    invitation = invite_circle_member(actor=world.resident, member=invitee, channel="email")
    return {
        "goal": goal,
        "action": action,
        "proposal": proposal,
        "correction": correction,
        "invitee": invitee,
        "invitation": invitation.invitation,
    }


def page_url(name, world, objects):
    household = world.household.pk
    args = {
        "plans:start": [household, "doelen"],
        "plans:goal_edit": [household, objects["goal"].pk],
        "plans:goal_delete": [household, objects["goal"].pk],
        "plans:action_add": [household, objects["goal"].pk],
        "plans:action_edit": [household, objects["action"].pk],
        "plans:action_delete": [household, objects["action"].pk],
        "plans:circle_member_edit": [household, world.circle_member.pk],
        "plans:circle_member_remove": [household, world.circle_member.pk],
        "plans:proposal_new": [household, "add_action"],
        "plans:proposal_detail": [household, objects["proposal"].pk],
        "plans:version_detail": [household, 1],
        "households:invite": [household, objects["invitee"].pk],
        "households:invitation_code": [household, objects["invitation"].pk],
        "households:invitation_cancel": [household, objects["invitation"].pk],
        "privacy:access_log": [household],
        "privacy:my_data": [household],
        "privacy:my_data_download": [household],
        "privacy:my_data_overview": [household],
        "privacy:corrections": [household],
        "privacy:correction_new": [household],
        "privacy:correction_detail": [household, objects["correction"].pk],
        "privacy:household_file": [household],
    }.get(name)
    if args is None:
        with_household = name.startswith("plans:") or name in (
            "households:invitations",
            "households:invite_new",
        )
        args = [household] if with_household and name != "plans:caseload" else []
    url = reverse(name, args=args)
    if name == "plans:proposal_new":
        url += f"?doel={objects['goal'].pk}"
    if name == "plans:version_compare":
        url += "?van=1&naar=1"
    return url


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_answers_each_role_as_expected(client, world, plan_objects, name):
    url = page_url(name, world, plan_objects)
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(getattr(world, role))
        expected = PAGES[name].get(role, 302 if role == "anonymous" else None)
        status = client.get(url).status_code
        assert status == expected, f"{role} GET {url}: {status}, expected {expected}"


@pytest.mark.parametrize("role", ["coordinator", "circle_user", "stranger", "other_resident"])
def test_nobody_but_the_pen_holder_changes_or_approves_by_post(client, world, plan_objects, role):
    client.force_login(getattr(world, role))
    goal = plan_objects["goal"]
    posts = [
        (
            page_url("plans:goal_edit", world, plan_objects),
            {"text": "overgenomen", "life_domain": "housing", "revision": goal.revision},
        ),
        (page_url("plans:goal_delete", world, plan_objects), {}),
        (
            reverse("plans:start", args=[world.household.pk, "controleren"]),
            {"revision": world.plan.revision},
        ),
        (page_url("plans:proposal_detail", world, plan_objects), {"answer": "accept"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (403, 404), url
    goal.refresh_from_db()
    assert goal.text != "overgenomen"
    assert world.plan.versions.count() == 1
    plan_objects["proposal"].refresh_from_db()
    assert plan_objects["proposal"].is_open
