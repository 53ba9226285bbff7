"""Issue 4's acceptance journey for inviting the circle, in a real browser.

The resident invites two new circle members from the plan, the second with the keyboard only.
Samira accepts with the mouse: she opens the link from the demo outbox, types a wrong code and
then the right one, reads what is shared with her, chooses a password and sees only the shared
part of the plan. Henk accepts with the keyboard only and without a password. The resident then
withdraws Henk's access, and Henk's next page load is refused. Every page on the way passes axe;
a second test visits the remaining new pages (resend, cancel, a cancelled link, someone logged
in opening a link, asking for a sign-in link)."""

import re

import pytest
from playwright.sync_api import expect

from eigenplan.households.models import CircleMember
from tests.e2e.conftest import Visit, log_in_with_session
from tests.e2e.test_plan_journey import KeyboardHands, MouseHands
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHARED_GOAL = "Mijn huur op tijd betalen"
PRIVATE_GOAL = "Minder hoofdpijn"
INVITATIONS = "Uitnodigingen voor mijn kring"


@pytest.fixture
def demo_outbox(settings):
    settings.DEMO_MODE = True
    settings.EIGENPLAN_OUTBOX_ONLY = True


@pytest.fixture
def goals(people):
    GoalFactory(plan=people.plan, life_domain="money", text=SHARED_GOAL)
    GoalFactory(plan=people.plan, life_domain="health", text=PRIVATE_GOAL)


def invite_new(hands, visit: Visit, *, name: str, relation: str, email: str, domain: str) -> str:
    """From the invitations page: invite someone new; returns the code shown once."""
    hands.follow("Iemand nieuw uitnodigen")
    visit.arrive("Iemand nieuw uitnodigen")
    hands.write("Naam", name)
    hands.choose("Wat is deze persoon voor u?", relation)
    hands.write("E-mailadres (mag leeg blijven)", email)
    hands.tick(domain, within="Welke delen van uw plan mag deze persoon zien?")
    hands.press("Uitnodiging versturen")
    visit.arrive("De code voor de uitnodiging")
    code = visit.page.locator("#uitnodigingscode").inner_text()
    assert re.fullmatch(r"\d{3} \d{3}", code)
    hands.follow("Naar de uitnodigingen")
    visit.arrive(INVITATIONS)
    return code.replace(" ", "")


def link_from_outbox(visit: Visit, email: str) -> str:
    page = visit.page
    page.goto("/demo/berichten/")
    visit.arrive("Postvak van de demo")
    link = page.get_by_role("link", name=re.compile(rf"Open de link uit dit bericht.*{email}"))
    return link.first.get_attribute("href")


