"""The parts of a household's file that a resident shares, and what is shared by default.

A part is a life domain's value (the goals and actions in it, e.g. "housing") or a FilePart
("dream", "conversations", "decisions", "documents"). Features ask the Standing
(`standing(user, household).may_see(part)`), never these decisions directly."""

from django.db.models import JSONField, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from eigenplan.plans.models import LifeDomain
from eigenplan.privacy.models import FilePart, ProfessionalRole, RoleSharingDecision

# The household's address and its pen holders' e-mail and phone: shared per circle member
# (CircleMember.shares_contact). The household and its team see them anyway.
CONTACT = "contact"
# Every part of the file, in the order the sharing page shows them.
ALL_PARTS: tuple[str, ...] = (FilePart.DREAM, *LifeDomain.values, *FilePart.values[1:])
# The plan itself: with all of these shared, someone sees the whole plan (and its versions).
PLAN_PARTS = frozenset((FilePart.DREAM, *LifeDomain.values))
# Until the resident decides: the coordinator works with the household and sees everything;
# other team members and the team lead see nothing.
DEFAULT_ROLE_PARTS: dict[str, frozenset[str]] = {
    ProfessionalRole.COORDINATOR: frozenset(ALL_PARTS),
    ProfessionalRole.TEAM_MEMBER: frozenset(),
    ProfessionalRole.TEAM_LEAD: frozenset(),
}


def part_label(part: str) -> str:
    if part == CONTACT:
        return str(_("adres en contactgegevens"))
    if part in LifeDomain.values:
        return str(LifeDomain(part).label)
    if part in FilePart.values:
        return str(FilePart(part).label)
    return part


def newest_role_parts(role: str, household_ref="pk") -> Subquery:
    """The parts of the newest decision for `role` about the household in the outer query
    (None when there is none), read through the (household, role, decided_at) index."""
    return Subquery(
        RoleSharingDecision.objects.filter(household=OuterRef(household_ref), role=role)
        .order_by("-decided_at", "-id")
        .values("parts")[:1],
        output_field=JSONField(),
    )
