"""The pages: who may see and do what, the mandate enforced on the server, and the resident's
view in plain words."""

import datetime

import pytest
from django.urls import reverse

from eigenplan.decisions import services
from eigenplan.decisions.models import Decision, DecisionLetter, MandateRequest, SupportItem
from eigenplan.decisions.selectors import mandate_requests_waiting
from eigenplan.privacy.consent import decide_role_sharing
from eigenplan.privacy.models import AuditEvent, ProfessionalRole
from tests.decisions.conftest import MONDAY, support
from tests.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db


def url(name, household, *args):
    return reverse(f"decisions:{name}", args=[household.pk, *args])


def test_a_coordinator_sees_only_their_own_households(catalogue, world, client):
    item = support(catalogue)
    client.force_login(world.other_coordinator)
    for address in (
        url("support", world.household),
        url("support_new", world.household),
        url("support_item", world.household, item.pk),
        url("letters", world.household),
    ):
        assert client.get(address).status_code == 404, address
        # Pages that change nothing refuse a POST outright (405), the others as not found.
        assert client.post(address, {"do": "grant"}).status_code in (404, 405), address
    # Their own household's page does not show another household's item either.
    assert client.get(url("support_item", world.other_household, item.pk)).status_code == 404
    client.force_login(world.coordinator)
    assert client.get(url("support", world.household)).status_code == 200
    assert client.get(url("support_item", world.other_household, item.pk)).status_code == 404


def test_the_coordinator_turns_a_plan_action_into_support_by_form(catalogue, world, client):
    client.force_login(world.coordinator)
    page = client.get(url("support", world.household)).content.decode()
    assert catalogue.help_at_home.description in page
    assert catalogue.own_action.description not in page  # the resident's own action
    response = client.post(
        url("support_new", world.household),
        {
            "action_id": catalogue.help_at_home.pk,
            "provision_id": catalogue.begeleiding.pk,
            "volume": "2",
            "start_date": "2026-03-02",
            "end_date": "2026-05-10",
        },
    )
    item = SupportItem.objects.get()
    assert response.status_code == 302
    detail = client.get(url("support_item", world.household, item.pk)).content.decode()
    assert "Wmo 2015" in detail and "past binnen uw mandaat" in detail


