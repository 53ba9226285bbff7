"""Browser journeys: Debian's chromium, driven by Playwright's sync API, against pytest-django's
live server, with axe-core checking WCAG 2.0/2.1 A and AA on every page a journey visits.

The browser is started once for the whole e2e package. Without a browser the journeys are
skipped, unless EIGENPLAN_REQUIRE_BROWSER=1 (CI sets it): then they fail, since a skipped journey
proves nothing.
"""

import contextlib
import itertools
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect, sync_playwright

from tests.factories import (
    CoordinatorFactory,
    HouseholdFactory,
    PersonFactory,
    PlanFactory,
    UserFactory,
)

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct-horse-battery"  # what tests.factories gives every user
TIMEOUT_MS = 10_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
# Set EIGENPLAN_E2E_SCREENSHOTS to a folder to keep a full-page screenshot of every page checked.
SCREENSHOTS = (
    Path(os.environ["EIGENPLAN_E2E_SCREENSHOTS"])
    if os.environ.get("EIGENPLAN_E2E_SCREENSHOTS")
    else None
)

_shot_numbers = itertools.count(1)

# Every page path axe checked in this session, for the summary at the end of the run.
AXE_CHECKED: set[str] = set()


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def pytest_terminal_summary(terminalreporter):
    if not AXE_CHECKED:
        return
    kinds = sorted({re.sub(r"/\d+(?=/)", "/<n>", path) for path in AXE_CHECKED})
    terminalreporter.section("axe: pages checked for WCAG 2.1 A/AA")
    terminalreporter.write_line(f"{len(AXE_CHECKED)} distinct URLs, {len(kinds)} kinds of page:")
    for kind in kinds:
        terminalreporter.write_line(f"  {kind}")


# --- the browser ------------------------------------------------------------------------------


def _no_browser(reason: str):
    message = (
        f"No browser for the e2e journeys: {reason}. Install Debian's chromium "
        "(apt-get install chromium) or point EIGENPLAN_CHROMIUM at a Chromium binary."
    )
    if os.environ.get("EIGENPLAN_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (EIGENPLAN_REQUIRE_BROWSER=1, so this is a failure.)", False)
    pytest.skip(message)


@contextlib.contextmanager
def _async_unsafe_allowed():
    """Playwright's sync API keeps an event loop running in this thread while it is started,
    and Django refuses ORM calls from a thread with a running loop (SynchronousOnlyOperation).
    The tests and the live server share this process, so allow it, but only while the browser
    is up: the rest of the suite keeps Django's guard."""
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


