"""The pages for requests and conversations, without a browser: what each person sees and can
do, another household's ids, sharing with the team, reads in the access log, and a bounded
number of queries."""

import pytest
from django.urls import reverse

from eigenplan.conversations.models import ClientSupport, Conversation, ReportNote
from eigenplan.households.models import Team, TeamMembership, TeamRole
from eigenplan.privacy.consent import decide_role_sharing
from eigenplan.privacy.models import AuditEvent, ProfessionalRole
from tests.conversations.conftest import conversation_scene
from tests.factories import CoordinatorFactory, GoalFactory


def url(name, household, *args):
    return reverse(f"conversations:{name}", args=[household.pk, *args])


@pytest.fixture
def scene(world):
    world.support_request, world.conversation = conversation_scene(world)
    return world


def test_the_resident_records_a_request_and_is_offered_the_own_plan_route_first(client, world):
    ClientSupport.objects.update(phone="0800-1234", organisation="MEE Voorbeeld")
    client.force_login(world.resident)
    page = client.get(url("request_new", world.household)).content.decode()
    assert "Wanneer kwam de vraag binnen?" not in page  # only for the coordinator
    response = client.post(
        url("request_new", world.household),
        {"own_words": "Ik kan niet meer koken.", "laws": ["wmo"], "kind": "melding"},
        follow=True,
    )
    page = response.content.decode()
    assert "De vraag is opgeslagen." in page
    own_plan, client_support, clocks = (
        page.index("Eerst uw eigen plan"),
        page.index("cliëntondersteuning"),
        page.index("Hoe lang mag de gemeente erover doen?"),
    )
    assert own_plan < client_support < clocks
    assert "persoonlijk plan. U heeft er 7 dagen voor: tot en met" in page
    assert "MEE Voorbeeld" in page and "0800-1234" in page
    assert "Onderzoek naar uw situatie" in page
    request = world.household.support_requests.get()
    response = client.post(
        url("request_detail", world.household, request.pk), {"do": "own_plan", "answer": "yes"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.own_plan == "yes"


def test_a_refused_request_keeps_what_was_typed(client, world):
    client.force_login(world.resident)
    response = client.post(
        url("request_new", world.household),
        {"own_words": "Ik heb schulden en de huur is te hoog.", "kind": "hulpvraag"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kies waar de vraag over gaat" in page
    assert "Ik heb schulden en de huur is te hoog." in page
    assert not world.household.support_requests.exists()


def test_the_coordinator_closes_a_clock_and_starts_a_jeugdwet_clock(client, world):
    client.force_login(world.coordinator)
    client.post(
        url("request_new", world.household),
        {
            "own_words": "Zoon gaat niet naar school.",
            "laws": ["jeugdwet", "wmo"],
            "kind": "melding",
        },
    )
    request = world.household.support_requests.get()
    detail = url("request_detail", world.household, request.pk)
    response = client.post(detail, {"do": "event", "event": "no_family_group_plan"})
    assert response.status_code == 302
    own_plan = request.deadlines.get(rule__code="wmo-persoonlijk-plan")
    response = client.post(detail, {"do": "close", "deadline": own_plan.pk, "outcome": "stopped"})
    assert "Dit is te lang" not in response.content.decode()
    assert "Vul dit in" in response.content.decode()  # stopping needs a reason
    response = client.post(
        detail,
        {"do": "close", "deadline": own_plan.pk, "outcome": "stopped", "note": "Wil geen plan."},
    )
    assert response.status_code == 302
    page = client.get(detail).content.decode()
    assert "Het plan samen vaststellen" in page
    assert "Wil geen plan." in page
    assert "niet gecontroleerd" not in page  # no unverified rule among these


def test_the_preparation_keeps_everything_when_one_answer_is_too_long(client, world):
    client.force_login(world.resident)
    response = client.post(
        url("prepare", world.household),
        {"going_well": "Yassin voetbalt weer.", "worries": "x" * 4001, "wishes": "Rust."},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "niet meer dan 4000 tekens" in page
    assert "x" * 4001 in page  # still in the form
    conversation = world.household.conversations.get()
    assert (conversation.going_well, conversation.wishes, conversation.worries) == (
        "Yassin voetbalt weer.",
        "Rust.",
        "",
    )


def test_the_one_screen_record_shows_the_plan_and_the_preparation(
    client, scene, django_assert_max_num_queries
):
    GoalFactory(plan=scene.plan, life_domain="health", text="Weer zelf de trap op kunnen.")
    client.force_login(scene.coordinator)
    with django_assert_max_num_queries(30):
        response = client.get(url("record", scene.household, scene.conversation.pk))
    page = response.content.decode()
    for shown in ("Een rustig huis.", "Ik kan goed koken.", "Weer zelf de trap op kunnen."):
        assert shown in page
    assert "De trap." in page and "Thuis blijven." in page  # the preparation
    assert "Ik kan de trap niet meer op." in page  # the request, in the resident's words
    for absent in ("budget", "€", "product", "voorziening"):
        assert absent not in page.lower()


def test_the_journey_from_report_to_final_with_a_correction(client, scene):
    conversation = scene.conversation
    detail = url("detail", scene.household, conversation.pk)
    client.force_login(scene.resident)
    client.post(detail, {"do": "note", "kind": "correction", "text": "Mijn zus kwam ook."})
    correction = ReportNote.objects.get(kind="correction")
    client.force_login(scene.coordinator)
    response = client.post(detail, {"do": "respond", "note": correction.pk, "text": ""})
    assert "Vul dit in" in response.content.decode()
    client.post(detail, {"do": "respond", "note": correction.pk, "text": "Klopt, genoteerd."})
    response = client.post(detail, {"do": "read", "revision": conversation.revision})
    assert response.status_code == 403  # the coordinator cannot make it final
    client.force_login(scene.resident)
    response = client.post(detail, {"do": "read", "revision": conversation.revision}, follow=True)
    page = response.content.decode()
    assert "Het verslag is nu definitief" in page
    assert "Mijn zus kwam ook." in page and "Klopt, genoteerd." in page
    assert Conversation.objects.get(pk=conversation.pk).is_final
    client.force_login(scene.coordinator)
    response = client.get(url("record", scene.household, conversation.pk))
    assert response.status_code == 302  # a final report is not edited


def test_another_households_request_and_conversation_are_not_found(client, scene):
    other_request, other_conversation = (
        scene.other_household.support_requests,
        scene.other_household.conversations,
    )
    assert not other_request.exists() and not other_conversation.exists()
    client.force_login(scene.other_coordinator)
    for name, arg in [
        ("request_detail", scene.support_request.pk),
        ("detail", scene.conversation.pk),
        ("record", scene.conversation.pk),
    ]:
        # The other household's URL with this household's ids, and this household's URL.
        assert client.get(url(name, scene.other_household, arg)).status_code == 404
        assert client.get(url(name, scene.household, arg)).status_code == 404
    client.force_login(scene.coordinator)
    assert (
        client.get(url("detail", scene.other_household, scene.conversation.pk)).status_code == 404
    )
    response = client.post(url("new", scene.household), {"request": 999_999})
    assert response.status_code == 404


def test_circle_members_do_not_see_conversations(client, scene):
    client.force_login(scene.circle_user)
    assert client.get(reverse("plans:overview", args=[scene.household.pk])).status_code == 200
    for name, args in [("list", ()), ("requests", ()), ("detail", (scene.conversation.pk,))]:
        assert client.get(url(name, scene.household, *args)).status_code == 403


def test_team_colleagues_see_conversations_only_when_the_resident_shares_them(client, scene):
    team = Team.objects.create(name="Buurtteam Noord")
    scene.household.team = team
    scene.household.save()
    colleague = CoordinatorFactory()
    for user, role in [(scene.coordinator, TeamRole.COORDINATOR), (colleague, TeamRole.COLLEAGUE)]:
        TeamMembership.objects.create(team=team, user=user, role=role)
    detail = url("detail", scene.household, scene.conversation.pk)
    decide_role_sharing(
        actor=scene.resident,
        household=scene.household,
        role=ProfessionalRole.TEAM_MEMBER,
        parts=["housing"],
    )
    client.force_login(colleague)
    assert client.get(detail).status_code == 403
    decide_role_sharing(
        actor=scene.resident,
        household=scene.household,
        role=ProfessionalRole.TEAM_MEMBER,
        parts=["housing", "conversations"],
    )
    client.force_login(colleague)  # a new request: a new standing
    response = client.get(detail)
    assert response.status_code == 200
    assert "Reageren" not in response.content.decode()  # reads, does not respond
    # The resident withdraws conversations from the coordinator too: then they are gone.
    decide_role_sharing(
        actor=scene.resident,
        household=scene.household,
        role=ProfessionalRole.COORDINATOR,
        parts=["housing"],
    )
    client.force_login(scene.coordinator)
    assert client.get(detail).status_code == 403


def test_reads_by_professionals_are_logged_and_the_resident_sees_them(client, scene):
    client.force_login(scene.coordinator)
    client.get(url("detail", scene.household, scene.conversation.pk))
    client.get(url("requests", scene.household))  # within 15 minutes: logged once
    client.force_login(scene.resident)
    client.get(url("detail", scene.household, scene.conversation.pk))
    reads = AuditEvent.objects.filter(verb="view", object_type="conversations")
    assert [(e.actor_role, e.household_id) for e in reads] == [("coordinator", scene.household.pk)]
    page = client.get(reverse("privacy:access_log", args=[scene.household.pk])).content.decode()
    assert "uw vragen om hulp en gesprekken bekeken" in page


@pytest.mark.parametrize("name", ["requests", "list", "detail", "request_detail"])
def test_pages_use_a_bounded_number_of_queries(client, scene, name, django_assert_max_num_queries):
    from eigenplan.conversations import services

    for n in range(5):
        services.add_note(
            actor=scene.resident,
            conversation=scene.conversation,
            kind="comment",
            text=f"Opmerking {n}",
        )
        services.record_request(
            actor=scene.resident,
            household=scene.household,
            kind="aanvraag",
            laws=["wmo", "participatiewet"],
            own_words=f"Vraag {n}",
        )
    args = {
        "detail": (scene.conversation.pk,),
        "request_detail": (scene.support_request.pk,),
    }.get(name, ())
    client.force_login(scene.coordinator)
    with django_assert_max_num_queries(20):
        assert client.get(url(name, scene.household, *args)).status_code == 200
