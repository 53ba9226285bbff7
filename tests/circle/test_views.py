"""The circle pages: a circle member's own commitments and answers; the overview and the
circle picture for those who see the whole plan. Who may see what is also in
tests/test_page_permissions.py."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenplan.circle.services import Answer, answer_commitment
from eigenplan.plans.models import Action
from eigenplan.plans.services import add_action
from tests.factories import CircleMemberFactory, GoalFactory, UserFactory

pytestmark = pytest.mark.django_db
MINE = reverse("circle:my_commitments")


def test_a_circle_member_sees_only_what_is_asked_of_them(client, world, ask):
    ask("Helpen met verhuizen")
    kees_user = UserFactory(username="kees", role="circle_member")
    kees = CircleMemberFactory(household=world.household, user=kees_user, name="Kees")
    ask("Kees maait het gras", member=kees)
    other_goal = GoalFactory(plan=world.other_plan)
    stranger_member = CircleMemberFactory(household=world.other_household, user=world.circle_user)
    add_action(
        actor=world.other_resident,
        goal=other_goal,
        description="Boodschappen doen voor het andere huis",
        performer="circle_member",
        circle_member_id=stranger_member.pk,
    )
    client.force_login(world.circle_user)
    page = client.get(MINE).content.decode()
    assert "Helpen met verhuizen" in page
    assert "Boodschappen doen voor het andere huis" in page  # her own, in another household
    assert "Kees maait het gras" not in page


def test_someone_elses_commitment_does_not_exist(client, world, ask):
    kees = CircleMemberFactory(household=world.household, name="Kees")
    action = ask(member=kees)
    for user in (world.circle_user, world.resident, world.coordinator, world.stranger):
        client.force_login(user)
        url = reverse("circle:commitment", args=[action.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"answer": "accept"}).status_code == 404
    assert Action.objects.get(pk=action.pk).commitment == Action.Commitment.REQUESTED


def test_accept_and_finish_from_the_page(client, world, ask):
    action = ask()
    client.force_login(world.circle_user)
    url = reverse("circle:commitment", args=[action.pk])
    page = client.get(url).content.decode()
    assert "Ja, dat doe ik" in page and "Nee, dat kan ik niet" in page
    assert "Ja, het is klaar" not in page
    response = client.post(url, {"answer": "accept"}, follow=True)
    assert "U heeft ja gezegd" in response.content.decode()
    page = client.get(url).content.decode()
    assert "Ja, het is klaar" in page and "Teruggeven" in page
    client.post(url, {"answer": "done"})
    assert Action.objects.get(pk=action.pk).status == Action.Status.DONE


def test_declining_without_a_reason_keeps_the_page_with_a_clear_error(client, world, ask):
    action = ask()
    client.force_login(world.circle_user)
    url = reverse("circle:commitment", args=[action.pk])
    response = client.post(url, {"answer": "decline", "nee-reason": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in page and "Schrijf kort op waarom het niet kan" in page
    assert Action.objects.get(pk=action.pk).commitment == Action.Commitment.REQUESTED
    client.post(url, {"answer": "decline", "nee-reason": "Ik heb een zere rug."})
    action.refresh_from_db()
    assert action.commitment == Action.Commitment.DECLINED
    assert action.commitment_reason == "Ik heb een zere rug."


def test_an_answer_that_no_longer_fits_is_explained(client, world, ask):
    action = ask()
    answer_commitment(actor=world.circle_user, action=action, answer=Answer.ACCEPT)
    client.force_login(world.circle_user)
    response = client.post(reverse("circle:commitment", args=[action.pk]), {"answer": "accept"})
    assert "U heeft al ja gezegd" in response.content.decode()


def test_the_overview_shows_promises_lateness_and_who_carries_a_lot(client, world, ask, settings):
    settings.EIGENPLAN_CIRCLE_BUSY_THRESHOLD = 3
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = ask("Gordijnen ophangen", due_date=yesterday)
    answer_commitment(actor=world.circle_user, action=late, answer=Answer.ACCEPT)
    ask("Dozen inpakken")
    declined = ask("Verhuisbus rijden")
    answer_commitment(
        actor=world.circle_user, action=declined, answer=Answer.DECLINE, reason="Geen rijbewijs"
    )
    kees = CircleMemberFactory(household=world.household, name="Kees")
    url = reverse("circle:commitments", args=[world.household.pk])
    client.force_login(world.resident)
    page = client.get(url).content.decode()
    assert "Gordijnen ophangen" in page and "Later dan afgesproken" in page
    assert "Geen rijbewijs" in page and "Iemand anders vragen" in page
    assert "ep-busy" not in page  # two open, the threshold is three
    ask("Lampen ophangen")
    page = client.get(url).content.decode()
    assert page.count("ep-busy") == 1 and "Samira heeft veel te doen: 3" in page
    assert kees.name in page
    client.force_login(world.coordinator)
    page = client.get(url).content.decode()
    assert "ep-busy" in page and "Iemand anders vragen" not in page


@pytest.mark.parametrize("name", ["circle:commitments", "circle:map"])
def test_another_household_does_not_exist_and_a_circle_member_may_not_look(client, world, name):
    client.force_login(world.resident)
    assert client.get(reverse(name, args=[world.other_household.pk])).status_code == 404
    client.force_login(world.circle_user)
    assert client.get(reverse(name, args=[world.household.pk])).status_code == 403


def test_pages_use_a_bounded_number_of_queries(client, world, ask, django_assert_max_num_queries):
    for n in range(12):
        member = CircleMemberFactory(household=world.household, name=f"Kringlid {n}")
        ask(f"Iets doen {n}", member=member)
        ask(f"Iets voor Samira {n}")
    client.force_login(world.resident)
    for name in ("circle:commitments", "circle:map"):
        url = reverse(name, args=[world.household.pk])
        client.get(url)
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
    client.force_login(world.circle_user)
    client.get(MINE)
    with django_assert_max_num_queries(8):
        assert client.get(MINE).status_code == 200


def test_the_resident_sets_closeness_when_editing_a_circle_member(client, world):
    client.force_login(world.resident)
    url = reverse("plans:circle_member_edit", args=[world.household.pk, world.circle_member.pk])
    page = client.get(url).content.decode()
    assert "Hoe dichtbij staat deze persoon?" in page
    response = client.post(
        url,
        {
            "revision": world.circle_member.revision,
            "name": "Samira",
            "relation": "family",
            "closeness": "close",
            "shared_life_domains": ["housing"],
        },
    )
    assert response.status_code == 302
    world.circle_member.refresh_from_db()
    assert world.circle_member.closeness == "close"


def test_the_resident_notes_the_answer_of_someone_without_an_account(client, world, ask):
    kees = CircleMemberFactory(household=world.household, name="Kees")
    action = ask("Kees maait het gras", member=kees)
    overview = reverse("circle:commitments", args=[world.household.pk])
    url = reverse("circle:answer_for", args=[world.household.pk, action.pk])
    client.force_login(world.resident)
    assert url in client.get(overview).content.decode()
    page = client.get(url).content.decode()
    assert "Kees zegt ja" in page and "Waarom kan Kees het niet doen?" in page
    response = client.post(url, {"answer": "decline", "nee-reason": ""})
    assert "Schrijf kort op waarom het niet kan" in response.content.decode()
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 302 and response["Location"].startswith(overview)
    action.refresh_from_db()
    assert action.commitment == Action.Commitment.ACCEPTED
    # The coordinator sees the overview but does not answer for anyone.
    client.force_login(world.coordinator)
    assert url not in client.get(overview).content.decode()
    assert client.post(url, {"answer": "done"}).status_code == 403
    # Another household's action does not exist here.
    other = add_action(
        actor=world.other_resident,
        goal=GoalFactory(plan=world.other_plan),
        description="Elders",
        performer="circle_member",
        circle_member_id=CircleMemberFactory(household=world.other_household).pk,
    )
    client.force_login(world.resident)
    wrong = reverse("circle:answer_for", args=[world.household.pk, other.pk])
    assert client.get(wrong).status_code == 404


def test_the_resident_reads_the_answers_in_the_access_log(client, world, ask):
    action = ask()
    answer_commitment(actor=world.circle_user, action=action, answer=Answer.ACCEPT)
    answer_commitment(actor=world.circle_user, action=action, answer=Answer.HAND_BACK)
    client.force_login(world.resident)
    page = client.get(reverse("privacy:access_log", args=[world.household.pk])).content.decode()
    assert "ja gezegd tegen een vraag uit uw plan" in page
    assert "een afspraak uit uw plan teruggegeven" in page


def test_the_api_tells_where_a_commitment_stands_and_the_ring(client, world, ask):
    action = ask()
    client.force_login(world.resident)
    data = client.get(f"/api/v1/households/{world.household.pk}/plan/actions/{action.pk}/").json()
    assert data["commitment"] == "requested"
    circle = client.get(f"/api/v1/households/{world.household.pk}/circle/").json()
    assert {member["closeness"] for member in circle["results"]} == {"near"}
