"""A request for support and its kitchen-table conversation, in a real browser, every page
checked with axe: the resident records a melding and is offered the own-plan route first, then
prepares the conversation (a too-long answer is refused while the others are kept); the
coordinator sees the clocks and records the conversation on one screen beside the plan and the
preparation; the resident corrects the report, the coordinator responds, and the resident's
"gelezen" makes it final."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from eigenplan.conversations.models import Conversation
from tests.e2e.conftest import Visit, log_in_with_session, tab_to

WORDS = "Ik kan de trap niet meer op. Mijn zus woont ver weg."
CORRECTION = "Mijn zus komt één keer per maand, niet elke week."


def _submit(page, button):
    with page.expect_navigation():
        button.click()


def request_preparation_report_correction_final(people, new_context, live_server):
    """The first half of issue 5's journey (tests/e2e/test_request_to_letter_journey.py)."""
    household = people.household.pk

    # The resident finds the requests from the plan and records a melding by keyboard.
    context = new_context()
    log_in_with_session(context, live_server, people.resident)
    resident = Visit(context.new_page())
    page = resident.page
    page.goto(reverse("plans:overview", args=[household]))
    resident.arrive("Mijn plan")
    _submit(page, page.get_by_role("link", name="Vragen om hulp"))
    resident.arrive("Vragen om hulp")
    _submit(page, page.get_by_role("link", name="Een vraag stellen"))
    resident.arrive("Een vraag om hulp")
    words = page.get_by_label("Wat is uw vraag?")
    tab_to(page, words)
    page.keyboard.type(WORDS)
    save = page.get_by_role("button", name="Vraag opslaan")
    tab_to(page, save)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    resident.arrive("Een vraag om hulp")
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Kies waar de vraag over gaat")
    expect(words).to_have_value(WORDS)
    page.get_by_label("Hulp of ondersteuning thuis of in de buurt (Wmo)").check()
    _submit(page, save)
    resident.arrive("Uw vraag om hulp")
    resident.expect_message("De vraag is opgeslagen.")
    headings = page.locator("h2").all_inner_texts()
    assert headings.index("Eerst uw eigen plan") < headings.index(
        "Gratis hulp bij uw vraag: cliëntondersteuning"
    )
    expect(page.locator("main")).to_contain_text(
        re.compile(r"U heeft er 7 dagen voor: tot en met \w+ \d+ \w+ \d{4}")
    )
    page.get_by_label("Nee, ik wil meteen een gesprek").check()
    _submit(page, page.get_by_role("button", name="Antwoord opslaan"))
    resident.arrive("Uw vraag om hulp")

    # ... and prepares the conversation; a too-long answer keeps the others.
    _submit(page, page.get_by_role("link", name="Gesprek voorbereiden"))
    resident.arrive("Het gesprek voorbereiden")
    page.get_by_label("Wat gaat goed?").fill("Ik kook elke dag zelf.")
    page.get_by_label("Waar maakt u zich zorgen over?").fill("x" * 4001)
    page.get_by_label("Wat wilt u?").fill("Thuis blijven wonen.")
    _submit(page, page.get_by_role("button", name="Opslaan", exact=True))
    resident.arrive("Het gesprek voorbereiden")
    expect(page.locator("#error-summary")).to_contain_text("niet meer dan 4000 tekens")
    expect(page.get_by_label("Wat wilt u?")).to_have_value("Thuis blijven wonen.")
    page.get_by_label("Waar maakt u zich zorgen over?").fill("De trap.")
    _submit(page, page.get_by_role("button", name="Opslaan en klaar"))
    resident.arrive("Gesprekken")
    resident.expect_message("Opgeslagen. U kunt later verder schrijven.")

    # The coordinator sees the clocks, and records the conversation on one screen.
    coordinator_context = new_context()
    log_in_with_session(coordinator_context, live_server, people.coordinator)
    coordinator = Visit(coordinator_context.new_page())
    cpage = coordinator.page
    cpage.goto(reverse("conversations:requests", args=[household]))
    coordinator.arrive("Vragen om hulp")
    _submit(cpage, cpage.get_by_role("link", name=re.compile("^Melding van")))
    coordinator.arrive("Vraag om hulp")
    expect(cpage.get_by_role("table")).to_contain_text("Wmo 2015 art. 2.3.2 lid 1")
    _submit(cpage, cpage.get_by_role("button", name="Keukentafelgesprek vastleggen"))
    coordinator.arrive("Keukentafelgesprek vastleggen")
    expect(cpage.locator("main")).to_contain_text("De trap.")
    cpage.get_by_label("Wie waren er bij?").fill("Fatima, Samira en Sanne")
    cpage.get_by_label("Wat hebben we besproken?").fill(
        "Fatima wil thuis blijven wonen. Samira komt elke week."
    )
    _submit(cpage, cpage.get_by_role("button", name="Klaar: de inwoner mag het lezen"))
    coordinator.arrive("Gesprek en verslag")
    coordinator.expect_message(re.compile("Het verslag staat klaar voor de inwoner"))
    detail_url = cpage.url

    # The resident reads, corrects, and (after the coordinator's response) confirms.
    page.goto(detail_url)
    resident.arrive("Gesprek en verslag")
    expect(page.locator("main")).to_contain_text("wacht tot de inwoner het heeft gelezen")
    page.get_by_label("Er klopt iets niet").check()
    page.get_by_label("Wat wilt u zeggen?").fill(CORRECTION)
    _submit(page, page.get_by_role("button", name="Toevoegen"))
    resident.arrive("Gesprek en verslag")
    resident.expect_message("Uw reactie staat nu bij het verslag.")

    cpage.goto(detail_url)
    coordinator.arrive("Gesprek en verslag")
    expect(cpage.locator("main")).to_contain_text(CORRECTION)
    cpage.get_by_label("Uw reactie").fill("Ik had het anders onthouden. Uw woorden blijven staan.")
    _submit(cpage, cpage.get_by_role("button", name=re.compile("^Reageren")))
    coordinator.arrive("Gesprek en verslag")
    expect(cpage.get_by_role("button", name="Ik heb het verslag gelezen")).to_have_count(0)
    coordinator.assert_all_checked()

    page.goto(detail_url)
    resident.arrive("Gesprek en verslag")
    _submit(page, page.get_by_role("button", name="Ik heb het verslag gelezen"))
    resident.arrive("Gesprek en verslag")
    resident.expect_message(re.compile("Het verslag is nu definitief"))
    expect(page.locator("main")).to_contain_text(CORRECTION)
    expect(page.locator("main")).to_contain_text("Uw woorden blijven staan.")
    expect(page.locator("main")).to_contain_text("Definitief: de inwoner heeft het gelezen")
    resident.assert_all_checked()
    assert Conversation.objects.get().is_final


