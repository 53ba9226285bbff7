"""The resident decides per circle member whether they see the household's address and e-mail
(issue 4, point 1: "contact details" beside the life domains and the dream)."""

from django.urls import reverse

from eigenplan.households.access import forget_standing
from eigenplan.households.services import update_circle_member
from eigenplan.privacy.models import SharingDecision


def _member_fields(member, **changes) -> dict:
    fields = {
        "name": member.name,
        "relation": member.relation,
        "shared_life_domains": member.shared_life_domains,
        "shares_dream": member.shares_dream,
        "shares_contact": member.shares_contact,
    }
    return {**fields, **changes}


def _plan_page(client, world) -> str:
    forget_standing(world.circle_user)
    client.force_login(world.circle_user)
    return client.get(reverse("plans:overview", args=[world.household.pk])).content.decode()


def test_without_it_a_circle_member_sees_names_not_the_address(client, world):
    page = _plan_page(client, world)
    assert world.household.street not in page
    assert "Plan van Fatima" in page
    assert 'id="contact"' not in page


def test_shared_the_address_and_the_pen_holders_e_mail_show_until_withdrawn(client, world):
    world.resident.email = "fatima@example.org"
    world.resident.save(update_fields=["email"])
    member = update_circle_member(
        actor=world.resident,
        member=world.circle_member,
        **_member_fields(world.circle_member, shares_contact=True),
    )
    assert SharingDecision.objects.filter(circle_member=member).latest("id").shares_contact
    page = _plan_page(client, world)
    assert world.household.address in page
    assert "mailto:fatima@example.org" in page

    update_circle_member(
        actor=world.resident, member=member, **_member_fields(member, shares_contact=False)
    )
    page = _plan_page(client, world)  # withdrawn: from the next request on
    assert world.household.street not in page and "fatima@example.org" not in page
    latest = SharingDecision.objects.filter(circle_member=member).latest("id")
    assert not latest.shares_contact


def test_the_resident_ticks_it_on_the_circle_member_form(client, world):
    client.force_login(world.resident)
    url = reverse("plans:circle_member_edit", args=[world.household.pk, world.circle_member.pk])
    page = client.get(url).content.decode()
    assert "Deze persoon mag mijn adres en e-mailadres zien" in page
    data = {
        "name": "Samira",
        "relation": "family",
        "closeness": world.circle_member.closeness,
        "shared_life_domains": ["housing"],
        "shares_contact": "on",
        "revision": world.circle_member.revision,
    }
    assert client.post(url, data).status_code == 302
    world.circle_member.refresh_from_db()
    assert world.circle_member.shares_contact


def test_the_coordinator_always_sees_the_address(client, world):
    client.force_login(world.coordinator)
    page = client.get(reverse("plans:overview", args=[world.household.pk])).content.decode()
    assert f"Plan van {world.household}" in page
