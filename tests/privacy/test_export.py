"""The resident downloads everything eigenplan keeps about their household (AVG art. 15 and 20):
a JSON file and a readable page with the same data. Every record of the household is in it,
nothing of any other household, the BSN only masked; only the pen holder gets it, after typing
their password recently, and every download is in the audit trail."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenplan.households import services as household_services
from eigenplan.households.models import CircleMember, Person, Representative
from eigenplan.plans import services
from eigenplan.plans.models import Action, Goal, PlanVersion, Proposal
from eigenplan.privacy.audit import record_access, record_event, verify_trail
from eigenplan.privacy.emergency import grant_emergency_access
from eigenplan.privacy.export import EXPORT_FORMAT, export_household
from eigenplan.privacy.models import AuditEvent, SharingDecision
from tests.accounts.clock import Clock
from tests.factories import (
    CircleMemberFactory,
    CoordinatorFactory,
    HouseholdFactory,
    PersonFactory,
    PlanFactory,
    RepresentativeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BSN = "999990068"
CHILD_BSN = "999990081"
ELSEWHERE_BSN = "999990093"
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory
# Every text of the second household carries this word; the first household's export must not.
ELSEWHERE = "ELDERS"


def written_forms(bsn: str) -> list[str]:
    return [bsn, f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}", f"{bsn[:4]} {bsn[4:6]} {bsn[6:]}"]


class Full:
    """The `world`'s household with one of everything, and a second household that shares people
    with it: the same coordinator, the same circle member (Samira), the same mentor."""

    def __init__(self, world):
        self.world = w = world
        household, plan, resident = w.household, w.plan, w.resident
        self.household = household
        w.resident_person.set_bsn(BSN)
        w.resident_person.save()
        self.child = PersonFactory(
            household=household,
            first_name="Yassin",
            last_name="El Amrani",
            date_of_birth=datetime.date(2010, 3, 1),
        )
        self.child.set_bsn(CHILD_BSN)
        self.child.save()
        self.mentor = UserFactory(username="mentor", display_name="Anja Mentor")
        RepresentativeFactory(
            household=household,
            user=self.mentor,
            represents=self.child,
            kind=Representative.Kind.GUARDIAN,
        )
        self.neighbour = household_services.add_circle_member(
            actor=resident,
            household=household,
            name="Ria",
            relation=CircleMember.Relation.NEIGHBOUR,
            relation_detail="buurvrouw van nummer 12",
            email="ria@example.org",
            phone="06-12345678",
            shared_life_domains=["health"],
        )
        self.neighbour = household_services.update_circle_member(
            actor=resident,
            member=self.neighbour,
            name="Ria",
            relation=CircleMember.Relation.NEIGHBOUR,
            relation_detail="buurvrouw van nummer 12",
            email="ria@example.org",
            phone="06-12345678",
            shared_life_domains=["health", "housing"],
            shares_dream=True,
        )
        self.former = household_services.add_circle_member(
            actor=resident, household=household, name="Oud-kringlid", relation="friend"
        )
        household_services.remove_circle_member(actor=resident, member=self.former)

        services.update_plan_texts(
            actor=resident,
            plan=plan,
            texts={
                "strengths": "Ik kan goed koken.",
                "dream": "Een rustig huis zonder schulden.",
                "contributions": "Ik pas op de kinderen van de buren.",
            },
        )
        person = w.resident_person
        money = services.add_goal(
            actor=resident, plan=plan, text="Schulden op een rij", life_domain="money"
        )
        school = services.add_goal(
            actor=resident,
            plan=plan,
            text="Yassin gaat weer naar school",
            life_domain="work",
            person_id=self.child.pk,
        )
        self.housing = services.add_goal(
            actor=resident, plan=plan, text="Een rustiger huis", life_domain="housing"
        )
        services.add_action(
            actor=resident,
            goal=money,
            description="Afspraak bij schuldhulp",
            performer="professional",
            performer_name="Schuldhulp Voorbeeld",
            due_date="2030-01-15",
        )
        services.add_action(
            actor=resident,
            goal=school,
            description="Samen naar school fietsen",
            performer="circle_member",
            circle_member_id=self.neighbour.pk,
        )
        services.add_action(
            actor=resident,
            goal=money,
            description="Post openmaken",
            performer="resident",
            person_id=person.pk,
        )
        services.approve_plan(actor=resident, plan=plan, note="Eerste versie")

        accepted = services.make_proposal(
            actor=w.coordinator,
            plan=plan,
            kind=Proposal.Kind.ADD_GOAL,
            payload={"text": "Samen sporten", "life_domain": "health"},
            explanation="Goed voor de rust",
        )
        self.accepted = services.accept_proposal(actor=resident, proposal=accepted)
        declined = services.make_proposal(
            actor=w.circle_user,
            plan=plan,
            kind=Proposal.Kind.ADD_ACTION,
            goal=self.housing,
            payload={
                "description": "Ik help met opruimen",
                "performer": "circle_member",
                "circle_member_id": w.circle_member.pk,
                "due_date": "2030-02-01",
            },
        )
        self.declined = services.decline_proposal(
            actor=resident, proposal=declined, reason="Dat doe ik liever zelf"
        )
        self.open = services.make_proposal(
            actor=w.coordinator,
            plan=plan,
            kind=Proposal.Kind.CHANGE_TEXT,
            payload={"field": "dream", "text": "Een rustig huis en een baan."},
        )
        services.approve_plan(actor=resident, plan=plan)
        record_access(actor=w.coordinator, household=household, what="plan")
        record_access(actor=w.circle_user, household=household, what="plan")
        w.resident_person.reveal_bsn(actor=w.coordinator, reason=f"Aanvraag Wmo, BSN {BSN}")
        self.emergency_user = CoordinatorFactory(username="nood", display_name="Noor Nood")
        grant_emergency_access(
            actor=self.emergency_user,
            household=household,
            reason="Melding van de politie over de veiligheid van Yassin",
            hours=4,
        )

        self._build_elsewhere()

    def _build_elsewhere(self):
        w = self.world
        self.elsewhere = other = HouseholdFactory(coordinator=w.coordinator, street="Eldersweg")
        other_resident = UserFactory(username="elsewhere", display_name=f"Bram {ELSEWHERE}")
        other_person = PersonFactory(
            household=other, user=other_resident, first_name="Bram", last_name=ELSEWHERE
        )
        other_person.set_bsn(ELSEWHERE_BSN)
        other_person.save()
        other_child = PersonFactory(household=other, first_name=f"Kind {ELSEWHERE}")
        RepresentativeFactory(household=other, user=self.mentor, represents=other_child)
        plan = PlanFactory(
            household=other, strengths=f"{ELSEWHERE} sterk", dream=f"{ELSEWHERE} droom"
        )
        member = CircleMemberFactory(
            household=other,
            user=w.circle_user,
            name=f"Samira {ELSEWHERE}",
            email="samira@example.org",
        )
        household_services.update_circle_member(
            actor=other_resident,
            member=member,
            name=f"Samira {ELSEWHERE}",
            relation="friend",
            shared_life_domains=["money"],
        )
        goal = services.add_goal(
            actor=other_resident, plan=plan, text=f"{ELSEWHERE} doel", life_domain="money"
        )
        services.add_action(
            actor=other_resident,
            goal=goal,
            description=f"{ELSEWHERE} actie",
            performer="circle_member",
            circle_member_id=member.pk,
        )
        services.approve_plan(actor=other_resident, plan=plan, note=f"{ELSEWHERE} versie")
        services.make_proposal(
            actor=w.coordinator,
            plan=plan,
            kind=Proposal.Kind.ADD_GOAL,
            payload={"text": f"{ELSEWHERE} voorstel", "life_domain": "money"},
        )
        services.make_proposal(
            actor=w.circle_user,
            plan=plan,
            kind=Proposal.Kind.ADD_GOAL,
            payload={"text": f"{ELSEWHERE} kringvoorstel", "life_domain": "money"},
            explanation=f"{ELSEWHERE} uitleg",
        )
        record_access(actor=w.coordinator, household=other, what="plan", why=f"{ELSEWHERE} reden")
        other_person.reveal_bsn(actor=w.coordinator, reason=f"{ELSEWHERE} aanvraag")
        grant_emergency_access(
            actor=self.emergency_user,
            household=other,
            reason=f"{ELSEWHERE}: een melding die alleen dit huishouden aangaat",
        )
        # An event about no household at all.
        record_event(actor=w.coordinator, household=None, verb="login", detail={"n": ELSEWHERE})


@pytest.fixture
def full(world):
    return Full(world)


def ids(rows) -> set:
    return {row["id"] for row in rows}


def no_bsn_in(content: str, *persons: Person) -> None:
    for bsn in (BSN, CHILD_BSN, ELSEWHERE_BSN):
        for form in written_forms(bsn):
            assert form not in content, form
    for person in persons:
        if not person.has_bsn:
            continue
        assert person.bsn_encrypted not in content
        assert person.bsn_hash not in content


# --- the data ---------------------------------------------------------------------------------


def test_the_export_holds_every_record_of_the_household(full):
    w, household = full.world, full.household
    data = export_household(household)

    assert json.loads(json.dumps(data)) == data  # JSON-ready as it is
    assert data["format"] == EXPORT_FORMAT
    assert datetime.datetime.fromisoformat(data["exported_at"]).tzinfo is not None
    assert "alle gegevens" in data["explanation"]
    assert "versleuteld" in data["bsn_note"]

    assert data["household"]["address"] == household.address
    assert data["household"]["postcode"] == household.postcode
    assert data["household"]["neighbourhood"] == {
        "cbs_code": household.neighbourhood.cbs_code,
        "name": household.neighbourhood.name,
    }
    assert data["household"]["coordinator"] == "Sanne de Vries"

    persons = {p["first_name"]: p for p in data["persons"]}
    assert ids(data["persons"]) == set(household.persons.values_list("pk", flat=True))
    assert persons["Fatima"]["bsn"] == "••••••068"
    assert persons["Fatima"]["has_account"] is True
    assert persons["Yassin"] | {"id": None} == {
        "id": None,
        "first_name": "Yassin",
        "last_name": "El Amrani",
        "date_of_birth": "2010-03-01",
        "bsn": "••••••081",
        "has_account": False,
    }

    assert data["representatives"] == [
        {
            "name": "Anja Mentor",
            "kind": "guardian",
            "kind_label": "Voogd",
            "represents": {"id": full.child.pk, "name": "Yassin El Amrani"},
        }
    ]

    circle = {m["name"]: m for m in data["circle"]}
    assert ids(data["circle"]) == set(
        CircleMember.objects.filter(household=household).values_list("pk", flat=True)
    )
    assert set(circle) == {"Samira", "Ria", "Oud-kringlid"}
    ria = circle["Ria"]
    assert (ria["relation"], ria["relation_detail"], ria["email"], ria["phone"]) == (
        "neighbour",
        "buurvrouw van nummer 12",
        "ria@example.org",
        "06-12345678",
    )
    assert set(ria["shared_life_domains"]) == {"health", "housing"}
    assert ria["shares_dream"] is True and ria["is_active"] is True
    assert [set(d["shared_life_domains"]) for d in ria["sharing_history"]] == [
        {"health"},
        {"health", "housing"},
    ]
    assert circle["Oud-kringlid"]["is_active"] is False
    assert circle["Oud-kringlid"]["sharing_history"][-1]["shared_life_domains"] == []
    assert circle["Samira"]["shared_life_domains"] == ["housing"]
    assert sum(len(m["sharing_history"]) for m in data["circle"]) == (
        SharingDecision.objects.filter(household=household).count()
    )

    plan = data["plan"]
    assert plan["strengths"] == "Ik kan goed koken."
    assert plan["dream"] == "Een rustig huis zonder schulden."
    assert plan["contributions"] == "Ik pas op de kinderen van de buren."
    assert ids(plan["goals"]) == set(Goal.objects.filter(plan=w.plan).values_list("pk", flat=True))
    actions = [a for goal in plan["goals"] for a in goal["actions"]]
    assert ids(actions) == set(
        Action.objects.filter(goal__plan=w.plan).values_list("pk", flat=True)
    )
    goals = {g["text"]: g for g in plan["goals"]}
    assert goals["Yassin gaat weer naar school"]["person"]["name"] == "Yassin El Amrani"
    assert goals["Yassin gaat weer naar school"]["actions"][0]["performer_label"] == "Ria"
    debt = {a["description"]: a for a in goals["Schulden op een rij"]["actions"]}
    assert debt["Afspraak bij schuldhulp"]["due_date"] == "2030-01-15"
    assert debt["Afspraak bij schuldhulp"]["performer_label"] == "Schuldhulp Voorbeeld"
    assert debt["Post openmaken"]["performer_label"] == "Fatima"
    assert "Samen sporten" in goals  # the accepted proposal

    proposals = {p["id"]: p for p in data["proposals"]}
    assert set(proposals) == set(Proposal.objects.filter(plan=w.plan).values_list("pk", flat=True))
    assert proposals[full.accepted.pk]["status"] == "accepted"
    assert proposals[full.accepted.pk]["explanation"] == "Goed voor de rust"
    assert proposals[full.accepted.pk]["answered_by"] == "Fatima El Amrani"
    assert proposals[full.declined.pk]["status"] == "declined"
    assert proposals[full.declined.pk]["decline_reason"] == "Dat doe ik liever zelf"
    assert proposals[full.declined.pk]["author"] == "Samira"
    assert proposals[full.open.pk]["status"] == "open"
    assert proposals[full.open.pk]["payload"] == {
        "field": "dream",
        "text": "Een rustig huis en een baan.",
    }

    stored = PlanVersion.objects.filter(plan=w.plan).order_by("number")
    assert [v["number"] for v in data["versions"]] == [1, 2]
    assert [v["snapshot"] for v in data["versions"]] == [v.snapshot for v in stored]
    assert data["versions"][0]["note"] == "Eerste versie"

    [emergency] = data["emergency_accesses"]
    assert emergency["professional"] == "Noor Nood"
    assert emergency["reason"] == "Melding van de politie over de veiligheid van Yassin"
    granted = datetime.datetime.fromisoformat(emergency["granted_at"])
    assert datetime.datetime.fromisoformat(emergency["expires_at"]) - granted == (
        datetime.timedelta(hours=4)
    )

    events = data["audit_events"]
    assert [e["sequence"] for e in events] == list(
        AuditEvent.objects.filter(household_id=household.pk)
        .order_by("sequence")
        .values_list("sequence", flat=True)
    )
    views = [e for e in events if e["verb"] == "view"]
    assert {(e["actor"], e["description"]) for e in views} == {
        ("Sanne de Vries", "uw plan bekeken"),
        ("Samira", "uw plan bekeken"),
    }
    reveal = next(e for e in events if e["verb"] == "reveal_bsn")
    assert reveal["reason"] == "Aanvraag Wmo, BSN [BSN]"
    assert reveal["role_description"].startswith("regisseur bij Buurtteam")
    assert {e["verb"] for e in events} >= {
        "create",
        "update",
        "remove",
        "propose",
        "accept",
        "decline",
        "approve",
        "emergency_access",
    }


def test_nothing_of_another_household_is_in_the_export(full):
    w = full.world
    data = export_household(full.household)
    text = json.dumps(data, ensure_ascii=False)

    assert ELSEWHERE not in text
    assert "Eldersweg" not in text
    other_events = set(
        AuditEvent.objects.exclude(household_id=full.household.pk).values_list(
            "sequence", flat=True
        )
    )
    assert other_events  # the second household and the event without a household
    assert not other_events & {e["sequence"] for e in data["audit_events"]}
    # Samira is in both circles, the mentor represents someone in both households: here only
    # as they are in this one.
    assert [m["name"] for m in data["circle"] if m["name"].startswith("Samira")] == ["Samira"]
    assert len(data["representatives"]) == 1

    # And the other way round: the second household's export holds nothing of the first.
    other = json.dumps(export_household(full.elsewhere), ensure_ascii=False)
    assert ELSEWHERE in other
    for word in ("Fatima", "Yassin", "Ria", "Schulden op een rij", "Samen sporten", "Lindelaan"):
        assert word not in other, word
    assert w.coordinator.display_name in other  # their coordinator too


def test_a_household_without_a_plan_exports_its_people(world):
    household = HouseholdFactory()
    PersonFactory(household=household, first_name="Lina")
    data = export_household(household)
    assert data["plan"] is None
    assert data["proposals"] == [] and data["versions"] == []
    assert [p["first_name"] for p in data["persons"]] == ["Lina"]


def grow(world, goals: int, actions_per_goal: int) -> None:
    for i in range(goals):
        goal = services.add_goal(
            actor=world.resident, plan=world.plan, text=f"Doel {i}", life_domain="housing"
        )
        for j in range(actions_per_goal):
            services.add_action(
                actor=world.resident,
                goal=goal,
                description=f"Actie {i}.{j}",
                performer="circle_member",
                circle_member_id=world.circle_member.pk,
            )
        services.make_proposal(
            actor=world.coordinator,
            plan=world.plan,
            kind=Proposal.Kind.ADD_ACTION,
            goal=goal,
            payload={"description": f"Voorstel {i}", "performer": "resident"},
        )
        services.approve_plan(actor=world.resident, plan=world.plan)
        record_access(actor=world.coordinator, household=world.household, what=f"ding {i}")


def test_the_export_takes_the_same_few_queries_for_2_or_20_goals(world, client):
    grow(world, goals=2, actions_per_goal=1)
    with CaptureQueriesContext(connection) as few:
        small = export_household(world.household)
    grow(world, goals=18, actions_per_goal=3)
    with CaptureQueriesContext(connection) as many:
        large = export_household(world.household)

    assert len(small["plan"]["goals"]) == 2 and len(large["plan"]["goals"]) == 20
    assert len(large["versions"]) == 20 and len(large["proposals"]) == 20
    # 16, and one for the family group conferences (none here).
    assert len(many) == len(few) <= 17, [q["sql"] for q in many.captured_queries]

    # The pages too: the number of queries does not grow with the data.
    client.force_login(world.resident)
    for name in ("privacy:my_data_download", "privacy:my_data_overview"):
        url = reverse(name, args=[world.household.pk])
        client.get(url)  # warm up (session, content types)
        with CaptureQueriesContext(connection) as first:
            assert client.get(url).status_code == 200
        grow(world, goals=3, actions_per_goal=2)
        with CaptureQueriesContext(connection) as second:
            assert client.get(url).status_code == 200
        assert len(second) == len(first), name


# --- the pages --------------------------------------------------------------------------------


def url(name: str, household) -> str:
    return reverse(f"privacy:{name}", args=[household.pk])


def test_the_json_download(client, full):
    client.force_login(full.world.resident)
    response = client.get(url("my_data_download", full.household))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="eigenplan-mijn-gegevens-')
    assert disposition.endswith('.json"')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content.decode("utf-8"))
    expected = export_household(full.household)
    # The same data, apart from the moment of exporting and the download's own audit event,
    # which is written after the data is gathered.
    assert data["audit_events"] == expected["audit_events"][:-1]
    assert expected["audit_events"][-1]["verb"] == "export"
    data.pop("exported_at"), expected.pop("exported_at")
    data.pop("audit_events"), expected.pop("audit_events")
    assert data == expected
    assert "Schulden op een rij" in response.content.decode("utf-8")  # UTF-8, not \u escapes
    assert client.post(url("my_data_download", full.household)).status_code == 405


def test_the_readable_overview(client, full):
    client.force_login(full.world.resident)
    response = client.get(url("my_data_overview", full.household))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    for text in (
        "Mijn gegevens",
        full.household.address,
        "Yassin",
        "Anja Mentor",
        "buurvrouw van nummer 12",
        "ria@example.org",
        "Schulden op een rij",
        "Afspraak bij schuldhulp",
        "15 januari 2030",
        "Samen sporten",
        "Dat doe ik liever zelf",
        "Ik help met opruimen",
        "1 februari 2030",
        "Een rustig huis en een baan.",
        "Versie 2",
        "Eerste versie",
        "Uw plan bekeken",
        "Aanvraag Wmo, BSN [BSN]",
        "Noodtoegang",
        "Melding van de politie over de veiligheid van Yassin",
        "versleuteld",
        "••••••068",
        'class="utrecht-table"',
        "ep-no-print",
    ):
        assert text in html, text
    assert ELSEWHERE not in html


def test_the_page_explains_and_links_to_both_downloads(client, full):
    client.force_login(full.world.resident)
    response = client.get(url("my_data", full.household))
    assert response.status_code == 200
    html = response.content.decode()
    assert url("my_data_download", full.household) in html
    assert url("my_data_overview", full.household) in html
    assert "Wat staat erin?" in html
    assert not AuditEvent.objects.filter(verb="export").exists()  # reading the page is no export


def test_the_bsn_never_appears_in_full(client, full):
    persons = [*full.household.persons.all(), *full.elsewhere.persons.all()]
    assert all(person.has_bsn for person in persons if person.first_name != "Kind ELDERS")
    no_bsn_in(json.dumps(export_household(full.household), ensure_ascii=False), *persons)
    client.force_login(full.world.resident)
    for name in ("my_data", "my_data_download", "my_data_overview"):
        content = client.get(url(name, full.household)).content.decode("utf-8")
        no_bsn_in(content, *persons)
    assert "••••••068" in content and "••••••081" in content


def test_only_the_pen_holder_may_export(client, full):
    w = full.world
    teenager = UserFactory(username="teenager")
    Person.objects.filter(pk=full.child.pk).update(user=teenager)
    expected = {
        w.resident: 200,
        full.mentor: 200,  # the representative holds the pen
        w.coordinator: 403,
        w.circle_user: 403,
        full.emergency_user: 403,  # reads the plan, but the data is not theirs to take
        teenager: 403,  # a household member, but a minor
        w.stranger: 404,
        w.other_resident: 404,
        CoordinatorFactory(): 404,
    }
    for name in ("my_data", "my_data_download", "my_data_overview"):
        for user, status in expected.items():
            client.force_login(user)
            assert client.get(url(name, full.household)).status_code == status, (name, user)
    exports = AuditEvent.objects.filter(verb="export")
    assert sorted(exports.values_list("actor_name", flat=True)) == sorted(
        ["Fatima El Amrani", "Anja Mentor"] * 2
    )


def test_an_old_login_must_confirm_the_password_first(client, world, monkeypatch):
    clock = Clock.install(monkeypatch)
    client.force_login(world.resident)
    clock.advance(minutes=5, seconds=1)
    for name in ("my_data", "my_data_download", "my_data_overview"):
        target = url(name, world.household)
        response = client.get(target)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("accounts:reauthenticate") + "?next=")
    assert not AuditEvent.objects.filter(verb="export").exists()

    target = url("my_data_download", world.household)
    confirmed = client.post(
        reverse("accounts:reauthenticate"), {"password": PASSWORD, "next": target}
    )
    assert confirmed.status_code == 302 and confirmed.url == target
    assert client.get(target).status_code == 200
    assert AuditEvent.objects.filter(verb="export").count() == 1


def test_every_download_is_an_audit_event(client, full):
    w = full.world
    client.force_login(w.resident)
    client.get(url("my_data_download", full.household))
    client.get(url("my_data_overview", full.household))

    events = list(
        AuditEvent.objects.filter(household_id=full.household.pk, verb="export").order_by(
            "sequence"
        )
    )
    assert [e.detail for e in events] == [{"format": "json"}, {"format": "html"}]
    for event in events:
        assert (event.actor_id, event.actor_role) == (w.resident.pk, "resident")
        assert (event.object_type, event.object_id) == ("household", str(full.household.pk))
    assert verify_trail().ok
    # The next export shows the earlier ones, in plain words.
    described = [
        e for e in export_household(full.household)["audit_events"] if e["verb"] == "export"
    ]
    assert [e["description"] for e in described] == [
        "alle gegevens van uw huishouden gedownload"
    ] * 2


def test_invitations_and_messages_are_in_the_export_without_their_link_or_code(world):
    from eigenplan.households.services import invite_circle_member
    from eigenplan.notifications.models import Message
    from tests.factories import CircleMemberFactory

    ria = CircleMemberFactory(household=world.household, name="Ria", email="ria@example.org")
    sent = invite_circle_member(actor=world.resident, member=ria, channel="email")
    elsewhere = CircleMemberFactory(household=world.other_household, email="kees@example.org")
    invite_circle_member(actor=world.other_resident, member=elsewhere, channel="email")

    data = export_household(world.household)
    assert [(i["id"], i["address"]) for i in data["invitations"]] == [
        (sent.invitation.pk, "ria@example.org")
    ]
    messages = Message.objects.filter(household=world.household)
    assert ids(data["messages"]) == set(messages.values_list("pk", flat=True))
    assert {m["address"] for m in data["messages"]} == {"ria@example.org"}
    text = json.dumps(data)
    assert "kees@example.org" not in text
    for message in messages.exclude(secret=""):
        assert message.secret not in text
    assert sent.invitation.token_hash not in text and sent.invitation.code_hash not in text


def test_the_readable_overview_shows_invitations_and_messages(client, world):
    from eigenplan.households.services import invite_circle_member
    from tests.factories import CircleMemberFactory

    ria = CircleMemberFactory(household=world.household, name="Ria", email="ria@example.org")
    invite_circle_member(actor=world.resident, member=ria, channel="email")
    client.force_login(world.resident)
    page = client.get(reverse("privacy:my_data_overview", args=[world.household.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Uitnodigingen en berichten" in text
    assert "Ria, naar ria@example.org" in text
