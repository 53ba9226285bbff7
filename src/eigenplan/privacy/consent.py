"""The resident's decisions about who sees what, kept as history.

Two kinds of decision, both unchangeable records whose newest one is in force from the next
request on:

- per circle member: the life domains of the plan and the dream (SharingDecision);
- per professional role in the household's own team (RoleSharingDecision): the assigned
  coordinator, the other team members, the team lead. Parts: the goals per life domain, the
  dream (with what goes well and what the resident can give), conversations, decisions and
  documents.

Defaults, until the resident decides otherwise (explained to them on the sharing page): the
coordinator sees the whole file, because they work with the household; other team members and
the team lead see nothing. Professionals of another team never see anything (only through
emergency access, privacy.emergency)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from eigenplan.households.access import forget_standing
from eigenplan.households.models import Household
from eigenplan.privacy.audit import record_event
from eigenplan.privacy.models import ProfessionalRole, RoleSharingDecision, SharingDecision
from eigenplan.privacy.parts import ALL_PARTS, DEFAULT_ROLE_PARTS, newest_role_parts


def record_sharing_decision(*, actor, member, withdraw: bool = False) -> SharingDecision:
    """Keep the circle member's sharing as it now stands (or a withdrawal of all of it) as a new,
    unchangeable decision. Called by the services inside their transaction."""
    return SharingDecision.objects.create(
        household_id=member.household_id,
        circle_member=member,
        shared_life_domains=[] if withdraw else list(member.shared_life_domains),
        shares_dream=False if withdraw else member.shares_dream,
        shares_contact=False if withdraw else member.shares_contact,
        decided_by_id=actor.pk if actor is not None else None,
        decided_by_name=str(actor) if actor is not None else "",
    )


def sharing_history(member) -> QuerySet[SharingDecision]:
    return SharingDecision.objects.filter(circle_member=member).order_by("-decided_at", "-id")


# --- professional roles ------------------------------------------------------------------------


def clean_parts(parts) -> list[str]:
    """The chosen parts in the page's order; an unknown part is refused in plain words."""
    chosen = {str(part) for part in (parts or [])}
    if chosen - set(ALL_PARTS):
        raise ValidationError({"parts": _("Kies alleen delen uit de lijst.")})
    return [part for part in ALL_PARTS if part in chosen]


@transaction.atomic
def decide_role_sharing(*, actor, household: Household, role: str, parts) -> RoleSharingDecision:
    """The resident decides what the professionals in `role` may see: a new, unchangeable
    decision, in force from the next request on. Sharing nothing is a withdrawal."""
    if not actor.has_perm("privacy.manage_sharing", household):
        raise PermissionDenied(_("Alleen de inwoner zelf beslist wie wat mag zien."))
    if role not in ProfessionalRole.values:
        raise ValidationError({"role": _("Kies voor wie dit besluit is.")})
    decision = RoleSharingDecision.objects.create(
        household=household,
        role=role,
        parts=clean_parts(parts),
        decided_by_id=actor.pk,
        decided_by_name=str(actor),
    )
    forget_standing(actor)
    record_event(
        actor=actor,
        household=household,
        verb="share",
        obj=decision,
        detail={"role": role, "parts": decision.parts},
    )
    return decision


def role_sharing_history(household: Household) -> QuerySet[RoleSharingDecision]:
    return RoleSharingDecision.objects.filter(household=household).order_by("-decided_at", "-id")


def role_parts_now(household: Household) -> dict[str, frozenset[str]]:
    """What each professional role may see now (the newest decision, else the default), in
    one query."""
    row = (
        Household.objects.filter(pk=household.pk)
        .annotate(**{f"parts_{role}": newest_role_parts(role) for role in ProfessionalRole.values})
        .values(*(f"parts_{role}" for role in ProfessionalRole.values))
        .first()
        or {}
    )
    return {
        role: DEFAULT_ROLE_PARTS[role]
        if row.get(f"parts_{role}") is None
        else frozenset(row[f"parts_{role}"])
        for role in ProfessionalRole.values
    }
