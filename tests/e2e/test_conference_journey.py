"""The family group conference in a real browser, from referral to the approved plan and the
review date, with axe on every page. On the way it proves the promise of private family time:
while the family writes its plan, the coordinator and the independent coordinator get a 404
for it, and the conference page shows them nothing of it.

a. The coordinator refers the household and chooses the independent coordinator; she writes a
   concern and the condition the plan must meet.
b. The independent coordinator prepares the conference with the family (when, where, language,
   who comes), opens the information round and then the family's private time.
c. The resident writes the family's plan: a goal and who does what. The others cannot read it.
d. The family presents the plan; the independent coordinator reads it and asks for the
   assessment; the coordinator says the plan meets her condition, and why.
e. The family approves: the plan's next version. The independent coordinator sets the review
   date; the resident reads the review page and sees the new version in the plan.
"""

import datetime
import re

from django.utils import formats, timezone
from playwright.sync_api import expect

from eigenplan.accounts.models import Role
from tests.e2e.conftest import Visit, log_in_with_session, tab_to, type_date
from tests.factories import UserFactory

QUESTION = "Hoe zorgen we samen dat Yassin veilig is en elke dag naar school gaat?"
CONCERN = "Yassin is vaak 's avonds alleen thuis."
CONDITION = "Er is elke avond een volwassene thuis bij Yassin."
GOAL = "Yassin is nooit meer 's avonds alleen"
ACTION = "Oma Aïcha slaapt op dinsdag en donderdag bij ons"
REASON = "Met oma en de buurvrouw is er elke avond iemand."


class Person:
    """One person's browser tab, operated with the mouse."""

    def __init__(self, new_context, live_server, user):
        context = new_context()
        log_in_with_session(context, live_server, user)
        self.context = context
        self.visit = Visit(context.new_page())
        self.page = self.visit.page

    def open(self, path: str, heading) -> None:
        self.page.goto(path)
        self.visit.arrive(heading)

    def follow(self, name, heading) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("link", name=name).first.click()
        self.visit.arrive(heading)

    def press(self, name, heading) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=name, exact=True).click()
        self.visit.arrive(heading)

    def press_by_keyboard(self, name, heading) -> None:
        button = self.page.get_by_role("button", name=name, exact=True)
        tab_to(self.page, button)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.visit.arrive(heading)

    def write(self, label: str, text: str) -> None:
        self.page.get_by_label(label, exact=True).fill(text)

    def status_of(self, path: str) -> tuple[int, str]:
        """What a direct request for this address gives, outside the checked tab."""
        probe = self.context.new_page()
        try:
            response = probe.goto(path)
            return response.status, probe.content()
        finally:
            probe.close()


