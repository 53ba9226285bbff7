"""Reads for households, shaped for pages and the API."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from eigenplan.households.models import (
    CircleInvitation,
    CircleMember,
    Household,
    Person,
    Representative,
)
from eigenplan.notifications.models import Message


def households_for_user(user) -> QuerySet[Household]:
    """Every household the user has any standing with: their own, the ones they represent,
    the ones they coordinate, and the ones whose circle they are an active member of."""
    if not user.is_authenticated:
        return Household.objects.none()
    # One UNION of household ids, each part found through an indexed foreign key, then the
    # households by primary key. Not OR-ed joins with DISTINCT (0.3 s at 100,000 households),
    # and not OR-ed `pk IN (...)` conditions either: PostgreSQL cannot use an index for an OR
    # of hashed subplans and filters every household (15 ms at 100,000, against 0.7 ms here;
    # bench/results/).
    ids = (
        Person.objects.filter(user=user)
        .order_by()
        .values("household_id")
        .union(
            Representative.objects.filter(user=user).order_by().values("household_id"),
            Household.objects.filter(coordinator=user).order_by().values("id"),
            CircleMember.objects.filter(user=user, is_active=True)
            .order_by()
            .values("household_id"),
            *_shared_with_my_team_role(user),
        )
    )
    return Household.objects.filter(pk__in=ids)


def shared_with_my_team_role(user) -> QuerySet[Household]:
    """Households of the professional's teams that share something with their role there (they
    do not coordinate them): for the list beside their own households."""
    parts = _shared_with_my_team_role(user)
    if not parts:
        return Household.objects.none()
    ids = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    return Household.objects.filter(pk__in=ids).order_by("street", "house_number", "id")


def _shared_with_my_team_role(user) -> list[QuerySet]:
    """For a professional: the households of their teams whose resident shares something with
    their role there (a team member or the team lead), one part per team they are in."""
    if not user.is_professional:
        return []
    from eigenplan.households.models import TeamMembership, TeamRole
    from eigenplan.privacy.models import RoleSharingDecision
    from eigenplan.privacy.parts import DEFAULT_ROLE_PARTS, newest_role_parts

    parts = []
    for team_id, role in TeamMembership.objects.filter(user=user).values_list("team_id", "role"):
        role_name = "team_lead" if role == TeamRole.LEAD else "team_member"
        households = Household.objects.filter(team_id=team_id)
        if not DEFAULT_ROLE_PARTS[role_name]:
            # Nothing is shared with this role until the resident decides so: only households
            # with a decision for it can share something. Looking at those, not at every
            # household of the team (2,000 in a seeded team), keeps the caseload fast.
            decided = RoleSharingDecision.objects.filter(role=role_name).values("household_id")
            households = households.filter(pk__in=decided)
        parts.append(
            households.exclude(coordinator=user)
            .annotate(shared=newest_role_parts(role_name))
            .exclude(shared=None)
            .exclude(shared=[])
            .order_by()
            .values("id")
        )
    return parts


def pen_holders(household: Household) -> list:
    """The users who hold the pen, for messages about the household: its adults with an active
    account and its named representatives with one (two queries), each once."""
    today = timezone.localdate()
    adults = [
        person.user
        for person in Person.objects.filter(household=household, user__is_active=True)
        .select_related("user")
        .order_by("id")
        if person.is_adult_on(today)
    ]
    representatives = [
        rep.user
        for rep in Representative.objects.filter(
            household=household, user__is_active=True
        ).select_related("user")
    ]
    return list({user.pk: user for user in adults + representatives}.values())


def active_circle(household: Household) -> QuerySet[CircleMember]:
    return household.circle.filter(is_active=True)


@dataclass(frozen=True)
class InvitationRow:
    member: CircleMember
    invitation: CircleInvitation | None
    # "joined" (has an account), "none" (never invited), or the invitation's state: "sent",
    # "accepted", "expired", "blocked", "cancelled".
    state: str
    not_delivered: bool = False


def invitation_overview(household: Household) -> list[InvitationRow]:
    """Every active circle member with their newest invitation and its state, in two queries."""
    members = list(active_circle(household))
    latest: dict[int, CircleInvitation] = {}
    invitations = (
        CircleInvitation.objects.filter(household=household, circle_member__is_active=True)
        .select_related("message")
        .order_by("circle_member_id", "-created_at", "-id")
    )
    for invitation in invitations:
        latest.setdefault(invitation.circle_member_id, invitation)
    now = timezone.now()
    rows = []
    for member in members:
        invitation = latest.get(member.pk)
        if member.user_id is not None:
            state = "joined"
        elif invitation is None:
            state = "none"
        else:
            state = invitation.state(now)
        not_delivered = (
            state == "sent"
            and invitation.message is not None
            and invitation.message.status == Message.Status.FAILED
        )
        rows.append(InvitationRow(member, invitation, state, not_delivered))
    return rows


def team_professionals(household: Household) -> dict[str, list]:
    """The professionals of the household's team by the role the resident decides about
    ("coordinator", "team_member", "team_lead"), each with their function, in one query."""
    from eigenplan.households.models import TeamMembership, TeamRole

    by_role: dict[str, list] = {"coordinator": [], "team_member": [], "team_lead": []}
    memberships = (
        TeamMembership.objects.filter(team_id=household.team_id)
        .select_related("user")
        .order_by("user__display_name", "user__username")
        if household.team_id is not None
        else []
    )
    coordinator_listed = False
    for membership in memberships:
        if membership.user_id == household.coordinator_id:
            by_role["coordinator"].append(membership)
            coordinator_listed = True
        elif membership.role == TeamRole.LEAD:
            by_role["team_lead"].append(membership)
        else:
            by_role["team_member"].append(membership)
    if not coordinator_listed and household.coordinator is not None:
        by_role["coordinator"].append(
            TeamMembership(user=household.coordinator, role=TeamRole.COORDINATOR)
        )
    return by_role
