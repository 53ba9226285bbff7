"""The Content-Security-Policy blocks nothing the pages need: every page is opened in chromium
with the real policy, and any "Refused to ..." console message or securitypolicyviolation event
fails the test. Also checked: the policy header is really there, and everything a page links to
loads.

Axe is not run here (the journeys do that); the pages here include ones that are not ours to
style, like Swagger UI and Django's admin."""

import re
from urllib.parse import urldefrag, urlsplit

from django.urls import reverse
from playwright.sync_api import expect

from eigenplan.plans import services
from tests.e2e.conftest import PASSWORD, Visit, log_in_with_session, tab_to
from tests.factories import UserFactory

# Installed before any script of the page runs; records what the browser blocked.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || "?"}:${event.lineNumber} (${event.sample || ""})`
  );
});
"""
REFUSED = re.compile(r"Refused to|Content[ -]Security[ -]Policy", re.IGNORECASE)


class CspWatch:
    """One browser tab that remembers every CSP complaint and every broken resource."""

    def __init__(self, context):
        context.add_init_script(LISTEN)
        self.page = context.new_page()
        self.console: list[str] = []
        self.broken: list[str] = []
        self.policies: dict[str, str] = {}
        self.page.on("console", self._on_console)
        self.page.on("response", self._on_response)
        self.page.on("requestfailed", lambda r: self.broken.append(f"{r.failure}: {r.url}"))

    def _on_console(self, message) -> None:
        if REFUSED.search(message.text):
            self.console.append(message.text)

    def _on_response(self, response) -> None:
        if response.request.resource_type == "document":
            self.policies[response.url] = response.headers.get("content-security-policy", "")
        if response.status >= 400 and urlsplit(response.url).path != "/favicon.ico":
            self.broken.append(f"{response.status}: {response.url}")

    def open(self, path: str, ready=None) -> list[str]:
        """Open the page, wait until it is ready, return what went wrong (nothing, we hope)."""
        page = self.page
        page.goto(path)
        page.wait_for_load_state("load")
        if ready is not None:
            ready(page)
        page.wait_for_load_state("networkidle")
        return self.problems(path)

    def problems(self, label: str) -> list[str]:
        page = self.page
        found = [f"{label}: console: {text}" for text in self.console]
        found += [
            f"{label}: event: {text}" for text in page.evaluate("window.__cspViolations || []")
        ]
        found += [f"{label}: did not load: {text}" for text in self.broken]
        policy = self.policies.get(urldefrag(page.url).url, "")
        if "script-src 'self'" not in policy:
            found.append(f"{label}: no strict Content-Security-Policy on {page.url}: {policy!r}")
        self.console, self.broken = [], []
        return found


def _plan_with_something_in_it(people):
    resident, plan = people.resident, people.plan
    services.update_plan_texts(
        actor=resident, plan=plan, texts={"strengths": "Ik kan goed koken.", "dream": "Rust."}
    )
    goal = services.add_goal(
        actor=resident, plan=plan, text="Mijn huur op tijd betalen", life_domain="money"
    )
    services.add_action(
        actor=resident, goal=goal, description="Ik bel de woningcorporatie", performer="resident"
    )
    plan.refresh_from_db()
    services.approve_plan(actor=resident, plan=plan, expected_revision=plan.revision)
    services.make_proposal(
        actor=people.coordinator,
        plan=plan,
        kind="add_goal",
        payload={"text": "Samen sporten", "life_domain": "health"},
    )
    return goal


def _swagger_ready(page):
    """Swagger UI has drawn the API, with one operation opened and 'Try it out' pressed, so
    its scripts and styles have done most of what they do."""
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("eigenplan API")
    operation = _swagger_operation(page, "/api/v1/households/")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    return operation


def _swagger_call_made(page):
    """As above, and a call made from the page with the user's session: Swagger UI shows the
    answer, highlighted."""
    operation = _swagger_ready(page)
    operation.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200")


def _swagger_operation(page, path):
    return page.locator(f'.opblock:has(.opblock-summary-path[data-path="{path}"])').first


def _permissions_widget_ready(page):
    """Django's admin has drawn its two-list widget for the permissions with its script."""
    expect(page.locator(".selector .selector-available")).to_be_visible()


