"""The permission matrix: every URL of the project, pages and API alike, found by walking the URL
configuration, visited as everyone who could come by. A URL without a rule here fails the suite,
so no page or endpoint ships without a decision about who may see it.

The world: household A (team Noord) with its resident, a minor, a representative, two circle
members (one with housing shared, one with nothing), its coordinator, a team colleague (the
resident shares housing with the team's other members; the "colleague_unshared" visit comes
after the resident withdrew that), the team lead (nothing shared: the default), a coordinator of
team Zuid (household B), a professional of team Zuid with emergency access to A, an analyst, an
administrator and B's resident, and the independent coordinator of A's family group conference
(which is in the family's private time; an earlier one of A's, looked back on, has the review
page). Every household URL is filled in with A's ids.

GET is checked for every role. The unsafe methods are checked for everyone who may not write
there: they must be refused and leave no trace in the audit trail (every write records an
event); what the writers' changes do is tested where the feature is (tests/plans, tests/api).
"""

import datetime
import re
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient

from eigenplan.accounts.models import Role
from eigenplan.conferences import services as conferences
from eigenplan.conferences.models import Conference, Participant
from eigenplan.conferences.models import Status as ConferenceStatus
from eigenplan.households.access import forget_standing
from eigenplan.households.models import Household, Team, TeamMembership, TeamRole
from eigenplan.households.services import invite_circle_member
from eigenplan.plans import services as plan_services
from eigenplan.privacy.consent import decide_role_sharing
from eigenplan.privacy.models import AuditEvent, EmergencyAccess, ProfessionalRole
from eigenplan.privacy.services import request_correction
from tests.api.conftest import Scene
from tests.conftest import World
from tests.conversations.conftest import conversation_scene
from tests.decisions.conftest import DecisionsScene
from tests.factories import (
    CircleMemberFactory,
    CoordinatorFactory,
    PersonFactory,
    RepresentativeFactory,
    UserFactory,
)

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ROLES = [
    "anonymous",
    "resident",
    "minor",
    "representative",
    "circle_shared",
    "circle_unshared",
    "coordinator",
    "colleague",
    "team_lead",
    "other_team",
    "emergency",
    "analyst",
    "administrator",
    "other_resident",
    "independent",  # the independent coordinator of A's conference: no standing with A's file
    "colleague_unshared",  # last: its visit starts by withdrawing what the colleague saw
]
PEN = {"resident", "representative"}
HOUSEHOLD = PEN | {"minor"}
WHOLE = HOUSEHOLD | {"coordinator", "emergency"}  # see the whole plan
PARTIAL = {"circle_shared", "circle_unshared", "colleague"}  # see what is shared with them
STANDING = WHOLE | PARTIAL
PROFESSIONALS = {
    "coordinator",
    "colleague",
    "colleague_unshared",
    "team_lead",
    "other_team",
    "emergency",
}
LOGGED_IN = set(ROLES) - {"anonymous"}
PROPOSERS = {"minor", "circle_shared", "coordinator", "colleague"}
# The family group conference: who it exists for, and who is family in private time.
CONFERENCE = STANDING | {"independent"}
FAMILY = HOUSEHOLD | {"circle_shared"}  # the household and the circle member it invited
SEE_INPUTS = HOUSEHOLD | {"coordinator", "colleague", "emergency", "independent"}
TEAM_WRITERS = {"coordinator", "colleague"}


def household_page(allowed: set, **exceptions: int) -> dict:
    """A page of household A: 200 for `allowed`, 403 for others with standing, 404 for those
    without (the household does not exist for them), the login page for anonymous visitors."""
    expected = {role: 404 for role in LOGGED_IN}
    expected |= {role: 403 for role in STANDING} | {role: 200 for role in allowed}
    return expected | {"anonymous": 302} | exceptions


def household_api(allowed: set, *, seen: int = 403, **exceptions: int) -> dict:
    """The same for an API endpoint: 401 without logging in."""
    return (
        household_page(allowed, anonymous=401)
        | {role: seen for role in STANDING - allowed}
        | exceptions
    )


def conference_page(allowed: set, **exceptions: int) -> dict:
    """A page of A's conference: like a household page, and the independent coordinator, who
    has no standing with the file, finds the conference (403 where they may not act). The
    family invited circle_shared, not circle_unshared: for her the conference does not exist."""
    independent = 200 if "independent" in allowed else 403
    return (
        household_page(allowed - {"independent"})
        | {"independent": independent, "circle_unshared": 404}
        | exceptions
    )


