"""A small circle grows: the box on the plan page and the question list."""

import pytest
from django.urls import reverse

from eigenplan.community.models import CommunityOffer
from eigenplan.community.selectors import growth_suggestions
from eigenplan.households.access import standing
from eigenplan.households.models import CircleInvitation, CircleMember
from eigenplan.households.services import invite_circle_member
from eigenplan.privacy.consent import decide_role_sharing
from tests.factories import CircleMemberFactory, NeighbourhoodFactory

BOX = "Meer mensen om u heen"


@pytest.fixture
def offers(world):
    here = world.household.neighbourhood
    elsewhere = NeighbourhoodFactory()
    peer = CommunityOffer.objects.create(
        name="Moedergroep", kind="peer_expert", offer="Koffie met moeders.", phone="06 1"
    )
    peer.neighbourhoods.set([here])
    far = CommunityOffer.objects.create(
        name="Ver weg", kind="initiative", offer="Elders.", phone="06 2"
    )
    far.neighbourhoods.set([elsewhere])
    hidden = CommunityOffer.objects.create(
        name="Gestopt", kind="initiative", offer="Niet meer.", phone="06 3", is_active=False
    )
    hidden.neighbourhoods.set([here])
    return peer


def box(page: str) -> str:
    """The suggestion box alone (the circle itself is listed above it)."""
    if 'id="kring-groeien"' not in page:
        return ""
    return page.split('id="kring-groeien"', 1)[1].split("</section>", 1)[0]


def overview(client, world, user):
    client.force_login(user)
    return client.get(reverse("plans:overview", args=[world.household.pk])).content.decode()


def test_the_resident_with_a_small_circle_sees_who_to_invite_and_the_neighbourhoods_offers(
    client, world, offers
):
    mentioned = CircleMemberFactory(household=world.household, name="Tante Hind")
    page = overview(client, world, world.resident)
    assert BOX in page
    assert "Tante Hind" in page
    assert reverse("households:invite", args=[world.household.pk, mentioned.pk]) in page
    assert "Moedergroep" in page and "Koffie met moeders." in page
    assert "Ver weg" not in page and "Gestopt" not in page
    assert reverse("community:questions", args=[world.household.pk]) in page
    # Samira has an account: she is in the circle, not someone to invite.
    assert (
        reverse("households:invite", args=[world.household.pk, world.circle_member.pk]) not in page
    )


def test_someone_invited_already_is_not_suggested_again(client, world, offers):
    mentioned = CircleMemberFactory(
        household=world.household, name="Tante Hind", email="h@example.org"
    )
    invite_circle_member(actor=world.resident, member=mentioned, channel="email")
    page = overview(client, world, world.resident)
    assert BOX in page and "Tante Hind" not in box(page)


def test_nothing_is_shown_from_three_active_members_on(client, world, offers):
    CircleMemberFactory(household=world.household, name="Oom Karim")
    gone = CircleMemberFactory(household=world.household, name="Vertrokken")
    CircleMember.objects.filter(pk=gone.pk).update(is_active=False)
    assert BOX in overview(client, world, world.resident)  # Samira and Karim: two
    CircleMemberFactory(household=world.household, name="Buurman Piet")
    page = overview(client, world, world.resident)
    assert BOX not in page and "Moedergroep" not in page


def test_the_coordinator_sees_the_suggestions_but_cannot_invite(client, world, offers):
    CircleMemberFactory(household=world.household, name="Tante Hind")
    page = overview(client, world, world.coordinator)
    assert "De kring van dit huishouden is klein" in page
    assert "Tante Hind" in box(page) and "Moedergroep" in page
    assert "/uitnodigen/" not in page
    assert reverse("community:questions", args=[world.household.pk]) not in page


def test_a_coordinator_who_may_not_see_the_circle_sees_no_names(client, world, offers):
    CircleMemberFactory(household=world.household, name="Tante Hind")
    decide_role_sharing(
        actor=world.resident, household=world.household, role="coordinator", parts=["money"]
    )
    page = overview(client, world, world.coordinator)
    assert "Moedergroep" in page and "Tante Hind" not in box(page)


def test_circle_members_do_not_see_the_box(client, world, offers):
    assert BOX not in overview(client, world, world.circle_user)


def test_the_suggestions_cost_two_queries_whatever_the_sizes(world, django_assert_max_num_queries):
    here = world.household.neighbourhood
    for n in range(30):
        offer = CommunityOffer.objects.create(
            name=f"Aanbod {n}", kind="initiative", offer="x", phone="1"
        )
        offer.neighbourhoods.set([here])
    CircleMemberFactory(household=world.household, name="Tante Hind")
    view = standing(world.resident, world.household)
    with django_assert_max_num_queries(2):
        grow = growth_suggestions(world.household, view)
    assert len(grow.offers) == 12 and [m.name for m in grow.not_invited] == ["Tante Hind"]
    view = standing(world.circle_user, world.household)
    with django_assert_max_num_queries(0):
        assert growth_suggestions(world.household, view) is None


def test_names_written_under_the_questions_become_uninvited_circle_members(client, world):
    client.force_login(world.resident)
    url = reverse("community:questions", args=[world.household.pk])
    page = client.get(url).content.decode()
    assert "kerk, de moskee" in page and "sportclub" in page
    response = client.post(
        url, {"school": "Juf Ans\n\n  Meester Bram ", "geloof": "Imam Yusuf", "sport": "samira"}
    )
    assert response.status_code == 302
    added = CircleMember.objects.filter(household=world.household, is_active=True).exclude(
        pk=world.circle_member.pk
    )
    assert sorted(added.values_list("name", flat=True)) == ["Imam Yusuf", "Juf Ans", "Meester Bram"]
    assert added.get(name="Juf Ans").relation_detail == "van school"
    assert not CircleInvitation.objects.filter(household=world.household).exists()
    assert all(m.shared_life_domains == [] and not m.shares_dream for m in added)


def test_a_name_that_is_too_long_keeps_everything_typed(client, world):
    client.force_login(world.resident)
    url = reverse("community:questions", args=[world.household.pk])
    response = client.post(url, {"school": "Juf Ans", "werk": "x" * 151})
    assert response.status_code == 200
    page = response.content.decode()
    assert "te lang" in page and "Juf Ans" in page
    assert not CircleMember.objects.filter(name="Juf Ans").exists()
    response = client.post(url, {})
    assert "minstens één naam" in response.content.decode()


def test_only_the_pen_holder_uses_the_questions_and_other_households_do_not_exist(client, world):
    url = reverse("community:questions", args=[world.household.pk])
    client.force_login(world.coordinator)
    assert client.post(url, {"school": "X"}).status_code == 403
    client.force_login(world.other_resident)
    assert client.get(url).status_code == 404
    assert not CircleMember.objects.filter(name="X").exists()
