"""The resident decides what the neighbourhood team sees: "Wie mag wat zien?" with the roles
beside the circle, changing what the team's other members see by keyboard, and the colleague
seeing exactly that. Every page passes axe."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from eigenplan.households.models import Household, Team, TeamMembership, TeamRole
from eigenplan.plans import services
from tests.e2e.conftest import Visit, log_in_with_session, tab_to
from tests.factories import CircleMemberFactory, CoordinatorFactory


def test_the_resident_shares_money_with_the_team_and_the_colleague_sees_only_that(
    people, new_context, live_server
):
    team = Team.objects.create(name="Buurtteam Lindehof")
    Household.objects.filter(pk=people.household.pk).update(team=team)
    colleague = CoordinatorFactory(username="mohamed", display_name="Mohamed Bakkali")
    TeamMembership.objects.create(team=team, user=people.coordinator, role=TeamRole.COORDINATOR)
    TeamMembership.objects.create(
        team=team, user=colleague, role=TeamRole.COLLEAGUE, function="schuldhulpverlener"
    )
    CircleMemberFactory(household=people.household, name="Samira", shared_life_domains=["money"])
    for domain, text in (("money", "Mijn huur op tijd betalen"), ("health", "Beter slapen")):
        services.add_goal(actor=people.resident, plan=people.plan, text=text, life_domain=domain)
    h = people.household.pk

    context = new_context()
    log_in_with_session(context, live_server, people.resident)
    visit = Visit(context.new_page())
    page = visit.page
    page.goto(reverse("plans:overview", args=[h]))
    visit.arrive("Mijn plan")
    with page.expect_navigation():
        page.get_by_role("link", name="Wie mag wat zien?").click()
    visit.arrive("Wie mag wat zien?")
    expect(page.get_by_text("Mohamed Bakkali (schuldhulpverlener)")).to_be_visible()
    expect(page.get_by_role("heading", name="Samira")).to_be_visible()
    with page.expect_navigation():
        # The role's name is hidden text inside the link; the browser reads it after a space.
        page.get_by_role("link", name=re.compile(r"Aanpassen\s*: Andere medewerkers")).click()
    visit.arrive("Andere medewerkers van het buurtteam: wat mogen zij zien?")
    tab_to(page, page.get_by_label("Geld", exact=True))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Opslaan"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive("Wie mag wat zien?")
    visit.expect_message("Opgeslagen. Dit telt vanaf nu.")
    expect(page.locator("#eerder")).to_be_visible()
    expect(page.get_by_text("niets meer gedeeld")).to_have_count(0)
    visit.assert_all_checked()
    context.close()

    context = new_context()
    log_in_with_session(context, live_server, colleague)
    visit = Visit(context.new_page())
    visit.page.goto(reverse("plans:overview", args=[h]))
    visit.arrive("Plan van Lindelaan 12, Voorbeeld")
    expect(visit.page.get_by_role("heading", name="Mijn huur op tijd betalen")).to_be_visible()
    expect(visit.page.get_by_role("heading", name="Beter slapen")).to_have_count(0)
    visit.assert_all_checked()
    context.close()