def only(roles: set, *, ok: int = 200, others: int = 403, anonymous: int = 302) -> dict:
    return {role: ok if role in roles else others for role in LOGGED_IN} | {"anonymous": anonymous}


@dataclass(frozen=True)
class Rule:
    get: dict  # expected status of a GET per role (or a tuple of acceptable ones)
    writers: frozenset = frozenset()  # roles whose unsafe requests may do something here
    query: str = ""  # a query string the page needs
    # Pages that are the same for everyone who may see them are visited as these roles only.
    roles: tuple = ()


def rule(get, writers=(), query="", roles=()):
    return Rule(get=get, writers=frozenset(writers), query=query, roles=tuple(roles))


EDIT = rule(household_page(PEN), PEN)
PUBLIC_FORM = frozenset(ROLES)  # forms anyone may send (logging in): no refusal to check
RULES = {
    # --- pages
    # Professionals go to their households, pen holders of one household to its plan, everyone
    # else gets the list of plans they are part of.
    # The independent coordinator goes to their conferences.
    "home": rule(only(PROFESSIONALS | PEN | {"other_resident", "independent"}, ok=302, others=200)),
    "accounts:login": rule(only(set(), others=302, anonymous=200), PUBLIC_FORM),
    "accounts:demo_login": rule(only(set(), others=405, anonymous=405), PUBLIC_FORM),
    "accounts:logout": rule(only(set(), others=405, anonymous=405), PUBLIC_FORM),
    "accounts:reauthenticate": rule(only(LOGGED_IN), PUBLIC_FORM),
    "set_language": rule(only(set(), others=302, anonymous=302), PUBLIC_FORM),
    "plans:overview": rule(household_page(STANDING)),
    "plans:start_first": EDIT,
    "plans:start": EDIT,
    "plans:goal_edit": EDIT,
    "plans:goal_delete": EDIT,
    "plans:action_add": EDIT,
    "plans:action_edit": EDIT,
    "plans:action_delete": EDIT,
    "plans:circle_member_edit": EDIT,
    "plans:circle_member_remove": EDIT,
    "plans:proposals": rule(household_page(STANDING)),
    # circle_unshared may propose, but not about a goal that is not shared with them.
    "plans:proposal_new": rule(
        household_page(PROPOSERS, circle_unshared=404), PROPOSERS, query="?doel={goal}"
    ),
    # Someone who sees part of the plan sees only their own proposals; this one is the
    # coordinator's.
    "plans:proposal_detail": rule(household_page(WHOLE) | dict.fromkeys(PARTIAL, 404), PEN),
    "plans:versions": rule(household_page(WHOLE)),
    "plans:version_compare": rule(household_page(WHOLE), query="?van=1&naar=2"),
    "plans:version_detail": rule(household_page(WHOLE)),
    "plans:caseload": rule(only(PROFESSIONALS)),
    # The household file: its coordinator. The hand-over: its coordinator or the team lead,
    # who need not see the file for it (tests/households/test_workspace.py).
    "households:file": rule(household_page({"coordinator"})),
    "households:hand_over": rule(
        household_page({"coordinator", "team_lead"}), {"coordinator", "team_lead"}
    ),
    # The resident's own tools: whoever holds the pen.
    "privacy:access_log": rule(household_page(PEN)),
    "privacy:my_data": rule(household_page(PEN)),
    "privacy:my_data_download": rule(household_page(PEN)),
    "privacy:my_data_overview": rule(household_page(PEN)),
    "privacy:sharing": rule(household_page(PEN), PEN),
    "privacy:role_sharing": rule(household_page(PEN), PEN),
    "emergency_access": rule(only(PROFESSIONALS), PROFESSIONALS),
    # Correction requests (AVG art. 16): the pen holder asks, the assigned coordinator answers;
    # both follow them (tests/privacy/test_correction_views.py).
    "privacy:corrections": rule(household_page(PEN | {"coordinator"})),
    "privacy:correction_new": EDIT,
    "privacy:correction_detail": rule(household_page(PEN | {"coordinator"}), PEN | {"coordinator"}),
    "privacy:correction_queue": rule(only(PROFESSIONALS)),
    # Closing the file (retention counts from then): the assigned coordinator only.
    "privacy:household_file": rule(household_page({"coordinator"}), {"coordinator"}),
    # How long each kind of data is kept: public, like a privacy statement (AVG art. 13).
    "privacy:retention": rule(only(LOGGED_IN, anonymous=200)),
    # Inviting the circle: the pen holders only.
    "households:invitations": EDIT,
    "households:invite_new": EDIT,
    "households:invite": EDIT,
    "households:invitation_code": EDIT,
    "households:invitation_cancel": EDIT,
    # Questions that help think of people for the circle: the names join the circle.
    "community:questions": EDIT,
    # The invited person's pages need no login; without a valid link (or, for the welcome page,
    # a code typed in this session) there is nothing to show (tests/households/test_views.py).
    "households:accept": rule(only(set(), others=404, anonymous=404), PUBLIC_FORM),
    "households:accept_welcome": rule(only(set(), others=404, anonymous=404), PUBLIC_FORM),
    "households:sign_in_link": rule(only(LOGGED_IN, anonymous=200), PUBLIC_FORM),
    "households:sign_in_link_use": rule(only(set(), others=404, anonymous=404), PUBLIC_FORM),
    # Commitments (issue 4): a circle member answers what is asked of them, and nobody else
    # sees those pages (someone else's action does not exist for them); the overview of who
    # promised what and the circle picture are for those who see the whole plan and its
    # circle, not for circle members or professionals who see part of it
    # (tests/circle/test_views.py).
    "circle:my_commitments": rule(only(LOGGED_IN)),
    "circle:commitment": rule(only({"circle_shared"}, others=404), {"circle_shared"}),
    "circle:commitments": rule(household_page(WHOLE)),
    # The pen holder notes the answer of someone without an account.
    "circle:answer_for": EDIT,
    "circle:map": rule(household_page(WHOLE)),
    # Demo mode only (the suite runs in demo mode): anyone logged in; 404 in production
    # (tests/notifications/test_outbox.py).
    "notifications:outbox": rule(only(LOGGED_IN)),
    # The second step of logging in: force_login counts as both steps, so whoever is logged in
    # goes on; professionals may still set up an app. The pages themselves:
    # tests/accounts/test_second_factor.py.
    "accounts:second_factor": rule(only(set(), others=302, anonymous=302), PUBLIC_FORM),
    "accounts:second_factor_setup": rule(
        only(PROFESSIONALS | {"analyst", "administrator", "independent"}, others=302), PUBLIC_FORM
    ),
    # Single sign-on and DigiD are off unless configured (tests/accounts/test_oidc.py and
    # test_digid.py).
    "accounts:sso_login": rule(only(set(), others=404, anonymous=404), PUBLIC_FORM),
    "accounts:sso_callback": rule(only(set(), others=404, anonymous=404), PUBLIC_FORM),
    "accounts:digid_login": rule(only(set(), others=404, anonymous=404), PUBLIC_FORM),
    "accounts:digid_callback": rule(only(set(), others=404, anonymous=404), PUBLIC_FORM),
    # Requests for support and kitchen-table conversations: the "conversations" part of the
    # file, seen by the household, the coordinator and emergency access; not by the circle nor
    # by colleagues it is not shared with (tests/conversations/test_views.py). The pen holder
    # and the coordinator record requests; the pen holder prepares, corrects and confirms; the
    # coordinator records the conversation.
    "conversations:requests": rule(household_page(WHOLE)),
    "conversations:request_new": rule(household_page(PEN | {"coordinator"}), PEN | {"coordinator"}),
    "conversations:request_detail": rule(household_page(WHOLE), PEN | {"coordinator"}),
    "conversations:list": rule(household_page(WHOLE)),
    "conversations:prepare": EDIT,
    "conversations:new": rule(only(set(), others=405), {"coordinator"}),
    "conversations:detail": rule(household_page(WHOLE), PEN | {"coordinator"}),
    "conversations:record": rule(household_page({"coordinator"}), {"coordinator"}),
    # Support and decisions (tests/decisions): the assigned coordinator prepares and grants;
    # the letters are the "decisions" part of the file; a mandate request is for its holder
    # (here the team lead), who asked (the coordinator) and the household's team lead.
    "decisions:support": rule(household_page({"coordinator"}), {"coordinator"}),
    "decisions:support_new": rule(household_page({"coordinator"}), {"coordinator"}),
    "decisions:support_item": rule(household_page({"coordinator"}), {"coordinator"}),
    "decisions:letters": rule(household_page(WHOLE)),
    "decisions:letter": rule(household_page(WHOLE)),
    "decisions:letter_pdf": rule(household_page(WHOLE)),
    "decisions:dashboard": rule(only(PROFESSIONALS)),
    "decisions:request": rule(
        only({"coordinator", "team_lead"}, others=404), {"coordinator", "team_lead"}
    ),
    # The family group conference (tests/conferences): referral by the pen holder or the
    # coordinator; the conference exists for the household's people and the independent
    # coordinator. A's conference is in private family time: its draft plan is the family's
    # alone (404 for every professional and the independent coordinator).
    "conferences:start": rule(household_page(STANDING), PEN | {"coordinator"}),
    "conferences:detail": rule(conference_page(CONFERENCE)),
    "conferences:step": rule(only(set(), others=405), PEN | {"independent"}),
    "conferences:assign": rule(conference_page(PEN | {"coordinator"}), PEN | {"coordinator"}),
    "conferences:preparation": rule(conference_page(PEN | {"independent"}), PEN | {"independent"}),
    "conferences:participant_remove": rule(only(set(), others=405), PEN | {"independent"}),
    "conferences:information": rule(conference_page(SEE_INPUTS), TEAM_WRITERS),
    "conferences:assessment": rule(conference_page(SEE_INPUTS), TEAM_WRITERS),
    "conferences:draft": rule(
        conference_page(FAMILY, independent=404, coordinator=404, colleague=404, emergency=404),
        PEN,
    ),
    # A draft goal and action in housing: shared with circle_shared (who may read, not write).
    "conferences:draft_goal": rule(
        conference_page(PEN, independent=404, coordinator=404, colleague=404, emergency=404),
        PEN,
    ),
    "conferences:draft_action": rule(
        conference_page(PEN, independent=404, coordinator=404, colleague=404, emergency=404),
        PEN,
    ),
    # Not in this step: the pen holder is sent back to the conference.
    "conferences:approve": rule(conference_page(set(), resident=302, representative=302), PEN),
    "conferences:review_date": rule(
        conference_page(set(), resident=302, representative=302, independent=302),
        PEN | {"independent"},
    ),
    # The earlier conference, looked back on: the independent coordinator's link to the
    # household ended with it.
    "conferences:review": rule(conference_page(STANDING, independent=404), PEN),
    "conferences:mine": rule(only({"independent"})),
    # --- API
    "api:token": rule(only(set(), others=405, anonymous=405), PUBLIC_FORM),
    # The API's description and its Swagger page hold no data.
    "api:schema": rule(only(LOGGED_IN, anonymous=200), roles=("anonymous", "resident")),
    "api:docs": rule(only(LOGGED_IN, anonymous=200), roles=("anonymous", "resident")),
    "api:household-list": rule(only(LOGGED_IN, anonymous=401)),
    "api:household-detail": rule(household_api(STANDING)),
    "api:circle-list": rule(household_api(WHOLE), PEN),
    "api:circle-member-detail": rule(household_api(WHOLE), PEN),
    "api:plan-detail": rule(household_api(STANDING), PEN),
    "api:goal-list": rule(household_api(STANDING), PEN),
    "api:goal-detail": rule(household_api(STANDING, circle_unshared=404), PEN),
    "api:goal-action-list": rule(household_api(set(), seen=405), PEN),
    "api:action-detail": rule(household_api(STANDING, circle_unshared=404), PEN),
    "api:proposal-list": rule(household_api(STANDING), PROPOSERS | {"circle_unshared"}),
    "api:proposal-accept": rule(household_api(set(), seen=405), PEN),
    "api:proposal-decline": rule(household_api(set(), seen=405), PEN),
    "api:version-list": rule(household_api(WHOLE), PEN),
    "api:version-compare": rule(household_api(WHOLE), query="?from=1&to=2"),
    "api:version-detail": rule(household_api(WHOLE)),
    "api:^(?P<path>.*)$": rule(only(LOGGED_IN, ok=404, anonymous=404)),  # JSON "not found"
}
# Everything under /beheer/ is for the administrator only: everyone else is sent to its login
# page (checked: the redirect goes there). New admin pages are covered by this rule without extra
# work. What the administrator gets depends on the page (a missing object redirects, adding a
# household is refused), so any answer but a server error or the login page will do for them.
ADMIN_LOGIN = "/beheer/login/"
ANY_ANSWER = (200, 302, 403, 404, 405)
ADMIN = rule(only({"administrator"}, ok=ANY_ANSWER, others=302), {"administrator"})
ADMIN_EXCEPTIONS = {
    "admin:login": rule(only({"administrator"}, ok=302, others=200, anonymous=200), PUBLIC_FORM),
    "admin:logout": rule(only({"administrator"}, ok=405, others=302), PUBLIC_FORM),  # to /beheer/
}


