"""Commitments: an action of the plan that the resident gives to someone in their circle is a
request until that person answers it. They accept it, decline it with a reason, mark it done,
or hand it back. Every answer is one transaction with an audit event; the circle member hears
of a new request, and the resident of a refusal, through the outbox (never with plan content in
the message).

The commitment lives on plans.Action (`commitment`, `commitment_reason`,
`commitment_answered_at`); plans.services starts it (`assignment_changed`) when the resident
gives an action to a circle member, directly or by accepting a proposal."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eigenplan.core.errors import ConflictError
from eigenplan.households.access import standing
from eigenplan.households.models import CircleMember, Household
from eigenplan.households.selectors import pen_holders
from eigenplan.notifications.models import Message
from eigenplan.notifications.services import queue_message, site_url
from eigenplan.plans.models import Action, Performer, Plan
from eigenplan.privacy.audit import record_event

Commitment = Action.Commitment
OPEN_STATUSES = (Action.Status.TODO, Action.Status.DOING)
MAX_REASON = 1000


class Answer:
    ACCEPT = "accept"
    DECLINE = "decline"
    DONE = "done"
    HAND_BACK = "hand_back"

    ALL = (ACCEPT, DECLINE, DONE, HAND_BACK)


# Which commitment each answer may follow.
ANSWERABLE_FROM = {
    Answer.ACCEPT: (Commitment.REQUESTED,),
    Answer.DECLINE: (Commitment.REQUESTED,),
    Answer.DONE: (Commitment.ACCEPTED,),
    Answer.HAND_BACK: (Commitment.ACCEPTED,),
}


def may_answer(action: Action, answer: str) -> bool:
    """Whether the commitment can take this answer now. A request can be accepted also when
    the work turned out to be done already (a promise kept); everything else needs the action
    to be still open."""
    if action.commitment not in ANSWERABLE_FROM[answer]:
        return False
    if answer == Answer.ACCEPT:
        return action.status != Action.Status.STOPPED
    return action.status in OPEN_STATUSES


# --- starting a request (called by plans.services) -------------------------------------------


def assignment_changed(action: Action, fields: dict) -> bool:
    """Whether a change with these fields asks anew: it gives the action to another circle
    member (or to one for the first time, or to no circle member any more), or to the same one
    again after they said no or handed it back."""
    before = action.circle_member_id if action.performer == Performer.CIRCLE_MEMBER else None
    after = (
        fields.get("circle_member_id")
        if fields.get("performer", action.performer) == Performer.CIRCLE_MEMBER
        else None
    )
    refused = action.commitment in (Commitment.DECLINED, Commitment.HANDED_BACK)
    return before != after or (after is not None and refused)


def commitment_fields(fields: dict) -> dict:
    """The commitment an action starts with when it is given to these fields' performer: a
    request to a circle member, else none."""
    asked = fields.get("performer") == Performer.CIRCLE_MEMBER and fields.get("circle_member_id")
    return {
        "commitment": Commitment.REQUESTED if asked else Commitment.NONE,
        "commitment_reason": "",
        "commitment_answered_at": None,
    }


def request_made(*, actor, action: Action) -> None:
    """Tell the circle member that something is asked of them, if they have an account and an
    address. The message says who asks and where to look; nothing of the plan itself."""
    member = (
        CircleMember.objects.select_related("user", "household")
        .filter(pk=action.circle_member_id, is_active=True, user__is_active=True)
        .first()
    )
    if member is None:
        return
    channel, address = _address_of(member)
    if not address:
        return
    link = site_url(reverse("circle:my_commitments"))
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("%(name)s vraagt u om iets te doen") % {"name": actor}
        body = _(
            "Hallo %(member)s,\n\n%(name)s vraagt u om te helpen met iets uit het plan. "
            "Kijk in eigenplan wat er gevraagd wordt, en zeg ja of nee:\n%(link)s"
        ) % {"member": member.name, "name": actor, "link": link}
    queue_message(
        kind=Message.Kind.COMMITMENT_REQUEST,
        channel=channel,
        address=address,
        subject=str(subject),
        body=str(body),
        recipient=member.user,
        household=member.household,
        language=language,
    )


def _address_of(member: CircleMember) -> tuple[str, str]:
    email = member.email or (member.user.email if member.user_id else "")
    if email:
        return Message.Channel.EMAIL, email
    if member.phone:
        return Message.Channel.SMS, "".join(c for c in member.phone if c.isdigit() or c == "+")
    return Message.Channel.EMAIL, ""


# --- answering --------------------------------------------------------------------------------


def _clean_reason(reason, *, required: bool) -> str:
    text = reason.strip() if isinstance(reason, str) else ""
    if required and not text:
        raise ValidationError(
            {"reason": _("Schrijf kort op waarom het niet kan. Een paar woorden is genoeg.")}
        )
    if len(text) > MAX_REASON:
        raise ValidationError(
            {
                "reason": _("Dit is te lang. Gebruik niet meer dan %(max)s tekens.")
                % {"max": MAX_REASON}
            }
        )
    return text


@transaction.atomic
def answer_commitment(*, actor, action: Action, answer: str, reason: str = "") -> Action:
    """The circle member's answer to what is asked of them. The pen holder may record an answer
    for a circle member without an account (they said yes or no in person); the audit event
    says so."""
    if answer not in Answer.ALL:
        raise ValidationError({"answer": _("Kies wat u wilt antwoorden.")})
    action = (
        Action.objects.select_for_update(of=("self",))
        .select_related("goal__plan__household", "circle_member")
        .get(pk=action.pk)
    )
    household = action.goal.plan.household
    member = action.circle_member
    if action.performer != Performer.CIRCLE_MEMBER or member is None or not member.is_active:
        raise PermissionDenied(_("Deze afspraak is niet aan iemand uit de kring gevraagd."))
    view = standing(actor, household)
    own = view.circle_member_id is not None and view.circle_member_id == member.pk
    if not own and not view.holds_pen:
        raise PermissionDenied(_("Deze vraag is niet aan u gesteld."))
    if not may_answer(action, answer):
        raise ConflictError(_why_not(action))
    cleaned = _clean_reason(reason, required=answer == Answer.DECLINE)
    now = timezone.now()
    changed = ["commitment_answered_at", "updated_at"]
    action.commitment_answered_at = now
    action.updated_at = now
    if answer == Answer.ACCEPT:
        action.commitment = Commitment.ACCEPTED
        changed.append("commitment")
    elif answer in (Answer.DECLINE, Answer.HAND_BACK):
        action.commitment = (
            Commitment.DECLINED if answer == Answer.DECLINE else Commitment.HANDED_BACK
        )
        action.commitment_reason = cleaned
        changed += ["commitment", "commitment_reason"]
    else:
        # Done changes the plan itself: a new revision for the action (an open edit form of the
        # resident sees the change), and something new for the resident to approve.
        action.status = Action.Status.DONE
        action.revision = F("revision") + 1
        changed += ["status", "revision"]
    action.save(update_fields=changed)
    action.refresh_from_db(fields=["revision"])
    if answer == Answer.DONE:
        Plan.objects.filter(pk=action.goal.plan_id).update(
            revision=F("revision") + 1, has_unapproved_changes=True, updated_at=now
        )
    if own and answer in (Answer.DECLINE, Answer.HAND_BACK):
        # The resident hears of a refusal; not when they noted it themselves.
        _tell_pen_holders(household=household, member=member, answer=answer)
    record_event(
        actor=actor,
        household=household,
        verb=f"commitment_{answer}",
        obj=action,
        detail={"circle_member": member.pk, "on_behalf": not own},
    )
    return action


def _why_not(action: Action) -> str:
    if action.status == Action.Status.DONE:
        return _("Deze afspraak is al klaar.")
    if action.status == Action.Status.STOPPED:
        return _("Deze afspraak is gestopt. Er hoeft niets meer te gebeuren.")
    if action.commitment == Commitment.REQUESTED:
        return _("Zeg eerst ja of nee tegen deze vraag.")
    if action.commitment == Commitment.ACCEPTED:
        return _("U heeft al ja gezegd tegen deze vraag.")
    return _("Deze vraag is al beantwoord.")


def _tell_pen_holders(*, household: Household, member: CircleMember, answer: str) -> None:
    link = site_url(reverse("circle:commitments", args=[household.pk]))
    for user in pen_holders(household):
        if not user.email:
            continue
        language = translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            if answer == Answer.DECLINE:
                subject = _("%(name)s kan iets niet doen") % {"name": member.name}
            else:
                subject = _("%(name)s geeft een afspraak terug") % {"name": member.name}
            body = _(
                "Hallo %(user)s,\n\n%(name)s heeft geantwoord op een vraag uit uw plan. "
                "Kijk in eigenplan wie het nu kan doen:\n%(link)s"
            ) % {"user": user, "name": member.name, "link": link}
        queue_message(
            kind=Message.Kind.COMMITMENT_ANSWER,
            channel=Message.Channel.EMAIL,
            address=user.email,
            subject=str(subject),
            body=str(body),
            recipient=user,
            household=household,
            language=language,
        )


# --- the circle picture -----------------------------------------------------------------------


@transaction.atomic
def place_in_circle(*, actor, member: CircleMember, closeness: str) -> CircleMember:
    """Put a circle member in a ring of the circle picture: how close the resident feels they
    are. The pen holder decides."""
    if not actor.has_perm("households.manage_circle", member.household):
        raise PermissionDenied(_("U mag dit niet doen bij dit huishouden."))
    if closeness not in CircleMember.Closeness.values:
        raise ValidationError({"closeness": _("Kies hoe dichtbij deze persoon staat.")})
    CircleMember.objects.filter(pk=member.pk).update(
        closeness=closeness, revision=F("revision") + 1
    )
    member.refresh_from_db(fields=["closeness", "revision"])
    record_event(
        actor=actor,
        household=member.household,
        verb="update",
        obj=member,
        detail={"fields": ["closeness"]},
    )
    return member
