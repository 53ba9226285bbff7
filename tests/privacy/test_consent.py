"""The resident's decisions about what a circle member sees: kept as history, effective at once."""

import pytest
from django.urls import reverse

from eigenplan.households import services as household_services
from eigenplan.privacy.models import AppendOnlyError, SharingDecision
from tests.factories import GoalFactory


def decisions(member):
    return list(SharingDecision.objects.filter(circle_member=member).order_by("decided_at", "id"))


def test_giving_changing_and_withdrawing_are_each_kept(world):
    member = household_services.add_circle_member(
        actor=world.resident,
        household=world.household,
        name="Oma",
        relation="family",
        shared_life_domains=["family"],
    )
    household_services.update_circle_member(
        actor=world.resident,
        member=member,
        name="Oma",
        relation="family",
        shared_life_domains=["family", "health"],
        shares_dream=True,
    )
    household_services.update_circle_member(  # a change of name is not a sharing decision
        actor=world.resident,
        member=member,
        name="Oma Aisha",
        relation="family",
        shared_life_domains=["family", "health"],
        shares_dream=True,
    )
    household_services.remove_circle_member(actor=world.resident, member=member)
    history = decisions(member)
    assert [d.shared_life_domains for d in history] == [["family"], ["health", "family"], []]
    assert [d.shares_dream for d in history] == [False, True, False]
    assert history[-1].is_withdrawal
    assert {d.decided_by_name for d in history} == {"Fatima El Amrani"}


def test_a_decision_is_never_changed(world):
    member = household_services.add_circle_member(
        actor=world.resident, household=world.household, name="Oma", relation="family"
    )
    decision = decisions(member)[0]
    decision.shares_dream = True
    with pytest.raises(AppendOnlyError):
        decision.save()


def test_withdrawn_sharing_blocks_access_on_the_next_request(client, world):
    GoalFactory(plan=world.plan, life_domain="housing", text="Een fijn huis")
    overview = reverse("plans:overview", args=[world.household.pk])
    client.force_login(world.circle_user)
    assert "Een fijn huis" in client.get(overview).content.decode()
    household_services.update_circle_member(
        actor=world.resident,
        member=world.circle_member,
        name="Samira",
        relation="family",
        shared_life_domains=[],
    )
    assert "Een fijn huis" not in client.get(overview).content.decode()


def test_the_resident_sees_the_history_on_the_circle_member_page(client, world):
    household_services.update_circle_member(
        actor=world.resident,
        member=world.circle_member,
        name="Samira",
        relation="family",
        shared_life_domains=["money"],
    )
    client.force_login(world.resident)
    page = client.get(
        reverse("plans:circle_member_edit", args=[world.household.pk, world.circle_member.pk])
    ).content.decode()
    assert "Wat u met Samira deelde" in page
    assert "Geld" in page


def test_changing_consent_needs_a_recent_password(client, world, settings):
    from eigenplan.accounts.sessions import VERIFIED_AT

    client.force_login(world.resident)
    session = client.session
    session[VERIFIED_AT] = session[VERIFIED_AT] - 3600
    session.save()
    url = reverse("plans:circle_member_edit", args=[world.household.pk, world.circle_member.pk])
    response = client.post(url, {"name": "Samira", "relation": "family"})
    assert response.status_code == 302
    assert reverse("accounts:reauthenticate") in response.url
    world.circle_member.refresh_from_db()
    assert world.circle_member.shared_life_domains == ["housing"]
