"""The resident's journey through the pages, without a browser."""

import pytest
from django.urls import reverse

from eigenplan.plans.models import Goal, PlanVersion, Proposal


def url(name, world, *args):
    return reverse(f"plans:{name}", args=[world.household.pk, *args])


def test_resident_writes_and_approves_through_the_guided_start(client, world):
    client.force_login(world.resident)
    response = client.get(url("overview", world))
    assert response.status_code == 200
    assert "Mijn plan" in response.content.decode()

    plan = world.plan
    response = client.post(
        url("start", world, "wat-goed-gaat"),
        {
            "strengths-text": "Ik ben een goede moeder.",
            "strengths-revision": plan.revision,
            "contributions-text": "Ik kook graag voor anderen.",
            "contributions-revision": plan.revision,
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    response = client.post(
        url("start", world, "droom"),
        {"dream-text": "Een huis zonder zorgen.", "dream-revision": plan.revision},
    )
    assert response.status_code == 302
    for text, domain in [
        ("Huur op tijd", "money"),
        ("Yassin naar school", "work"),
        ("Schulden weg", "money"),
    ]:
        response = client.post(
            url("start", world, "doelen"), {"text": text, "life_domain": domain, "person_id": ""}
        )
        assert response.status_code == 302, response.content.decode()
    response = client.post(
        url("start", world, "kring"),
        {"name": "Oma", "relation": "family", "shared_life_domains": ["work"]},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    response = client.get(url("start", world, "controleren"))
    assert "Huur op tijd" in response.content.decode()
    response = client.post(
        url("start", world, "controleren"), {"revision": plan.revision, "note": ""}
    )
    assert response.status_code == 302
    assert PlanVersion.objects.get(plan=plan).number == 1
    page = client.get(url("overview", world)).content.decode()
    assert "Versie 1 is goedgekeurd" in page


def test_empty_goal_shows_dutch_errors_and_keeps_what_was_typed(client, world):
    client.force_login(world.resident)
    response = client.post(
        url("start", world, "doelen"), {"text": "Mijn eigen woorden", "life_domain": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies een leefgebied." in page
    assert "Mijn eigen woorden" in page
    assert 'aria-invalid="true"' in page
    assert not Goal.objects.exists()


def test_stale_edit_gets_a_conflict_message_and_keeps_the_typed_text(client, world):
    client.force_login(world.resident)
    goal = Goal.objects.create(plan=world.plan, text="Oud", life_domain="health")
    stale = goal.revision
    client.post(
        url("goal_edit", world, goal.pk),
        {"text": "Nieuw van mij", "life_domain": "health", "revision": stale},
    )
    response = client.post(
        url("goal_edit", world, goal.pk),
        {"text": "Nieuw van mijn mentor", "life_domain": "health", "revision": stale},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit net veranderd" in page
    assert "Nieuw van mijn mentor" in page
    goal.refresh_from_db()
    assert goal.text == "Nieuw van mij"


def test_coordinator_proposes_and_resident_accepts_with_changes(client, world):
    goal = Goal.objects.create(plan=world.plan, text="Yassin naar school", life_domain="work")
    client.force_login(world.coordinator)
    response = client.post(
        url("proposal_new", world, "add_action") + f"?doel={goal.pk}",
        {
            "doel": goal.pk,
            "p-description": "Gesprek met de mentor",
            "p-performer": "professional",
            "p-performer_name": "Sanne",
            "p-due_date": "2026-12-01",
            "p-status": "todo",
            "explanation": "Dan weten we waarom hij niet gaat.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    proposal = Proposal.objects.get()
    client.force_login(world.resident)
    page = client.get(url("proposals", world)).content.decode()
    assert "Nieuwe actie" in page
    response = client.post(
        url("proposal_detail", world, proposal.pk),
        {
            "answer": "accept",
            "p-description": "Gesprek met de mentor, samen met Yassin",
            "p-performer": "professional",
            "p-performer_name": "Sanne",
            "p-due_date": "2026-12-10",
            "p-status": "todo",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED_WITH_CHANGES
    assert goal.actions.get().description == "Gesprek met de mentor, samen met Yassin"


@pytest.mark.parametrize("who", ["stranger", "other_resident", "other_coordinator"])
def test_other_households_plan_does_not_exist_for_outsiders(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(url("overview", world)).status_code == 404
    assert client.get(url("start", world, "doelen")).status_code == 404


def test_circle_member_sees_only_shared_domains(client, world):
    Goal.objects.create(plan=world.plan, text="Een fijn huis", life_domain="housing")
    Goal.objects.create(plan=world.plan, text="Geheim geldzaken", life_domain="money")
    client.force_login(world.circle_user)
    page = client.get(url("overview", world)).content.decode()
    assert "Een fijn huis" in page
    assert "Geheim geldzaken" not in page
    assert client.get(url("start", world, "doelen")).status_code == 403
    assert client.get(url("versions", world)).status_code == 403


def test_plan_page_queries_do_not_grow_with_the_plan(client, world):
    from tests.factories import ActionFactory, GoalFactory

    client.force_login(world.resident)

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("overview", world)).status_code == 200
        return len(ctx.captured_queries)

    GoalFactory(plan=world.plan)
    small = count_queries()
    for _ in range(15):
        goal = GoalFactory(plan=world.plan, life_domain="money")
        ActionFactory.create_batch(3, goal=goal)
    assert count_queries() == small


def test_overdue_actions_are_marked_on_the_plan(client, world):
    import datetime

    from tests.factories import ActionFactory, GoalFactory

    goal = GoalFactory(plan=world.plan)
    ActionFactory(goal=goal, description="Bellen", due_date=datetime.date(2020, 1, 1))
    ActionFactory(
        goal=goal, description="Klaar al", due_date=datetime.date(2020, 1, 1), status="done"
    )
    client.force_login(world.resident)
    page = client.get(url("overview", world)).content.decode()
    assert page.count("Later dan afgesproken") == 1


def test_removing_asks_first_then_removes_and_old_versions_keep_it(client, world):
    from eigenplan.plans import services
    from tests.factories import ActionFactory, GoalFactory

    goal = GoalFactory(plan=world.plan, text="Weg ermee")
    action = ActionFactory(goal=GoalFactory(plan=world.plan), description="Ook weg")
    services.approve_plan(actor=world.resident, plan=world.plan)
    client.force_login(world.resident)
    confirm = client.get(url("goal_delete", world, goal.pk)).content.decode()
    assert "Weet u het zeker?" in confirm and "Weg ermee" in confirm
    assert Goal.objects.filter(pk=goal.pk).exists()
    response = client.post(url("goal_delete", world, goal.pk), follow=True)
    assert "Het doel is weggehaald" in response.content.decode()
    assert not Goal.objects.filter(pk=goal.pk).exists()
    client.post(url("action_delete", world, action.pk))
    client.post(url("circle_member_remove", world, world.circle_member.pk))
    world.circle_member.refresh_from_db()
    assert not world.circle_member.is_active
    version_one = world.plan.versions.get(number=1).snapshot
    assert any(g["text"] == "Weg ermee" for g in version_one["goals"])


def test_caseload_lists_the_coordinators_households_with_what_needs_attention(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eigenplan.plans import services
    from tests.factories import HouseholdFactory, PersonFactory

    services.make_proposal(
        actor=world.coordinator,
        plan=world.plan,
        kind="add_goal",
        payload={"text": "Samen sporten", "life_domain": "health"},
    )
    HouseholdFactory(coordinator=world.coordinator)  # just registered: no persons, no plan
    client.force_login(world.coordinator)
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("plans:caseload")).content.decode()
    assert "Fatima" in page and "2 huishoudens" in page
    assert world.other_household.street + " " + world.other_household.house_number not in page
    for _ in range(10):
        PersonFactory(household=HouseholdFactory(coordinator=world.coordinator))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("plans:caseload"))
    assert len(many.captured_queries) == len(few.captured_queries)
