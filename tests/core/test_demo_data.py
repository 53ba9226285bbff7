"""The demo municipality: it loads, loads only once, every account logs in, and it shows a plan
in every stage a demo needs."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from eigenplan.accounts.models import Role
from eigenplan.core.demo_data import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_USERNAMES,
    DemoDataError,
    demo_households,
    load_demo,
)
from eigenplan.households.models import CircleMember, Household, Representative
from eigenplan.plans.models import Action, Performer, Plan, PlanVersion, Proposal
from eigenplan.plans.snapshot import build_snapshot
from eigenplan.privacy.models import AuditEvent
from tests.factories import HouseholdFactory, PersonFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in ("accounts", "households", "plans", "privacy")
    }


def test_the_accounts_are_listed_residents_first_and_described():
    usernames = [account.username for account in DEMO_ACCOUNTS]
    assert len(usernames) == len(set(usernames))
    assert "resident" not in usernames  # the login tests rely on that name not being a demo
    resident = [account.role_label.startswith("Inwoner") for account in DEMO_ACCOUNTS]
    first_other = resident.index(False)
    assert first_other >= 5 and not any(resident[first_other:])
    for account in DEMO_ACCOUNTS:
        assert account.display_name and account.role_label
        assert account.description.endswith(".") and len(account.description) < 200
    assert DEMO_PASSWORD


def test_the_demo_loads_once_and_a_second_run_changes_nothing():
    counts = load_demo()
    assert counts["created"] is True
    assert counts["households"] == 20
    assert counts["neighbourhoods"] == 4
    assert counts["versions"] > 10 and counts["proposals"] > 5
    assert counts["audit_events"] > counts["goals"]
    before = row_counts()
    versions = list(PlanVersion.objects.order_by("pk").values_list("pk", "snapshot"))

    again = load_demo()

    assert again["created"] is False
    assert row_counts() == before
    assert list(PlanVersion.objects.order_by("pk").values_list("pk", "snapshot")) == versions


def test_every_demo_account_logs_in_with_the_demo_password(client):
    load_demo()
    for username in DEMO_USERNAMES:
        assert client.login(username=username, password=DEMO_PASSWORD), username
        client.logout()
    admin = get_user_model().objects.get(username="beheerder")
    assert admin.is_staff and admin.is_superuser and admin.role == Role.ADMINISTRATOR
    client.force_login(admin)
    assert client.get("/beheer/").status_code == 200


def test_every_listed_account_reaches_a_working_start_page(client, settings):
    settings.DEMO_MODE = True
    load_demo()
    for account in DEMO_ACCOUNTS:
        client.post(reverse("accounts:demo_login"), {"username": account.username})
        assert "_auth_user_id" in client.session, account.username
        response = client.get(reverse("home"), follow=True)
        assert response.status_code == 200, account.username
        client.post(reverse("accounts:logout"))


def test_every_household_has_a_plan_with_a_plan_in_every_stage():
    load_demo()
    today = timezone.localdate()
    households = demo_households()
    assert not households.filter(plan__isnull=True).exists()
    plans = {
        plan.household.persons.order_by("date_of_birth").first().first_name: plan
        for plan in Plan.objects.filter(household__in=households).select_related("household")
    }
    # Adults are the oldest, so a household is found by its oldest person.
    stages = {name: plan.versions.count() for name, plan in plans.items()}
    assert not plans["Rami"].goals.exists()  # the Haddads have just started
    assert not plans["Wim"].goals.exists() and not plans["Wim"].strengths
    assert plans["Kevin"].goals.exists() and stages["Kevin"] == 0  # goals, never approved
    assert stages["Henk"] == 1 and plans["Henk"].has_unapproved_changes
    assert stages["Fatima"] == 2
    fatima_open = plans["Fatima"].proposals.filter(status=Proposal.Status.OPEN)
    assert set(fatima_open.values_list("author_role", flat=True)) == {
        "coordinator",
        "circle_member",
    }
    declined = Proposal.objects.filter(plan__household__in=households, status="declined")
    assert declined.count() >= 3 and all(p.decline_reason for p in declined)
    assert Proposal.objects.filter(
        plan__household__in=households, status=Proposal.Status.ACCEPTED_WITH_CHANGES
    ).exists()
    actions = Action.objects.filter(goal__plan__household__in=households)
    assert actions.filter(status=Action.Status.DONE).count() > 10
    overdue = actions.filter(due_date__lt=today).exclude(status__in=["done", "stopped"])
    assert overdue.filter(goal__plan=plans["Fatima"]).exists()
    assert set(actions.values_list("performer", flat=True)) == set(Performer.values)
    circle = CircleMember.objects.filter(household__in=households)
    assert set(circle.values_list("relation", flat=True)) == set(CircleMember.Relation.values)
    assert circle.exclude(shared_life_domains=[]).exists()
    assert "money" in circle.get(user__username="samira").shared_life_domains
    kinds = set(Representative.objects.filter(household__in=households).values_list("kind"))
    assert {k for (k,) in kinds} == set(Representative.Kind.values) - {"curator"}
    assert plans["Peter"].household.persons.get().user is None  # his mentor holds the pen
    assert plans["Jordy"].contributions


def test_versions_are_real_approvals_in_the_past():
    load_demo()
    now = timezone.now()
    households = demo_households()
    for plan in Plan.objects.filter(household__in=households, versions__isnull=False).distinct():
        latest = plan.versions.first()
        assert latest.approved_at < now - datetime.timedelta(days=1)
        if not plan.has_unapproved_changes:
            assert latest.snapshot == build_snapshot(plan)
    first = PlanVersion.objects.filter(plan__household__in=households).order_by("approved_at")
    assert first.first().approved_at < now - datetime.timedelta(days=90)
    approvals = AuditEvent.objects.filter(household_id__in=households.values("pk"), verb="approve")
    assert approvals.count() == (PlanVersion.objects.filter(plan__household__in=households).count())


def test_reset_deletes_only_the_demo_and_loads_it_again():
    other_user = UserFactory(username="someone-else")
    other = HouseholdFactory()
    PersonFactory(household=other, user=other_user)
    PlanFactory(household=other)
    load_demo()
    before = row_counts()
    old_versions = set(PlanVersion.objects.values_list("pk", flat=True))
    assert old_versions

    counts = load_demo(reset=True)

    assert counts["created"] is True
    # The audit trail is append-only: the old demo's events stay, the new demo's are added.
    after = row_counts()
    events = after.pop("privacy.AuditEvent")
    assert events == 2 * before.pop("privacy.AuditEvent")
    assert after == before
    # Households with versions were deleted (PlanVersion.delete() refuses, the cascade does not
    # call it) and everything was made anew.
    assert not old_versions & set(PlanVersion.objects.values_list("pk", flat=True))
    assert Household.objects.filter(pk=other.pk).exists()
    assert get_user_model().objects.filter(username="someone-else").exists()


def test_a_half_present_demo_is_refused_instead_of_mixed():
    UserFactory(username="fatima")
    with pytest.raises(DemoDataError, match="reset"):
        load_demo()
    assert not demo_households().exists()


def test_the_demo_loads_only_in_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(DemoDataError, match="demo mode"):
        load_demo()
    assert not demo_households().exists()


def test_the_demo_teams_and_what_the_debt_counsellor_sees_at_fatimas(client):
    from eigenplan.households.access import standing
    from eigenplan.households.models import TeamMembership

    load_demo()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_USERNAMES)}
    for household in demo_households().select_related("team", "coordinator"):
        assert household.team is not None
        assert TeamMembership.objects.filter(
            team=household.team, user=household.coordinator
        ).exists(), household
    fatima = Household.objects.get(persons__user=users["fatima"])
    mohamed = standing(users["mohamed"], fatima)
    assert mohamed.team_role == "team_member" and mohamed.shared_life_domains == {"money"}
    assert not standing(users["ruud"], fatima).has_any_access  # the lead: nothing shared
    assert not standing(users["joost"], fatima).has_any_access  # another team
    client.force_login(users["mohamed"])
    page = client.get(reverse("plans:overview", args=[fatima.pk])).content.decode()
    assert "Geld" in page and "Wonen" not in page
