"""Writes to households and their circle: one transaction each, permission and validation first,
an audit event with the change."""

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eigenplan.accounts import throttle
from eigenplan.accounts.models import Role
from eigenplan.core.errors import ConflictError
from eigenplan.households.access import forget_standing
from eigenplan.households.models import (
    CircleInvitation,
    CircleMember,
    CoordinatorAssignment,
    Household,
    SignInLink,
    TeamMembership,
    TeamRole,
)
from eigenplan.households.selectors import pen_holders
from eigenplan.notifications.models import SECRET_MARK, Message
from eigenplan.notifications.services import queue_message, site_url
from eigenplan.plans.models import LifeDomain, Plan
from eigenplan.privacy.audit import record_event
from eigenplan.privacy.consent import record_sharing_decision


def _require(actor, perm: str, household: Household) -> None:
    if not actor.has_perm(perm, household):
        raise PermissionDenied(_("U mag dit niet doen bij dit huishouden."))


def clean_circle_member_fields(data: dict[str, Any]) -> dict[str, Any]:
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _("Vul een naam in. Een voornaam is genoeg.")
    elif len(name) > 150:
        errors["name"] = _("Deze naam is te lang.")
    relation = data.get("relation")
    if relation not in CircleMember.Relation.values:
        errors["relation"] = _("Kies wat deze persoon voor u is.")
    email = (data.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Dit e-mailadres klopt niet. Kijk of er een @ in staat.")
    phone = (data.get("phone") or "").strip()
    if phone and (len(phone) > 20 or not all(c.isdigit() or c in "+- ()" for c in phone)):
        errors["phone"] = _(
            "Dit telefoonnummer klopt niet. Gebruik alleen cijfers, spaties, + of -."
        )
    domains = list(data.get("shared_life_domains") or [])
    if any(domain not in LifeDomain.values for domain in domains):
        errors["shared_life_domains"] = _("Kies alleen leefgebieden uit de lijst.")
    detail = (data.get("relation_detail") or "").strip()
    if len(detail) > 120:
        errors["relation_detail"] = _("Dit is te lang. Gebruik niet meer dan 120 tekens.")
    closeness = data.get("closeness") or None  # not given: stays as it is (new: "near")
    if closeness is not None and closeness not in CircleMember.Closeness.values:
        errors["closeness"] = _("Kies hoe dichtbij deze persoon staat.")
    if errors:
        raise ValidationError(errors)
    cleaned = {
        "name": name,
        "relation": relation,
        "relation_detail": detail,
        "email": email,
        "phone": phone,
        "shared_life_domains": [d for d in LifeDomain.values if d in domains],
        "shares_dream": bool(data.get("shares_dream")),
        "shares_contact": bool(data.get("shares_contact")),
    }
    if closeness is not None:
        cleaned["closeness"] = closeness
    return cleaned


def _touch_plan(household: Household) -> None:
    # The circle is part of the plan: a change means there is something new to approve.
    Plan.objects.filter(household=household).update(has_unapproved_changes=True)


@transaction.atomic
def add_circle_member(*, actor, household: Household, **data) -> CircleMember:
    _require(actor, "households.manage_circle", household)
    member = CircleMember.objects.create(household=household, **clean_circle_member_fields(data))
    record_sharing_decision(actor=actor, member=member)
    _touch_plan(household)
    record_event(actor=actor, household=household, verb="create", obj=member)
    return member


@transaction.atomic
def update_circle_member(
    *, actor, member: CircleMember, expected_revision: int | None = None, **data
) -> CircleMember:
    _require(actor, "households.manage_circle", member.household)
    fields = clean_circle_member_fields(data)
    current = member.revision if expected_revision is None else expected_revision
    updated = CircleMember.objects.filter(pk=member.pk, revision=current).update(
        revision=current + 1, **fields
    )
    if not updated:
        raise ConflictError(current=CircleMember.objects.filter(pk=member.pk).first())
    sharing_before = (member.shared_life_domains, member.shares_dream, member.shares_contact)
    member.refresh_from_db()
    if (member.shared_life_domains, member.shares_dream, member.shares_contact) != sharing_before:
        # A change of what this person may see holds from their next request on.
        record_sharing_decision(actor=actor, member=member)
    _touch_plan(member.household)
    record_event(actor=actor, household=member.household, verb="update", obj=member)
    return member


@transaction.atomic
def remove_circle_member(*, actor, member: CircleMember) -> None:
    """A member who leaves the circle stays in old versions and past actions, so the record is
    kept and marked inactive; they lose access at once."""
    _require(actor, "households.manage_circle", member.household)
    CircleMember.objects.filter(pk=member.pk).update(is_active=False, revision=member.revision + 1)
    record_sharing_decision(actor=actor, member=member, withdraw=True)
    _touch_plan(member.household)
    record_event(actor=actor, household=member.household, verb="remove", obj=member)


# --- inviting the circle ----------------------------------------------------------------------
# The resident invites a circle member by e-mail or SMS. The message holds a single-use link
# that expires; the resident passes on a one-time code in person (or it goes by SMS when the
# link went by e-mail), so the link alone is not enough. Only hashes of token and code are kept,
# and neither ever reaches an audit event or a log line.

CODE_DIGITS = 6
MAX_CODE_ATTEMPTS = 5


@dataclass(frozen=True)
class SentInvitation:
    invitation: CircleInvitation
    code: str | None  # to show the resident once; None when the code went by SMS


class InvitationUnusable(Exception):
    """The link cannot be used (any more): why is one of "unknown", "accepted", "expired",
    "blocked", "cancelled", "gone" (the member left the circle or has an account)."""

    def __init__(self, why: str):
        self.why = why
        super().__init__(why)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _code_hash(invitation_token_hash: str, code: str) -> str:
    return salted_hmac(
        "eigenplan.households.invitation-code",
        f"{invitation_token_hash}:{code}",
        algorithm="sha256",
    ).hexdigest()


def _clean_phone(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit() or c == "+")


def _valid_mobile(phone: str) -> bool:
    digits = [c for c in phone if c.isdigit()]
    return (
        len(phone) <= 20 and len(digits) >= 10 and all(c.isdigit() or c in "+- ()" for c in phone)
    )


def _clean_invitation(member: CircleMember, channel, email, phone, code_by, language) -> dict:
    """The invitation's fields; `email` and `phone` default to what the circle member has."""
    errors = {}
    email = (email or "").strip() or member.email
    phone = (phone or "").strip() or member.phone
    address = ""
    if channel == CircleInvitation.Channel.EMAIL:
        address = email
        if not email:
            errors["email"] = _("Vul het e-mailadres in.")
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors["email"] = _("Dit e-mailadres klopt niet. Kijk of er een @ in staat.")
    elif channel == CircleInvitation.Channel.SMS:
        address = _clean_phone(phone)
        if not phone:
            errors["phone"] = _("Vul het mobiele nummer in.")
        elif not _valid_mobile(phone):
            errors["phone"] = _("Dit telefoonnummer klopt niet. Vul een mobiel nummer in.")
    else:
        errors["channel"] = _("Kies hoe de uitnodiging moet gaan: per e-mail of per sms.")
    code_phone = ""
    if code_by not in CircleInvitation.CodeBy.values:
        errors["code_by"] = _("Kies hoe de code bij deze persoon komt.")
    elif code_by == CircleInvitation.CodeBy.SMS:
        if channel == CircleInvitation.Channel.SMS:
            errors["code_by"] = _(
                "De link gaat al per sms. Geef de code dan zelf door, anders staat alles in één "
                "bericht."
            )
        elif not phone or not _valid_mobile(phone):
            errors["code_by"] = _(
                "Voor een code per sms is een goed mobiel nummer nodig. Vul het in, of geef de "
                "code zelf door."
            )
        else:
            code_phone = _clean_phone(phone)
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Kies een taal uit de lijst.")
    if errors:
        raise ValidationError(errors)
    return {
        "channel": channel,
        "address": address,
        "code_by": code_by,
        "language": language,
        "code_phone": code_phone,
    }


def _invitation_texts(invitation: CircleInvitation, inviter: str) -> tuple[str, str]:
    """Subject and body of the invitation, in the language chosen for the recipient. Nothing
    from the plan: who invites, a link, until when, and where the code comes from."""
    with translation.override(invitation.language):
        until = date_format(timezone.localtime(invitation.expires_at), "j F Y")
        subject = _("%(name)s nodigt u uit om mee te helpen") % {"name": inviter}
        if invitation.code_by == CircleInvitation.CodeBy.SMS:
            code_line = _("U heeft ook een code van 6 cijfers nodig. Die krijgt u in een sms.")
        else:
            code_line = _(
                "U heeft ook een code van 6 cijfers nodig. Die krijgt u van %(name)s zelf."
            ) % {"name": inviter}
        if invitation.channel == CircleInvitation.Channel.SMS:
            body = _(
                "%(name)s vraagt u om mee te helpen met een plan in eigenplan. "
                "Open deze link: %(link)s. %(code_line)s De link werkt tot %(until)s."
            ) % {"name": inviter, "link": SECRET_MARK, "code_line": code_line, "until": until}
        else:
            body = "\n\n".join(
                [
                    _("Hallo %(member)s,") % {"member": invitation.circle_member.name},
                    _(
                        "%(name)s maakt een plan met eigenplan van %(municipality)s. "
                        "%(name)s vraagt u om mee te helpen."
                    )
                    % {"name": inviter, "municipality": settings.MUNICIPALITY_NAME},
                    _("Open deze link om mee te doen:") + "\n" + SECRET_MARK,
                    code_line,
                    _("De link werkt tot %(until)s. U kunt de link één keer gebruiken.")
                    % {"until": until},
                    _("Kent u %(name)s niet? Dan kunt u dit bericht weggooien.")
                    % {"name": inviter},
                ]
            )
    return str(subject), str(body)


def _code_text(invitation: CircleInvitation, inviter: str) -> str:
    with translation.override(invitation.language):
        return str(
            _(
                "Uw code voor de uitnodiging van %(name)s in eigenplan: %(code)s. "
                "Geef deze code aan niemand anders."
            )
            % {"name": inviter, "code": SECRET_MARK}
        )


def _close_open_invitations(member: CircleMember, now) -> None:
    """A new invitation replaces the ones still open: their links stop working."""
    CircleInvitation.objects.filter(
        circle_member=member, status=CircleInvitation.Status.PENDING
    ).update(status=CircleInvitation.Status.CANCELLED, finished_at=now)


@transaction.atomic
def invite_circle_member(
    *,
    actor,
    member: CircleMember,
    channel: str,
    email: str = "",
    phone: str = "",
    code_by: str = CircleInvitation.CodeBy.SCREEN,
    language: str = "nl",
) -> SentInvitation:
    """Invite a circle member without an account. A new invitation replaces any earlier one."""
    _require(actor, "households.manage_circle", member.household)
    member = CircleMember.objects.select_for_update().get(pk=member.pk)
    if not member.is_active:
        raise ValidationError(_("Deze persoon staat niet meer in uw kring."))
    if member.user_id is not None:
        raise ValidationError(
            _("%(name)s doet al mee en heeft geen nieuwe uitnodiging nodig.")
            % {"name": member.name}
        )
    fields = _clean_invitation(member, channel, email, phone, code_by, language)
    code_phone = fields.pop("code_phone")
    now = timezone.now()
    _close_open_invitations(member, now)
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    token_hash = _token_hash(token)
    invitation = CircleInvitation.objects.create(
        household=member.household,
        circle_member=member,
        invited_by=actor,
        token_hash=token_hash,
        code_hash=_code_hash(token_hash, code),
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.EIGENPLAN_INVITATION_DAYS),
        **fields,
    )
    inviter = str(actor)
    subject, body = _invitation_texts(invitation, inviter)
    link = site_url(reverse("households:accept") + "?" + urlencode({"sleutel": token}))
    invitation.message = queue_message(
        kind=Message.Kind.INVITATION,
        channel=invitation.channel,
        address=invitation.address,
        subject=subject,
        body=body,
        secret=link,
        household=member.household,
        language=invitation.language,
    )
    invitation.save(update_fields=["message"])
    if invitation.code_by == CircleInvitation.CodeBy.SMS:
        queue_message(
            kind=Message.Kind.INVITATION_CODE,
            channel=Message.Channel.SMS,
            address=code_phone,
            body=_code_text(invitation, inviter),
            secret=code,
            household=member.household,
            language=invitation.language,
        )
    record_event(
        actor=actor,
        household=member.household,
        verb="invitation_sent",
        obj=invitation,
        detail={"circle_member": member.pk, "channel": invitation.channel, "code_by": code_by},
    )
    return SentInvitation(invitation, None if code_by == CircleInvitation.CodeBy.SMS else code)