# --- walking the URL configuration ---------------------------------------------------------------


@dataclass(frozen=True)
class Url:
    key: str  # "plans:overview", or namespace and route for a URL without a name
    route: str  # the whole route, e.g. "huishoudens/<int:household_id>/plan/"
    callback: object = None

    @property
    def is_admin(self) -> bool:
        return self.key.startswith("admin:")

    @property
    def is_api(self) -> bool:
        return self.key.startswith("api:")


def walk(resolver=None, prefix: str = "", namespace: str = ""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + route, inner)
        elif isinstance(entry, URLPattern):
            key = f"{namespace}{entry.name}" if entry.name else f"{namespace}{route}"
            yield Url(key, prefix + route, entry.callback)


ALL_URLS = sorted({url.key: url for url in walk()}.values(), key=lambda url: url.key)


def rule_for(url: Url) -> Rule | None:
    if url.is_admin:
        return ADMIN_EXCEPTIONS.get(url.key, ADMIN)
    return RULES.get(url.key)


def test_every_url_has_a_rule():
    missing = sorted(url.key for url in ALL_URLS if rule_for(url) is None)
    assert not missing, (
        "These URLs have no permission rule in tests/test_page_permissions.py (RULES): "
        f"{missing}. Decide who may see them and add a rule."
    )
    unknown = sorted(set(RULES) - {url.key for url in ALL_URLS})
    assert not unknown, f"Rules for URLs that no longer exist: {unknown}"


