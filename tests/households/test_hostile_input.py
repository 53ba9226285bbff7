"""Malformed and hostile input thrown at every invitation form: never a server error, and no
account, link or message made from it."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from eigenplan.households import services
from eigenplan.households.models import CircleInvitation, CircleMember
from tests.factories import CircleMemberFactory
from tests.test_hostile_input import CIRCLE_FIELDS, HYPOTHESIS, form_data, text

INVITATION_FIELDS = ["channel", "code_by", "language", "email", "phone"]


@pytest.fixture
def invited(world):
    member = CircleMemberFactory(household=world.household, name="Ria", email="ria@example.org")
    return member, services.invite_circle_member(
        actor=world.resident, member=member, channel="email"
    )


@HYPOTHESIS
@given(data=st.data())
def test_the_residents_invitation_forms_never_fail(client, world, invited, data):
    member, sent = invited
    household = world.household.pk
    client.force_login(world.resident)
    forms = {
        reverse("households:invite", args=[household, member.pk]): INVITATION_FIELDS,
        reverse("households:invite_new", args=[household]): CIRCLE_FIELDS + INVITATION_FIELDS,
        reverse("households:invitation_cancel", args=[household, sent.invitation.pk]): [],
    }
    for url, fields in forms.items():
        payload = data.draw(form_data(fields), label=url)
        response = client.post(url, payload)
        assert response.status_code < 500, (url, payload)
    assert CircleMember.objects.filter(pk=member.pk, is_active=True).exists()


@HYPOTHESIS
@given(
    code=text,
    welcome=form_data(["how", "username", "password", "password2"]),
    address=text,
    token=text,
)
def test_the_invited_persons_forms_never_fail(
    client, world, invited, code, welcome, address, token
):
    _member, sent = invited
    invitation = CircleInvitation.objects.get(pk=sent.invitation.pk)
    link = invitation.message.secret.split("127.0.0.1:8000", 1)[-1]
    for response in (
        client.post(link, {"code": code}),
        client.post(reverse("households:accept_welcome"), welcome),
        client.post(reverse("households:sign_in_link"), {"address": address}),
        client.get(reverse("households:accept"), {"sleutel": token}),
        client.post(reverse("households:sign_in_link_use") + "?" + f"sleutel={token}"),
    ):
        assert response.status_code < 500
    # Without the code, nobody joined.
    invitation.circle_member.refresh_from_db()
    assert invitation.circle_member.user is None
