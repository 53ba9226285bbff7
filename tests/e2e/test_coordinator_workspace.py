"""The coordinator's workspace in a real browser, every page checked with axe: the caseload
shows what is overdue, the household file, the hand-over to a colleague; then the resident sees
her new coordinator, the ideas to grow her small circle, and writes names under the questions."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from eigenplan.community.models import CommunityOffer
from eigenplan.households.models import CircleMember, Household, Team, TeamMembership, TeamRole
from tests.e2e.conftest import Visit, log_in_with_session, tab_to
from tests.factories import ActionFactory, CoordinatorFactory, GoalFactory


def test_caseload_file_and_hand_over_then_the_resident_grows_her_circle(
    people, new_context, live_server
):
    household = people.household
    team = Team.objects.create(name="Buurtteam Lindehof")
    Household.objects.filter(pk=household.pk).update(team=team)
    colleague = CoordinatorFactory(username="karim", display_name="Karim Bakkali")
    TeamMembership.objects.create(team=team, user=people.coordinator, role=TeamRole.COORDINATOR)
    TeamMembership.objects.create(team=team, user=colleague, role=TeamRole.COORDINATOR)
    goal = GoalFactory(plan=people.plan, text="Huur op tijd betalen", life_domain="money")
    ActionFactory(
        goal=goal,
        description="Bellen met de woningcorporatie",
        due_date=timezone.localdate() - datetime.timedelta(days=4),
    )
    offer = CommunityOffer.objects.create(
        name="Moedergroep", kind="peer_expert", offer="Koffie met andere moeders.", phone="06 1"
    )
    offer.neighbourhoods.set([household.neighbourhood])

    # The coordinator: caseload, file, hand-over.
    context = new_context()
    log_in_with_session(context, live_server, people.coordinator)
    coordinator = Visit(context.new_page())
    page = coordinator.page
    page.goto(reverse("plans:caseload"))
    coordinator.arrive("Mijn huishoudens")
    expect(page.get_by_role("table")).to_contain_text("Acties over de datum: 1")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Dossier")).click()
    coordinator.arrive("Dossier van Lindelaan 12, Voorbeeld")
    expect(page.locator("#plan").locator("..")).to_contain_text("Huur op tijd betalen")
    with page.expect_navigation():
        page.get_by_role("link", name="Overdragen aan een andere regisseur").click()
    coordinator.arrive("Huishouden overdragen")
    with page.expect_navigation():
        page.get_by_role("button", name="Overdragen").click()
    coordinator.arrive("Huishouden overdragen")
    expect(page.get_by_text("Kies de nieuwe regisseur.").first).to_be_visible()
    page.get_by_label("Wie wordt de nieuwe regisseur?").select_option(
        label="Karim Bakkali (Regisseur)"
    )
    page.get_by_label("Waarom draagt u het huishouden over?").fill("Sanne gaat met verlof.")
    with page.expect_navigation():
        page.get_by_role("button", name="Overdragen").click()
    coordinator.arrive("Mijn huishoudens")
    coordinator.expect_message("Karim Bakkali is nu de regisseur")
    coordinator.assert_all_checked()

    # The resident: her new coordinator, the suggestions, the questions by keyboard.
    context = new_context()
    log_in_with_session(context, live_server, people.resident)
    resident = Visit(context.new_page())
    page = resident.page
    page.goto(reverse("plans:overview", args=[household.pk]))
    resident.arrive("Mijn plan")
    expect(page.get_by_text("Uw regisseur is Karim Bakkali van Buurtteam Lindehof")).to_be_visible()
    box = page.locator("section", has=page.locator("#kring-groeien"))
    expect(box).to_contain_text("Moedergroep")
    with page.expect_navigation():
        page.get_by_role("link", name="Vragen om aan mensen te denken").click()
    resident.arrive("Wie kent u nog meer?")
    school = page.get_by_label("Wie kent u van school?", exact=False)
    tab_to(page, school)
    page.keyboard.type("Juf Ans")
    tab_to(page, page.get_by_role("button", name="Namen in mijn kring zetten"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    resident.arrive("Uitnodigingen voor mijn kring")
    expect(page.get_by_role("table")).to_contain_text("Juf Ans")
    resident.assert_all_checked()
    assert CircleMember.objects.filter(household=household, name="Juf Ans", user=None).exists()