def test_the_walk_finds_pages_api_and_admin():
    keys = {url.key for url in ALL_URLS}
    assert {"plans:overview", "api:goal-detail", "privacy:role_sharing"} <= keys
    assert "admin:households_team_change" in keys


# --- the world ---------------------------------------------------------------------------------


class Matrix:
    def __init__(self, world):
        self.world = world
        self.scene = Scene(world)
        household, other = world.household, world.other_household
        north = Team.objects.create(name="Buurtteam Noord")
        south = Team.objects.create(name="Buurtteam Zuid")
        Household.objects.filter(pk=household.pk).update(team=north)
        Household.objects.filter(pk=other.pk).update(team=south)
        household.team = north
        self.users = {
            "resident": world.resident,
            "coordinator": world.coordinator,
            "circle_shared": world.circle_user,
            "other_team": world.other_coordinator,
            "other_resident": world.other_resident,
            "minor": UserFactory(username="minor"),
            "representative": UserFactory(username="mentor"),
            "circle_unshared": UserFactory(username="neighbour", role=Role.CIRCLE_MEMBER),
            "colleague": CoordinatorFactory(username="colleague"),
            "colleague_unshared": CoordinatorFactory(username="colleague2"),
            "team_lead": CoordinatorFactory(username="lead", role=Role.TEAM_LEAD),
            "emergency": CoordinatorFactory(username="emergency"),
            "analyst": UserFactory(username="analyst", role=Role.ANALYST),
            "administrator": UserFactory(
                username="admin", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True
            ),
        }
        u = self.users
        fifteen = timezone.localdate() - datetime.timedelta(days=15 * 365 + 30)
        PersonFactory(household=household, user=u["minor"], date_of_birth=fifteen)
        RepresentativeFactory(
            household=household, user=u["representative"], represents=world.resident_person
        )
        CircleMemberFactory(household=household, user=u["circle_unshared"], name="Kees")
        for user, team, role in [
            (u["coordinator"], north, TeamRole.COORDINATOR),
            (u["colleague"], north, TeamRole.COLLEAGUE),
            (u["colleague_unshared"], north, TeamRole.COLLEAGUE),
            (u["team_lead"], north, TeamRole.LEAD),
            (u["other_team"], south, TeamRole.COORDINATOR),
            (u["emergency"], south, TeamRole.COLLEAGUE),
        ]:
            TeamMembership.objects.create(team=team, user=user, role=role)
        now = timezone.now()
        EmergencyAccess.objects.create(
            household=household,
            user=u["emergency"],
            reason="Melding van de politie, vannacht.",
            granted_at=now,
            expires_at=now + datetime.timedelta(hours=4),
        )
        self.share_with_colleagues(["housing"])
        self.correction = request_correction(
            actor=world.resident, household=household, what_is_wrong="Mijn naam is fout."
        )
        self.support_request, self.conversation = conversation_scene(world)
        self.commitment = plan_services.add_action(
            actor=world.resident,
            goal=self.scene.housing_goal,
            description="Helpen met verhuizen",
            performer="circle_member",
            circle_member_id=world.circle_member.pk,
        )
        self.invitee = CircleMemberFactory(household=household, name="Ria", email="ria@example.org")
        self.invitation = invite_circle_member(
            actor=world.resident, member=self.invitee, channel="email"
        ).invitation
        self.decisions = DecisionsScene(world, u["team_lead"])
        self.users["independent"] = UserFactory(username="wendy", role=Role.INDEPENDENT_COORDINATOR)
        self.conference = self.make_conference()

    def make_conference(self):
        """A's conference in private family time (with a draft goal and action in housing),
        and an earlier one that was looked back on."""
        world, independent = self.world, self.users["independent"]
        household = world.household
        earlier = Conference.objects.create(
            household=household,
            status=ConferenceStatus.REVIEWED,
            question="Eerder",
            referred_by_name="Sanne",
            referred_at=timezone.now() - datetime.timedelta(days=90),
            independent_coordinator=independent,
            approved_version=world.plan.versions.get(number=1),
            review_date=timezone.localdate() - datetime.timedelta(days=30),
        )
        self.earlier_conference = earlier
        Participant.objects.create(
            conference=earlier, name="Samira", circle_member=world.circle_member
        )
        conference = conferences.refer(actor=world.resident, household=household, question="Nu")
        conferences.assign_coordinator(
            actor=world.resident, conference=conference, coordinator=independent
        )
        conferences.update_preparation(
            actor=independent,
            conference=conference,
            meeting_at=timezone.now() + datetime.timedelta(days=1),
            meeting_place="Buurthuis",
            language="",
            interpreter="",
        )
        self.participant = conferences.add_participant(
            actor=world.resident, conference=conference, name="Oma"
        )
        conferences.add_participant(
            actor=world.resident, conference=conference, circle_member_id=world.circle_member.pk
        )
        conferences.add_input(
            actor=world.coordinator,
            conference=conference,
            kind="condition",
            text="Zorg",
            condition="Voorwaarde",
        )
        conferences.start_information_round(actor=independent, conference=conference)
        conferences.start_private_time(actor=independent, conference=conference)
        self.draft_goal = conferences.add_draft_goal(
            actor=world.resident, conference=conference, text="Samen", life_domain="housing"
        )
        self.draft_action = conferences.add_draft_action(
            actor=world.resident,
            goal=self.draft_goal,
            description="Oma helpt",
            performer="community",
            performer_name="Oma",
        )
        return conference

    def share_with_colleagues(self, parts) -> None:
        decide_role_sharing(
            actor=self.world.resident,
            household=self.world.household,
            role=ProfessionalRole.TEAM_MEMBER,
            parts=parts,
        )

    def prepare(self, role: str) -> None:
        if role == "colleague_unshared":
            self.share_with_colleagues([])

    def values(self, url: Url) -> dict:
        s = self.scene
        values = {
            "household_id": s.household.pk,
            "goal_id": s.housing_goal.pk,
            "goal": s.housing_goal.pk,
            "action_id": s.housing_action.pk,
            "member_id": self.world.circle_member.pk,
            "proposal_id": s.proposal.pk,
            "number": 1,
            "step": "doelen",
            "kind": "add_action",
            "role": "teamleden",
            "path": "bestaat-niet/",
            "url": "bestaat-niet/",
            "app_label": "households",
            "correction_id": self.correction.pk,
            "invitation_id": self.invitation.pk,
            "request_id": self.support_request.pk,
            "conversation_id": self.conversation.pk,
            "item_id": self.decisions.waiting_item.pk,
            "letter_id": self.decisions.letter.pk,
            "mandate_request_id": self.decisions.request.pk,
            "conference_id": self.conference.pk,
            "participant_id": self.participant.pk,
        }
        if url.key in ("circle:commitment", "circle:answer_for"):  # asked of circle_shared
            values["action_id"] = self.commitment.pk
        if url.key.startswith("conferences:draft_"):
            values["goal_id"] = self.draft_goal.pk
            values["action_id"] = self.draft_action.pk
        if url.key == "conferences:review":
            values["conference_id"] = self.earlier_conference.pk
        if url.key == "households:invite":  # a member without an account, to invite again
            values["member_id"] = self.invitee.pk
        if url.is_admin:
            model = _admin_model(url.route)
            values["object_id"] = _some_pk(model) if model is not None else 1
            values["content_type_id"] = ContentType.objects.get_for_model(Team).pk
            if url.key == "admin:view_on_site":
                values["object_id"] = Team.objects.first().pk
        return values

    def address(self, url: Url, rule: Rule) -> str:
        values = self.values(url)
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), url.route)
        route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
        return "/" + route.replace("^", "").replace("$", "") + rule.query.format(**values)