@transaction.atomic
def add_and_invite_circle_member(
    *, actor, household: Household, invitation: dict, **member_data
) -> SentInvitation:
    """A new circle member, invited at once at the e-mail address or number given for them:
    both or neither."""
    # Every mistake at once, before anything is written.
    errors: dict[str, list[str]] = {}
    try:
        clean_circle_member_fields(member_data)
    except ValidationError as error:
        errors.update(error.message_dict)
    contact = CircleMember(
        email=(member_data.get("email") or "").strip(),
        phone=(member_data.get("phone") or "").strip(),
    )
    try:
        _clean_invitation(
            contact,
            invitation.get("channel"),
            "",
            "",
            invitation.get("code_by"),
            invitation.get("language"),
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)
    member = add_circle_member(actor=actor, household=household, **member_data)
    return invite_circle_member(actor=actor, member=member, **invitation)


@transaction.atomic
def cancel_invitation(*, actor, invitation: CircleInvitation) -> None:
    _require(actor, "households.manage_circle", invitation.household)
    updated = CircleInvitation.objects.filter(
        pk=invitation.pk, status=CircleInvitation.Status.PENDING
    ).update(status=CircleInvitation.Status.CANCELLED, finished_at=timezone.now())
    if not updated:
        raise ValidationError(_("Deze uitnodiging loopt niet meer. Er is niets in te trekken."))
    record_event(
        actor=actor,
        household=invitation.household,
        verb="invitation_cancelled",
        obj=invitation,
        detail={"circle_member": invitation.circle_member_id},
    )


