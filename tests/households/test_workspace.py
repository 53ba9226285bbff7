"""The coordinator's workspace: the caseload by urgency, the household file, the hand-over."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenplan.households import attention, household_file
from eigenplan.households.access import forget_standing
from eigenplan.households.attention import AttentionItem, Urgency, attention_for, provider
from eigenplan.households.models import (
    CoordinatorAssignment,
    Household,
    Team,
    TeamMembership,
    TeamRole,
)
from eigenplan.households.services import hand_over_household
from eigenplan.notifications.models import Message
from eigenplan.plans.models import Action, Proposal
from eigenplan.privacy.consent import decide_role_sharing
from eigenplan.privacy.models import AuditEvent
from tests.factories import (
    ActionFactory,
    CoordinatorFactory,
    GoalFactory,
    HouseholdFactory,
    PersonFactory,
    PlanFactory,
)

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def team(world):
    """The world's household in team Noord, with a colleague and a team lead."""
    team = Team.objects.create(name="Buurtteam Noord")
    Household.objects.filter(pk=world.household.pk).update(team=team)
    world.household.team = team
    world.colleague = CoordinatorFactory(username="colleague", display_name="Karim Colleague")
    world.lead = CoordinatorFactory(username="lead", role="team_lead", display_name="Ruud Lead")
    for user, role in [
        (world.coordinator, TeamRole.COORDINATOR),
        (world.colleague, TeamRole.COORDINATOR),
        (world.lead, TeamRole.LEAD),
    ]:
        TeamMembership.objects.create(team=team, user=user, role=role)
    world.resident.email = "fatima@example.org"
    world.resident.save(update_fields=["email"])
    world.colleague.email = "karim@example.org"
    world.colleague.save(update_fields=["email"])
    return team


def household_with(coordinator, *, overdue=0, due_soon=0, proposals=0, domain="housing"):
    household = HouseholdFactory(coordinator=coordinator)
    PersonFactory(household=household)
    plan = PlanFactory(household=household)
    goal = GoalFactory(plan=plan, life_domain=domain)
    for n in range(overdue):
        ActionFactory(goal=goal, due_date=days(-3 - n))
    for n in range(due_soon):
        ActionFactory(goal=goal, due_date=days(5 + n))
    for _n in range(proposals):
        Proposal.objects.create(
            plan=plan, kind="add_goal", payload={}, author_name="x", author_role="coordinator"
        )
    ActionFactory(goal=goal, due_date=days(-10), status=Action.Status.DONE)  # done: no attention
    return household


# --- the caseload --------------------------------------------------------------------------------


def test_the_caseload_puts_what_is_overdue_first_then_what_waits(client, world):
    coordinator = world.coordinator
    waiting = household_with(coordinator, proposals=2)
    late = household_with(coordinator, overdue=3, proposals=1)
    later = household_with(coordinator, overdue=1)
    quiet = household_with(coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("plans:caseload"))
    rows = response.context["rows"]
    order = [row.pk for row in rows]
    # Both late households first (the earliest date first), then the one that waits, then the
    # rest (the world's own household and the quiet one).
    assert order[:3] == [late.pk, later.pk, waiting.pk]
    assert set(order[3:]) == {quiet.pk, world.household.pk}
    first = rows[0]
    counts = {item.kind: item.count for item in first.items}
    assert counts == {"actions_overdue": 3, "proposals": 1}
    assert first.most_urgent_due == days(-5) and first.is_overdue
    page = response.content.decode()
    assert "Acties over de datum: 3" in page and "Voorstellen wachten op de inwoner: 2" in page
    assert reverse("households:file", args=[late.pk]) in page
    assert world.other_household.pk not in order


def test_the_caseload_counts_a_life_domain_only_when_the_resident_shares_it(client, world):
    household = household_with(world.coordinator, overdue=2, domain="money")
    resident = PersonFactory(household=household, user=world.stranger).user
    decide_role_sharing(actor=resident, household=household, role="coordinator", parts=["housing"])
    client.force_login(world.coordinator)
    rows = {row.pk: row for row in client.get(reverse("plans:caseload")).context["rows"]}
    assert rows[household.pk].items == []


def test_the_caseload_runs_the_same_queries_for_three_or_thirty_households(client, world):
    client.force_login(world.coordinator)
    url = reverse("plans:caseload")
    client.get(url)  # the session and the read cache settle

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for _n in range(2):
        household_with(world.coordinator, overdue=2, proposals=1)
    few = queries()
    for _n in range(27):
        household_with(world.coordinator, overdue=1, due_soon=1, proposals=2)
    assert queries() == few
    # One query per attention provider (every app adds its own), and a fixed few for the page.
    assert few <= 7 + len(attention.providers())


