"""Inviting the circle, the services: single use, expiry, throttled guessing, permissions, and
nothing secret in the audit trail."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from eigenplan.households import services
from eigenplan.households.models import CircleInvitation, CircleMember, SignInLink
from eigenplan.notifications.models import Message
from eigenplan.privacy.models import AuditEvent
from tests.accounts.clock import Clock
from tests.factories import CircleMemberFactory

pytestmark = pytest.mark.django_db


def request_from(address="203.0.113.7"):
    return RequestFactory().post("/uitnodiging/", REMOTE_ADDR=address)


def token_of(invitation: CircleInvitation) -> str:
    message = Message.objects.get(pk=invitation.message_id)
    return parse_qs(urlsplit(message.secret).query)["sleutel"][0]


def invite(world, member, **options):
    return services.invite_circle_member(
        actor=world.resident, member=member, channel=options.pop("channel", "email"), **options
    )


def test_the_resident_invites_by_email_and_sees_a_code_once(world, ria):
    sent = invite(world, ria)
    invitation = sent.invitation
    assert re.fullmatch(r"\d{6}", sent.code)
    assert invitation.state(invitation.created_at) == "sent"
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=14)
    message = invitation.message
    assert message.kind == Message.Kind.INVITATION
    assert message.address == "ria@example.org"
    text = message.full_text()
    assert "Fatima El Amrani" in text
    assert "/uitnodiging/?sleutel=" in text
    # Neither the code nor anything from the plan is in the message.
    assert sent.code not in text
    assert world.plan.dream not in text


def test_only_hashes_of_token_and_code_are_kept(world, ria):
    sent = invite(world, ria)
    token = token_of(sent.invitation)
    invitation = CircleInvitation.objects.get(pk=sent.invitation.pk)
    stored = [str(getattr(invitation, f.attname)) for f in CircleInvitation._meta.fields]
    assert not any(token in value or sent.code in value for value in stored)
    assert services.find_invitation(token) == invitation


def test_no_code_or_token_in_the_audit_trail(world, ria):
    sent = invite(world, ria)
    token = token_of(sent.invitation)
    services.verify_invitation_code(
        request=request_from(), invitation=sent.invitation, code=sent.code
    )
    services.accept_invitation(invitation=sent.invitation, with_password=False)
    events = list(AuditEvent.objects.filter(object_type="circleinvitation").order_by("sequence"))
    assert [e.verb for e in events] == ["invitation_sent", "invitation_accepted"]
    for event in events:
        dumped = repr(event.detail)
        assert token not in dumped and sent.code not in dumped


def test_the_code_can_go_by_sms_when_the_link_goes_by_email(world, ria):
    sent = invite(world, ria, code_by="sms")
    assert sent.code is None
    code_message = Message.objects.get(kind=Message.Kind.INVITATION_CODE)
    assert code_message.channel == "sms"
    assert code_message.address == "0612345678"
    assert re.search(r"\d{6}", code_message.full_text())
    assert code_message.household == world.household


def test_link_and_code_never_go_in_one_sms(world, ria):
    with pytest.raises(ValidationError) as refused:
        invite(world, ria, channel="sms", code_by="sms")
    assert "code_by" in refused.value.message_dict


def test_an_invitation_needs_an_address_that_works(world):
    member = CircleMemberFactory(household=world.household, name="Zonder adres")
    with pytest.raises(ValidationError) as refused:
        invite(world, member)
    assert refused.value.message_dict["email"] == ["Vul het e-mailadres in."]
    with pytest.raises(ValidationError) as refused:
        invite(world, member, channel="sms", phone="12")
    assert "phone" in refused.value.message_dict
    sent = invite(world, member, channel="sms", phone="+31 6 1234 5678")
    assert sent.invitation.address == "+31612345678"
    assert CircleInvitation.objects.count() == 1


@pytest.mark.parametrize("who", ["coordinator", "circle_user", "stranger", "other_resident"])
def test_only_the_pen_holder_invites(world, ria, who):
    with pytest.raises(PermissionDenied):
        services.invite_circle_member(actor=getattr(world, who), member=ria, channel="email")
    assert not CircleInvitation.objects.exists()
    assert not Message.objects.exists()


def test_someone_who_already_joined_needs_no_invitation(world):
    with pytest.raises(ValidationError):
        invite(world, world.circle_member)  # Samira has an account


def test_the_right_code_then_joining_with_a_password(world, ria):
    sent = invite(world, ria)
    services.verify_invitation_code(
        request=request_from(), invitation=sent.invitation, code=sent.code[:3] + " " + sent.code[3:]
    )
    user = services.accept_invitation(
        invitation=sent.invitation,
        with_password=True,
        username="ria",
        password="lange-zin-voor-ria-2026",
        password2="lange-zin-voor-ria-2026",
    )
    ria.refresh_from_db()
    assert ria.user == user
    assert user.role == "circle_member"
    assert user.check_password("lange-zin-voor-ria-2026")
    assert user.display_name == "Ria"
    sent.invitation.refresh_from_db()
    assert sent.invitation.status == CircleInvitation.Status.ACCEPTED


def test_a_weak_password_or_taken_username_is_refused_with_nothing_made(world, ria):
    sent = invite(world, ria)
    with pytest.raises(ValidationError) as refused:
        services.accept_invitation(
            invitation=sent.invitation,
            with_password=True,
            username="resident",
            password="kort",
            password2="anders",
        )
    errors = refused.value.message_dict
    assert set(errors) == {"username", "password", "password2"}
    ria.refresh_from_db()
    assert ria.user is None
    assert services.why_unusable(sent.invitation) is None


def test_a_link_is_single_use(world, ria):
    sent = invite(world, ria)
    services.accept_invitation(invitation=sent.invitation, with_password=False)
    invitation = services.find_invitation(token_of(sent.invitation))
    assert services.why_unusable(invitation) == "accepted"
    with pytest.raises(services.InvitationUnusable) as unusable:
        services.verify_invitation_code(
            request=request_from(), invitation=invitation, code=sent.code
        )
    assert unusable.value.why == "accepted"
    with pytest.raises(services.InvitationUnusable):
        services.accept_invitation(invitation=invitation, with_password=False)


def test_a_link_expires(world, ria, monkeypatch, settings):
    settings.EIGENPLAN_INVITATION_DAYS = 14
    clock = Clock.install(monkeypatch)
    sent = invite(world, ria)
    clock.advance(days=13, hours=23)
    assert services.why_unusable(sent.invitation) is None
    clock.advance(hours=1)
    assert services.why_unusable(sent.invitation) == "expired"
    with pytest.raises(services.InvitationUnusable) as unusable:
        services.verify_invitation_code(
            request=request_from(), invitation=sent.invitation, code=sent.code
        )
    assert unusable.value.why == "expired"


def test_the_expiry_is_configurable(world, ria, settings):
    settings.EIGENPLAN_INVITATION_DAYS = 3
    sent = invite(world, ria)
    assert sent.invitation.expires_at - sent.invitation.created_at == datetime.timedelta(days=3)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_five_wrong_codes_block_the_invitation(world, ria):
    sent = invite(world, ria)
    messages = []
    for _attempt in range(4):
        with pytest.raises(ValidationError) as refused:
            services.verify_invitation_code(
                request=request_from(), invitation=sent.invitation, code=wrong(sent.code)
            )
        messages.append(refused.value.message_dict["code"][0])
    assert messages[0] == "Deze code klopt niet. U kunt het nog 4 keer proberen."
    assert messages[-1] == "Deze code klopt niet. U kunt het nog 1 keer proberen."
    with pytest.raises(services.InvitationUnusable) as unusable:
        services.verify_invitation_code(
            request=request_from(), invitation=sent.invitation, code=wrong(sent.code)
        )
    assert unusable.value.why == "blocked"
    # Even the right code does not help now.
    with pytest.raises(services.InvitationUnusable):
        services.verify_invitation_code(
            request=request_from("198.51.100.1"), invitation=sent.invitation, code=sent.code
        )
    sent.invitation.refresh_from_db()
    assert sent.invitation.state(sent.invitation.created_at) == "blocked"
    assert AuditEvent.objects.filter(verb="invitation_blocked").count() == 1
    # The resident sends a new one, which works.
    again = invite(world, ria)
    services.verify_invitation_code(
        request=request_from("198.51.100.1"), invitation=again.invitation, code=again.code
    )


def test_guessing_from_one_address_is_throttled_across_invitations(world, settings):
    settings.LOGIN_THROTTLE = {
        "per_username": 5,
        "per_ip": 6,
        "window_minutes": 15,
        "lockout_minutes": 15,
    }
    members = [
        CircleMemberFactory(household=world.household, email=f"m{n}@example.org") for n in range(3)
    ]
    sents = [invite(world, member) for member in members]
    refusals = []
    for sent in sents:
        for _attempt in range(3):
            try:
                services.verify_invitation_code(
                    request=request_from(), invitation=sent.invitation, code=wrong(sent.code)
                )
            except ValidationError as error:
                refusals.append(error.message_dict["code"][0])
    assert refusals[-1].startswith("Er is te vaak een verkeerde code ingevuld.")
    # The right code from that address is refused too while the lockout lasts; from another
    # address it works.
    last = sents[-1]
    with pytest.raises(ValidationError):
        services.verify_invitation_code(
            request=request_from(), invitation=last.invitation, code=last.code
        )
    services.verify_invitation_code(
        request=request_from("198.51.100.9"), invitation=last.invitation, code=last.code
    )


def test_a_new_invitation_replaces_the_old_link(world, ria):
    first = invite(world, ria)
    second = invite(world, ria)
    assert (
        services.why_unusable(services.find_invitation(token_of(first.invitation))) == "cancelled"
    )
    assert services.why_unusable(second.invitation) is None


def test_the_resident_cancels_an_invitation(world, ria):
    sent = invite(world, ria)
    with pytest.raises(PermissionDenied):
        services.cancel_invitation(actor=world.other_resident, invitation=sent.invitation)
    services.cancel_invitation(actor=world.resident, invitation=sent.invitation)
    sent.invitation.refresh_from_db()
    assert services.why_unusable(sent.invitation) == "cancelled"
    assert AuditEvent.objects.filter(verb="invitation_cancelled").count() == 1
    with pytest.raises(ValidationError):
        services.cancel_invitation(actor=world.resident, invitation=sent.invitation)


def test_a_member_who_left_the_circle_cannot_join(world, ria):
    sent = invite(world, ria)
    services.remove_circle_member(actor=world.resident, member=ria)
    assert services.why_unusable(services.find_invitation(token_of(sent.invitation))) == "gone"


def test_adding_and_inviting_a_new_member_is_all_or_nothing(world):
    with pytest.raises(ValidationError) as refused:
        services.add_and_invite_circle_member(
            actor=world.resident,
            household=world.household,
            invitation={"channel": "email", "code_by": "screen", "language": "nl"},
            name="",
            relation="friend",
            email="",
        )
    assert set(refused.value.message_dict) == {"name", "email"}
    assert not CircleMember.objects.filter(relation="friend").exists()
    sent = services.add_and_invite_circle_member(
        actor=world.resident,
        household=world.household,
        invitation={"channel": "email", "code_by": "screen", "language": "en"},
        name="Tom",
        relation="friend",
        email="tom@example.org",
        shared_life_domains=["money"],
    )
    assert sent.invitation.circle_member.name == "Tom"
    text = sent.invitation.message.full_text()
    assert "Open this link" in text  # the language chosen for Tom


# --- signing in again without a password -------------------------------------------------------


def joined_link_only(world, ria):
    sent = invite(world, ria)
    return services.accept_invitation(invitation=sent.invitation, with_password=False)


def test_a_link_only_member_gets_a_single_use_sign_in_link(world, ria, monkeypatch):
    clock = Clock.install(monkeypatch)
    user = joined_link_only(world, ria)
    assert not user.has_usable_password()
    services.request_sign_in_link(request=request_from(), address="RIA@example.org")
    message = Message.objects.get(kind=Message.Kind.SIGN_IN_LINK)
    assert message.recipient == user
    token = parse_qs(urlsplit(message.secret).query)["sleutel"][0]
    link = services.find_sign_in_link(token)
    assert SignInLink.objects.get().token_hash != token
    assert services.use_sign_in_link(link=link) == user
    assert services.use_sign_in_link(link=link) is None  # single use
    services.request_sign_in_link(request=request_from(), address="ria@example.org")
    second = SignInLink.objects.latest("id")
    clock.advance(minutes=31)
    assert services.use_sign_in_link(link=second) is None  # expired


def test_no_sign_in_link_for_unknown_addresses_or_old_invitation_addresses(world, ria):
    first = invite(world, ria)  # to ria@example.org, then replaced
    assert first
    second = invite(world, ria, email="ria.nieuw@example.org")
    services.accept_invitation(invitation=second.invitation, with_password=False)
    services.request_sign_in_link(request=request_from(), address="onbekend@example.org")
    services.request_sign_in_link(request=request_from(), address="ria@example.org")
    assert not Message.objects.filter(kind=Message.Kind.SIGN_IN_LINK).exists()
    services.request_sign_in_link(request=request_from(), address="ria.nieuw@example.org")
    assert Message.objects.filter(kind=Message.Kind.SIGN_IN_LINK).count() == 1


def test_asking_for_sign_in_links_is_limited(world, ria):
    joined_link_only(world, ria)
    for _attempt in range(5):
        services.request_sign_in_link(request=request_from(), address="ria@example.org")
    with pytest.raises(ValidationError):
        services.request_sign_in_link(request=request_from(), address="ria@example.org")
    assert Message.objects.filter(kind=Message.Kind.SIGN_IN_LINK).count() == 5