# Package scope: one browser for all of tests/e2e, stopped (with its event loop) before the
# rest of the suite runs on.
@pytest.fixture(scope="package")
def browser():
    path = os.environ.get("EIGENPLAN_CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(path) or shutil.which(path)):
        _no_browser(f"{path} does not exist")
    with _async_unsafe_allowed():
        playwright = sync_playwright().start()
        try:
            try:
                browser = playwright.chromium.launch(
                    executable_path=path, headless=True, args=CHROMIUM_ARGS
                )
            except PlaywrightError as error:
                text = str(error).strip()
                _no_browser(f"{path} did not start ({text.splitlines()[0] if text else error!r})")
            yield browser
            browser.close()
        finally:
            playwright.stop()


@pytest.fixture
def new_context(browser, live_server):
    """Make a fresh browser context (its own cookies: one per person) in Dutch, on the live
    server. Closed at the end of the test."""
    contexts = []

    def make():
        context = browser.new_context(
            base_url=live_server.url,
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


# --- people -----------------------------------------------------------------------------------


class People:
    """One household with its coordinator, an adult resident who holds the pen and a child.
    The plan exists (every registered household has one) and is still empty."""

    def __init__(self):
        self.coordinator = CoordinatorFactory(username="sanne", display_name="Sanne de Vries")
        self.household = HouseholdFactory(
            coordinator=self.coordinator, street="Lindelaan", house_number="12"
        )
        self.resident = UserFactory(username="fatima", display_name="Fatima El Amrani")
        PersonFactory(
            household=self.household, user=self.resident, first_name="Fatima", last_name="El Amrani"
        )
        PersonFactory(household=self.household, first_name="Yassin", last_name="El Amrani")
        self.plan = PlanFactory(household=self.household, strengths="", dream="")


@pytest.fixture
def people(transactional_db, live_server):
    return People()


def log_in_with_session(context, live_server, user) -> None:
    """Log a user in without the login page: a session made by the test client, its cookie
    handed to the browser. The live server shares this process and its database."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def set_up_second_step(visit: "Visit") -> list[str]:
    """A professional who just typed their password sets up the app for login codes, by
    keyboard: reads the key off the page, types the code the app would show, keeps the recovery
    codes and goes on. Returns the recovery codes."""
    from eigenplan.accounts import totp

    page = visit.page
    visit.arrive("Stel inloggen in twee stappen in")
    secret = page.locator("#totp-key").inner_text().replace(" ", "")
    tab_to(page, page.get_by_label("Code uit de app"))
    page.keyboard.type(totp.code_at(secret, totp.current_step()))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive("Bewaar uw herstelcodes")
    codes = page.locator(".ep-recovery-codes code").all_inner_texts()
    tab_to(page, page.get_by_role("link", name="Ik heb de codes bewaard, verder"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return codes


# --- axe --------------------------------------------------------------------------------------

_axe = Axe()


def _format_violations(path: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {path}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"<{violation.get('helpUrl', '')}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


def check_a11y(page: Page, *, record: bool = True) -> None:
    """Run axe's WCAG 2.0/2.1 A and AA rules on the page as it is now; fail with every
    violation, its rule, help text and the nodes it was found on. `record` adds the page's
    path to the session's list of checked pages."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    path = urlsplit(page.url).path
    violations = results.response["violations"]
    if record:
        AXE_CHECKED.add(path)
    assert not violations, _format_violations(path, violations)


# --- a visit: every page that loads gets checked ----------------------------------------------


def _page_key(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Visit:
    """One person's browser tab. Records every page that loads; `arrive` asserts the page's
    heading, runs axe on it and marks it checked; `assert_all_checked` proves none was missed."""

    def __init__(self, page: Page):
        self.page = page
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        self.broken: list[str] = []
        page.on("load", lambda loaded: self.loaded.append(_page_key(loaded.url)))
        page.on("response", self._note_broken_response)
        page.on("requestfailed", self._note_failed_request)

    def _note_broken_response(self, response) -> None:
        # The browser asks for /favicon.ico by itself; the pages do not link one.
        if response.status >= 400 and urlsplit(response.url).path != "/favicon.ico":
            self.broken.append(f"{response.status}: {response.url}")

    def _note_failed_request(self, request) -> None:
        if not any(request.url in line for line in self.broken):
            self.broken.append(f"{request.failure}: {request.url}")

    def arrive(self, heading: str | re.Pattern) -> None:
        """The page has loaded with all it links to (style sheets above all: a page without
        them is not the page people get), shows `heading` as its h1 and passes axe."""
        page = self.page
        page.wait_for_load_state("load")
        broken, self.broken = self.broken, []
        assert not broken, f"{page.url} did not load all it needs:\n" + "\n".join(broken)
        expect(page.locator("h1")).to_have_text(heading)
        check_a11y(page)
        self.checked.add(_page_key(page.url))
        if SCREENSHOTS:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w]+", "-", _page_key(page.url)).strip("-") or "home"
            shot = SCREENSHOTS / f"{next(_shot_numbers):03d}-{name}.png"
            page.screenshot(path=shot, full_page=True)

    def expect_message(self, text: str | re.Pattern) -> None:
        """A flash message, as the user sees it at the top of the page."""
        expect(self.page.get_by_role("status").filter(has_text=text)).to_be_visible()

    def assert_all_checked(self) -> None:
        missed = [url for url in self.loaded if url not in self.checked]
        assert not missed, f"pages loaded but never checked with axe: {missed}"


# --- keyboard ---------------------------------------------------------------------------------


def describe_focus(page: Page) -> str:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return "<body>";
            const name = (el.getAttribute("aria-label") || el.textContent || el.value || "")
                .trim().replace(/\\s+/g, " ").slice(0, 60);
            return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> ${name}`;
        }"""
    )


def is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page: Page, locator, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until `locator` has focus, as a keyboard user would; fail if it
    is not reached within `limit` presses."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if is_focused(locator):
            return
    raise AssertionError(
        f"{locator} not reached with {limit} presses of {key}; focus is on {describe_focus(page)}"
    )


def choose_option(page: Page, select, label: str, limit: int = 20) -> None:
    """On a focused <select>, move with the arrow keys until `label` is the chosen option."""
    assert is_focused(select), f"{select} must have focus first"
    labels = select.evaluate("s => Array.from(s.options, o => o.text.trim())")
    assert label in labels, f"{label!r} is not one of {labels}"
    for _ in range(limit):
        current = select.evaluate("s => s.options[s.selectedIndex].text.trim()")
        if current == label:
            return
        key = "ArrowDown" if labels.index(label) > labels.index(current) else "ArrowUp"
        page.keyboard.press(key)
    raise AssertionError(f"could not choose {label!r} in {select} with the arrow keys")


_DATE_ORDER: dict[int, str] = {}


def date_field_order(page: Page) -> str:
    """The order in which this browser's date fields take day and month ("DMY" or "MDY"). It
    follows the browser's own language, not the page's (Debian's chromium without its l10n
    package is en-US whatever --lang says), so a person using the keyboard knows it from their
    browser; the test learns it once by typing a probe date."""
    browser = page.context.browser
    key = id(browser)
    if key not in _DATE_ORDER:
        probe = page.context.new_page()
        try:
            probe.set_content('<input type="date" aria-label="probe">')
            probe.keyboard.press("Tab")
            probe.keyboard.type("03")
            probe.keyboard.type("04")
            probe.keyboard.type("2005")
            value = probe.get_by_label("probe").input_value()
        finally:
            probe.close()
        orders = {"2005-04-03": "DMY", "2005-03-04": "MDY"}
        assert value in orders, f"date field order not understood: typed 03 04 2005, got {value!r}"
        _DATE_ORDER[key] = orders[value]
    return _DATE_ORDER[key]


def type_date(page: Page, day: int, month: int, year: int) -> None:
    """Type a date into the date field that has focus (on its first part), part by part."""
    parts = {"D": f"{day:02d}", "M": f"{month:02d}", "Y": f"{year:04d}"}
    for part in date_field_order(page):
        page.keyboard.type(parts[part])
