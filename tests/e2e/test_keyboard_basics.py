"""What every page owes a keyboard user: a skip link as the first Tab stop, a visible focus
indicator on everything that takes focus, an error summary that takes focus and leads to the
field, and a login form that can be used without a mouse. Plus a check that the axe helper
itself reports what it finds."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    PASSWORD,
    Visit,
    check_a11y,
    describe_focus,
    log_in_with_session,
    tab_to,
)
from tests.factories import ActionFactory, CircleMemberFactory, GoalFactory

# The focused element's own indicator: an outline or a box-shadow that is actually drawn.
# Chromium's date field has one Tab stop of its own that is not the field: the calendar
# button inside it, which draws the browser's focus ring (a pseudo-element no page script can
# inspect); there the field itself is not :focus-visible.
FOCUS_STYLE = """el => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== "none";
    const picker = el.matches('input[type="date"]') && !el.matches(":focus-visible");
    return {outline, shadow, picker,
        text: `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor};`
            + ` box-shadow: ${s.boxShadow}`};
}"""


def _focus_indicator(page: Page) -> dict:
    return page.evaluate(f"() => ({FOCUS_STYLE})(document.activeElement)")


def _tab_through_page(page: Page, limit: int = 120) -> list[tuple[str, dict]]:
    """Tab from the top of the page to its end; every stop with its focus style."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            return stops
        stops.append((describe_focus(page), _focus_indicator(page)))
    raise AssertionError(f"Tab did not reach the end of the page in {limit} presses")


@pytest.fixture
def plan_with_content(people):
    goal = GoalFactory(plan=people.plan, text="Mijn huur op tijd betalen", life_domain="money")
    ActionFactory(goal=goal, description="Ik bel de woningcorporatie")
    CircleMemberFactory(household=people.household, name="Samira")
    return people


def _overview(people) -> str:
    return reverse("plans:overview", args=[people.household.pk])


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    plan_with_content, new_context, live_server
):
    context = new_context()
    log_in_with_session(context, live_server, plan_with_content.resident)
    visit = Visit(context.new_page())
    visit.page.goto(_overview(plan_with_content))
    visit.arrive("Mijn plan")
    page = visit.page

    skip = page.get_by_role("link", name="Naar de inhoud")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    box = skip.bounding_box()
    assert box and box["width"] > 10 and box["height"] > 10, f"skip link is not shown: {box}"
    check_a11y(page)  # also with the skip link shown

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    # The next Tab continues inside main, not in the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "() => document.querySelector('main').contains(document.activeElement)"
    )
    assert inside_main, f"after the skip link, Tab went to {describe_focus(page)}"