def test_the_other_states_pass_axe(people, new_context, live_server):
    """The coordinator's request page with a Jeugdwet request, an unverified clock and a
    refused closing; a response refused for being empty; a household's lists."""
    from eigenplan.conversations import services

    youth = services.record_request(
        actor=people.coordinator,
        household=people.household,
        kind="aanvraag",
        laws=["jeugdwet", "wmo", "wgs"],
        own_words="Yassin gaat niet naar school. De energie wordt misschien afgesloten.",
        threat_cutoff=True,
    )
    conversation = services.start_conversation(actor=people.coordinator, household=people.household)
    conversation = services.save_report(
        actor=people.coordinator,
        conversation=conversation,
        expected_revision=conversation.revision,
        held_on=None,
        attendees="",
        discussed="We spraken over school.",
        agreed="",
        for_reading=True,
    )
    services.add_note(
        actor=people.resident, conversation=conversation, kind="comment", text="Goed gesprek."
    )
    h = people.household.pk
    context = new_context()
    log_in_with_session(context, live_server, people.coordinator)
    visit = Visit(context.new_page())
    page = visit.page
    page.goto(reverse("conversations:request_detail", args=[h, youth.pk]))
    visit.arrive("Vraag om hulp")
    expect(page.get_by_role("table")).to_contain_text("niet gecontroleerd")
    _submit(page, page.get_by_role("button", name="Duidelijk: er komt geen familiegroepsplan"))
    visit.arrive("Vraag om hulp")
    expect(page.get_by_role("table")).to_contain_text("Het plan samen vaststellen")
    _submit(page, page.get_by_role("button", name="Termijn afsluiten"))
    visit.arrive("Vraag om hulp")
    expect(page.locator("#error-summary")).to_contain_text("Kies een termijn")
    page.goto(reverse("conversations:detail", args=[h, conversation.pk]))
    visit.arrive("Gesprek en verslag")
    _submit(page, page.get_by_role("button", name=re.compile("^Reageren")))
    visit.arrive("Gesprek en verslag")
    expect(page.locator("main")).to_contain_text("Vul dit in")
    for name, heading in [
        ("conversations:list", "Gesprekken"),
        ("conversations:requests", "Vragen om hulp"),
    ]:
        page.goto(reverse(name, args=[h]))
        visit.arrive(heading)
    visit.assert_all_checked()
