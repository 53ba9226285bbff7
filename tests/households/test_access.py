"""Who holds the pen: the adult resident and the representatives the household record names."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from eigenplan.households.access import standing
from eigenplan.plans import services
from eigenplan.plans.models import Proposal
from tests.factories import PersonFactory, RepresentativeFactory, UserFactory


def test_a_named_mentor_edits_and_approves_for_the_resident(world):
    mentor = UserFactory(username="mentor")
    RepresentativeFactory(household=world.household, user=mentor, represents=world.resident_person)
    assert standing(mentor, world.household).holds_pen
    services.add_goal(
        actor=mentor, plan=world.plan, text="Zelf boodschappen doen", life_domain="daily_living"
    )
    version = services.approve_plan(actor=mentor, plan=world.plan)
    assert version.approved_by == mentor


def test_a_minor_in_the_household_proposes_but_does_not_hold_the_pen(world):
    teenager = UserFactory(username="yassin")
    fifteen_years_ago = datetime.date.today().replace(year=datetime.date.today().year - 15)
    PersonFactory(household=world.household, user=teenager, date_of_birth=fifteen_years_ago)
    view = standing(teenager, world.household)
    assert view.is_household_member and not view.holds_pen
    with pytest.raises(PermissionDenied):
        services.add_goal(
            actor=teenager, plan=world.plan, text="Minder gamen", life_domain="health"
        )
    proposal = services.make_proposal(
        actor=teenager,
        plan=world.plan,
        kind=Proposal.Kind.ADD_GOAL,
        payload={"text": "Op voetbal", "life_domain": "social"},
    )
    assert proposal.author_role == "household_member"


def test_a_removed_circle_member_loses_access_at_once(world, client):
    from django.urls import reverse

    from eigenplan.households import services as household_services

    client.force_login(world.circle_user)
    overview = reverse("plans:overview", args=[world.household.pk])
    assert client.get(overview).status_code == 200
    household_services.remove_circle_member(actor=world.resident, member=world.circle_member)
    assert client.get(overview).status_code == 404


def test_representative_of_another_household_has_no_standing_here(world):
    mentor = UserFactory(username="mentor2")
    RepresentativeFactory(
        household=world.other_household,
        user=mentor,
        represents=PersonFactory(household=world.other_household),
    )
    assert not standing(mentor, world.household).has_any_access
