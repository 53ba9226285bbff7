"""Neighbourhood teams, and what the professionals in them see of a household: the coordinator
the whole file by default, colleagues and the team lead nothing until the resident shares,
another team nothing at all."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenplan.accounts.models import Role
from eigenplan.households.access import forget_standing, standing
from eigenplan.households.models import (
    Household,
    Neighbourhood,
    Team,
    TeamMembership,
    TeamRole,
    check_coordinator_in_team,
)
from eigenplan.privacy.consent import decide_role_sharing, role_parts_now
from eigenplan.privacy.models import AppendOnlyError, AuditEvent, RoleSharingDecision
from tests.factories import CoordinatorFactory, GoalFactory, HouseholdFactory, UserFactory

COLLEAGUES = "team_member"


class Teams:
    def __init__(self, world):
        self.world = world
        self.north = Team.objects.create(name="Buurtteam Noord")
        self.south = Team.objects.create(name="Buurtteam Zuid")
        Household.objects.filter(pk=world.household.pk).update(team=self.north)
        Household.objects.filter(pk=world.other_household.pk).update(team=self.south)
        world.household.team = self.north
        self.colleague = CoordinatorFactory(username="schuldhulp", display_name="Mo Bakkali")
        self.lead = CoordinatorFactory(username="lead", role=Role.TEAM_LEAD)
        for user, team, role in [
            (world.coordinator, self.north, TeamRole.COORDINATOR),
            (self.colleague, self.north, TeamRole.COLLEAGUE),
            (self.lead, self.north, TeamRole.LEAD),
            (world.other_coordinator, self.south, TeamRole.COORDINATOR),
        ]:
            TeamMembership.objects.create(team=team, user=user, role=role, function="")
        self.money = GoalFactory(plan=world.plan, life_domain="money", text="Schulden weg")
        self.housing = GoalFactory(plan=world.plan, life_domain="housing", text="Een fijn huis")

    def share(self, role, parts):
        return decide_role_sharing(
            actor=self.world.resident, household=self.world.household, role=role, parts=parts
        )


@pytest.fixture
def teams(world):
    return Teams(world)


def overview(world):
    return reverse("plans:overview", args=[world.household.pk])


def test_a_new_household_gets_the_team_of_its_neighbourhood(db):
    team = Team.objects.create(name="Buurtteam West")
    hood = Neighbourhood.objects.create(cbs_code="BU00010001", name="West", team=team)
    assert HouseholdFactory(neighbourhood=hood).team == team


def test_the_coordinator_must_work_in_the_households_team(teams):
    household = teams.world.household
    household.coordinator = teams.world.other_coordinator  # of team Zuid
    with pytest.raises(ValidationError) as refused:
        household.full_clean()
    assert "werkt niet in het buurtteam" in str(refused.value)
    household.coordinator = teams.world.coordinator
    check_coordinator_in_team(household)  # no error


def test_only_professionals_are_members_of_a_team(teams):
    membership = TeamMembership(team=teams.north, user=UserFactory(), role=TeamRole.COLLEAGUE)
    with pytest.raises(ValidationError):
        membership.full_clean()


def test_the_coordinator_sees_everything_by_default(client, teams):
    view = standing(teams.world.coordinator, teams.world.household)
    assert view.is_coordinator and view.sees_whole_plan
    assert view.may_see("conversations") and view.may_see("documents")
    client.force_login(teams.world.coordinator)
    page = client.get(overview(teams.world)).content.decode()
    assert "Schulden weg" in page and "Een fijn huis" in page


@pytest.mark.parametrize("who", ["colleague", "lead"])
def test_colleagues_and_the_team_lead_see_nothing_until_the_resident_shares(client, teams, who):
    client.force_login(getattr(teams, who))
    assert client.get(overview(teams.world)).status_code == 404
    api = client.get(f"/api/v1/households/{teams.world.household.pk}/plan/goals/")
    assert api.status_code == 404


def test_a_shared_part_is_seen_and_a_withdrawal_counts_from_the_next_request(client, teams):
    teams.share(COLLEAGUES, ["money"])
    client.force_login(teams.colleague)
    page = client.get(overview(teams.world)).content.decode()
    assert "Schulden weg" in page and "Een fijn huis" not in page
    goals = client.get(f"/api/v1/households/{teams.world.household.pk}/plan/goals/").json()
    assert [goal["text"] for goal in goals["results"]] == ["Schulden weg"]
    # Not the versions, the circle or the lead: those need the whole plan or their own consent.
    versions = reverse("plans:versions", args=[teams.world.household.pk])
    assert client.get(versions).status_code == 403
    client.force_login(teams.lead)
    assert client.get(overview(teams.world)).status_code == 404

    teams.share(COLLEAGUES, [])
    client.force_login(teams.colleague)
    assert client.get(overview(teams.world)).status_code == 404


def test_the_resident_may_restrict_even_the_coordinator(client, teams):
    teams.share("coordinator", ["housing"])
    client.force_login(teams.world.coordinator)
    page = client.get(overview(teams.world))
    assert page.status_code == 200  # the assigned coordinator keeps the household
    assert "Een fijn huis" in page.content.decode()
    assert "Schulden weg" not in page.content.decode()
    view = standing(teams.world.coordinator, teams.world.household)
    assert not view.sees_whole_plan and not view.may_see("dream")


def test_another_team_sees_nothing_whatever_is_shared(client, teams):
    for role in ("coordinator", "team_member", "team_lead"):
        teams.share(role, ["money", "dream", "housing"])
    client.force_login(teams.world.other_coordinator)
    assert client.get(overview(teams.world)).status_code == 404
    assert not standing(teams.world.other_coordinator, teams.world.household).has_any_access


def test_the_standing_takes_one_query_whatever_the_roles(teams):
    teams.share(COLLEAGUES, ["money"])
    for user in (teams.world.resident, teams.world.coordinator, teams.colleague, teams.lead):
        forget_standing(user)
        with CaptureQueriesContext(connection) as queries:
            standing(user, teams.world.household)
        assert len(queries) == 1, user


def test_a_decision_is_kept_unchanged_and_audited(teams):
    first = teams.share(COLLEAGUES, ["money"])
    teams.share(COLLEAGUES, [])
    history = list(RoleSharingDecision.objects.filter(household=teams.world.household))
    assert [d.parts for d in history] == [[], ["money"]]
    assert history[0].is_withdrawal
    first.parts = ["housing"]
    with pytest.raises(AppendOnlyError):
        first.save()
    assert AuditEvent.objects.filter(verb="share", household_id=teams.world.household.pk).count()
    assert role_parts_now(teams.world.household)["team_member"] == frozenset()
    assert role_parts_now(teams.world.household)["coordinator"] >= {"money", "dream"}


def test_only_the_pen_holder_decides_and_only_known_parts(teams):
    with pytest.raises(PermissionDenied):
        decide_role_sharing(
            actor=teams.world.coordinator,
            household=teams.world.household,
            role=COLLEAGUES,
            parts=["money"],
        )
    with pytest.raises(ValidationError, match="Kies alleen delen uit de lijst"):
        teams.share(COLLEAGUES, ["bank_account"])


def test_the_sharing_page_shows_roles_beside_the_circle_with_the_history(client, teams):
    teams.share(COLLEAGUES, ["money"])
    client.force_login(teams.world.resident)
    page = client.get(reverse("privacy:sharing", args=[teams.world.household.pk]))
    text = page.content.decode()
    assert "Wie mag wat zien?" in text and "Buurtteam Noord" in text
    assert "Mo Bakkali" in text and "Samira" in text
    assert "Als u niets kiest, ziet de teamleider niets." in text
    assert "Wat u eerder besliste over het buurtteam" in text and "Geld" in text


def test_changing_what_a_role_sees_through_the_page(client, teams):
    client.force_login(teams.world.resident)
    url = reverse("privacy:role_sharing", args=[teams.world.household.pk, "teamleider"])
    form = client.get(url).content.decode()
    assert "Als u niets kiest, ziet de teamleider niets." in form
    response = client.post(url, {"parts": ["dream", "money"]})
    assert response.status_code == 302
    assert role_parts_now(teams.world.household)["team_lead"] == {"dream", "money"}
    client.force_login(teams.lead)
    assert "Schulden weg" in client.get(overview(teams.world)).content.decode()


def test_an_unknown_part_is_refused_and_the_choice_stays(client, teams):
    client.force_login(teams.world.resident)
    url = reverse("privacy:role_sharing", args=[teams.world.household.pk, "teamleden"])
    response = client.post(url, {"parts": ["money", "kluis"]})
    assert response.status_code == 200
    text = response.content.decode()
    assert "error" in text.lower()
    assert not RoleSharingDecision.objects.exists()


def test_changing_what_a_role_sees_needs_a_recent_password(client, teams):
    from eigenplan.accounts.sessions import VERIFIED_AT

    client.force_login(teams.world.resident)
    session = client.session
    session[VERIFIED_AT] = session[VERIFIED_AT] - 3600
    session.save()
    url = reverse("privacy:role_sharing", args=[teams.world.household.pk, "teamleden"])
    response = client.post(url, {"parts": ["money"]})
    assert response.status_code == 302
    assert reverse("accounts:reauthenticate") in response.url
    assert not RoleSharingDecision.objects.exists()


def test_a_superuser_has_no_standing_with_a_household(client, world):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    assert not admin.has_perm("plans.view_plan", world.household)
    assert admin.has_perm("households.view_household") is True  # model level: the admin's
    client.force_login(admin)
    assert client.get(f"/api/v1/households/{world.household.pk}/plan/").status_code == 404


def test_the_refusal_of_an_unknown_part_is_plain_dutch_and_keeps_the_choice(client, teams):
    client.force_login(teams.world.resident)
    url = reverse("privacy:role_sharing", args=[teams.world.household.pk, "teamleden"])
    text = client.post(url, {"parts": ["money", "kluis"]}).content.decode()
    assert "kluis" not in text.split("<form")[0]
    assert 'value="money" checked' in text


def test_the_administrator_makes_a_team_with_its_neighbourhoods_and_members(client, teams):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    hood = Neighbourhood.objects.create(cbs_code="BU00020002", name="Oost")
    client.force_login(admin)
    response = client.post(
        reverse("admin:households_team_add"),
        {
            "name": "Buurtteam Oost",
            "neighbourhoods": [hood.pk],
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": teams.colleague.pk,
            "memberships-0-role": TeamRole.COLLEAGUE,
            "memberships-0-function": "jongerenwerker",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    team = Team.objects.get(name="Buurtteam Oost")
    assert list(team.neighbourhoods.all()) == [hood]
    assert team.memberships.get().function == "jongerenwerker"


def test_the_admin_refuses_a_coordinator_from_another_team(client, teams):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    household = teams.world.household
    response = client.post(
        reverse("admin:households_household_change", args=[household.pk]),
        {"team": teams.north.pk, "coordinator": teams.world.other_coordinator.pk},
    )
    assert response.status_code == 200
    assert "werkt niet in het buurtteam" in response.content.decode()
    household.refresh_from_db()
    assert household.coordinator == teams.world.coordinator


def test_a_colleague_finds_the_household_in_the_api_once_something_is_shared(client, teams):
    client.force_login(teams.colleague)

    def listed():
        return [h["id"] for h in client.get("/api/v1/households/").json()["results"]]

    assert listed() == []
    teams.share(COLLEAGUES, ["money"])
    assert listed() == [teams.world.household.pk]
    teams.share(COLLEAGUES, [])
    assert listed() == []
    client.force_login(teams.lead)
    assert listed() == []


def test_the_export_holds_what_the_team_may_see_as_history(teams):
    from eigenplan.privacy.export import export_household

    teams.share(COLLEAGUES, ["money"])
    teams.share(COLLEAGUES, [])
    data = export_household(teams.world.household)
    assert [(d["role"], d["parts"]) for d in data["team_sharing"]] == [
        ("team_member", ["money"]),
        ("team_member", []),
    ]
    other = export_household(teams.world.other_household)
    assert other["team_sharing"] == []


def test_the_colleague_finds_a_household_that_shares_with_them_beside_their_own(client, teams):
    client.force_login(teams.colleague)
    caseload = reverse("plans:caseload")
    assert "iets met u delen" not in client.get(caseload).content.decode()
    teams.share(COLLEAGUES, ["money"])
    page = client.get(caseload).content.decode()
    assert "Huishoudens van uw team die iets met u delen" in page
    assert reverse("plans:overview", args=[teams.world.household.pk]) in page