def test_the_resident_invites_two_one_joins_the_other_is_withdrawn(
    people, goals, demo_outbox, new_context, live_server
):
    resident = new_context()
    log_in_with_session(resident, live_server, people.resident)
    visit = Visit(resident.new_page())
    hands = MouseHands(visit.page)
    visit.page.goto(f"/huishoudens/{people.household.pk}/plan/")
    visit.arrive("Mijn plan")
    hands.follow("Mensen uit mijn kring uitnodigen om mee te doen")
    visit.arrive(INVITATIONS)
    samira_code = invite_new(
        hands, visit, name="Samira", relation="Familie", email="samira@example.org", domain="Geld"
    )
    # The second invitation with the keyboard only.
    henk_code = invite_new(
        KeyboardHands(visit.page),
        visit,
        name="Henk",
        relation="Buur",
        email="henk@example.org",
        domain="Geld",
    )
    rows = visit.page.get_by_role("row")
    expect(rows.filter(has_text="Samira")).to_contain_text("Verstuurd")
    expect(rows.filter(has_text="Henk")).to_contain_text("Verstuurd")
    samira_link = link_from_outbox(visit, "samira@example.org")
    henk_link = link_from_outbox(visit, "henk@example.org")

    # Samira, with the mouse and a password.
    samira = Visit(new_context().new_page())
    mouse = MouseHands(samira.page)
    samira.page.goto(samira_link)
    samira.arrive("U bent uitgenodigd")
    expect(samira.page.get_by_text("Fatima El Amrani vraagt u om mee te helpen")).to_be_visible()
    wrong = f"{(int(samira_code) + 1) % 1_000_000:06d}"
    mouse.write("Code van 6 cijfers", wrong)
    mouse.press("Verder")
    samira.arrive("U bent uitgenodigd")
    expect(samira.page.locator("#error-summary")).to_be_focused()
    expect(samira.page.locator("#error-summary")).to_contain_text("nog 4 keer")
    mouse.write("Code van 6 cijfers", samira_code)
    mouse.press("Verder")
    samira.arrive("Welkom, Samira")
    expect(samira.page.get_by_role("listitem").filter(has_text="Geld")).to_be_visible()
    mouse.pick(
        "Hoe wilt u later weer inloggen?", "Met een gebruikersnaam en wachtwoord dat ik nu kies"
    )
    mouse.write("Gebruikersnaam", "samira")
    mouse.write("Wachtwoord", "een-lange-zin-voor-samira")
    mouse.write("Wachtwoord nog een keer", "een-lange-zin-voor-samira")
    mouse.press("Meedoen")
    samira.arrive(re.compile(r"^Plan van "))
    samira.expect_message("U logt voortaan in met gebruikersnaam samira")
    expect(samira.page.get_by_role("heading", name=SHARED_GOAL)).to_be_visible()
    expect(samira.page.get_by_role("heading", name=PRIVATE_GOAL)).to_have_count(0)
    # The link is used up: a clear page.
    samira.page.goto(samira_link)
    samira.arrive("Deze uitnodiging is al gebruikt")

    # Henk, with the keyboard only, without a password.
    henk = Visit(new_context().new_page())
    keys = KeyboardHands(henk.page)
    henk.page.goto(henk_link)
    henk.arrive("U bent uitgenodigd")
    keys.write("Code van 6 cijfers", henk_code)
    keys.press("Verder")
    henk.arrive("Welkom, Henk")
    keys.pick(
        "Hoe wilt u later weer inloggen?",
        "Zonder wachtwoord: ik vraag dan elke keer een nieuwe link aan",
    )
    keys.press("Meedoen")
    henk.arrive(re.compile(r"^Plan van "))
    expect(henk.page.get_by_role("heading", name=SHARED_GOAL)).to_be_visible()

    # The resident sees both joined, and withdraws Henk's access.
    visit.page.goto(f"/huishoudens/{people.household.pk}/plan/kring/uitnodigingen/")
    visit.arrive(INVITATIONS)
    expect(rows.filter(has_text="Samira")).to_contain_text("Doet mee")
    expect(rows.filter(has_text="Henk")).to_contain_text("Doet mee")
    henk_member = CircleMember.objects.get(name="Henk")
    visit.page.goto(f"/huishoudens/{people.household.pk}/plan/kring/{henk_member.pk}/weghalen/")
    visit.arrive("Weet u het zeker?")
    hands.press("Ja, weghalen")
    visit.arrive("Mijn plan")

    # Henk's next page load is refused; Samira's still works.
    response = henk.page.reload()
    assert response.status == 404
    expect(henk.page.get_by_role("heading", name=SHARED_GOAL)).to_have_count(0)
    assert samira.page.goto(f"/huishoudens/{people.household.pk}/plan/").status == 200

    for each in (visit, samira):
        each.assert_all_checked()


def test_the_other_new_pages_pass_axe_and_work(people, demo_outbox, new_context, live_server):
    resident = new_context()
    log_in_with_session(resident, live_server, people.resident)
    visit = Visit(resident.new_page())
    hands = MouseHands(visit.page)
    visit.page.goto(f"/huishoudens/{people.household.pk}/plan/kring/uitnodigingen/")
    visit.arrive(INVITATIONS)
    invite_new(hands, visit, name="Ria", relation="Buur", email="ria@example.org", domain="Wonen")
    # Send again to an existing member: the old link stops working.
    hands.follow(re.compile(r"^Opnieuw sturen\s*:\s*Ria$"))
    visit.arrive("Ria uitnodigen")
    hands.press("Uitnodiging versturen")
    visit.arrive("De code voor de uitnodiging")
    visit.page.reload()
    visit.arrive("De code voor de uitnodiging")
    expect(visit.page.get_by_text("De code is niet meer te zien")).to_be_visible()
    link = link_from_outbox(visit, "ria@example.org")
    # The resident, still logged in, opens the link: asked to log out first.
    visit.page.goto(link)
    visit.arrive("U bent al ingelogd")
    # Cancel it.
    visit.page.goto(f"/huishoudens/{people.household.pk}/plan/kring/uitnodigingen/")
    visit.arrive(INVITATIONS)
    hands.follow(re.compile(r"^Intrekken\s*:\s*Ria$"))
    visit.arrive("Uitnodiging intrekken")
    hands.press("Ja, intrekken")
    visit.arrive(INVITATIONS)
    visit.expect_message("De uitnodiging voor Ria is ingetrokken")
    visit.assert_all_checked()

    stranger = Visit(new_context().new_page())
    stranger.page.goto(link)
    stranger.arrive("Deze uitnodiging is ingetrokken")
    stranger.page.goto("/inloggen/")
    stranger.arrive("Inloggen")
    MouseHands(stranger.page).follow("Kringlid zonder wachtwoord? Vraag een link om in te loggen")
    stranger.arrive("Inloggen zonder wachtwoord")
    MouseHands(stranger.page).press("Stuur mij een link")
    stranger.arrive("Inloggen zonder wachtwoord")
    expect(stranger.page.locator("#error-summary")).to_be_focused()
    stranger.assert_all_checked()
