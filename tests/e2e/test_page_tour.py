"""axe on the pages the journey does not pass: editing and removing goals, actions and circle
members, one version on its own, the other kinds of proposal, an answered proposal, a form with
errors in a radio group, and what a circle member sees. Each page is opened as the person who
would open it; every page is checked and all violations are reported together."""

from django.urls import reverse
from playwright.sync_api import expect

from eigenplan.plans import services
from tests.e2e.conftest import Visit, log_in_with_session, tab_to
from tests.factories import CircleMemberFactory, UserFactory


def _plan_with_history(people):
    """A plan with a goal, an action, a circle member who has an account, an approved version,
    one declined proposal and one open proposal."""
    resident, plan = people.resident, people.plan
    services.update_plan_texts(
        actor=resident, plan=plan, texts={"strengths": "Ik kan goed koken.", "dream": "Rust."}
    )
    goal = services.add_goal(
        actor=resident, plan=plan, text="Mijn huur op tijd betalen", life_domain="money"
    )
    action = services.add_action(
        actor=resident,
        goal=goal,
        description="Ik bel de woningcorporatie",
        performer="resident",
        due_date="2026-12-01",
    )
    sister = UserFactory(username="samira", role="circle_member", display_name="Samira")
    member = CircleMemberFactory(
        household=people.household, user=sister, name="Samira", shared_life_domains=["money"]
    )
    plan.refresh_from_db()
    services.approve_plan(actor=resident, plan=plan, expected_revision=plan.revision)
    declined = services.make_proposal(
        actor=people.coordinator,
        plan=plan,
        kind="change_text",
        payload={"field": "dream", "text": "Een rustig huis."},
        explanation="Zo is het korter.",
    )
    services.decline_proposal(
        actor=resident, proposal=declined, reason="Ik houd mijn eigen woorden."
    )
    return goal, action, member, sister, declined


def test_pages_outside_the_journey_pass_axe(people, new_context, live_server):
    goal, action, member, sister, declined = _plan_with_history(people)
    h = people.household.pk

    def url(name, *args, query=""):
        return reverse(f"plans:{name}", args=[h, *args]) + query

    tours = [
        (
            people.resident,
            [
                (url("version_detail", 1), "Versie 1"),
                (url("goal_edit", goal.pk), "Doel aanpassen"),
                (url("goal_delete", goal.pk), "Weet u het zeker?"),
                (url("action_add", goal.pk), "Actie toevoegen"),
                (url("action_edit", action.pk), "Actie aanpassen"),
                (url("action_delete", action.pk), "Weet u het zeker?"),
                (url("circle_member_edit", member.pk), "Samira aanpassen"),
                (url("circle_member_remove", member.pk), "Weet u het zeker?"),
                (url("proposal_detail", declined.pk), "Voorstel: tekst aanpassen"),
            ],
        ),
        (
            people.coordinator,
            [
                (url("proposals"), "Voorstellen"),
                (url("proposal_new", "add_goal"), "Voorstel doen: nieuw doel"),
                (
                    url("proposal_new", "change_goal", query=f"?doel={goal.pk}"),
                    "Voorstel doen: doel aanpassen",
                ),
                (
                    url("proposal_new", "change_action", query=f"?actie={action.pk}"),
                    "Voorstel doen: actie aanpassen",
                ),
                (url("proposal_new", "change_text"), "Voorstel doen: tekst aanpassen"),
            ],
        ),
        (
            sister,
            [
                (reverse("home"), "Welkom, Samira"),
                # The address is not shared with her: the heading names the people.
                (url("overview"), "Plan van Fatima en Yassin"),
            ],
        ),
    ]
    failures = []
    for user, pages in tours:
        context = new_context()
        log_in_with_session(context, live_server, user)
        visit = Visit(context.new_page())
        for path, heading in pages:
            visit.page.goto(path)
            try:
                visit.arrive(heading)
            except AssertionError as failure:
                failures.append(str(failure))
        visit.assert_all_checked()
        context.close()
    assert not failures, "\n\n".join(failures)


def test_action_form_with_errors_passes_axe(people, new_context, live_server):
    """An action saved without saying who does it: the errors sit in a radio group."""
    goal = services.add_goal(
        actor=people.resident, plan=people.plan, text="Schulden weg", life_domain="money"
    )
    context = new_context()
    log_in_with_session(context, live_server, people.resident)
    visit = Visit(context.new_page())
    page = visit.page
    page.goto(reverse("plans:action_add", args=[people.household.pk, goal.pk]))
    visit.arrive("Actie toevoegen")
    tab_to(page, page.get_by_label("Wat gaat er gebeuren?", exact=True))
    page.keyboard.type("Ik bel de schuldhulp")
    tab_to(page, page.get_by_role("button", name="Opslaan"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit.arrive("Actie toevoegen")
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Wie doet het? — Kies wie het doet.")
    expect(page.get_by_label("Wat gaat er gebeuren?", exact=True)).to_have_value(
        "Ik bel de schuldhulp"
    )
    visit.assert_all_checked()


def test_emergency_access_and_what_the_resident_sees_pass_axe(people, new_context, live_server):
    """A professional from another team asks for emergency access; the resident then sees the
    warning on the plan and the reason in the access log."""
    from tests.factories import CoordinatorFactory

    outsider = CoordinatorFactory(username="nood", display_name="Noor Bakker")
    h = people.household.pk
    context = new_context()
    log_in_with_session(context, live_server, outsider)
    visit = Visit(context.new_page())
    page = visit.page
    page.goto(reverse("emergency_access"))
    visit.arrive("Noodtoegang vragen")
    page.get_by_label("Nummer van het huishouden", exact=True).fill(str(h))
    page.get_by_label("Waarom is dit nu nodig?", exact=True).fill(
        "Melding van de politie over mogelijk gevaar, vannacht."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Noodtoegang vragen").click()
    visit.arrive("Plan van Lindelaan 12, Voorbeeld")
    expect(page.get_by_text("U leest dit plan met noodtoegang.")).to_be_visible()
    visit.assert_all_checked()
    context.close()

    context = new_context()
    log_in_with_session(context, live_server, people.resident)
    visit = Visit(context.new_page())
    visit.page.goto(reverse("plans:overview", args=[h]))
    visit.arrive("Mijn plan")
    expect(visit.page.get_by_text("heeft noodtoegang tot dit plan")).to_be_visible()
    visit.page.goto(reverse("privacy:access_log", args=[h]))
    visit.arrive("Wie keek er in uw plan?")
    expect(visit.page.get_by_text("Melding van de politie").first).to_be_visible()
    visit.assert_all_checked()
    context.close()