def test_bad_input_keeps_what_was_typed(catalogue, world, client):
    client.force_login(world.coordinator)
    response = client.post(
        url("support_new", world.household),
        {
            "action_id": catalogue.help_at_home.pk,
            "provision_id": "",
            "description": "Iemand die meegaat naar de bank.",
            "volume": "2",
            "start_date": "2026-03-02",
            "end_date": "2026-05-10",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kies een voorziening, of kies wat voor maatwerk het is." in page
    assert "Iemand die meegaat naar de bank." in page
    assert not SupportItem.objects.exists()


def test_the_server_refuses_a_forged_grant_above_the_mandate(catalogue, world, client):
    """The page offers only "Voorleggen" here; a hand-made POST to grant is refused."""
    item = support(catalogue, catalogue.youth_help, catalogue.jeugdhulp)
    client.force_login(world.coordinator)
    page = client.get(url("support_item", world.household, item.pk)).content.decode()
    assert 'value="grant"' not in page and 'value="request"' in page
    before = AuditEvent.objects.filter(verb="grant_support").count()
    forged = client.post(url("support_item", world.household, item.pk), {"do": "grant"})
    assert forged.status_code == 403
    assert not Decision.objects.exists()
    assert AuditEvent.objects.filter(verb="grant_support").count() == before
    item.refresh_from_db()
    assert item.status == SupportItem.Status.DRAFT

    over_budget = support(catalogue, weeks=30)  # Wmo, but 3,600 euro
    forged = client.post(url("support_item", world.household, over_budget.pk), {"do": "grant"})
    assert forged.status_code == 403
    assert not Decision.objects.exists()


def test_only_the_holder_decides_a_request(catalogue, world, client):
    item = support(catalogue, catalogue.youth_help, catalogue.jeugdhulp)
    request = services.request_mandate_decision(
        actor=world.coordinator, item=item, reasoning="Nodig voor school."
    )
    address = reverse("decisions:request", args=[request.pk])
    data = {"outcome": "granted", "reasons": "Goed onderbouwd."}
    client.force_login(world.other_coordinator)
    assert client.get(address).status_code == 404
    assert client.post(address, data).status_code == 404
    client.force_login(world.coordinator)  # who asked may follow it, not decide it
    page = client.get(address).content.decode()
    assert "Nodig voor school." in page and catalogue.school_goal.text in page
    assert client.post(address, data).status_code == 403
    client.force_login(catalogue.lead)
    assert client.post(address, data).status_code == 302
    request.refresh_from_db()
    assert request.status == MandateRequest.Status.DECIDED


def _granted_with_letter(catalogue, world):
    wmo = support(catalogue)
    services.grant_within_mandate(actor=world.coordinator, item=wmo, reasons="Helpt.")
    return services.issue_letter(actor=world.coordinator, household=world.household)


def test_the_resident_sees_support_in_plain_words_never_the_legal_machinery(
    catalogue, world, client
):
    letter = _granted_with_letter(catalogue, world)
    client.force_login(world.resident)
    plan = client.get(reverse("plans:overview", args=[world.household.pk])).content.decode()
    assert catalogue.begeleiding.plain_description in plan
    assert "2 uur per week" in plan
    for machinery in ("Wmo", "Jeugdwet", "02A01", "60.00", "60,00", "mandaat"):
        assert machinery not in plan, machinery
    letters = client.get(url("letters", world.household)).content.decode()
    assert letter.title in letters
    html = client.get(url("letter", world.household, letter.pk))
    assert "bezwaar" in html.content.decode()
    pdf = client.get(url("letter_pdf", world.household, letter.pk))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_decisions_are_shown_only_to_whom_the_resident_shares_them(catalogue, world, client):
    letter = _granted_with_letter(catalogue, world)
    colleague = CoordinatorFactory(username="collega")
    from eigenplan.households.models import TeamMembership, TeamRole

    TeamMembership.objects.create(team=catalogue.team, user=colleague, role=TeamRole.COLLEAGUE)
    decide_role_sharing(
        actor=world.resident,
        household=world.household,
        role=ProfessionalRole.TEAM_MEMBER,
        parts=["money"],
    )
    client.force_login(colleague)
    assert client.get(url("letter", world.household, letter.pk)).status_code == 403
    plan = client.get(reverse("plans:overview", args=[world.household.pk])).content.decode()
    assert catalogue.begeleiding.plain_description not in plan
    decide_role_sharing(
        actor=world.resident,
        household=world.household,
        role=ProfessionalRole.TEAM_MEMBER,
        parts=["money", "decisions"],
    )
    assert client.get(url("letter", world.household, letter.pk)).status_code == 200
    # The circle member (housing only) never.
    client.force_login(world.circle_user)
    assert client.get(url("letter", world.household, letter.pk)).status_code == 403
    client.force_login(world.other_resident)
    assert client.get(url("letter_pdf", world.household, letter.pk)).status_code == 404
    assert client.get(url("letter_pdf", world.other_household, letter.pk)).status_code == 404


def test_reads_of_decisions_are_logged_for_the_resident(catalogue, world, client):
    letter = _granted_with_letter(catalogue, world)
    client.force_login(world.coordinator)
    client.get(url("letter", world.household, letter.pk))
    assert AuditEvent.objects.filter(
        verb="view", object_type="decisions", actor_id=world.coordinator.pk
    ).exists()
    client.force_login(world.resident)
    log = client.get(reverse("privacy:access_log", args=[world.household.pk])).content.decode()
    for line in (
        "uw ondersteuning en besluiten bekeken",
        "ondersteuning aan u toegekend",
        "een brief met besluiten voor u gemaakt",
    ):
        assert line in log


def test_the_caseload_selector_lists_waiting_requests_per_household(
    catalogue, world, django_assert_max_num_queries
):
    item = support(catalogue, catalogue.youth_help, catalogue.jeugdhulp)
    request = services.request_mandate_decision(actor=world.coordinator, item=item, reasoning="x")
    with django_assert_max_num_queries(1):
        waiting = mandate_requests_waiting([world.household.pk, world.other_household.pk])
        assert waiting == {world.household.pk: [request]}
        assert waiting[world.household.pk][0].mandate.holder == catalogue.lead


def test_the_support_page_reads_a_bounded_number_of_queries(
    catalogue, world, client, django_assert_max_num_queries
):
    client.force_login(world.coordinator)
    address = url("support", world.household)
    client.get(address)
    with django_assert_max_num_queries(20) as few:
        client.get(address)
    for weeks in range(1, 8):
        item = support(catalogue, weeks=weeks, start=MONDAY + datetime.timedelta(days=weeks))
        if weeks % 2:
            services.request_mandate_decision(actor=world.coordinator, item=item, reasoning="x")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(address)


def test_one_letter_at_a_time_from_the_support_page(catalogue, world, client):
    item = support(catalogue)
    services.grant_within_mandate(actor=world.coordinator, item=item)
    client.force_login(world.coordinator)
    response = client.post(url("support", world.household), {"do": "letter"})
    letter = DecisionLetter.objects.get()
    assert response["Location"] == url("letter", world.household, letter.pk)
    again = client.post(url("support", world.household), {"do": "letter"}, follow=True)
    assert "Er zijn geen nieuwe besluiten voor een brief." in again.content.decode()
    assert DecisionLetter.objects.count() == 1