def test_no_page_breaks_the_content_security_policy(people, new_context, live_server):
    goal = _plan_with_something_in_it(people)
    h = people.household.pk
    admin = UserFactory(
        username="beheerder", role="administrator", is_staff=True, is_superuser=True
    )

    def plan(name, *args):
        return reverse(f"plans:{name}", args=[h, *args])

    tours = [
        (
            None,
            [
                (reverse("accounts:login"), None),
                ("/beheer/login/", None),
                (reverse("api:docs"), _swagger_ready),
            ],
        ),
        (
            people.resident,
            [
                (plan("overview"), None),
                *[(plan("start", step), None) for step in ("wat-goed-gaat", "droom", "doelen")],
                (plan("start", "controleren"), None),
                (plan("goal_edit", goal.pk), None),
                (plan("versions"), None),
                (plan("version_compare") + "?van=1&naar=1", None),
                (plan("proposals"), None),
                (reverse("accounts:reauthenticate") + "?next=/", None),
                (reverse("api:docs"), _swagger_call_made),
                ("/api/v1/households/", None),
                (f"/api/v1/households/{h}/plan/goals/", None),
            ],
        ),
        (
            people.coordinator,
            [
                (reverse("plans:caseload"), None),
                (plan("proposal_new", "add_goal"), None),
                # The QR code is an SVG data: image (img-src 'self' data:).
                (reverse("accounts:second_factor_setup"), None),
            ],
        ),
        (
            admin,
            [
                ("/beheer/", None),
                ("/beheer/auth/group/", None),
                ("/beheer/auth/group/add/", _permissions_widget_ready),
            ],
        ),
    ]
    problems = []
    opened = 0
    for user, pages in tours:
        context = new_context()
        if user is not None:
            log_in_with_session(context, live_server, user)
        watch = CspWatch(context)
        for path, ready in pages:
            problems += watch.open(path, ready)
            opened += 1
        context.close()
    assert opened == sum(len(pages) for _user, pages in tours)
    assert not problems, "\n".join(problems)


def test_the_watch_does_see_a_violation(people, new_context, live_server):
    """The listener works: an inline script on a page with the policy is refused and reported
    (so a quiet run above means something)."""
    watch = CspWatch(new_context())
    watch.open(reverse("accounts:login"))
    watch.page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )
    watch.page.wait_for_timeout(200)
    problems = watch.problems("login with an injected inline script")
    assert watch.page.evaluate("window.ran === undefined")
    assert any("script-src" in p for p in problems), problems


def test_confirming_the_password_again_by_keyboard_passes_axe(people, new_context, live_server):
    """The re-authentication page, as a keyboard user meets it: a wrong password first, then
    the right one, and on to where they were going."""
    context = new_context()
    log_in_with_session(context, live_server, people.resident)
    visit = Visit(context.new_page())
    page = visit.page
    overview = reverse("plans:overview", args=[people.household.pk])
    page.goto(f"{reverse('accounts:reauthenticate')}?next={overview}")
    visit.arrive("Bevestig dat u het bent")
    password = page.get_by_label("Wachtwoord")
    expect(password).to_be_focused()
    page.keyboard.type("niet-mijn-wachtwoord")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive("Bevestig dat u het bent")
    expect(page.get_by_role("alert")).to_have_text(
        "Dit wachtwoord klopt niet. Probeer het opnieuw."
    )
    tab_to(page, password)
    page.keyboard.type(PASSWORD)
    tab_to(page, page.get_by_role("button", name="Bevestigen"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive("Mijn plan")
    assert page.url.endswith(overview)
    visit.assert_all_checked()