def test_a_conference_from_referral_to_approved_plan_and_review_date(
    people, new_context, live_server
):
    wendy = UserFactory(
        username="wendy", display_name="Wendy Blom", role=Role.INDEPENDENT_COORDINATOR
    )
    household = people.household
    sanne = Person(new_context, live_server, people.coordinator)
    fatima = Person(new_context, live_server, people.resident)
    independent = Person(new_context, live_server, wendy)

    # a. Referral, the independent coordinator, the condition.
    sanne.open(f"/huishoudens/{household.pk}/plan/", re.compile("Plan van"))
    sanne.follow(
        "Eigen Kracht-conferentie: de familie maakt samen het plan", "Eigen Kracht-conferentie"
    )
    sanne.press(
        "Aanmelden", "Eigen Kracht-conferentie"
    )  # nothing typed: an error, kept on the page
    expect(sanne.page.get_by_text("Vul dit in. Het mag kort zijn.").first).to_be_visible()
    sanne.write("Waar moet het plan een antwoord op geven?", QUESTION)
    sanne.press("Aanmelden", "Eigen Kracht-conferentie")
    sanne.visit.expect_message("De aanmelding is gedaan.")
    expect(sanne.page.get_by_text("Nu aan de beurt")).to_be_visible()
    detail = sanne.page.url.removeprefix(live_server.url)
    sanne.follow("Onafhankelijk coördinator kiezen", "Onafhankelijk coördinator kiezen")
    sanne.page.get_by_label("Onafhankelijk coördinator", exact=True).select_option(
        label="Wendy Blom"
    )
    sanne.press("Kiezen", "Eigen Kracht-conferentie")
    sanne.visit.expect_message("Wendy Blom is de onafhankelijk coördinator.")
    sanne.follow(
        "Informatie, zorgen en voorwaarden van de professionals", "Informatie van de professionals"
    )
    sanne.write("Wat is uw zorg?", CONCERN)
    sanne.write("Waar moet het plan aan voldoen?", CONDITION)
    sanne.press("Zorg en voorwaarde opslaan", "Informatie van de professionals")
    expect(sanne.page.get_by_text(CONDITION, exact=True)).to_be_visible()

    # b. The independent coordinator prepares and opens the conference.
    independent.open("/", "Mijn conferenties")
    independent.follow(
        re.compile(f"{household.street} {household.house_number}"), "Eigen Kracht-conferentie"
    )
    independent.follow("Voorbereiding: wie, waar, wanneer, taal", "Voorbereiding")
    meeting = timezone.localtime() + datetime.timedelta(days=7)
    independent.write("Wanneer is de conferentie?", meeting.strftime("%Y-%m-%dT19:00"))
    independent.write("Waar is de conferentie?", "Buurthuis De Linde")
    independent.write("In welke taal praten we?", "Nederlands en Arabisch")
    independent.write("Is er een tolk nodig? Voor welke taal?", "Arabisch, voor oma")
    independent.press("Opslaan", "Eigen Kracht-conferentie")
    independent.follow("Voorbereiding: wie, waar, wanneer, taal", "Voorbereiding")
    independent.write("Of iemand anders: naam", "Oma Aïcha")
    independent.write("Wie is het?", "oma van Yassin")
    independent.press("Op de lijst zetten", "Voorbereiding")
    independent.visit.expect_message("Oma Aïcha staat op de lijst.")
    independent.follow("Terug naar de conferentie", "Eigen Kracht-conferentie")
    expect(independent.page.get_by_text("Buurthuis De Linde")).to_be_visible()
    independent.press("De conferentie begint: informatieronde", "Eigen Kracht-conferentie")
    independent.press("Eigen tijd van de familie begint", "Eigen Kracht-conferentie")
    expect(
        independent.page.get_by_text("u ziet het als de familie het presenteert")
    ).to_be_visible()

    # c. The family writes its plan in private time.
    fatima.open(detail, "Eigen Kracht-conferentie")
    fatima.follow("Het plan schrijven", "Het plan van de familie")
    draft = fatima.page.url.removeprefix(live_server.url)
    fatima.write("Wat wilt u bereiken?", GOAL)
    fatima.page.get_by_label("Bij welk deel van uw leven hoort dit?", exact=True).select_option(
        label="Veiligheid"
    )
    fatima.press("Doel toevoegen", "Het plan van de familie")
    fatima.follow(
        re.compile("Doel aanpassen of actie toevoegen"), "Doel in het plan van de familie"
    )
    fatima.write("Wat gaat er gebeuren?", ACTION)
    fatima.page.get_by_role("group", name="Wie doet het?").get_by_label(
        "Iets in de buurt", exact=True
    ).check()
    fatima.write("Naam van de organisatie of professional", "Oma Aïcha")
    fatima.press("Actie toevoegen", "Het plan van de familie")
    expect(fatima.page.get_by_text(ACTION, exact=True)).to_be_visible()

    # Nobody but the family can read it now: not the coordinator, not the independent one.
    goal_page = fatima.page.get_by_role(
        "link", name=re.compile("Doel aanpassen of actie")
    ).get_attribute("href")
    for outsider in (sanne, independent):
        for path in (draft, goal_page):
            status, content = outsider.status_of(path)
            assert status == 404, (outsider, path)
            assert GOAL not in content and ACTION not in content
        outsider.open(detail, "Eigen Kracht-conferentie")
        expect(outsider.page.get_by_text(GOAL, exact=True)).to_have_count(0)
        expect(outsider.page.get_by_role("link", name="Het plan van de familie")).to_have_count(0)

    # d. Presented, read, assessed.
    # By keyboard only: Tab to the button, Enter.
    fatima.press_by_keyboard("Het plan presenteren", "Eigen Kracht-conferentie")
    fatima.visit.expect_message("Het plan is gepresenteerd.")
    independent.open(detail, "Eigen Kracht-conferentie")
    independent.follow("Het plan van de familie", "Het plan van de familie")
    expect(independent.page.get_by_text(GOAL, exact=True)).to_be_visible()
    independent.open(detail, "Eigen Kracht-conferentie")
    independent.press("Plan is vastgelegd: naar de beoordeling", "Eigen Kracht-conferentie")
    sanne.open(detail, "Eigen Kracht-conferentie")
    sanne.follow("Beoordeling per voorwaarde", "Beoordeling per voorwaarde")
    sanne.page.get_by_role("group", name="Voldoet het plan aan deze voorwaarde?").get_by_label(
        "Ja, het plan voldoet hieraan", exact=True
    ).check()
    sanne.write("Waarom?", REASON)
    sanne.press(re.compile("^Beoordeling opslaan"), "Beoordeling per voorwaarde")
    expect(sanne.page.get_by_text(REASON, exact=True)).to_be_visible()

    # e. Approved by the family; a review date; the plan's next version.
    fatima.open(detail, "Eigen Kracht-conferentie")
    fatima.follow("Het plan goedkeuren", "Het plan goedkeuren")
    expect(fatima.page.get_by_role("main")).to_contain_text(REASON)
    fatima.press("Ja, wij keuren dit plan goed", "Eigen Kracht-conferentie")
    fatima.visit.expect_message("Het is nu versie 1 van uw plan.")
    independent.open(detail, "Eigen Kracht-conferentie")
    independent.follow("Datum kiezen om terug te kijken", "Datum om terug te kijken")
    suggested = timezone.localdate() + datetime.timedelta(weeks=4)
    expect(independent.page.get_by_label("Wanneer kijken we terug?", exact=True)).to_have_value(
        suggested.isoformat()
    )
    # A date of her own, typed by keyboard, a week later than suggested.
    later = suggested + datetime.timedelta(days=7)
    tab_to(independent.page, independent.page.get_by_label("Wanneer kijken we terug?", exact=True))
    type_date(independent.page, later.day, later.month, later.year)
    independent.press_by_keyboard("Datum opslaan", "Eigen Kracht-conferentie")
    expect(independent.page.get_by_role("main")).to_contain_text(
        formats.date_format(later, "l j F Y")
    )
    expect(independent.page.get_by_text("Terugkijken op")).to_be_visible()
    fatima.open(detail, "Eigen Kracht-conferentie")
    fatima.follow("Terugkijken: wat is afgesproken en wat is gedaan?", "Terugkijken op het plan")
    expect(fatima.page.get_by_role("cell", name=ACTION)).to_be_visible()
    fatima.open(f"/huishoudens/{household.pk}/plan/", "Mijn plan")
    expect(fatima.page.get_by_text(GOAL, exact=True)).to_be_visible()

    for person in (sanne, fatima, independent):
        person.visit.assert_all_checked()
