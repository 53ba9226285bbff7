"""Reads for support, mandate requests, decisions and letters. Each runs a fixed number of
queries whatever the number of items."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from eigenplan.decisions.models import (
    Decision,
    DecisionLetter,
    Escalation,
    Mandate,
    MandateRequest,
    Provision,
    SupportItem,
)
from eigenplan.decisions.words import amount_in_words
from eigenplan.households.models import Household, TeamMembership, TeamRole
from eigenplan.plans.models import Action, Performer


def professional_actions(household: Household) -> list[Action]:
    """The plan's actions done by a professional, each with its support items."""
    return list(
        Action.objects.filter(goal__plan__household=household, performer=Performer.PROFESSIONAL)
        .select_related("goal")
        .prefetch_related(
            Prefetch(
                "support_items",
                queryset=SupportItem.objects.select_related(
                    "provision", "mandate_request__mandate__holder"
                ),
            )
        )
        .order_by("goal__position", "goal_id", "position", "id")
    )


def catalogue() -> QuerySet[Provision]:
    return Provision.objects.filter(is_active=True).order_by("name")


def support_items_of(household: Household) -> QuerySet[SupportItem]:
    return SupportItem.objects.filter(household=household).select_related(
        "provision", "mandate_request__mandate__holder", "person"
    )


def undecided_letter_decisions(household: Household) -> list[Decision]:
    """Decisions that no letter covers yet: what the next letter will hold."""
    return list(
        Decision.objects.filter(household=household, letters__isnull=True)
        .select_related("support_item")
        .order_by("decided_at", "id")
    )


def letters_of(household: Household) -> QuerySet[DecisionLetter]:
    return DecisionLetter.objects.filter(household=household).defer("html", "pdf")


@dataclass(frozen=True)
class ResidentSupport:
    """One piece of support as the resident reads it in their plan: plain words only."""

    what: str
    amount: str
    goal: str
    start_date: object
    end_date: object
    state: str  # "granted", "waiting", "refused", "draft"


def support_for_resident(household: Household) -> list[ResidentSupport]:
    """Granted support and support the municipality is deciding on, never codes or laws."""
    items = SupportItem.objects.filter(
        household=household,
        status__in=[SupportItem.Status.GRANTED, SupportItem.Status.WAITING],
    ).order_by("start_date", "id")
    return [
        ResidentSupport(
            what=item.description,
            amount=amount_in_words(item.volume, item.unit, item.frequency),
            goal=item.goal_text,
            start_date=item.start_date,
            end_date=item.end_date,
            state=item.status,
        )
        for item in items
    ]


def mandate_requests_waiting(household_ids) -> dict[int, list[MandateRequest]]:
    """Open mandate requests per household, for the coordinator's caseload: one query."""
    waiting: dict[int, list[MandateRequest]] = defaultdict(list)
    requests = (
        MandateRequest.objects.filter(
            household_id__in=list(household_ids), status=MandateRequest.Status.OPEN
        )
        .select_related("support_item", "mandate__holder")
        .order_by("deadline", "id")
    )
    for request in requests:
        waiting[request.household_id].append(request)
    return dict(waiting)


def led_team_ids(user) -> list[int]:
    return list(
        TeamMembership.objects.filter(user=user, role=TeamRole.LEAD).values_list(
            "team_id", flat=True
        )
    )


def dashboard_requests(user) -> list[MandateRequest]:
    """Open requests this professional should see: those waiting on them, those they asked,
    and, for a team lead, every open request of their teams' households. Overdue and escalated
    ones first."""
    today = timezone.localdate()
    teams = led_team_ids(user)
    mine = Q(mandate__holder=user) | Q(requested_by=user)
    if teams:
        mine |= Q(household__team_id__in=teams)
    requests = list(
        MandateRequest.objects.filter(mine, status=MandateRequest.Status.OPEN)
        .select_related("support_item", "mandate__holder", "household", "requested_by")
        .order_by("deadline", "id")[:200]
    )
    requests.sort(key=lambda r: (not r.is_overdue(today), r.escalations == 0, r.deadline, r.pk))
    return requests


def may_view_request(user, request: MandateRequest) -> bool:
    """The holder now, earlier holders, the coordinator who asked, and the team lead of the
    household's team (who holds the power to push through, doorzettingsmacht)."""
    if not user.is_authenticated or not user.is_professional:
        return False
    if request.mandate.holder_id == user.pk or request.requested_by_id == user.pk:
        return True
    if Escalation.objects.filter(request=request, from_mandate__holder=user).exists():
        return True
    return request.household.team_id in led_team_ids(user)


def mandate_of(user) -> Mandate | None:
    return Mandate.objects.filter(holder=user).first()
