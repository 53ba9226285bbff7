"""The resident's access log: every read of the household's data by someone other than the pen
holder is logged (at most once per quarter of an hour per person and thing), and the resident
reads the log, with the changes others made, in plain Dutch."""

import datetime
import re
from unittest import mock

import pytest
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone, translation

from eigenplan.plans import services
from eigenplan.plans.models import Proposal
from eigenplan.privacy.audit import (
    READ_INTERVAL,
    organisation_of,
    record_access,
    record_read,
    verify_trail,
)
from eigenplan.privacy.models import AuditEvent
from eigenplan.privacy.views import describe
from tests.factories import CoordinatorFactory, RepresentativeFactory, UserFactory

pytestmark = pytest.mark.django_db


def later(minutes: float):
    moment = timezone.now() + datetime.timedelta(minutes=minutes)
    return mock.patch.object(timezone, "now", lambda: moment)


def reads(household):
    return AuditEvent.objects.filter(household_id=household.pk, verb="view")


def test_a_read_by_the_coordinator_is_logged_with_role_and_team(world):
    event = record_access(actor=world.coordinator, household=world.household, what="plan")
    assert event is not None
    assert (event.actor_id, event.actor_name, event.actor_role, event.object_type) == (
        world.coordinator.pk,
        "Sanne de Vries",
        "coordinator",
        "plan",
    )
    assert event.actor_organisation == f"Buurtteam {world.household.neighbourhood.name}"
    assert verify_trail().ok


def test_the_pen_holder_reads_without_a_trace(world):
    mentor = UserFactory(role="resident")
    RepresentativeFactory(household=world.household, user=mentor, represents=world.resident_person)
    assert record_access(actor=world.resident, household=world.household, what="plan") is None
    assert record_access(actor=mentor, household=world.household, what="plan") is None
    assert not reads(world.household).exists()


def test_a_read_is_logged_once_per_quarter_of_an_hour(world):
    def read(what="plan", **kw):
        return record_access(actor=world.coordinator, household=world.household, what=what, **kw)

    assert read() is not None
    assert read() is None
    assert read("versions") is not None  # another thing
    with later(READ_INTERVAL.total_seconds() / 60 - 1):
        assert read() is None
    with later(READ_INTERVAL.total_seconds() / 60 + 1):
        assert read() is not None
    assert read(why="Overleg met de huisarts") is not None  # a reason is always logged
    assert record_access(actor=world.circle_user, household=world.household, what="plan")
    assert reads(world.household).count() == 5


def test_a_repeat_read_costs_no_query_and_a_forgotten_shortcut_changes_nothing(world):
    from eigenplan.privacy.audit import recent_reads

    def read():
        return record_access(actor=world.coordinator, household=world.household, what="plan")

    assert read() is not None
    with CaptureQueriesContext(connection) as queries:
        assert read() is None
    assert len(queries) == 0  # the shortcut knows this read was logged a moment ago
    recent_reads.clear()  # another worker process, or a restart: the database decides
    assert read() is None
    with later(READ_INTERVAL.total_seconds() / 60 + 1):
        assert read() is not None
    assert reads(world.household).count() == 2


def test_the_organisation_of_each_kind_of_reader(world, settings):
    settings.MUNICIPALITY_NAME = "Gemeente Proefstad"
    team = f"Buurtteam {world.household.neighbourhood.name}"
    assert organisation_of(world.coordinator, world.household) == team
    # A professional who is not this household's coordinator: the municipality.
    assert organisation_of(world.other_coordinator, world.household) == "Gemeente Proefstad"
    assert organisation_of(UserFactory(role="administrator"), world.household) == (
        "Gemeente Proefstad"
    )
    assert organisation_of(world.circle_user, world.household) == ""
    assert organisation_of(world.resident, world.household) == ""


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("plans:overview", "plan"),
        ("plans:proposals", "proposals"),
        ("plans:versions", "versions"),
        ("api:goal-list", "plan"),
        ("api:circle-list", "circle"),
        ("api:household-detail", "household"),
    ],
)
def test_record_read_names_what_the_url_shows(world, name, what):
    url = reverse(name, kwargs={"household_id": world.household.pk})
    request = RequestFactory().get(url)
    request.resolver_match = resolve(url)
    request.user = world.coordinator
    event = record_read(request, world.household)
    assert event is not None and event.object_type == what


def test_record_read_leaves_changes_to_the_services(world):
    url = reverse("plans:overview", args=[world.household.pk])
    request = RequestFactory().post(url)
    request.resolver_match = resolve(url)
    request.user = world.coordinator
    assert record_read(request, world.household) is None
    assert not reads(world.household).exists()