def test_a_provider_from_another_app_plugs_in(world):
    @provider("test_deadlines")
    def deadlines(household_ids):
        return {
            pk: [
                AttentionItem(
                    kind="test_deadlines",
                    label="Wettelijke termijn",
                    due=days(2),
                    url="/",
                    urgency=Urgency.DUE_SOON,
                    part="conversations",
                )
            ]
            for pk in household_ids
        }

    try:
        found = attention_for([world.household.pk])[world.household.pk]
        assert [item.kind for item in found] == ["test_deadlines"]
    finally:
        attention._providers.pop("test_deadlines")


# --- the household file ----------------------------------------------------------------------


def test_the_file_shows_plan_circle_sections_and_what_happened(client, world):
    GoalFactory(plan=world.plan, text="Huur op tijd betalen", life_domain="money")
    from eigenplan.plans.services import add_goal

    add_goal(actor=world.resident, plan=world.plan, text="Een baan", life_domain="work")
    client.force_login(world.coordinator)
    url = reverse("households:file", args=[world.household.pk])
    page = client.get(url).content.decode()
    assert "Huur op tijd betalen" in page and "Een baan" in page
    assert "Samira" in page  # the circle
    assert "Gesprekken en termijnen" in page and "Meldingen en aanvragen" in page
    assert "Besluiten" in page and "Evaluaties" in page
    assert page.count("Nog niets.") >= 4  # the sections no app fills yet
    assert "voegde een doel toe" in page
    assert "Sanne de Vries is de regisseur sinds" in page
    assert AuditEvent.objects.filter(
        verb="view", object_type="household", actor_id=world.coordinator.pk
    ).exists()


def test_the_file_shows_only_what_the_resident_shares_with_the_coordinator(client, world):
    GoalFactory(plan=world.plan, text="Huur op tijd betalen", life_domain="money")
    GoalFactory(plan=world.plan, text="Naar de dokter", life_domain="health")
    decide_role_sharing(
        actor=world.resident, household=world.household, role="coordinator", parts=["money"]
    )
    forget_standing(world.coordinator)
    client.force_login(world.coordinator)
    page = client.get(reverse("households:file", args=[world.household.pk])).content.decode()
    assert "Huur op tijd betalen" in page and "Naar de dokter" not in page
    assert "De inwoner deelt de kring niet met u." in page and "Samira" not in page
    assert "De inwoner deelt dit deel niet met u." in page  # conversations, decisions
    assert "voegde een doel toe" not in page


def test_a_section_filled_by_another_app_shows_its_content(client, world):
    household_file.discover()
    real_filler = household_file._fillers.get("decisions")

    @household_file.section("decisions")
    def decisions(household, view):
        return household_file.SectionContent(
            "households/_file_lines.html",
            {"lines": [{"text": "Besluit over huishoudelijke hulp", "date": days(-2)}]},
        )

    try:
        client.force_login(world.coordinator)
        page = client.get(reverse("households:file", args=[world.household.pk]))
        assert "Besluit over huishoudelijke hulp" in page.content.decode()
    finally:
        household_file._fillers.pop("decisions")
        if real_filler is not None:
            household_file.section("decisions")(real_filler)


@pytest.mark.parametrize("who", ["other_coordinator", "circle_user", "resident"])
def test_only_the_coordinator_opens_the_file(client, world, who):
    client.force_login(getattr(world, who))
    response = client.get(reverse("households:file", args=[world.household.pk]))
    assert response.status_code == (404 if who == "other_coordinator" else 403)


def test_the_file_runs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for n in range(15):
        goal = GoalFactory(plan=world.plan, life_domain="money")
        ActionFactory(goal=goal, due_date=days(-n - 1))
    client.force_login(world.coordinator)
    url = reverse("households:file", args=[world.household.pk])
    client.get(url)
    with django_assert_max_num_queries(25):
        client.get(url)


# --- the hand-over ---------------------------------------------------------------------------


