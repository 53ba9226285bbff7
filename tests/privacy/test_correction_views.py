"""The pages for correction requests, the household's file and retention, as each person
meets them: who may see and do what, what they read, and that nothing typed is lost."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from eigenplan.accounts.models import Role
from eigenplan.households.models import Household
from eigenplan.privacy import retention
from eigenplan.privacy.models import AuditEvent, CorrectionRequest, RetentionRule
from eigenplan.privacy.services import request_correction
from tests.factories import (
    CoordinatorFactory,
    HouseholdFactory,
    PersonFactory,
    RepresentativeFactory,
    UserFactory,
)

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
WRONG = "Mijn geboortedatum klopt niet."


def url(name, world, *args):
    return reverse(f"privacy:{name}", args=[world.household.pk, *args])


def ask(world, household=None, actor=None, text=WRONG):
    return request_correction(
        actor=actor or world.resident, household=household or world.household, what_is_wrong=text
    )


@pytest.fixture
def child(world):
    """A 12-year-old in the household with an account: a household member without the pen."""
    user = UserFactory(username="child")
    PersonFactory(household=world.household, user=user, date_of_birth=datetime.date(2014, 6, 1))
    return user


@pytest.fixture
def mentor(world):
    user = UserFactory(username="mentor", display_name="Anja Mentor")
    RepresentativeFactory(household=world.household, user=user, represents=world.resident_person)
    return user


def test_household_members_and_representatives(client, world, child, mentor):
    correction = ask(world)
    pages = [
        url("corrections", world),
        url("correction_new", world),
        url("correction_detail", world, correction.pk),
        url("household_file", world),
    ]
    client.force_login(child)
    assert [client.get(page).status_code for page in pages] == [403, 403, 403, 403]
    client.force_login(mentor)  # a representative holds the pen
    assert [client.get(page).status_code for page in pages] == [200, 200, 200, 403]
    client.logout()
    assert {client.get(page).status_code for page in pages} == {302}


def test_the_resident_asks_and_loses_nothing_typed_on_an_error(client, world):
    client.force_login(world.resident)
    page = client.get(url("correction_new", world)).content.decode()
    assert "Wat klopt er niet?" in page
    response = client.post(
        url("correction_new", world), {"what_is_wrong": " ", "what_it_should_be": "1 mei 1985"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in page and "Schrijf op wat er niet klopt." in page
    assert "1 mei 1985" in page
    with time_machine.travel(datetime.datetime(2027, 1, 31, 10, tzinfo=AMSTERDAM), tick=False):
        client.force_login(world.resident)  # a fresh session at the moved clock
        response = client.post(
            url("correction_new", world),
            {"what_is_wrong": WRONG, "what_it_should_be": "1 mei 1985", "part": "person"},
            follow=True,
        )
    page = response.content.decode()
    assert "U krijgt uiterlijk 28 februari 2027 antwoord." in page
    assert WRONG in page and "Wacht op antwoord" in page
    correction = CorrectionRequest.objects.get()
    assert (correction.part, correction.what_it_should_be) == ("person", "1 mei 1985")


def test_the_coordinator_declines_and_the_resident_reads_why_and_where_to_complain(client, world):
    correction = ask(world)
    detail = url("correction_detail", world, correction.pk)
    client.force_login(world.coordinator)
    page = client.get(detail).content.decode()
    assert "Beantwoorden" in page and "Meer tijd nemen" in page
    response = client.post(detail, {"do": "answer", "outcome": "declined", "answer": ""})
    assert "Schrijf op waarom u het niet verbetert." in response.content.decode()
    reason = "Zo staat het in de Basisregistratie Personen."
    response = client.post(detail, {"do": "answer", "outcome": "declined", "answer": reason})
    assert response.status_code == 302
    client.force_login(world.resident)
    page = client.get(detail).content.decode()
    assert "Niet verbeterd" in page and reason in page
    assert "klacht indienen bij de Autoriteit Persoonsgegevens" in page
    assert "https://autoriteitpersoonsgegevens.nl/" in page
    assert "Beantwoorden" not in page


def test_the_coordinator_extends_and_the_resident_reads_the_new_date_and_reason(client, world):
    with time_machine.travel(datetime.datetime(2027, 11, 30, 10, tzinfo=AMSTERDAM), tick=False):
        correction = ask(world)
        detail = url("correction_detail", world, correction.pk)
        client.force_login(world.coordinator)
        response = client.post(detail, {"do": "extend", "reason": "Kort"})
        assert "minstens 10 tekens" in response.content.decode()
        assert "Kort" in response.content.decode()
        client.post(detail, {"do": "extend", "reason": "We vragen het na bij de BRP."})
        assert "Meer tijd nemen</button>" not in client.get(detail).content.decode()
        client.force_login(world.resident)
        page = client.get(detail).content.decode()
    assert "Nu krijgt u uiterlijk 29 februari 2028 antwoord." in page
    assert "We vragen het na bij de BRP." in page


def test_nobody_else_answers_and_other_households_requests_do_not_exist_here(client, world):
    correction = ask(world)
    elsewhere = ask(world, household=world.other_household, actor=world.other_resident)
    detail = url("correction_detail", world, correction.pk)
    data = {"do": "answer", "outcome": "corrected", "answer": "Gedaan."}
    for user, status in [
        (world.resident, 403),
        (world.circle_user, 403),
        (world.other_coordinator, 404),
        (world.other_resident, 404),
    ]:
        client.force_login(user)
        assert client.post(detail, data).status_code == status, user
    client.force_login(world.coordinator)
    # Another household's request under this household's address: not found.
    assert client.get(url("correction_detail", world, elsewhere.pk)).status_code == 404
    correction.refresh_from_db()
    assert correction.is_open


def test_the_queue_shows_deadlines_and_marks_overdue_for_coordinator_and_team_lead(
    client, world, django_assert_max_num_queries
):
    with time_machine.travel(datetime.datetime(2027, 1, 31, 10, tzinfo=AMSTERDAM), tick=False):
        late = ask(world, text="Mijn adres is oud.")
        for _ in range(5):
            ask(world)
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=AMSTERDAM), tick=False):
        ask(world, household=world.other_household, actor=world.other_resident)
        team_lead = UserFactory(username="ruud", role=Role.TEAM_LEAD, display_name="Ruud")
        client.force_login(world.coordinator)
        with django_assert_max_num_queries(8):
            page = client.get(reverse("privacy:correction_queue")).content.decode()
        assert page.count("28 februari 2027") == 6
        assert "Te laat" in page
        assert "6 open" in page and "6 te laat" in page  # in the navigation, on every page
        assert f"/correcties/{late.pk}/" in page
        client.force_login(world.other_coordinator)
        page = client.get(reverse("privacy:correction_queue")).content.decode()
        assert f"/correcties/{late.pk}/" not in page and "1 open" in page
        client.force_login(team_lead)
        page = client.get(reverse("privacy:correction_queue")).content.decode()
    assert "Te laat, bij alle regisseurs" in page and "Sanne de Vries" in page
    assert "6 te laat" in page
    assert "Mijn adres is oud." not in page and "Lindelaan" not in page


def test_the_coordinator_closes_the_file_and_sees_when_it_will_be_removed(client, world):
    page_url = url("household_file", world)
    client.force_login(world.resident)
    assert client.post(page_url, {"do": "close"}).status_code == 403
    client.force_login(world.coordinator)
    assert "niet bevestigd" in client.get(page_url).content.decode()
    with time_machine.travel(datetime.datetime(2027, 5, 1, 12, tzinfo=AMSTERDAM), tick=False):
        client.force_login(world.coordinator)
        page = client.post(page_url, {"do": "close"}, follow=True).content.decode()
    assert "Het dossier is gesloten." in page
    assert "tot en met 1 mei 2034" in page
    assert Household.objects.get(pk=world.household.pk).closed_at is not None
    client.force_login(world.coordinator)
    page = client.post(page_url, {"do": "reopen"}, follow=True).content.decode()
    assert "Het dossier is weer open." in page
    assert Household.objects.get(pk=world.household.pk).closed_at is None


def test_closing_with_an_open_request_says_why_not(client, world):
    ask(world)
    client.force_login(world.coordinator)
    page = client.post(url("household_file", world), {"do": "close"}, follow=True)
    assert "Beantwoord die eerst." in page.content.decode()
    assert Household.objects.get(pk=world.household.pk).closed_at is None


def test_the_retention_page_lists_every_kind_and_says_which_are_not_confirmed(client, db):
    retention.ensure_rules()
    RetentionRule.objects.filter(kind="closed_household").update(
        amount=10, confirmed_at=timezone.now()
    )
    page = client.get(reverse("privacy:retention")).content.decode()
    for kind in retention.KINDS:
        assert str(kind.label) in page
    assert "10 jaar nadat uw regisseur uw dossier heeft gesloten" in page
    assert "We maken het anoniem." in page and "We verwijderen het." in page
    assert "Besluiten vallen onder de Archiefwet." in page
    assert page.count("de gemeente moet deze termijn nog bevestigen") == len(retention.KINDS) - 1


def test_the_privacy_pages_link_to_retention_and_corrections(client, world):
    client.force_login(world.resident)
    for name in ("access_log", "my_data"):
        assert reverse("privacy:retention") in client.get(url(name, world)).content.decode()
    overview = client.get(reverse("plans:overview", args=[world.household.pk])).content.decode()
    assert url("corrections", world) in overview
    client.force_login(world.coordinator)
    overview = client.get(reverse("plans:overview", args=[world.household.pk])).content.decode()
    assert url("household_file", world) in overview


# --- the administrator confirms --------------------------------------------------------------


@pytest.fixture
def admin_user(db):
    return UserFactory(
        username="beheerder", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True
    )


def test_the_administrator_is_warned_and_confirms_rules(client, admin_user):
    client.force_login(admin_user)
    changelist = reverse("admin:privacy_retentionrule_changelist")
    page = client.get(changelist).content.decode()
    assert "nog niet bevestigd en worden daarom niet uitgevoerd" in page
    assert "NIET BEVESTIGD" in page
    rule = RetentionRule.objects.get(kind="sessions")
    client.post(changelist, {"action": "confirm_rules", "_selected_action": [rule.pk]})
    rule.refresh_from_db()
    assert rule.is_confirmed and rule.confirmed_by_name == str(admin_user)
    event = AuditEvent.objects.get(verb="confirm_retention")
    assert event.detail == {"kind": "sessions", "amount": 1, "unit": "days"}


def test_changing_a_period_takes_the_confirmation_away_unless_confirmed_again(client, admin_user):
    retention.ensure_rules()
    rule = RetentionRule.objects.get(kind="answered_proposals")
    RetentionRule.objects.filter(pk=rule.pk).update(confirmed_at=timezone.now())
    client.force_login(admin_user)
    change = reverse("admin:privacy_retentionrule_change", args=[rule.pk])
    client.post(change, {"amount": 2, "unit": "years"})
    rule.refresh_from_db()
    assert (rule.amount, rule.is_confirmed) == (2, False)
    client.post(change, {"amount": 2, "unit": "years", "confirm": "on"})
    rule.refresh_from_db()
    assert rule.is_confirmed


def test_nobody_but_staff_reaches_the_rules(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("admin:privacy_retentionrule_changelist"))
    assert response.status_code == 302


def test_a_team_lead_without_households_and_a_coordinator_elsewhere(client, db):
    lead = UserFactory(username="lead", role=Role.TEAM_LEAD)
    coordinator = CoordinatorFactory(username="nobody")
    HouseholdFactory(coordinator=coordinator)
    for user in (lead, coordinator):
        client.force_login(user)
        page = client.get(reverse("privacy:correction_queue")).content.decode()
        assert "Er zijn geen open vragen bij uw huishoudens." in page


def test_the_administrator_reads_that_the_decisions_period_is_unverified(client, admin_user):
    retention.ensure_rules()
    client.force_login(admin_user)
    for kind, warning in (
        ("decisions", "Archiefwet"),
        ("decisions", "NIET gecontroleerd"),
        ("sessions", "niet gecontroleerd als wettelijke termijn"),
    ):
        rule = RetentionRule.objects.get(kind=kind)
        page = client.get(reverse("admin:privacy_retentionrule_change", args=[rule.pk]))
        assert warning in page.content.decode(), (kind, warning)