# --- the page -------------------------------------------------------------------------------


def log_url(world) -> str:
    return reverse("privacy:access_log", args=[world.household.pk])


def sentences(response) -> list[str]:
    html = response.content.decode()
    items = re.findall(r'<li class="utrecht-unordered-list__item">(.*?)</li>', html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def day(moment) -> str:
    with translation.override("nl"):
        return date_filter(timezone.localtime(moment), "j F")


def test_the_resident_reads_who_looked_and_what_others_did(client, world):
    services.add_goal(actor=world.resident, plan=world.plan, text="Zelf", life_domain="housing")
    three_days_ago = timezone.now() - datetime.timedelta(days=3)
    with mock.patch.object(timezone, "now", lambda: three_days_ago):
        record_access(actor=world.circle_user, household=world.household, what="plan")
    record_access(actor=world.coordinator, household=world.household, what="plan")
    services.make_proposal(
        actor=world.coordinator,
        plan=world.plan,
        kind=Proposal.Kind.ADD_GOAL,
        payload={"text": "Samen sporten", "life_domain": "health"},
    )
    client.force_login(world.resident)

    response = client.get(log_url(world))

    assert response.status_code == 200
    team = f"Buurtteam {world.household.neighbourhood.name}"
    today, then = day(timezone.now()), day(three_days_ago)
    lines = sentences(response)
    assert len(lines) == 3  # the resident's own goal is not in it
    assert lines[0].endswith(
        f"Sanne de Vries, regisseur bij {team}, heeft op {today} een doel voorgesteld."
    )
    assert lines[1].endswith(
        f"Sanne de Vries, regisseur bij {team}, heeft op {today} uw plan bekeken."
    )
    assert lines[2].endswith(f"Samira, kringlid, heeft op {then} uw plan bekeken.")
    # Grouped by day, newest first.
    headings = re.findall(
        r'<h2 class="utrecht-heading-2"[^>]*>(.*?)</h2>', response.content.decode()
    )
    assert len(headings) == 2 and today in headings[0] and then in headings[1]


def test_the_page_says_when_nobody_looked(client, world):
    client.force_login(world.resident)
    response = client.get(log_url(world))
    assert "Nog niemand anders heeft uw plan bekeken of veranderd." in response.content.decode()


def fill_log(world, n: int, days_ago: int) -> None:
    """n reads by the coordinator, six hours apart, from `days_ago` on."""
    start = timezone.now() - datetime.timedelta(days=days_ago)
    for i in range(n):
        moment = start + datetime.timedelta(hours=6 * i)
        with mock.patch.object(timezone, "now", lambda moment=moment: moment):
            record_access(actor=world.coordinator, household=world.household, what="plan")


def test_the_log_is_paged_by_fifty_with_a_fixed_number_of_queries(client, world):
    client.force_login(world.resident)
    fill_log(world, 5, days_ago=300)
    with CaptureQueriesContext(connection) as few:
        response = client.get(log_url(world))
    assert len(sentences(response)) == 5

    fill_log(world, 120, days_ago=100)
    with CaptureQueriesContext(connection) as many:
        response = client.get(log_url(world))
    assert len(sentences(response)) == 50
    assert "Pagina 1 van 3" in response.content.decode()
    assert len(many) == len(few)

    last = client.get(log_url(world) + "?pagina=3")
    assert len(sentences(last)) == 25


def test_the_representative_sees_the_log_and_the_coordinator_does_not(client, world):
    mentor = UserFactory()
    RepresentativeFactory(household=world.household, user=mentor, represents=world.resident_person)
    expected = {
        mentor: 200,
        world.resident: 200,
        world.coordinator: 403,
        world.circle_user: 403,
        world.stranger: 404,
        CoordinatorFactory(): 404,
    }
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(log_url(world)).status_code == status, user


def test_every_kind_of_event_reads_as_a_sentence():
    def what(verb, object_type, **detail):
        event = AuditEvent(verb=verb, object_type=object_type, detail=detail)
        return describe(event).what

    with translation.override("nl"):
        assert what("view", "versions") == "de goedgekeurde versies van uw plan bekeken"
        assert what("view", "something new") == "gegevens van uw huishouden bekeken"
        assert what("propose", "proposal", kind="add_action") == "een actie voorgesteld"
        assert what("create", "circlemember") == "iemand aan uw kring toegevoegd"
        assert what("something new", "goal") == "iets in uw plan veranderd"
        revealed = AuditEvent(
            verb="reveal_bsn", object_type="person", detail={"reason": "Aanvraag Wmo"}
        )
        assert describe(revealed).what.startswith("het burgerservicenummer (BSN)")
        assert describe(revealed).why == "Aanvraag Wmo"