def find_invitation(token: str | None) -> CircleInvitation | None:
    if not token or len(token) > 100:
        return None
    return (
        CircleInvitation.objects.select_related("circle_member", "household", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )


def why_unusable(invitation: CircleInvitation | None) -> str | None:
    """None when the invitation can be used now; else the reason (see InvitationUnusable)."""
    if invitation is None:
        return "unknown"
    state = invitation.state(timezone.now())
    if state != "sent":
        return state
    member = invitation.circle_member
    if not member.is_active or member.user_id is not None:
        return "gone"
    return None


def _throttle_key(invitation: CircleInvitation) -> str:
    return f"circle-invitation:{invitation.pk}"


def _throttled_message(error: throttle.LoginThrottled) -> str:
    return ngettext(
        "Er is te vaak een verkeerde code ingevuld. Probeer het over %(minutes)d minuut opnieuw.",
        "Er is te vaak een verkeerde code ingevuld. Probeer het over %(minutes)d minuten opnieuw.",
        error.minutes,
    ) % {"minutes": error.minutes}


def verify_invitation_code(*, request, invitation: CircleInvitation, code: str) -> None:
    """Check the code typed by the person who opened the link. Raises InvitationUnusable when
    the link cannot be used, ValidationError for a wrong code. Guessing is throttled: after
    MAX_CODE_ATTEMPTS wrong codes the invitation is blocked for good (the resident can send a new
    one), and one client address gets the login throttle's limit across all invitations."""
    why = why_unusable(
        CircleInvitation.objects.select_related("circle_member").filter(pk=invitation.pk).first()
    )
    if why is not None:
        raise InvitationUnusable(why)
    code = "".join((code or "").split())
    if not code:
        raise ValidationError({"code": _("Vul de code van 6 cijfers in.")})
    try:
        throttle.check(request, _throttle_key(invitation))
    except throttle.LoginThrottled as error:
        raise ValidationError({"code": _throttled_message(error)}) from None
    with transaction.atomic():
        locked = CircleInvitation.objects.select_for_update().get(pk=invitation.pk)
        why = why_unusable(locked)
        if why is not None:
            raise InvitationUnusable(why)
        if hmac.compare_digest(locked.code_hash, _code_hash(locked.token_hash, code)):
            return
        locked.failed_attempts += 1
        blocked = locked.failed_attempts >= MAX_CODE_ATTEMPTS
        if blocked:
            locked.status = CircleInvitation.Status.BLOCKED
            locked.finished_at = timezone.now()
        locked.save(update_fields=["failed_attempts", "status", "finished_at"])
        if blocked:
            record_event(
                actor=None,
                household=locked.household,
                verb="invitation_blocked",
                obj=locked,
                detail={"circle_member": locked.circle_member_id, "wrong_codes": MAX_CODE_ATTEMPTS},
            )
    throttle.record_failure(request, _throttle_key(invitation))
    if blocked:
        raise InvitationUnusable("blocked")
    left = MAX_CODE_ATTEMPTS - locked.failed_attempts
    raise ValidationError(
        {
            "code": ngettext(
                "Deze code klopt niet. U kunt het nog %(left)d keer proberen.",
                "Deze code klopt niet. U kunt het nog %(left)d keer proberen.",
                left,
            )
            % {"left": left}
        }
    )


def _clean_account(member: CircleMember, with_password: bool, username, password, password2):
    User = get_user_model()
    errors = {}
    username = (username or "").strip()
    user = User(
        username=username,
        role=Role.CIRCLE_MEMBER,
        display_name=member.name[:150],
        email=member.email,
    )
    if not with_password:
        return user
    if not username:
        errors["username"] = _("Kies een gebruikersnaam.")
    elif len(username) > 150 or not all(c.isalnum() or c in "@.+-_" for c in username):
        errors["username"] = _(
            "Gebruik voor uw gebruikersnaam alleen letters, cijfers en @ . + - _ "
            "(niet meer dan 150 tekens)."
        )
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = _("Deze gebruikersnaam is al bezet. Kies een andere.")
    if not password:
        errors["password"] = _("Kies een wachtwoord.")
    else:
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            errors["password"] = error.messages
        if password != password2:
            errors["password2"] = _("De twee wachtwoorden zijn niet hetzelfde.")
    if errors:
        raise ValidationError(errors)
    return user


@transaction.atomic
def accept_invitation(
    *,
    invitation: CircleInvitation,
    with_password: bool,
    username: str = "",
    password: str = "",
    password2: str = "",
):
    """The invited person joins: an account with role circle_member, linked to the circle
    member, with a password or link-only (they sign in again with a single-use link). Call only
    after verify_invitation_code succeeded in the same session."""
    locked = (
        CircleInvitation.objects.select_for_update()
        .select_related("circle_member")
        .get(pk=invitation.pk)
    )
    why = why_unusable(locked)
    if why is not None:
        raise InvitationUnusable(why)
    member = locked.circle_member
    user = _clean_account(member, with_password, username, password, password2)
    if with_password:
        user.set_password(password)
    else:
        user.username = f"kring-{secrets.token_hex(6)}"
        user.set_unusable_password()
    if locked.channel == CircleInvitation.Channel.EMAIL:
        user.email = locked.address
    user.save()
    CircleMember.objects.filter(pk=member.pk).update(user=user, revision=member.revision + 1)
    if locked.channel == CircleInvitation.Channel.EMAIL and not member.email:
        CircleMember.objects.filter(pk=member.pk).update(email=locked.address)
    if locked.channel == CircleInvitation.Channel.SMS and not member.phone:
        CircleMember.objects.filter(pk=member.pk).update(phone=locked.address)
    locked.status = CircleInvitation.Status.ACCEPTED
    locked.finished_at = timezone.now()
    locked.save(update_fields=["status", "finished_at"])
    record_event(
        actor=user,
        household=locked.household,
        verb="invitation_accepted",
        obj=locked,
        detail={"circle_member": member.pk, "with_password": bool(with_password)},
    )
    return user


# --- signing in again without a password --------------------------------------------------------


def _sign_in_text(language: str) -> tuple[str, str]:
    with translation.override(language):
        minutes = settings.EIGENPLAN_SIGN_IN_LINK_MINUTES
        subject = _("Uw link om in te loggen bij eigenplan")
        body = _(
            "Met deze link logt u in bij eigenplan:\n%(link)s\n\nDe link werkt %(minutes)d "
            "minuten en één keer. Heeft u niet om deze link gevraagd? Dan kunt u dit bericht "
            "weggooien."
        ) % {"link": SECRET_MARK, "minutes": minutes}
    return str(subject), str(body)


def request_sign_in_link(*, request, address: str) -> None:
    """Send a single-use sign-in link to a circle member without a password whose e-mail
    address or mobile number this is. Says nothing about whether the address is known (the page
    answers the same either way); a few requests per address and client address at most."""
    address = (address or "").strip()
    if not address:
        raise ValidationError({"address": _("Vul uw e-mailadres of mobiele nummer in.")})
    key = f"sign-in-link:{address.casefold()}"
    try:
        throttle.check(request, key)
    except throttle.LoginThrottled as error:
        raise ValidationError(
            {
                "address": ngettext(
                    "U heeft al een paar keer om een link gevraagd. Kijk in uw e-mail of sms. "
                    "Of probeer het over %(minutes)d minuut opnieuw.",
                    "U heeft al een paar keer om een link gevraagd. Kijk in uw e-mail of sms. "
                    "Of probeer het over %(minutes)d minuten opnieuw.",
                    error.minutes,
                )
                % {"minutes": error.minutes}
            }
        ) from None
    throttle.record_failure(request, key)  # every request counts: it sends a message
    accepted = CircleInvitation.Status.ACCEPTED
    # The address the accepted invitation went to (SMS numbers are kept cleaned), or the account's
    # e-mail address: found through the index on the invitation's address.
    if "@" in address:
        channel = Message.Channel.EMAIL
        found = Q(invitations__address__iexact=address, invitations__status=accepted) | Q(
            user__email__iexact=address
        )
    else:
        channel = Message.Channel.SMS
        found = Q(invitations__address=_clean_phone(address), invitations__status=accepted)
    members = (
        CircleMember.objects.filter(
            found,
            is_active=True,
            user__is_active=True,
            user__role=Role.CIRCLE_MEMBER,
        )
        .select_related("user")
        .distinct()[:10]
    )
    now = timezone.now()
    with transaction.atomic():
        for member in {m.user_id: m for m in members if not m.user.has_usable_password()}.values():
            token = secrets.token_urlsafe(32)
            SignInLink.objects.create(
                user=member.user,
                token_hash=_token_hash(token),
                created_at=now,
                expires_at=now
                + datetime.timedelta(minutes=settings.EIGENPLAN_SIGN_IN_LINK_MINUTES),
            )
            link = site_url(
                reverse("households:sign_in_link_use") + "?" + urlencode({"sleutel": token})
            )
            subject, body = _sign_in_text(translation.get_language() or "nl")
            queue_message(
                kind=Message.Kind.SIGN_IN_LINK,
                channel=channel,
                address=address,
                subject=subject,
                body=body,
                secret=link,
                recipient=member.user,
                household=member.household,
                language=translation.get_language() or "nl",
            )


def find_sign_in_link(token: str | None) -> SignInLink | None:
    if not token or len(token) > 100:
        return None
    return SignInLink.objects.select_related("user").filter(token_hash=_token_hash(token)).first()


@transaction.atomic
def use_sign_in_link(*, link: SignInLink):
    """The user behind a sign-in link that is still good, which is then used up; else None."""
    now = timezone.now()
    used = SignInLink.objects.filter(
        pk=link.pk, used_at__isnull=True, expires_at__gt=now, user__is_active=True
    ).update(used_at=now)
    return link.user if used else None


# --- the coordinator and the hand-over -----------------------------------------------------------

MAX_HAND_OVER_REASON = 500


def may_hand_over(actor, household: Household) -> bool:
    """The current coordinator, or the team lead of the household's team."""
    if not actor.is_authenticated or not actor.is_professional:
        return False
    if household.coordinator_id == actor.pk:
        return True
    return TeamMembership.objects.filter(
        team_id=household.team_id, user=actor, role=TeamRole.LEAD
    ).exists()


def _mail_about_coordinator(household: Household, user, subject: str, paragraphs: list) -> None:
    if not user.email or not user.is_active:
        return  # they see it on their pages
    queue_message(
        kind=Message.Kind.COORDINATOR_CHANGED,
        channel=Message.Channel.EMAIL,
        address=user.email,
        recipient=user,
        household=household,
        subject=str(subject),
        body="\n\n".join([_("Hallo %(name)s,") % {"name": user}, *map(str, paragraphs)]),
    )


def _notify_hand_over(household: Household, assignment: CoordinatorAssignment, team: str) -> None:
    """Tell the new coordinator and the pen holders by e-mail. Nothing from the plan: who, since
    when, and where to look."""
    new = assignment.coordinator
    with translation.override("nl"):
        since = date_format(timezone.localtime(assignment.started_at), "j F Y")
        file_url = site_url(reverse("households:file", args=[household.pk]))
        _mail_about_coordinator(
            household,
            new,
            _("U bent de nieuwe regisseur van een huishouden"),
            [
                _(
                    "%(by)s heeft huishouden nummer %(number)s aan u overgedragen. U bent "
                    "sinds %(since)s de regisseur."
                )
                % {"by": assignment.assigned_by_name, "number": household.pk, "since": since},
                _("Het dossier:") + "\n" + file_url,
            ],
        )
        plan_url = site_url(reverse("plans:overview", args=[household.pk]))
        for user in pen_holders(household):
            _mail_about_coordinator(
                household,
                user,
                _("U heeft een nieuwe regisseur"),
                [
                    _(
                        "Vanaf %(since)s is %(coordinator)s van %(team)s uw regisseur. Dat is "
                        "de persoon van het buurtteam die met u werkt aan uw plan."
                    )
                    % {"since": since, "coordinator": new, "team": team},
                    _(
                        "Uw plan blijft hetzelfde. Uw nieuwe regisseur ziet wat u met de "
                        "regisseur deelt."
                    ),
                    _("Uw plan:") + "\n" + plan_url,
                ],
            )


def _switch_coordinator(household, *, previous, to, actor, reason) -> CoordinatorAssignment | None:
    """End the open assignment now and open one for `to` (none when `to` is None)."""
    now = timezone.now()
    ended = CoordinatorAssignment.objects.filter(household=household, ended_at__isnull=True).update(
        ended_at=now
    )
    if not ended and previous is not None:
        # A coordinator from before the history was kept: their time starts at registration.
        CoordinatorAssignment.objects.create(
            household=household,
            coordinator=previous,
            coordinator_name=str(previous)[:150],
            started_at=min(household.created_at, now),
            ended_at=now,
        )
    if to is None:
        return None
    return CoordinatorAssignment.objects.create(
        household=household,
        coordinator=to,
        coordinator_name=str(to)[:150],
        started_at=now,
        assigned_by=actor,
        assigned_by_name=str(actor)[:150],
        reason=reason,
    )


@transaction.atomic
def record_coordinator_set_in_admin(*, actor, household: Household, previous) -> None:
    """The administrator changed the coordinator in the admin (/beheer/), which checked the team
    (Household.clean): the history follows, with the administrator as who did it. The admin has
    already saved the household."""
    if not (actor.is_staff and actor.has_perm("households.change_household")):
        raise PermissionDenied(_("U mag dit niet doen bij dit huishouden."))
    to = household.coordinator
    assignment = _switch_coordinator(
        household, previous=previous, to=to, actor=actor, reason=str(_("Aangepast in het beheer."))
    )
    record_event(
        actor=actor,
        household=household,
        verb="hand_over",
        obj=assignment or household,
        detail={
            "from_coordinator": previous.pk if previous is not None else None,
            "to_coordinator": to.pk if to is not None else None,
        },
    )


@transaction.atomic
def hand_over_household(
    *, actor, household: Household, to_coordinator, reason: str
) -> CoordinatorAssignment:
    """Make `to_coordinator` the household's one coordinator: the current coordinator's
    assignment ends now and a new one starts, with who did it and why. Only the current
    coordinator or the team lead may do it; the new coordinator works in the household's team.
    The new coordinator and the pen holders get a message."""
    # Locks the household row only: its team and coordinator may be missing (outer joins).
    household = (
        Household.objects.select_for_update(of=("self",))
        .select_related("team", "coordinator")
        .get(pk=household.pk)
    )
    if not may_hand_over(actor, household):
        raise PermissionDenied(
            _("Alleen de regisseur van dit huishouden of de teamleider kan het overdragen.")
        )
    errors = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Schrijf op waarom u het huishouden overdraagt.")
    elif len(reason) > MAX_HAND_OVER_REASON:
        errors["reason"] = _("Deze reden is te lang. Gebruik niet meer dan 500 tekens.")
    if to_coordinator is None:
        errors["to_coordinator"] = _("Kies de nieuwe regisseur.")
    elif to_coordinator.pk == household.coordinator_id:
        errors["to_coordinator"] = _("%(name)s is al de regisseur. Kies iemand anders.") % {
            "name": to_coordinator
        }
    elif not (
        to_coordinator.is_active
        and to_coordinator.is_professional
        and TeamMembership.objects.filter(team_id=household.team_id, user=to_coordinator).exists()
    ):
        errors["to_coordinator"] = _(
            "%(name)s werkt niet in het buurtteam van dit huishouden. Kies iemand uit het team."
        ) % {"name": to_coordinator}
    if household.closed_at is not None:
        errors[None] = _("Het dossier van dit huishouden is gesloten. Open het eerst weer.")
    if errors:
        raise ValidationError(errors)
    previous = household.coordinator
    assignment = _switch_coordinator(
        household, previous=previous, to=to_coordinator, actor=actor, reason=reason
    )
    Household.objects.filter(pk=household.pk).update(coordinator=to_coordinator)
    forget_standing(actor)
    forget_standing(to_coordinator)
    _notify_hand_over(household, assignment, household.team.name if household.team else "")
    record_event(
        actor=actor,
        household=household,
        verb="hand_over",
        obj=assignment,
        detail={
            "from_coordinator": previous.pk if previous is not None else None,
            "to_coordinator": to_coordinator.pk,
        },
    )
    return assignment
