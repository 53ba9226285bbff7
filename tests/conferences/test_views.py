"""The conference pages: every step through the browser's forms, what each person sees, and
above all that nobody but the family reads the family's plan in private time."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenplan.conferences.models import (
    Conference,
    DraftAction,
    DraftGoal,
    Participant,
    ProfessionalInput,
    Status,
)
from eigenplan.privacy.consent import decide_role_sharing
from eigenplan.privacy.models import EmergencyAccess, ProfessionalRole
from tests.factories import CircleMemberFactory, CoordinatorFactory, UserFactory

DRAFT_TEXT = "Yassin gaat elke dag naar school"


def url(name, conference, *extra):
    return reverse(f"conferences:{name}", args=[conference.household_id, conference.pk, *extra])


@pytest.fixture
def as_user(client):
    def log_in(user):
        client.logout()
        client.force_login(user)
        return client

    return log_in


def test_the_whole_conference_through_the_pages(scene, as_user):
    household = scene.household
    # Referral by the coordinator.
    client = as_user(scene.coordinator)
    start = reverse("conferences:start", args=[household.pk])
    response = client.post(start, {"question": ""})
    assert "Vul dit in" in response.content.decode()
    response = client.post(start, {"question": "Hoe blijft Yassin veilig?"})
    conference = Conference.objects.get(household=household)
    assert response["Location"] == url("detail", conference)
    page = client.get(url("detail", conference)).content.decode()
    assert "Wat komt hierna?" in page and "Nu aan de beurt" in page
    # The coordinator chooses the independent coordinator.
    client.post(url("assign", conference), {"coordinator": scene.independent.pk})
    conference.refresh_from_db()
    assert conference.status == Status.PREPARING
    # The colleague brings a concern and a condition.
    client = as_user(scene.colleague)
    client.post(
        url("information", conference),
        {"soort": "voorwaarde", "cond-concern": "Huurschuld", "cond-condition": "Afspraak"},
    )
    # The independent coordinator prepares with the family; a wrong date keeps what was typed.
    client = as_user(scene.independent)
    response = client.post(
        url("preparation", conference),
        {"meeting_at": "morgen", "meeting_place": "Buurthuis De Linde", "language": "Arabisch"},
    )
    assert "Dit is geen goede datum" in response.content.decode()
    assert 'value="Buurthuis De Linde"' in response.content.decode()
    when = (timezone.localtime() + datetime.timedelta(days=5)).strftime("%Y-%m-%dT19:00")
    client.post(
        url("preparation", conference),
        {"meeting_at": when, "meeting_place": "Buurthuis De Linde", "language": "Arabisch"},
    )
    client.post(url("preparation", conference), {"deelnemer": "1", "name": "Oma", "relation": ""})
    client.post(url("step", conference), {"stap": "informatieronde"})
    client.post(url("step", conference), {"stap": "eigen-tijd"})
    conference.refresh_from_db()
    assert conference.status == Status.PRIVATE_TIME
    # The family writes its plan.
    client = as_user(scene.resident)
    client.post(url("draft", conference), {"text": DRAFT_TEXT, "life_domain": "work"})
    goal = conference.draft_goals.get(text=DRAFT_TEXT)
    client.post(
        url("draft_goal", conference, goal.pk),
        {
            "actie": "1",
            "description": "Oma brengt hem",
            "performer": "community",
            "performer_name": "Oma",
        },
    )
    assert goal.actions.get().description == "Oma brengt hem"
    client.post(url("step", conference), {"stap": "presenteren"})
    client = as_user(scene.independent)
    assert DRAFT_TEXT in client.get(url("draft", conference)).content.decode()
    client.post(url("step", conference), {"stap": "beoordelen"})
    # The colleague assesses: a reason is needed.
    client = as_user(scene.colleague)
    condition = conference.inputs.get(kind="condition")
    prefix = f"v{condition.pk}"
    response = client.post(
        url("assessment", conference), {"voorwaarde": condition.pk, f"{prefix}-is_met": "yes"}
    )
    assert "Vul dit in" in response.content.decode()
    client.post(
        url("assessment", conference),
        {"voorwaarde": condition.pk, f"{prefix}-is_met": "yes", f"{prefix}-reason": "Goed"},
    )
    # The family approves: the plan's next version.
    client = as_user(scene.resident)
    client.post(url("approve", conference), {"note": ""})
    conference.refresh_from_db()
    assert conference.status == Status.APPROVED
    assert scene.world.plan.goals.filter(text=DRAFT_TEXT).exists()
    review_day = timezone.localdate() + datetime.timedelta(weeks=4)
    client.post(url("review_date", conference), {"review_date": review_day.isoformat()})
    conference.refresh_from_db()
    assert conference.status == Status.FOLLOW_UP
    page = client.get(url("review", conference)).content.decode()
    assert DRAFT_TEXT in page and "Oma brengt hem" in page
    response = client.post(url("review", conference))
    assert response["Location"] == reverse("plans:overview", args=[scene.household.pk])
    conference.refresh_from_db()
    assert conference.status == Status.REVIEWED
    # The independent coordinator's link to the household ended with the conference.
    client = as_user(scene.independent)
    assert client.get(url("detail", conference)).status_code == 404
    assert url("detail", conference) not in client.get(reverse("conferences:mine")).content.decode()


@pytest.fixture
def in_private_time(scene):
    conference = scene.walk(Status.PRIVATE_TIME)
    from eigenplan.conferences import services

    goal = services.add_draft_goal(
        actor=scene.resident, conference=conference, text=DRAFT_TEXT, life_domain="work"
    )
    services.add_draft_action(
        actor=scene.resident,
        goal=goal,
        description="Oma brengt hem",
        performer="community",
        performer_name="Oma",
    )
    return conference, goal


def test_in_private_time_professionals_and_the_coordinator_cannot_read_the_draft(
    scene, in_private_time, as_user
):
    conference, goal = in_private_time
    action = goal.actions.get()
    emergency = CoordinatorFactory(username="emergency")
    now = timezone.now()
    EmergencyAccess.objects.create(
        household=scene.household,
        user=emergency,
        reason="Melding van de politie, vannacht.",
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=4),
    )
    # The colleague sees the whole plan otherwise: private time is not about sharing.
    decide_role_sharing(
        actor=scene.resident,
        household=scene.household,
        role=ProfessionalRole.TEAM_MEMBER,
        parts=[
            "dream",
            "housing",
            "money",
            "work",
            "health",
            "family",
            "social",
            "safety",
            "daily_living",
        ],
    )
    for user in (scene.coordinator, scene.colleague, scene.independent, emergency):
        client = as_user(user)
        for address in (
            url("draft", conference),
            url("draft_goal", conference, goal.pk),
            url("draft_action", conference, action.pk),
        ):
            assert client.get(address).status_code == 404, (user, address)
            assert client.post(address, {"text": "x", "life_domain": "work"}).status_code == 404
        for name in ("detail", "information", "assessment"):
            response = client.get(url(name, conference))
            assert response.status_code == 200, (user, name)
            assert DRAFT_TEXT not in response.content.decode()
            assert "Oma brengt hem" not in response.content.decode()
        # Nor through the plan pages and the API: the draft is not part of the plan yet.
        for address in (
            reverse("plans:overview", args=[scene.household.pk]),
            f"/api/v1/households/{scene.household.pk}/goals/",
        ):
            response = client.get(address)
            assert DRAFT_TEXT.encode() not in response.content
    assert conference.draft_goals.count() == 3  # the two copied goals and the family's own
    client = as_user(scene.resident)
    assert DRAFT_TEXT in client.get(url("draft", conference)).content.decode()
    # A circle member sees the goals in the life domains shared with her (housing).
    client = as_user(scene.world.circle_user)
    page = client.get(url("draft", conference)).content.decode()
    assert "Huur betalen" in page and DRAFT_TEXT not in page
    assert client.get(url("draft_goal", conference, goal.pk)).status_code == 404


def test_another_households_conference_does_not_exist_for_you(scene, in_private_time, as_user):
    conference, goal = in_private_time
    other = scene.world.other_household
    for user in (scene.world.other_resident, scene.world.other_coordinator, scene.world.stranger):
        client = as_user(user)
        for name in ("detail", "information", "draft", "assessment", "review", "preparation"):
            assert client.get(url(name, conference)).status_code == 404, (user, name)
    # The right conference under another household's number does not exist either.
    client = as_user(scene.resident)
    wrong = reverse("conferences:detail", args=[other.pk, conference.pk])
    assert client.get(wrong).status_code == 404
    # An independent coordinator of another conference sees nothing of this one.
    stranger_coordinator = UserFactory(username="kees", role="independent_coordinator")
    client = as_user(stranger_coordinator)
    assert client.get(url("detail", conference)).status_code == 404
    assert client.get(reverse("conferences:mine")).status_code == 200


def test_pages_read_a_bounded_number_of_queries(scene, as_user, django_assert_max_num_queries):
    conference = scene.walk(Status.FOLLOW_UP)
    # Many participants, inputs, goals and actions: the pages read no more for it.
    for index in range(8):
        Participant.objects.create(conference=conference, name=f"Deelnemer {index}")
        ProfessionalInput.objects.create(
            conference=conference,
            kind="condition",
            author_name="Sanne",
            text=f"Zorg {index}",
            condition=f"Voorwaarde {index}",
            is_met=True,
        )
        goal = DraftGoal.objects.create(
            conference=conference, text=f"Doel {index}", life_domain="housing"
        )
        for number in range(3):
            DraftAction.objects.create(
                goal=goal, description=f"Actie {number}", performer="resident"
            )
    for user in (scene.resident, scene.coordinator, scene.independent, scene.world.circle_user):
        client = as_user(user)
        for name in ("detail", "draft", "information", "assessment", "review"):
            with django_assert_max_num_queries(16):
                assert client.get(url(name, conference)).status_code in (200, 403)


def test_the_review_shows_per_goal_what_was_promised_and_done(scene, as_user):
    conference = scene.walk(Status.FOLLOW_UP)
    from eigenplan.plans import services as plan_services

    action = scene.world.plan.goals.get(text="Huur betalen").actions.get()
    plan_services.update_action(
        actor=scene.resident,
        action=action,
        description=action.description,
        performer=action.performer,
        status="done",
    )
    client = as_user(scene.resident)
    page = client.get(url("review", conference)).content.decode()
    assert "Corporatie bellen" in page and "Klaar: 1 van de 1 afspraken." in page
    assert "Beginnen aan de volgende versie" in page
    # The circle member sees the housing goal only, and cannot start the next version.
    client = as_user(scene.world.circle_user)
    page = client.get(url("review", conference)).content.decode()
    assert "Huur betalen" in page
    assert "Beter slapen" not in page and DRAFT_TEXT not in page
    assert "Beginnen aan de volgende versie" not in page
    assert client.post(url("review", conference)).status_code == 403


def test_the_independent_coordinator_goes_to_their_conferences(scene, as_user):
    conference = scene.walk(Status.PREPARING)
    client = as_user(scene.independent)
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("conferences:mine")
    page = client.get(reverse("conferences:mine")).content.decode()
    assert url("detail", conference) in page
    # The plan pages are not theirs.
    assert client.get(reverse("plans:overview", args=[scene.household.pk])).status_code == 404


def test_the_resident_sees_in_her_access_log_who_read_the_conference(scene, as_user):
    conference = scene.walk(Status.PREPARING)
    as_user(scene.independent).get(url("detail", conference))
    page = (
        as_user(scene.resident)
        .get(reverse("privacy:access_log", args=[scene.household.pk]))
        .content.decode()
    )
    assert "Wendy Blom" in page
    assert "onafhankelijk coördinator" in page
    assert "de Eigen Kracht-conferentie bekeken" in page


def test_the_residents_data_export_holds_her_conferences(scene, as_user):
    conference = scene.walk(Status.FOLLOW_UP)
    client = as_user(scene.resident)
    data = client.get(reverse("privacy:my_data_download", args=[scene.household.pk])).json()
    (exported,) = data["conferences"]
    assert exported["question"] == conference.question
    assert exported["independent_coordinator"] == "Wendy Blom"
    assert exported["review_date"] == conference.review_date.isoformat()
    assert [p["name"] for p in exported["participants"]] == ["Oma Aïcha", "Samira"]
    condition = next(i for i in exported["professional_inputs"] if i["kind"] == "condition")
    assert condition["is_met"] is True and condition["assessed_by"] == "Mohamed Bakkali"
    assert DRAFT_TEXT in [goal["text"] for goal in exported["family_plan"]]
    page = client.get(reverse("privacy:my_data_overview", args=[scene.household.pk]))
    html = page.content.decode()
    assert "Eigen Kracht-conferenties" in html and "Oma Aïcha" in html
    # Nothing of another household's conference comes along.
    assert (
        client.get(
            reverse("privacy:my_data_download", args=[scene.world.other_household.pk])
        ).status_code
        == 404
    )


def test_a_circle_member_finds_the_conference_once_the_family_invites_her(scene, as_user):
    conference = scene.walk(Status.PREPARING)
    neighbour = UserFactory(username="henk", role="circle_member")
    member = CircleMemberFactory(
        household=scene.household, user=neighbour, name="Henk", shared_life_domains=["housing"]
    )
    client = as_user(neighbour)
    assert client.get(reverse("plans:overview", args=[scene.household.pk])).status_code == 200
    assert client.get(url("detail", conference)).status_code == 404
    start = reverse("conferences:start", args=[scene.household.pk])
    assert url("detail", conference) not in client.get(start).content.decode()
    from eigenplan.conferences import services

    services.add_participant(
        actor=scene.resident, conference=conference, circle_member_id=member.pk
    )
    client = as_user(neighbour)
    assert client.get(url("detail", conference)).status_code == 200
    assert url("detail", conference) in client.get(start).content.decode()
