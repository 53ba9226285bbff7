"""Reads for correction requests, each a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from eigenplan.accounts.models import Role
from eigenplan.households.models import Household
from eigenplan.privacy.models import CorrectionRequest

OPEN = CorrectionRequest.Status.OPEN


def corrections_of(household: Household) -> QuerySet[CorrectionRequest]:
    """Every correction request of the household: open ones first, nearest deadline first."""
    return CorrectionRequest.objects.filter(household=household).order_by(
        "-status", "deadline", "-received_at"
    )


def open_corrections_for_coordinator(user) -> QuerySet[CorrectionRequest]:
    """The open requests of the households the user coordinates, nearest deadline first."""
    return (
        CorrectionRequest.objects.filter(status=OPEN, household__coordinator=user)
        .select_related("household")
        .order_by("deadline", "received_at", "id")
    )


def overdue_corrections(today=None) -> QuerySet[CorrectionRequest]:
    """Every open request past its deadline, for the team lead: who is late, not what was
    asked. (With teams, this is where it narrows to the lead's own team.)"""
    today = today or timezone.localdate()
    return (
        CorrectionRequest.objects.filter(status=OPEN, deadline__lt=today)
        .select_related("household__coordinator")
        .only(
            "id",
            "household_id",
            "received_at",
            "deadline",
            "household__coordinator__display_name",
            "household__coordinator__username",
            "household__coordinator__first_name",
            "household__coordinator__last_name",
        )
        .order_by("deadline", "id")
    )


@dataclass(frozen=True)
class Counts:
    open: int = 0
    overdue: int = 0


def correction_counts(user) -> Counts:
    """For the navigation: a coordinator's open and overdue requests; a team lead's overdue
    ones. One query; none for anyone else."""
    if not user.is_authenticated or user.role not in (Role.COORDINATOR, Role.TEAM_LEAD):
        return Counts()
    today = timezone.localdate()
    overdue = Q(deadline__lt=today)
    if user.role == Role.TEAM_LEAD:
        mine = Q(household__coordinator=user)
        counts = CorrectionRequest.objects.filter(status=OPEN).aggregate(
            open=Count("id", filter=mine), overdue=Count("id", filter=overdue)
        )
    else:
        counts = CorrectionRequest.objects.filter(
            status=OPEN, household__coordinator=user
        ).aggregate(open=Count("id"), overdue=Count("id", filter=overdue))
    return Counts(open=counts["open"] or 0, overdue=counts["overdue"] or 0)
