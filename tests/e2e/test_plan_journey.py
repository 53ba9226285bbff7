"""The foundation's acceptance journey in a real browser, once with the mouse and once with the
keyboard only.

a. The resident logs in and goes through the guided start: what goes well, the dream, three
   goals in two life domains, two circle members; checks and approves: version 1.
b. The coordinator opens "Mijn huishoudens", opens the household's plan and proposes an action.
c. The resident changes the proposal, takes it into the plan and approves again: version 2.
d. The resident compares version 1 with version 2 and reads the new action in plain words.

Every page that loads is checked with axe (WCAG 2.0/2.1 A and AA), including a page with
validation errors. The journey is written once; `MouseHands` and `KeyboardHands` say how a
person operates the page. The keyboard hands only press keys: Tab and Shift+Tab to move,
Enter and Space to activate, arrow keys in selects and radio groups, typed text in fields.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    PASSWORD,
    Visit,
    choose_option,
    describe_focus,
    is_focused,
    log_in_with_session,
    set_up_second_step,
    tab_to,
    type_date,
)

STRENGTHS = "Ik ben een goede moeder en ik kan goed koken."
CONTRIBUTIONS = "Ik kan helpen met Arabisch vertalen."
DREAM = "Een huis zonder zorgen, en Yassin weer elke dag op school."
GOALS = [
    ("Mijn huur op tijd betalen", "Geld", "Voor ons hele huishouden"),
    ("Mijn schulden afbetalen", "Geld", "Fatima"),
    ("Yassin gaat weer elke dag naar school", "Werk, school en dagbesteding", "Yassin"),
]
CIRCLE = [
    # name, relation, how she knows them, life domains they may see, may see the dream
    ("Samira", "Familie", "mijn zus", ["Geld", "Werk, school en dagbesteding"], True),
    ("Henk", "Buur", "de buurman van nummer 14", ["Werk, school en dagbesteding"], False),
]
SCHOOL_GOAL = GOALS[2][0]
PROPOSED_ACTION = "Gesprek met de mentor op school"
ACCEPTED_ACTION = "Gesprek met de mentor op school, samen met Yassin"
CHECK_STEP = "Stap 5 van 5: Controleren en goedkeuren"


def labelled(visible: str, hidden: str) -> re.Pattern:
    """A link's accessible name made of visible text and a visually hidden ": what it is about"
    part. Chromium puts a space before the hidden part (it is absolutely positioned)."""
    return re.compile(rf"^{re.escape(visible)}\s*:\s*{re.escape(hidden)}$")


class MouseHands:
    """Operates the page with the mouse: clicks, and fills fields directly."""

    name = "mouse"

    def __init__(self, page: Page):
        self.page = page

    def log_in(self, username: str, password: str) -> None:
        self.page.get_by_label("Gebruikersnaam", exact=True).fill(username)
        self.page.get_by_label("Wachtwoord", exact=True).fill(password)
        self.press("Inloggen")

    def follow(self, name) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("link", name=name, exact=isinstance(name, str)).click()

    def press(self, name) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=name, exact=True).click()

    def write(self, label: str, text: str) -> None:
        self.page.get_by_label(label, exact=True).fill(text)

    def append(self, label: str, text: str) -> None:
        field = self.page.get_by_label(label, exact=True)
        field.click()
        field.press("Control+End")
        field.press_sequentially(text)

    def choose(self, label: str, option: str) -> None:
        self.page.get_by_label(label, exact=True).select_option(label=option)

    def pick(self, group: str, option: str) -> None:
        self.page.get_by_role("group", name=group).get_by_label(option, exact=True).check()

    def tick(self, label: str, within: str | None = None) -> None:
        scope = self.page.get_by_role("group", name=within) if within else self.page
        scope.get_by_label(label, exact=True).check()

    def date(self, label: str, day: int, month: int, year: int) -> None:
        self.page.get_by_label(label, exact=True).fill(f"{year:04d}-{month:02d}-{day:02d}")


class KeyboardHands:
    """Operates the page with the keyboard only. Elements are found by Tab (or Shift+Tab);
    locators are used only to know when the right one has focus."""

    name = "keyboard"

    def __init__(self, page: Page):
        self.page = page
        self.keyboard = page.keyboard

    def log_in(self, username: str, password: str) -> None:
        # The password form is the last thing on the page: Shift+Tab from the end is shortest.
        tab_to(self.page, self.page.get_by_label("Gebruikersnaam", exact=True), backwards=True)
        self.keyboard.type(username)
        self.keyboard.press("Tab")
        assert is_focused(self.page.get_by_label("Wachtwoord", exact=True)), describe_focus(
            self.page
        )
        self.keyboard.type(password)
        with self.page.expect_navigation():
            self.keyboard.press("Enter")

    def follow(self, name) -> None:
        tab_to(self.page, self.page.get_by_role("link", name=name, exact=isinstance(name, str)))
        with self.page.expect_navigation():
            self.keyboard.press("Enter")

    def press(self, name) -> None:
        tab_to(self.page, self.page.get_by_role("button", name=name, exact=True))
        with self.page.expect_navigation():
            self.keyboard.press("Enter")

    def write(self, label: str, text: str) -> None:
        tab_to(self.page, self.page.get_by_label(label, exact=True))
        self.keyboard.type(text)

    def append(self, label: str, text: str) -> None:
        tab_to(self.page, self.page.get_by_label(label, exact=True))
        self.keyboard.press("Control+End")
        self.keyboard.type(text)

    def choose(self, label: str, option: str) -> None:
        select = self.page.get_by_label(label, exact=True)
        tab_to(self.page, select)
        choose_option(self.page, select, option)

    def pick(self, group: str, option: str) -> None:
        """Tab into the radio group (one Tab stop), then arrow keys to the option; Space checks
        it when focus is already there."""
        radios = self.page.get_by_role("group", name=group).get_by_role("radio")
        target = self.page.get_by_role("group", name=group).get_by_label(option, exact=True)
        for _ in range(80):
            self.keyboard.press("Tab")
            if radios.evaluate_all("rs => rs.includes(document.activeElement)"):
                break
        else:
            raise AssertionError(f"radio group {group!r} not reached with Tab")
        for _ in range(radios.count() + 1):
            if is_focused(target):
                break
            self.keyboard.press("ArrowDown")
        assert is_focused(target), f"{option!r} not reached with the arrow keys"
        if not target.is_checked():
            self.keyboard.press("Space")
        expect(target).to_be_checked()

    def tick(self, label: str, within: str | None = None) -> None:
        scope = self.page.get_by_role("group", name=within) if within else self.page
        box = scope.get_by_label(label, exact=True)
        tab_to(self.page, box)
        self.keyboard.press("Space")
        expect(box).to_be_checked()

    def date(self, label: str, day: int, month: int, year: int) -> None:
        """Tab lands on the date field's first part; type the parts in the browser's order."""
        tab_to(self.page, self.page.get_by_label(label, exact=True))
        type_date(self.page, day, month, year)


def _resident_writes_and_approves_version_1(hands, visit: Visit) -> None:
    page = visit.page
    page.goto("/inloggen/")
    visit.arrive("Inloggen")
    hands.log_in("fatima", PASSWORD)
    visit.arrive("Mijn plan")
    expect(page.get_by_text("Dit plan is nog niet goedgekeurd.")).to_be_visible()

    hands.follow("Begin met stap 1")
    visit.arrive("Stap 1 van 5: Wat goed gaat")
    hands.write("Wat gaat goed in uw leven? Waar bent u goed in?", STRENGTHS)
    hands.write("Wat kunt u voor anderen doen?", CONTRIBUTIONS)
    hands.press("Opslaan en verder")

    visit.arrive("Stap 2 van 5: Mijn droom")
    visit.expect_message("Opgeslagen.")
    hands.write("Wat is uw droom?", DREAM)
    hands.press("Opslaan en verder")

    visit.arrive("Stap 3 van 5: Mijn doelen")
    visit.expect_message("Opgeslagen.")

    # An empty goal: the error summary takes focus and names what to fix.
    hands.press("Doel toevoegen")
    visit.arrive("Stap 3 van 5: Mijn doelen")
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Er ging iets mis")
    expect(summary.get_by_role("link")).to_contain_text(
        ["Wat wilt u bereiken? — Vul dit in. Het mag kort zijn."]
    )
    expect(page.get_by_label("Wat wilt u bereiken?", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )

    for text, domain, person in GOALS:
        hands.write("Wat wilt u bereiken?", text)
        hands.choose("Bij welk deel van uw leven hoort dit?", domain)
        hands.choose("Voor wie is dit doel?", person)
        hands.press("Doel toevoegen")
        visit.arrive("Stap 3 van 5: Mijn doelen")
        visit.expect_message(f"Uw doel is toegevoegd: {text}")
    so_far = page.get_by_role("region", name="Uw doelen tot nu toe")
    expect(so_far.get_by_role("heading", level=3)).to_have_text(
        ["Geld", "Werk, school en dagbesteding"]
    )
    expect(so_far.get_by_role("listitem")).to_have_count(3)

    hands.follow("Klaar met doelen, naar de volgende stap")
    visit.arrive("Stap 4 van 5: Wie helpt")
    for name, relation, detail, domains, shares_dream in CIRCLE:
        hands.write("Naam", name)
        hands.choose("Wat is deze persoon voor u?", relation)
        hands.write("Hoe kent u deze persoon? (mag leeg blijven)", detail)
        for domain in domains:
            hands.tick(domain, within="Welke delen van uw plan mag deze persoon zien?")
        if shares_dream:
            hands.tick("Deze persoon mag mijn droom en wat goed gaat zien")
        hands.press("Toevoegen aan mijn kring")
        visit.arrive("Stap 4 van 5: Wie helpt")
        visit.expect_message(f"{name} staat nu in uw kring.")
    circle = page.get_by_role("region", name="Uw kring tot nu toe").get_by_role("listitem")
    expect(circle).to_have_count(2)
    for name, relation, *_rest in CIRCLE:
        expect(circle.filter(has_text=name)).to_contain_text(f"{name} ({relation})")

    hands.follow("Klaar, naar de laatste stap")
    visit.arrive(CHECK_STEP)
    main = page.get_by_role("main")
    for text in [STRENGTHS, CONTRIBUTIONS, DREAM, *(goal for goal, _d, _p in GOALS)]:
        expect(main).to_contain_text(text)
    expect(page.get_by_role("region", name="Wie helpt: mijn kring")).to_contain_text("Samira")
    hands.press("Ik keur mijn plan goed")

    visit.arrive("Mijn plan")
    visit.expect_message("U heeft uw plan goedgekeurd. Dit is nu versie 1.")
    expect(
        page.get_by_text(re.compile(r"Versie 1 is goedgekeurd op .+ door Fatima"))
    ).to_be_visible()


def _coordinator_proposes_an_action(hands, visit: Visit) -> None:
    page = visit.page
    visit.arrive("Mijn huishoudens")  # where a coordinator lands
    hands.follow("Mijn huishoudens")
    visit.arrive("Mijn huishoudens")
    expect(page.get_by_text("U bent regisseur voor 1 huishouden.")).to_be_visible()
    hands.follow("Fatima, Yassin El Amrani")
    visit.arrive("Plan van Lindelaan 12, Voorbeeld")
    expect(page.get_by_text("U kunt dit plan niet zelf veranderen.")).to_be_visible()

    hands.follow(labelled("Actie voorstellen", SCHOOL_GOAL))
    visit.arrive("Voorstel doen: nieuwe actie")
    expect(page.get_by_text(f"Bij het doel: “{SCHOOL_GOAL}”")).to_be_visible()
    hands.write("Wat gaat er gebeuren?", PROPOSED_ACTION)
    hands.pick("Wie doet het?", "Een professional")
    hands.write("Naam van de organisatie of professional", "Sanne de Vries")
    hands.date("Wanneer moet het klaar zijn?", 1, 12, 2026)
    hands.write("Waarom stelt u dit voor?", "Dan weten we samen waarom Yassin niet gaat.")
    hands.press("Voorstel versturen")

    visit.arrive("Plan van Lindelaan 12, Voorbeeld")
    visit.expect_message("Uw voorstel is verstuurd. De inwoner beslist of het in het plan komt.")
    # A proposal changes nothing in the plan until the resident takes it over.
    expect(page.get_by_role("main")).not_to_contain_text(PROPOSED_ACTION)


def _resident_accepts_with_changes_and_approves_version_2(hands, visit: Visit) -> None:
    page = visit.page
    hands.follow("Start")  # back to her plan, as she would after a while
    visit.arrive("Mijn plan")
    hands.follow("Er is 1 voorstel dat wacht op een antwoord.")
    visit.arrive("Voorstellen")
    hands.follow(re.compile(r"^Bekijken en beantwoorden"))
    visit.arrive("Voorstel: nieuwe actie")
    expect(page.get_by_text("Van Sanne de Vries")).to_be_visible()
    expect(page.get_by_text("Dan weten we samen waarom Yassin niet gaat.")).to_be_visible()
    expect(page.get_by_label("Wat gaat er gebeuren?", exact=True)).to_have_value(PROPOSED_ACTION)
    expect(page.get_by_label("Wanneer moet het klaar zijn?")).to_have_value("2026-12-01")

    hands.append("Wat gaat er gebeuren?", ACCEPTED_ACTION.removeprefix(PROPOSED_ACTION))
    hands.date("Wanneer moet het klaar zijn?", 10, 12, 2026)
    expect(page.get_by_label("Wat gaat er gebeuren?", exact=True)).to_have_value(ACCEPTED_ACTION)
    expect(page.get_by_label("Wanneer moet het klaar zijn?")).to_have_value("2026-12-10")
    hands.press("Overnemen in mijn plan")

    visit.arrive("Voorstellen")
    visit.expect_message("Het voorstel staat nu in uw plan. Keur uw plan goed als u klaar bent.")
    expect(page.get_by_role("region", name="Beantwoord")).to_contain_text(
        "Overgenomen met aanpassingen"
    )
    hands.follow("Terug naar het plan")
    visit.arrive("Mijn plan")
    goal = page.get_by_role("article", name=SCHOOL_GOAL)
    expect(goal).to_contain_text(ACCEPTED_ACTION)
    expect(goal).to_contain_text("klaar op 10 december 2026")
    expect(
        page.get_by_text("Er zijn veranderingen die u nog niet heeft goedgekeurd.")
    ).to_be_visible()

    hands.follow("Plan controleren en goedkeuren")
    visit.arrive(CHECK_STEP)
    hands.press("Ik keur mijn plan goed")
    visit.arrive("Mijn plan")
    visit.expect_message("U heeft uw plan goedgekeurd. Dit is nu versie 2.")
    expect(
        page.get_by_text(re.compile(r"Versie 2 is goedgekeurd op .+ door Fatima"))
    ).to_be_visible()


def _resident_compares_the_versions(hands, visit: Visit) -> None:
    page = visit.page
    hands.follow("Alle versies bekijken")
    visit.arrive("Versies van het plan")
    table = page.get_by_role("table", name="Goedgekeurde versies")
    expect(table.get_by_role("link")).to_have_text(["Versie 2", "Versie 1"])
    expect(page.get_by_label("Oude versie")).to_have_value("1")
    expect(page.get_by_label("Nieuwe versie")).to_have_value("2")
    hands.press("Laat de verschillen zien")

    visit.arrive("Versies vergelijken")
    expect(
        page.get_by_role("heading", name="Wat is er veranderd van versie 1 naar versie 2?")
    ).to_be_visible()
    changes = page.locator(".ep-diff > li")
    expect(changes).to_have_count(1)
    expect(changes).to_contain_text(
        f"Actie toegevoegd bij doel “{SCHOOL_GOAL}”: “{ACCEPTED_ACTION}”. "
        "Wie: Sanne de Vries. Klaar op: 10 december 2026."
    )


@pytest.mark.parametrize("hands_class", [MouseHands, KeyboardHands], ids=["mouse", "keyboard"])
def test_resident_plan_journey(hands_class, people, new_context, live_server):
    resident = Visit(new_context().new_page())
    resident_hands = hands_class(resident.page)
    _resident_writes_and_approves_version_1(resident_hands, resident)

    coordinator_context = new_context()
    coordinator = Visit(coordinator_context.new_page())
    if hands_class is KeyboardHands:
        coordinator.page.goto("/inloggen/")
        coordinator.arrive("Inloggen")
        hands_class(coordinator.page).log_in("sanne", PASSWORD)
        set_up_second_step(coordinator)  # professionals log in with a code too
    else:
        log_in_with_session(coordinator_context, live_server, people.coordinator)
        coordinator.page.goto("/")
    _coordinator_proposes_an_action(hands_class(coordinator.page), coordinator)

    _resident_accepts_with_changes_and_approves_version_2(resident_hands, resident)
    _resident_compares_the_versions(resident_hands, resident)

    resident.assert_all_checked()
    coordinator.assert_all_checked()