def _admin_model(route: str):
    from django.apps import apps

    match = re.match(r"beheer/(\w+)/(\w+)/", route)
    if match is None:
        return None
    try:
        return apps.get_model(match.group(1), match.group(2))
    except LookupError:
        return None


def _some_pk(model):
    pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return pk if pk is not None else 1


@pytest.fixture(scope="module")
def module_matrix(django_db_setup, django_db_blocker):
    """The world is made once for the whole walk, inside a transaction rolled back at the end;
    each test runs in a savepoint of it (the `db` fixture), so what one visit changes (the
    colleague's withdrawn consent, a read in the audit trail) is gone before the next test."""
    hashers = override_settings(PASSWORD_HASHERS=FAST_HASHERS)
    with django_db_blocker.unblock(), hashers, transaction.atomic():
        yield Matrix(World())
        transaction.set_rollback(True)


@pytest.fixture
def matrix(module_matrix, db):
    for user in module_matrix.users.values():
        forget_standing(user)
    return module_matrix


# One client for every visit: a new client loads the middleware again, and WhiteNoise's scan of
# the static files would then be most of this file's time.
CLIENT = APIClient()


def client_as(user) -> APIClient:
    CLIENT.logout()
    if user is not None:
        CLIENT.force_login(user)
    return CLIENT


