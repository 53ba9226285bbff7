"""Support from the plan to the decision letter, in a real browser, every page checked with axe.

Starting from a plan with two professional actions: the coordinator turns each into support
from the catalogue. The first is Wmo support within her mandate, which she grants herself; the
second is youth care (Jeugdwet), outside her mandate, so it goes to the team lead with her
reasoning. The team lead grants it before the deadline. One letter covers both, as HTML and
PDF. The resident sees both in her plan, in plain words, and reads the letter."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from eigenplan.accounts.models import Role
from eigenplan.decisions.models import Law, LegalGroundRule, Mandate, Provision
from eigenplan.households.models import Team, TeamMembership, TeamRole
from tests.e2e.conftest import Visit, log_in_with_session
from tests.factories import ActionFactory, CoordinatorFactory, GoalFactory

HOME_HELP = "Iemand helpt u thuis om uw dag en uw post op orde te houden."
YOUTH_HELP = "Een hulpverlener praat met uw kind over school en thuis."
REASONING = "Yassin gaat al twee maanden niet naar school. Praten met de mentor hielp niet."


def _municipality(people):
    team = Team.objects.create(name="Buurtteam Lindehof")
    people.household.team = team
    people.household.save()
    lead = CoordinatorFactory(username="ruud", role=Role.TEAM_LEAD, display_name="Ruud Hendriks")
    TeamMembership.objects.create(team=team, user=people.coordinator, role=TeamRole.COORDINATOR)
    TeamMembership.objects.create(team=team, user=lead, role=TeamRole.LEAD)
    lead_mandate = Mandate.objects.create(
        holder=lead, level=2, laws=list(Law.values), yearly_budget_per_household=Decimal("50000")
    )
    Mandate.objects.create(
        holder=people.coordinator,
        level=1,
        laws=[Law.WMO, Law.WGS, Law.GENERAL],
        yearly_budget_per_household=Decimal("5000"),
        escalates_to=lead_mandate,
    )
    for reference, name, words, category, price in [
        ("WMO-02", "Begeleiding individueel", HOME_HELP, "02", "62.00"),
        ("JW-45", "Jeugdhulp ambulant", YOUTH_HELP, "45", "95.00"),
    ]:
        Provision.objects.create(
            reference=reference,
            name=name,
            plain_description=words,
            product_category=category,
            unit="04",
            frequency="2",
            price_per_unit=Decimal(price),
        )
    LegalGroundRule.objects.create(
        name="Jeugdhulp", priority=10, product_category="45", law="jeugdwet"
    )
    LegalGroundRule.objects.create(
        name="Begeleiding", priority=20, product_category="02", law="wmo"
    )
    money = GoalFactory(plan=people.plan, life_domain="money", text="Rust in mijn post en geld")
    school = GoalFactory(
        plan=people.plan, life_domain="work", text="Yassin gaat weer elke dag naar school"
    )
    ActionFactory(
        goal=money,
        description="Hulp bij de post",
        performer="professional",
        performer_name="Buurtteam",
    )
    ActionFactory(
        goal=school,
        description="Gesprekken met een jeugdhulpverlener",
        performer="professional",
        performer_name="Jeugdhulp Voorbeeld",
    )
    return lead


def _prepare(visit: Visit, action: str, provision: str) -> None:
    page = visit.page
    with page.expect_navigation():
        page.get_by_role(
            "link", name=re.compile(rf"^Ondersteuning klaarzetten\s*:\s*{action}$")
        ).click()
    visit.arrive("Ondersteuning klaarzetten")
    page.get_by_label("Voorziening uit de catalogus").select_option(
        label=f"{provision} (wet volgens de regels)"
    )
    page.get_by_label("Omvang (een heel getal)").fill("2")
    start = datetime.date.today()
    page.get_by_label("Vanaf").fill(start.isoformat())
    page.get_by_label("Tot en met").fill((start + datetime.timedelta(weeks=12)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Klaarzetten").click()
    visit.arrive("Ondersteuning")
    visit.expect_message("De ondersteuning is klaargezet.")


def two_items_two_laws_one_granted_one_by_the_mandate_holder_one_letter(
    people, new_context, live_server
):
    """The second half of issue 5's journey (tests/e2e/test_request_to_letter_journey.py)."""
    lead = _municipality(people)
    household = people.household.pk

    # The coordinator: from the plan to the support page.
    sanne_context = new_context()
    log_in_with_session(sanne_context, live_server, people.coordinator)
    sanne = Visit(sanne_context.new_page())
    page = sanne.page
    page.goto(reverse("plans:overview", args=[household]))
    sanne.arrive(re.compile("^Plan van "))
    with page.expect_navigation():
        page.get_by_role("link", name="Ondersteuning en besluiten").click()
    sanne.arrive("Ondersteuning uit het plan")

    # First action: Wmo support, within her mandate: she grants it.
    _prepare(sanne, "Hulp bij de post", "Begeleiding individueel")
    expect(page.locator("#afgeleide-wet")).to_have_text("Wmo 2015")
    expect(page.get_by_text("Dit past binnen uw mandaat.")).to_be_visible()
    page.get_by_label("Waarom deze ondersteuning? (komt in de brief)").fill(
        "Met hulp bij de post komt er rust in uw geld."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Toekennen").click()
    sanne.arrive("Ondersteuning uit het plan")
    sanne.expect_message("U heeft de ondersteuning toegekend.")

    # Second action: youth care (Jeugdwet), outside her mandate: to the mandate holder.
    _prepare(sanne, "Gesprekken met een jeugdhulpverlener", "Jeugdhulp ambulant")
    expect(page.locator("#afgeleide-wet")).to_have_text("Jeugdwet")
    expect(page.get_by_role("button", name="Toekennen")).to_have_count(0)
    with page.expect_navigation():
        page.get_by_role("button", name="Voorleggen aan de mandaathouder").click()
    sanne.arrive("Ondersteuning")  # the reasoning is required
    expect(page.locator("#error-summary")).to_be_focused()
    page.get_by_label("Uw onderbouwing voor de mandaathouder").fill(REASONING)
    with page.expect_navigation():
        page.get_by_role("button", name="Voorleggen aan de mandaathouder").click()
    sanne.arrive("Ondersteuning uit het plan")
    sanne.expect_message(re.compile(r"Uw verzoek is naar Ruud Hendriks gestuurd\."))
    expect(page.get_by_text("Wacht op de mandaathouder")).to_be_visible()

    # The team lead decides before the deadline, with reasons.
    ruud_context = new_context()
    log_in_with_session(ruud_context, live_server, lead)
    ruud = Visit(ruud_context.new_page())
    page = ruud.page
    page.goto(reverse("decisions:dashboard"))
    ruud.arrive("Verzoeken om een besluit")
    with page.expect_navigation():
        page.get_by_role("link", name=YOUTH_HELP[:40], exact=False).click()
    ruud.arrive("Verzoek om een besluit")
    expect(page.get_by_text(REASONING)).to_be_visible()
    expect(page.get_by_text("Yassin gaat weer elke dag naar school")).to_be_visible()
    page.get_by_label("Toegekend", exact=True).check()
    page.get_by_label("Redenen (komen in de brief)").fill(
        "Zonder hulp lukt school niet. Dit past bij het doel in het plan."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Besluit vastleggen").click()
    ruud.arrive("Verzoeken om een besluit")
    ruud.expect_message("Uw besluit is vastgelegd. De regisseur maakt de brief.")
    expect(page.get_by_text("Er wachten geen verzoeken.")).to_be_visible()
    ruud.assert_all_checked()

    # One letter for both decisions.
    page = sanne.page
    page.goto(reverse("decisions:support", args=[household]))
    sanne.arrive("Ondersteuning uit het plan")
    expect(page.get_by_text("Er zijn 2 besluiten die nog niet in een brief staan.")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Beschikking maken voor deze besluiten").click()
    sanne.arrive("Brief met besluiten")
    letter = page.locator("article.ep-letter")
    for text in (HOME_HELP, YOUTH_HELP, "Wmo 2015", "Jeugdwet", "Ruud Hendriks", "bezwaar"):
        expect(letter).to_contain_text(text)
    sanne.assert_all_checked()

    # The resident sees both in her plan, in plain words, and reads the letter.
    fatima_context = new_context()
    log_in_with_session(fatima_context, live_server, people.resident)
    fatima = Visit(fatima_context.new_page())
    page = fatima.page
    page.goto(reverse("plans:overview", args=[household]))
    fatima.arrive("Mijn plan")
    support = page.locator(
        "section", has=page.get_by_role("heading", name="Ondersteuning die ik krijg")
    )
    expect(support).to_contain_text(HOME_HELP)
    expect(support).to_contain_text(YOUTH_HELP)
    expect(support).to_contain_text("2 uur per week")
    expect(support).not_to_contain_text("Wmo")
    expect(support).not_to_contain_text("Jeugdwet")
    with page.expect_navigation():
        support.get_by_role("link", name="Brieven met besluiten lezen").click()
    fatima.arrive("Brieven met besluiten")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Besluit over uw ondersteuning")).click()
    fatima.arrive("Brief met besluiten")
    expect(page.locator("article.ep-letter")).to_contain_text("Jeugdwet")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF").click()
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Wmo 2015" in text and "Jeugdwet" in text and "bezwaar" in text
    assert pdf.metadata.title.startswith("Besluit over uw ondersteuning")
    fatima.assert_all_checked()
