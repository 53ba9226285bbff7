"""Inviting the circle through the pages: the resident's side and the invited person's side,
with permissions (no IDOR across households) and clear pages for links that no longer work."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from eigenplan.households import services
from eigenplan.households.models import CircleInvitation, CircleMember
from eigenplan.notifications.models import Message
from tests.accounts.clock import Clock
from tests.factories import CircleMemberFactory, GoalFactory

pytestmark = pytest.mark.django_db


def invitations_url(world):
    return reverse("households:invitations", args=[world.household.pk])


def link_path(message: Message) -> str:
    parts = urlsplit(message.secret)
    return f"{parts.path}?{parts.query}"


def send(client, world, member):
    client.force_login(world.resident)
    response = client.post(
        reverse("households:invite", args=[world.household.pk, member.pk]),
        {"channel": "email", "code_by": "screen", "language": "nl", "email": member.email},
    )
    invitation = CircleInvitation.objects.filter(circle_member=member).latest("id")
    assert response.url == reverse(
        "households:invitation_code", args=[world.household.pk, invitation.pk]
    )
    page = client.get(response.url).content.decode()
    code = re.search(r'id="uitnodigingscode">(\d{3}) (\d{3})<', page)
    client.logout()
    return invitation, code.group(1) + code.group(2)


def test_the_resident_sees_each_members_state(client, world, ria, django_assert_max_num_queries):
    client.force_login(world.resident)
    page = client.get(invitations_url(world)).content.decode()
    assert "Nog niet uitgenodigd" in page
    assert "Doet mee" in page  # Samira has an account
    invitation, _code = send(client, world, ria)
    client.force_login(world.resident)
    with django_assert_max_num_queries(20):
        page = client.get(invitations_url(world)).content.decode()
    assert "Verstuurd" in page
    assert reverse("households:invitation_cancel", args=[world.household.pk, invitation.pk]) in page


def test_the_code_is_shown_once(client, world, ria):
    invitation, code = send(client, world, ria)
    client.force_login(world.resident)
    page = client.get(
        reverse("households:invitation_code", args=[world.household.pk, invitation.pk])
    ).content.decode()
    assert code[:3] not in page or "niet meer te zien" in page
    assert "De code is niet meer te zien" in page


def test_a_new_member_is_added_and_invited_from_one_form(client, world):
    client.force_login(world.resident)
    url = reverse("households:invite_new", args=[world.household.pk])
    response = client.post(
        url,
        {
            "name": "Tom",
            "relation": "friend",
            "email": "tom@",
            "channel": "email",
            "code_by": "screen",
            "language": "nl",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit e-mailadres klopt niet" in page
    assert 'value="Tom"' in page  # what was typed stays
    assert not CircleMember.objects.filter(name="Tom").exists()
    response = client.post(
        url,
        {
            "name": "Tom",
            "relation": "friend",
            "email": "tom@example.org",
            "shared_life_domains": ["money"],
            "channel": "email",
            "code_by": "screen",
            "language": "nl",
        },
    )
    assert response.status_code == 302
    tom = CircleMember.objects.get(name="Tom")
    assert tom.invitations.count() == 1
    assert tom.shared_life_domains == ["money"]


def test_the_whole_acceptance_by_link_and_code(client, world, ria):
    invitation, code = send(client, world, ria)
    GoalFactory(plan=world.plan, life_domain="housing", text="Een rustig huis vinden")
    GoalFactory(plan=world.plan, life_domain="money", text="Mijn schulden afbetalen")
    url = link_path(invitation.message)
    page = client.get(url).content.decode()
    assert "Fatima El Amrani vraagt u om mee te helpen" in page
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    page = client.post(url, {"code": wrong}).content.decode()
    assert "Deze code klopt niet. U kunt het nog 4 keer proberen." in page
    response = client.post(url, {"code": code})
    assert response.url == reverse("households:accept_welcome")
    page = client.get(response.url).content.decode()
    assert "Wat u ziet" in page
    assert "Wonen" in page and "Geld" not in page
    response = client.post(
        response.url,
        {"how": "password", "username": "ria", "password": "kort", "password2": "kort"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="ria"' in page
    assert 'value="kort"' not in page  # a typed password is never sent back
    response = client.post(
        reverse("households:accept_welcome"),
        {
            "how": "password",
            "username": "ria",
            "password": "lange-zin-voor-ria-2026",
            "password2": "lange-zin-voor-ria-2026",
        },
    )
    assert response.url == reverse("plans:overview", args=[world.household.pk])
    plan = client.get(response.url).content.decode()
    assert "Een rustig huis vinden" in plan
    assert "Mijn schulden afbetalen" not in plan
    # The link is used up: a clear page, not an error.
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert "Deze uitnodiging is al gebruikt" in response.content.decode()


def test_joining_without_a_password_and_coming_back_by_link(client, world, ria):
    invitation, code = send(client, world, ria)
    url = link_path(invitation.message)
    client.post(url, {"code": code})
    response = client.post(reverse("households:accept_welcome"), {"how": "link"})
    assert response.status_code == 302
    ria.refresh_from_db()
    assert not ria.user.has_usable_password()
    client.logout()
    response = client.post(reverse("households:sign_in_link"), {"address": "ria@example.org"})
    assert response.status_code == 302
    message = Message.objects.get(kind=Message.Kind.SIGN_IN_LINK)
    open_url = link_path(message)
    page = client.get(open_url).content.decode()
    assert "Druk op de knop om in te loggen" in page
    response = client.post(open_url)
    assert response.status_code == 302
    assert client.get(reverse("plans:overview", args=[world.household.pk])).status_code == 200
    client.logout()
    page = client.get(open_url).content.decode()
    assert "Deze link is al gebruikt" in page


def test_an_unknown_address_gets_the_same_answer(client, world):
    response = client.post(
        reverse("households:sign_in_link"), {"address": "niemand@example.org"}, follow=True
    )
    assert "Als wij dit adres of nummer kennen" in response.content.decode()
    assert not Message.objects.exists()


def test_the_welcome_page_needs_the_code_first(client, world, ria):
    invitation, _code = send(client, world, ria)
    client.get(link_path(invitation.message))
    response = client.post(reverse("households:accept_welcome"), {"how": "link"})
    assert response.status_code == 404
    ria.refresh_from_db()
    assert ria.user is None


def test_the_code_of_one_invitation_does_not_open_another(client, world, ria):
    first, first_code = send(client, world, ria)
    other = CircleMemberFactory(household=world.other_household, email="x@example.org")
    second = services.invite_circle_member(
        actor=world.other_resident, member=other, channel="email"
    )
    client.post(link_path(first.message), {"code": first_code})
    page = client.post(link_path(second.invitation.message), {"code": first_code})
    assert "Deze code klopt niet" in page.content.decode()
    # The welcome page joins the invitation whose code was typed, never the other one.
    client.post(reverse("households:accept_welcome"), {"how": "link"})
    other.refresh_from_db()
    ria.refresh_from_db()
    assert other.user is None and ria.user is not None


def test_an_expired_link_gets_a_clear_page(client, world, ria, monkeypatch):
    clock = Clock.install(monkeypatch)
    invitation, code = send(client, world, ria)
    clock.advance(days=15)
    response = client.post(link_path(invitation.message), {"code": code})
    assert response.status_code == 200
    assert "Deze link is verlopen" in response.content.decode()
    client.force_login(world.resident)
    assert "Verlopen" in client.get(invitations_url(world)).content.decode()


def test_a_blocked_invitation_gets_a_clear_page_and_the_resident_sees_it(client, world, ria):
    invitation, code = send(client, world, ria)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _attempt in range(5):
        response = client.post(link_path(invitation.message), {"code": wrong})
    assert "Deze uitnodiging is geblokkeerd" in response.content.decode()
    client.force_login(world.resident)
    page = client.get(invitations_url(world)).content.decode()
    assert "Geblokkeerd" in page and "Opnieuw uitnodigen" in page


def test_someone_logged_in_is_asked_to_log_out_first(client, world, ria):
    invitation, _code = send(client, world, ria)
    client.force_login(world.other_resident)
    page = client.get(link_path(invitation.message)).content.decode()
    assert "Deze uitnodiging is voor iemand anders" in page


def test_the_resident_cancels_and_the_link_stops_working(client, world, ria):
    invitation, code = send(client, world, ria)
    url = reverse("households:invitation_cancel", args=[world.household.pk, invitation.pk])
    client.force_login(world.coordinator)
    assert client.post(url).status_code == 403
    client.force_login(world.other_resident)
    assert client.post(url).status_code == 404
    client.force_login(world.resident)
    assert client.post(url).status_code == 302
    client.logout()
    page = client.post(link_path(invitation.message), {"code": code}).content.decode()
    assert "Deze uitnodiging is ingetrokken" in page


def test_no_idor_across_households(client, world, ria):
    """Another household's resident, and someone who joined another household's circle, find
    nothing here; and a member of another household cannot be invited through this one's URL."""
    other_member = CircleMemberFactory(household=world.other_household, email="o@example.org")
    sent = services.invite_circle_member(
        actor=world.other_resident, member=other_member, channel="email"
    )
    client.post(link_path(sent.invitation.message), {"code": sent.code})
    client.post(reverse("households:accept_welcome"), {"how": "link"})
    other_member.refresh_from_db()
    other_invitee = other_member.user
    invitation, _code = send(client, world, ria)
    pages = [
        reverse("households:invitations", args=[world.household.pk]),
        reverse("households:invite", args=[world.household.pk, ria.pk]),
        reverse("households:invite_new", args=[world.household.pk]),
        reverse("households:invitation_code", args=[world.household.pk, invitation.pk]),
        reverse("households:invitation_cancel", args=[world.household.pk, invitation.pk]),
        reverse("plans:overview", args=[world.household.pk]),
    ]
    for user in (world.other_resident, other_invitee):
        client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(pages[4]).status_code == 404
    # The resident's own household in the URL, another household's member or invitation in it.
    client.force_login(world.resident)
    crossed = [
        reverse("households:invite", args=[world.household.pk, other_member.pk]),
        reverse("households:invitation_code", args=[world.household.pk, sent.invitation.pk]),
        reverse("households:invitation_cancel", args=[world.household.pk, sent.invitation.pk]),
    ]
    for url in crossed:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"channel": "email"}).status_code == 404, url
    sent.invitation.refresh_from_db()
    assert sent.invitation.status == CircleInvitation.Status.ACCEPTED


def test_withdrawn_access_counts_from_the_next_request(client, world, ria):
    invitation, code = send(client, world, ria)
    client.post(link_path(invitation.message), {"code": code})
    client.post(reverse("households:accept_welcome"), {"how": "link"})
    plan = reverse("plans:overview", args=[world.household.pk])
    assert client.get(plan).status_code == 200
    ria.refresh_from_db()
    services.remove_circle_member(actor=world.resident, member=ria)
    assert client.get(plan).status_code == 404


def test_the_resident_reads_in_the_access_log_who_joined(client, world, ria):
    invitation, code = send(client, world, ria)
    client.post(link_path(invitation.message), {"code": code})
    client.post(reverse("households:accept_welcome"), {"how": "link"})
    client.force_login(world.resident)
    page = client.get(reverse("privacy:access_log", args=[world.household.pk])).content.decode()
    assert "uw uitnodiging aangenomen en doet nu mee" in page