DENIED = (302, 401, 403, 404, 405)


# --- the visits --------------------------------------------------------------------------------


def _id(url: Url) -> str:
    return url.key


UNSAFE = ("post", "put", "patch", "delete")


def unsafe_methods(url: Url) -> tuple[str, ...]:
    """The unsafe methods to try: those an API view implements (DRF refuses the others with
    405 by itself), and POST for a page."""
    view = getattr(url.callback, "cls", None)
    if view is not None and url.is_api:
        return tuple(method for method in UNSAFE if hasattr(view, method))
    return ("post",)


@pytest.mark.parametrize("url", [u for u in ALL_URLS if rule_for(u)], ids=_id)
def test_every_role_gets_what_the_rule_says(matrix, url):
    """GET as every role. Then the unsafe methods as everyone who may not write here: refused,
    or (on a page they may read, which answers a POST like a GET) shown the page; either way
    nothing is written."""
    rule = rule_for(url)
    wrong = []
    for role in rule.roles or ROLES:
        matrix.prepare(role)
        user = matrix.users.get(role)
        client = client_as(user)
        address = matrix.address(url, rule)
        response = client.get(address)
        expected = rule.get[role]
        status = response.status_code
        if status not in (expected if isinstance(expected, tuple) else (expected,)):
            wrong.append(f"{role} GET: {status}, expected {expected}")
        elif rule is ADMIN and status == 302:
            to_login = response["Location"].startswith(ADMIN_LOGIN)
            if to_login == (role == "administrator"):
                wrong.append(f"{role} GET: sent to {response['Location']}")
        if role in rule.writers:
            continue
        before = AuditEvent.objects.count()
        for method in unsafe_methods(url):
            status = getattr(client, method)(address, {}, format="json").status_code
            if status not in DENIED and not (status == 200 and expected == 200):
                wrong.append(f"{role} {method.upper()}: {status}")
        if AuditEvent.objects.count() != before:
            wrong.append(f"{role}: something was written ({AuditEvent.objects.first()})")
    assert not wrong, f"{url.key} ({matrix.address(url, rule)}):\n" + "\n".join(wrong)
