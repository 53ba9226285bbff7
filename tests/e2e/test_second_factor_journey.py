"""A coordinator's first login, by keyboard only: the password, then setting up the app for
login codes (the test reads the key off the page and computes the code, as the app would), the
recovery codes, the caseload. Then the next login with a recovery code, and a wrong code whose
error takes focus. Every page passes axe."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, Visit, set_up_second_step, tab_to


def _log_in_with_password(visit, username):
    page = visit.page
    page.goto(reverse("accounts:login"))
    visit.arrive("Inloggen")
    tab_to(page, page.get_by_label("Gebruikersnaam", exact=True), backwards=True)
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_coordinator_sets_up_the_app_and_reaches_the_caseload(people, new_context):
    visit = Visit(new_context().new_page())
    page = visit.page
    _log_in_with_password(visit, "sanne")

    visit.arrive("Stel inloggen in twee stappen in")
    qr = page.get_by_role("img", name=re.compile("QR-code"))
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 100, "the QR code is drawn"
    key = page.locator("#totp-key").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", key), key

    code_field = page.get_by_label("Code uit de app")
    expect(code_field).to_be_focused()  # straight to the one thing to fill in
    page.keyboard.type("000000")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive("Stel inloggen in twee stappen in")
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet.")
    assert page.locator("#totp-key").inner_text() == key  # the same key: the app keeps working

    codes = set_up_second_step(visit)
    assert len(codes) == 10
    visit.arrive("Mijn huishoudens")
    expect(page.get_by_text("Lindelaan 12")).to_be_visible()

    # Log out and in again: the phone is not at hand, so a recovery code.
    logout = page.get_by_role("button", name=re.compile("Uitloggen"))
    tab_to(page, logout)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive("Inloggen")
    _log_in_with_password(visit, "sanne")
    visit.arrive("Vul uw code in")
    recovery_link = page.get_by_role("link", name="Telefoon kwijt? Gebruik een herstelcode")
    tab_to(page, recovery_link)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive("Vul uw code in")
    expect(page.get_by_label("Herstelcode")).to_be_focused()
    page.keyboard.type(codes[0])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive("Mijn huishoudens")
    visit.expect_message("U heeft nog 9 herstelcodes over.")
    visit.assert_all_checked()