def test_the_coordinator_hands_over_and_the_history_keeps_both(client, world, team):
    assignment = hand_over_household(
        actor=world.coordinator,
        household=world.household,
        to_coordinator=world.colleague,
        reason="Sanne gaat met verlof.",
    )
    world.household.refresh_from_db()
    assert world.household.coordinator == world.colleague
    history = list(CoordinatorAssignment.objects.filter(household=world.household))
    assert [(row.coordinator_id, row.ended_at is None) for row in history] == [
        (world.colleague.pk, True),
        (world.coordinator.pk, False),
    ]
    assert assignment.assigned_by == world.coordinator and assignment.reason
    sent = Message.objects.filter(kind=Message.Kind.COORDINATOR_CHANGED)
    assert {m.address for m in sent} == {"karim@example.org", "fatima@example.org"}
    assert all("verlof" not in m.body for m in sent if m.recipient_id == world.resident.pk)
    assert AuditEvent.objects.filter(verb="hand_over", household_id=world.household.pk).exists()

    # The new coordinator has the file; the old one no longer.
    forget_standing(world.coordinator)
    client.force_login(world.colleague)
    page = client.get(reverse("households:file", args=[world.household.pk])).content.decode()
    assert "Sanne gaat met verlof." in page and "Sanne de Vries" in page
    client.force_login(world.coordinator)
    assert client.get(reverse("households:file", args=[world.household.pk])).status_code == 404
    # The resident sees who and since when.
    client.force_login(world.resident)
    page = client.get(reverse("plans:overview", args=[world.household.pk])).content.decode()
    assert "Uw regisseur is Karim Colleague van Buurtteam Noord, sinds" in page


def test_the_team_lead_may_hand_over_a_colleague_may_not(world, team):
    with pytest.raises(PermissionDenied):
        hand_over_household(
            actor=world.colleague,
            household=world.household,
            to_coordinator=world.colleague,
            reason="Ik neem het over.",
        )
    with pytest.raises(PermissionDenied):
        hand_over_household(
            actor=world.other_coordinator,
            household=world.household,
            to_coordinator=world.colleague,
            reason="x",
        )
    hand_over_household(
        actor=world.lead, household=world.household, to_coordinator=world.colleague, reason="Ziek."
    )
    assert Household.objects.get(pk=world.household.pk).coordinator == world.colleague


def test_the_new_coordinator_must_be_someone_else_in_the_team_and_a_reason_is_needed(world, team):
    cases = [
        (world.other_coordinator, "Verlof", "werkt niet in het buurtteam"),
        (world.coordinator, "Verlof", "is al de regisseur"),
        (None, "Verlof", "Kies de nieuwe regisseur"),
        (world.colleague, "  ", "Schrijf op waarom"),
        (world.colleague, "x" * 501, "te lang"),
    ]
    for to, reason, message in cases:
        with pytest.raises(ValidationError) as error:
            hand_over_household(
                actor=world.coordinator, household=world.household, to_coordinator=to, reason=reason
            )
        assert message in " ".join(error.value.messages)
    assert Household.objects.get(pk=world.household.pk).coordinator == world.coordinator
    assert CoordinatorAssignment.objects.filter(household=world.household).count() == 1


def test_the_database_allows_one_open_assignment_per_household(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        CoordinatorAssignment.objects.create(
            household=world.household,
            coordinator=world.other_coordinator,
            coordinator_name="Tweede",
            started_at=timezone.now(),
        )


def test_the_hand_over_page_keeps_what_was_typed_and_hands_over(client, world, team):
    client.force_login(world.lead)
    url = reverse("households:hand_over", args=[world.household.pk])
    page = client.get(url).content.decode()
    assert "Karim Colleague" in page and "Sanne de Vries is de regisseur sinds" in page
    response = client.post(url, {"to_coordinator": "", "reason": "Sanne is ziek."})
    assert response.status_code == 200
    assert "Kies de nieuwe regisseur" in response.content.decode()
    assert "Sanne is ziek." in response.content.decode()
    response = client.post(
        url, {"to_coordinator": str(world.colleague.pk), "reason": "Sanne is ziek."}
    )
    assert response.status_code == 302
    assert Household.objects.get(pk=world.household.pk).coordinator == world.colleague
    # Another team's household does not exist for this lead.
    assert (
        client.get(reverse("households:hand_over", args=[world.other_household.pk])).status_code
        == 404
    )


def test_a_coordinator_set_in_the_admin_enters_the_history(client, world, team):
    from tests.factories import UserFactory

    admin = UserFactory(username="beheer", role="administrator", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:households_household_change", args=[world.household.pk])
    response = client.post(url, {"team": team.pk, "coordinator": world.colleague.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    rows = list(CoordinatorAssignment.objects.filter(household=world.household))
    assert [(row.coordinator_id, row.ended_at is None) for row in rows] == [
        (world.colleague.pk, True),
        (world.coordinator.pk, False),
    ]
    assert rows[0].assigned_by == admin
