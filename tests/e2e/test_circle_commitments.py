"""Issue 4's acceptance journey for the circle's commitments, in a real browser.

The resident invites two new circle members. Samira accepts via the link and the code, the
resident asks her to do something in the plan, and Samira says yes on her own page. Henk
joins too; the resident withdraws his access and his next page load is refused. The resident
then sees who promised what and the circle picture (its list holds the same people). Every
page on the way passes axe."""

import re

import pytest
from playwright.sync_api import expect

from eigenplan.households.models import CircleMember
from eigenplan.plans.models import Action
from tests.e2e.conftest import Visit, log_in_with_session
from tests.e2e.test_circle_invitation import (
    INVITATIONS,
    SHARED_GOAL,
    demo_outbox,  # noqa: F401 - a fixture, used by name
    goals,  # noqa: F401 - a fixture, used by name
    invite_new,
    link_from_outbox,
)
from tests.e2e.test_plan_journey import MouseHands, labelled

pytestmark = pytest.mark.django_db(transaction=True)

ASKED = "Samira gaat mee naar het gesprek met de woningcorporatie."


def join(visit: Visit, link: str, code: str, name: str) -> None:
    """The invited person opens the link, types the code and joins without a password."""
    hands = MouseHands(visit.page)
    visit.page.goto(link)
    visit.arrive("U bent uitgenodigd")
    hands.write("Code van 6 cijfers", code)
    hands.press("Verder")
    visit.arrive(f"Welkom, {name}")
    hands.pick(
        "Hoe wilt u later weer inloggen?",
        "Zonder wachtwoord: ik vraag dan elke keer een nieuwe link aan",
    )
    hands.press("Meedoen")
    visit.arrive(re.compile(r"^Plan van "))


@pytest.mark.usefixtures("goals", "demo_outbox")
def test_one_joins_and_promises_an_action_the_other_is_withdrawn(people, new_context, live_server):
    resident = new_context()
    log_in_with_session(resident, live_server, people.resident)
    visit = Visit(resident.new_page())
    hands = MouseHands(visit.page)
    plan = f"/huishoudens/{people.household.pk}/plan/"
    visit.page.goto(plan + "kring/uitnodigingen/")
    visit.arrive(INVITATIONS)
    samira_code = invite_new(
        hands, visit, name="Samira", relation="Familie", email="samira@example.org", domain="Geld"
    )
    henk_code = invite_new(
        hands, visit, name="Henk", relation="Buur", email="henk@example.org", domain="Geld"
    )
    samira_link = link_from_outbox(visit, "samira@example.org")
    henk_link = link_from_outbox(visit, "henk@example.org")

    samira = Visit(new_context().new_page())
    join(samira, samira_link, samira_code, "Samira")
    henk = Visit(new_context().new_page())
    join(henk, henk_link, henk_code, "Henk")

    # The resident asks Samira to do something: a request until she answers.
    visit.page.goto(plan)
    visit.arrive("Mijn plan")
    hands.follow(labelled("Actie toevoegen", SHARED_GOAL))
    visit.arrive("Actie toevoegen")
    hands.write("Wat gaat er gebeuren?", ASKED)
    hands.pick("Wie doet het?", "Iemand uit mijn kring")
    hands.choose("Wie uit uw kring?", "Samira")
    hands.press("Opslaan")
    visit.arrive("Mijn plan")
    visit.expect_message("De actie is toegevoegd.")
    hands.follow("Wie doet wat in de kring")
    visit.arrive("Wie doet wat in de kring")
    samira_card = visit.page.locator("section.ep-card").filter(has_text="Samira")
    expect(samira_card).to_contain_text(ASKED)
    expect(samira_card).to_contain_text("Gevraagd")

    # Samira finds it on her own page and says yes.
    mouse = MouseHands(samira.page)
    samira.page.goto(plan)
    samira.arrive(re.compile(r"^Plan van "))
    mouse.follow("Wat wordt mij gevraagd?")
    samira.arrive("Mijn afspraken")
    mouse.follow(labelled("Bekijken en antwoorden", ASKED))
    samira.arrive("Een vraag aan u")
    # Saying no needs a reason: the page says so and keeps her on it.
    mouse.press("Nee, dat kan ik niet")
    samira.arrive("Een vraag aan u")
    expect(samira.page.locator("#error-summary")).to_be_focused()
    expect(samira.page.locator("#error-summary")).to_contain_text("waarom het niet kan")
    mouse.press("Ja, dat doe ik")
    samira.arrive("Mijn afspraken")
    samira.expect_message("U heeft ja gezegd")
    promised = samira.page.get_by_role("region", name="Wat u heeft beloofd")
    expect(promised).to_contain_text(ASKED)
    expect(promised).to_contain_text("Toegezegd")
    assert Action.objects.get(description=ASKED).commitment == Action.Commitment.ACCEPTED

    # The resident sees the promise, and withdraws Henk's access.
    visit.page.reload()
    visit.arrive("Wie doet wat in de kring")
    expect(samira_card).to_contain_text("Toegezegd")
    henk_member = CircleMember.objects.get(name="Henk")
    visit.page.goto(plan + f"kring/{henk_member.pk}/weghalen/")
    visit.arrive("Weet u het zeker?")
    hands.press("Ja, weghalen")
    visit.arrive("Mijn plan")

    # Henk's next page load is refused; Samira's still works.
    response = henk.page.reload()
    assert response.status == 404
    expect(henk.page.get_by_role("heading", name=SHARED_GOAL)).to_have_count(0)
    assert samira.page.goto(plan).status == 200
    samira.arrive(re.compile(r"^Plan van "))

    # The circle picture: Samira close to the household with her promise, in the picture's
    # text alternative as well; Henk is gone from it.
    visit.page.goto(plan)
    visit.arrive("Mijn plan")
    hands.follow("Kaart van de kring")
    visit.arrive("Kaart van de kring")
    picture = visit.page.get_by_role("img", name=re.compile("Kaart van de kring van"))
    expect(picture).to_be_visible()
    listed = visit.page.locator(".ep-ecogram-list__person")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Samira — Familie — 1 open afspraak")
    for each in (visit, samira):
        each.assert_all_checked()


