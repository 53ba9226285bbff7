"""Reads for the circle's commitments and its picture. Each function runs a fixed number of
queries, whatever the size of the circle or the plan."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from eigenplan.circle.ecogram import Picture, build_picture
from eigenplan.households.models import CircleMember, Household
from eigenplan.plans.models import Action, Performer

Commitment = Action.Commitment


def is_overdue(action: Action, today: datetime.date) -> bool:
    """Late while still asked or promised (a refused action is the resident's to pick up)."""
    return action.is_open_commitment and action.due_date is not None and action.due_date < today


# --- the circle member's own page -------------------------------------------------------------


@dataclass
class MyCommitments:
    asked: list[Action]  # waiting for their answer
    promised: list[Action]  # accepted, not yet done
    finished: list[Action]  # done, declined, handed back or stopped

    @property
    def is_empty(self) -> bool:
        return not (self.asked or self.promised or self.finished)


def commitments_of_user(user) -> QuerySet[Action]:
    """Every action asked of this user as a member of a circle they are still in, across
    households. Only their own: the circle member record must be linked to them."""
    return (
        Action.objects.filter(
            performer=Performer.CIRCLE_MEMBER,
            circle_member__user=user,
            circle_member__is_active=True,
        )
        .exclude(commitment=Commitment.NONE)
        .select_related("circle_member", "goal__plan__household")
        .order_by("due_date", "id")
    )


def my_commitments(user) -> MyCommitments:
    """One query."""
    page = MyCommitments([], [], [])
    for action in commitments_of_user(user):
        if action.status in (Action.Status.DONE, Action.Status.STOPPED):
            page.finished.append(action)
        elif action.commitment == Commitment.REQUESTED:
            page.asked.append(action)
        elif action.commitment == Commitment.ACCEPTED:
            page.promised.append(action)
        else:
            page.finished.append(action)
    return page


# --- the resident's and coordinator's overview ------------------------------------------------


@dataclass
class MemberCommitments:
    member: CircleMember
    asked: list[Action] = field(default_factory=list)
    promised: list[Action] = field(default_factory=list)
    overdue: list[Action] = field(default_factory=list)
    # Declined or handed back while the action is still open: the resident decides what now.
    returned: list[Action] = field(default_factory=list)
    done: list[Action] = field(default_factory=list)
    busy_threshold: int = 3

    @property
    def open_count(self) -> int:
        return len(self.asked) + len(self.promised)

    @property
    def carries_a_lot(self) -> bool:
        return self.open_count >= self.busy_threshold


def busy_threshold() -> int:
    return max(1, int(getattr(settings, "EIGENPLAN_CIRCLE_BUSY_THRESHOLD", 3)))


def circle_actions(household: Household) -> QuerySet[Action]:
    """The household's actions asked of someone in its circle."""
    return (
        Action.objects.filter(goal__plan__household=household, performer=Performer.CIRCLE_MEMBER)
        .exclude(commitment=Commitment.NONE)
        .select_related("goal")
        .order_by("due_date", "id")
    )


def circle_commitments(household: Household) -> list[MemberCommitments]:
    """Per active circle member what is asked of them, what they promised, what is late and
    what came back. Two queries."""
    threshold = busy_threshold()
    rows = {
        member.pk: MemberCommitments(member, busy_threshold=threshold)
        for member in household.circle.filter(is_active=True)
    }
    today = timezone.localdate()
    for action in circle_actions(household):
        row = rows.get(action.circle_member_id)
        if row is None:  # someone who left the circle
            continue
        if action.status == Action.Status.DONE:
            row.done.append(action)
        elif action.status == Action.Status.STOPPED:
            continue
        elif action.commitment == Commitment.REQUESTED:
            row.asked.append(action)
        elif action.commitment == Commitment.ACCEPTED:
            row.promised.append(action)
        else:
            row.returned.append(action)
        if is_overdue(action, today):
            row.overdue.append(action)
    return list(rows.values())


def open_commitment_counts(household: Household) -> dict[int, int]:
    """Per circle member id the number of open commitments (asked or promised, not finished)."""
    counts: dict[int, int] = {}
    for action in circle_actions(household):
        if action.is_open_commitment:
            counts[action.circle_member_id] = counts.get(action.circle_member_id, 0) + 1
    return counts


def circle_picture(household: Household) -> Picture:
    """The circle picture of the household (circle.ecogram). Three queries."""
    return build_picture(
        household,
        persons=list(household.persons.all()),
        members=list(household.circle.filter(is_active=True)),
        open_counts=open_commitment_counts(household),
    )