def test_skip_link_works_for_someone_not_logged_in(people, new_context):
    visit = Visit(new_context().new_page())
    visit.page.goto(reverse("accounts:login"))
    visit.arrive("Inloggen")
    visit.page.keyboard.press("Tab")
    expect(visit.page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    visit.page.keyboard.press("Enter")
    expect(visit.page.get_by_role("main")).to_be_focused()


@pytest.mark.parametrize(
    "where",
    ["overview", "goals step", "circle step", "action proposal"],
)
def test_every_tab_stop_shows_where_the_focus_is(
    where, plan_with_content, new_context, live_server
):
    people = plan_with_content
    household = people.household.pk
    goal = people.plan.goals.get()
    pages = {
        "overview": (people.resident, _overview(people), "Mijn plan"),
        "goals step": (
            people.resident,
            reverse("plans:start", args=[household, "doelen"]),
            "Stap 3 van 5: Mijn doelen",
        ),
        "circle step": (
            people.resident,
            reverse("plans:start", args=[household, "kring"]),
            "Stap 4 van 5: Wie helpt",
        ),
        "action proposal": (
            people.coordinator,
            reverse("plans:proposal_new", args=[household, "add_action"]) + f"?doel={goal.pk}",
            "Voorstel doen: nieuwe actie",
        ),
    }
    user, url, heading = pages[where]
    context = new_context()
    log_in_with_session(context, live_server, user)
    visit = Visit(context.new_page())
    visit.page.goto(url)
    visit.arrive(heading)

    stops = _tab_through_page(visit.page)
    assert len(stops) > 5
    invisible = [
        f"{name} ({style['text']})"
        for name, style in stops
        if not (style["outline"] or style["shadow"] or style["picker"])
    ]
    assert not invisible, "focus is not visible on:\n" + "\n".join(invisible)


@pytest.mark.parametrize("case", ["textbox", "radio group"])
def test_error_summary_takes_focus_and_its_link_leads_into_the_field(
    case, plan_with_content, new_context, live_server
):
    """Enter on a link in the error summary puts focus in the field it names, so typing or
    choosing can start at once (for a radio group: its first option)."""
    people = plan_with_content
    household = people.household.pk
    goal = people.plan.goals.get()
    if case == "textbox":
        user, url = people.resident, reverse("plans:start", args=[household, "kring"])
        heading, button, fill_in = "Stap 4 van 5: Wie helpt", "Toevoegen aan mijn kring", None
        error, focus_on = "Naam — ", "Naam"
    else:
        user = people.coordinator
        url = reverse("plans:proposal_new", args=[household, "add_action"]) + f"?doel={goal.pk}"
        heading, button = "Voorstel doen: nieuwe actie", "Voorstel versturen"
        fill_in = "Wat gaat er gebeuren?"
        error, focus_on = (
            "Wie doet het? — Kies wie het doet.",
            "Ikzelf of iemand uit mijn huishouden",
        )
    context = new_context()
    log_in_with_session(context, live_server, user)
    visit = Visit(context.new_page())
    page = visit.page
    page.goto(url)
    visit.arrive(heading)
    if fill_in:
        tab_to(page, page.get_by_label(fill_in, exact=True))
        page.keyboard.type("Gesprek op school")
    tab_to(page, page.get_by_role("button", name=button))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive(heading)
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()

    link = summary.get_by_role("link", name=error)
    tab_to(page, link, limit=5)
    page.keyboard.press("Enter")
    field = page.get_by_label(focus_on, exact=True)
    expect(field).to_be_focused()
    if case == "textbox":
        expect(field).to_have_attribute("aria-invalid", "true")
        page.keyboard.type("Oma")
        expect(field).to_have_value("Oma")
    else:
        page.keyboard.press("Space")
        expect(field).to_be_checked()
    visit.assert_all_checked()


def test_wrong_password_alert_takes_focus(people, new_context):
    visit = Visit(new_context().new_page())
    page = visit.page
    page.goto(reverse("accounts:login"))
    visit.arrive("Inloggen")
    tab_to(page, page.get_by_label("Gebruikersnaam", exact=True), backwards=True)
    page.keyboard.type("fatima")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD + "-wrong")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive("Inloggen")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Uw gebruikersnaam of wachtwoord klopt niet.")
    expect(alert).to_be_focused()
    # What she typed as her name is still there; the password is not.
    expect(page.get_by_label("Gebruikersnaam", exact=True)).to_have_value("fatima")
    expect(page.get_by_label("Wachtwoord", exact=True)).to_have_value("")


def test_axe_helper_reports_each_violation_with_rule_help_and_target(browser):
    page = browser.new_page()
    try:
        page.set_content(
            '<html lang="nl"><head><title>t</title></head><body><main>'
            '<img src="data:," id="no-alt"><p style="color:#bbb;background:#fff">licht</p>'
            "</main></body></html>"
        )
        with pytest.raises(AssertionError) as failure:
            check_a11y(page, record=False)
    finally:
        page.close()
    report = str(failure.value)
    assert "image-alt" in report
    assert "color-contrast" in report
    assert "#no-alt" in report
    assert "Images must have alternative text" in report