def test_the_demo_circles_pass_axe(transactional_db, settings, new_context, live_server):
    """The demo's richest circles: Fatima's picture and overview (Samira carries a lot, a
    refusal, a late promise), Henk's picture, and Samira's own page with a promise to finish or
    hand back."""
    from eigenplan.accounts.models import User
    from eigenplan.core.demo_data import load_demo

    settings.DEMO_MODE = True
    load_demo()
    fatima = User.objects.get(username="fatima")
    household = fatima.person.household
    context = new_context()
    log_in_with_session(context, live_server, fatima)
    visit = Visit(context.new_page())
    plan = f"/huishoudens/{household.pk}/plan/"
    visit.page.goto(plan + "kring/afspraken/")
    visit.arrive("Wie doet wat in de kring")
    expect(visit.page.locator(".ep-busy")).to_have_count(1)
    expect(visit.page.get_by_text("Ik werk nu op woensdagavond")).to_be_visible()
    # Fatima notes the answer of Dennis, who has no account: his promise is done.
    hands = MouseHands(visit.page)
    hands.follow(
        labelled("Antwoord invullen", "Dennis praat met Yassin na de training over school.")
    )
    visit.arrive("Antwoord van Dennis Kok invullen")
    hands.press("Teruggeven")
    visit.arrive("Wie doet wat in de kring")
    visit.expect_message("Het antwoord van Dennis Kok is opgeslagen.")
    expect(visit.page.locator("section.ep-card").filter(has_text="Dennis Kok")).to_contain_text(
        "Teruggegeven"
    )
    visit.page.goto(plan + "kring/kaart/")
    visit.arrive("Kaart van de kring")
    expect(visit.page.locator(".ep-ecogram__person")).to_have_count(
        household.circle.filter(is_active=True).count()
    )
    # On paper: the picture and its list, without the menu or the links.
    visit.page.emulate_media(media="print")
    expect(visit.page.locator(".ep-header")).to_be_hidden()
    expect(visit.page.get_by_role("link", name="Wie doet wat in de kring")).to_be_hidden()
    expect(visit.page.get_by_role("img", name=re.compile("Kaart van de kring van"))).to_be_visible()
    expect(visit.page.get_by_role("heading", name="De kring als lijst")).to_be_visible()
    visit.page.emulate_media(media="screen")
    visit.assert_all_checked()

    samira = new_context()
    log_in_with_session(samira, live_server, User.objects.get(username="samira"))
    mine = Visit(samira.new_page())
    mine.page.goto("/mijn-afspraken/")
    mine.arrive("Mijn afspraken")
    promise = Action.objects.filter(
        circle_member__user__username="samira",
        commitment=Action.Commitment.ACCEPTED,
        status="todo",
    ).first()
    MouseHands(mine.page).follow(labelled("Bekijken", promise.description))
    mine.arrive("Een vraag aan u")
    expect(mine.page.get_by_role("button", name="Ja, het is klaar")).to_be_visible()
    expect(mine.page.get_by_role("button", name="Teruggeven")).to_be_visible()
    mine.assert_all_checked()
