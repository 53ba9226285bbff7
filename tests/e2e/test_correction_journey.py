"""The resident asks for a correction (AVG art. 16) and the coordinator answers it, in a real
browser, every page checked with axe. The resident's form is filled with the keyboard only;
the coordinator uses the mouse. Also checked: the retention page and the household's file."""

import datetime
import re

from django.urls import reverse
from playwright.sync_api import expect

from eigenplan.privacy.models import CorrectionRequest
from eigenplan.privacy.services import (
    answer_correction,
    close_household_file,
    extend_correction,
    request_correction,
)
from tests.e2e.conftest import Visit, log_in_with_session, tab_to
from tests.factories import UserFactory

WRONG = "Mijn achternaam staat verkeerd: zonder spatie."
SHOULD_BE = "El Amrani, met een spatie."
ANSWER = "Uw achternaam is nu El Amrani, met een spatie."


def _press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_resident_asks_for_a_correction_and_the_coordinator_answers(
    people, new_context, live_server
):
    household = people.household.pk

    # The resident finds the way from the plan, reads the retention page, asks by keyboard.
    context = new_context()
    log_in_with_session(context, live_server, people.resident)
    resident = Visit(context.new_page())
    page = resident.page
    page.goto(reverse("plans:overview", args=[household]))
    resident.arrive("Mijn plan")
    with page.expect_navigation():
        page.get_by_role("link", name="Vraag om iets te verbeteren").click()
    resident.arrive("Vragen om iets te verbeteren")
    with page.expect_navigation():
        page.get_by_role("link", name="Hoe lang bewaren we uw gegevens?").click()
    resident.arrive("Hoe lang bewaren we uw gegevens?")
    expect(page.get_by_role("table")).to_contain_text("Uw dossier")
    page.go_back()
    resident.arrive("Vragen om iets te verbeteren")
    with page.expect_navigation():
        page.get_by_role("link", name="Vraag om iets te verbeteren").click()
    resident.arrive("Vraag om iets te verbeteren")

    should_be = page.get_by_label("Wat moet er staan? (mag leeg blijven)", exact=True)
    tab_to(page, should_be)
    page.keyboard.type(SHOULD_BE)
    send = page.get_by_role("button", name="Vraag versturen")
    tab_to(page, send)
    _press_enter_and_wait(page)
    resident.arrive("Vraag om iets te verbeteren")
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Schrijf op wat er niet klopt.")
    expect(should_be).to_have_value(SHOULD_BE)
    tab_to(page, page.get_by_label("Wat klopt er niet?", exact=True))
    page.keyboard.type(WRONG)
    person = page.get_by_label(re.compile("^Gegevens over mij of mijn huishouden"))
    tab_to(page, page.get_by_label("Weet ik niet of iets anders"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(person).to_be_checked()
    tab_to(page, send)
    _press_enter_and_wait(page)
    resident.arrive("Vraag om iets te verbeteren")
    resident.expect_message(re.compile(r"Uw vraag is verstuurd\. U krijgt uiterlijk .+ antwoord\."))
    expect(page.get_by_text("Wacht op antwoord")).to_be_visible()
    detail_url = page.url

    # The coordinator sees the count in the navigation, the deadline in the queue, answers.
    coordinator_context = new_context()
    log_in_with_session(coordinator_context, live_server, people.coordinator)
    coordinator = Visit(coordinator_context.new_page())
    cpage = coordinator.page
    cpage.goto(reverse("plans:caseload"))
    coordinator.arrive("Mijn huishoudens")
    queue_link = cpage.get_by_role("link", name=re.compile("^Vragen om correctie"))
    expect(queue_link).to_contain_text("1 open")
    with cpage.expect_navigation():
        queue_link.click()
    coordinator.arrive("Vragen om correctie")
    with cpage.expect_navigation():
        cpage.get_by_role("link", name="Lindelaan 12").click()
    coordinator.arrive("Vraag om iets te verbeteren")
    expect(cpage.get_by_text(WRONG)).to_be_visible()
    cpage.get_by_label("Uw uitleg voor de inwoner", exact=True).fill(ANSWER)
    with cpage.expect_navigation():
        cpage.get_by_role("button", name="Antwoord versturen").click()
    coordinator.arrive("Vraag om iets te verbeteren")
    expect(cpage.locator("#error-summary")).to_contain_text("Kies of u het heeft verbeterd")
    expect(cpage.get_by_label("Uw uitleg voor de inwoner", exact=True)).to_have_value(ANSWER)
    cpage.get_by_label("Ik heb het verbeterd", exact=True).check()
    with cpage.expect_navigation():
        cpage.get_by_role("button", name="Antwoord versturen").click()
    coordinator.arrive("Vraag om iets te verbeteren")
    coordinator.expect_message("Uw antwoord is opgeslagen. De inwoner ziet het nu.")
    cpage.goto(reverse("privacy:household_file", args=[household]))
    coordinator.arrive("Dossier sluiten")
    coordinator.assert_all_checked()

    # The resident reads the answer.
    page.goto(detail_url)
    resident.arrive("Vraag om iets te verbeteren")
    expect(page.get_by_text("Verbeterd", exact=True)).to_be_visible()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    resident.assert_all_checked()


def test_a_declined_an_extended_and_an_overdue_request_pass_axe(people, new_context, live_server):
    """What the resident reads after a refusal (with the right to complain), an extended
    request, a closed file, and the team lead's list of overdue requests."""

    def ask():
        return request_correction(
            actor=people.resident, household=people.household, what_is_wrong=WRONG
        )

    declined = ask()
    answer_correction(
        actor=people.coordinator,
        correction=declined,
        outcome="declined",
        answer="Zo staat het in de Basisregistratie Personen.",
    )
    extended = ask()
    extend_correction(
        actor=people.coordinator, correction=extended, reason="We vragen het na bij de BRP."
    )
    overdue = ask()
    CorrectionRequest.objects.filter(pk=overdue.pk).update(
        deadline=datetime.date.today() - datetime.timedelta(days=3)
    )
    team_lead = UserFactory(username="ruud", role="team_lead", display_name="Ruud Hendriks")
    h = people.household.pk

    def detail(correction):
        return reverse("privacy:correction_detail", args=[h, correction.pk])

    tours = [
        (
            people.resident,
            [
                (detail(declined), "Autoriteit Persoonsgegevens"),
                (detail(extended), "We vragen het na bij de BRP."),
                (detail(overdue), "Dat is te laat."),
                (reverse("privacy:corrections", args=[h]), "Te laat"),
            ],
        ),
        (team_lead, [(reverse("privacy:correction_queue"), "Te laat, bij alle regisseurs")]),
        (None, [(reverse("privacy:retention"), "Het logboek")]),
    ]
    for user, pages in tours:
        context = new_context()
        if user is not None:
            log_in_with_session(context, live_server, user)
        visit = Visit(context.new_page())
        for path, text in pages:
            visit.page.goto(path)
            visit.arrive(re.compile(r".+"))
            expect(visit.page.locator("main")).to_contain_text(text)
        visit.assert_all_checked()
        context.close()

    CorrectionRequest.objects.all().delete()
    close_household_file(actor=people.coordinator, household=people.household)
    context = new_context()
    log_in_with_session(context, live_server, people.coordinator)
    visit = Visit(context.new_page())
    visit.page.goto(reverse("privacy:household_file", args=[h]))
    visit.arrive("Dit dossier is gesloten")
    visit.assert_all_checked()
