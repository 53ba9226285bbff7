"""Reads for requests, legal clocks and conversations, each in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from eigenplan.conversations.models import (
    ClientSupport,
    Conversation,
    Deadline,
    ReportNote,
    SupportRequest,
)
from eigenplan.households.models import Household


def deadlines_due(household_ids: Iterable[int]) -> dict[int, list[Deadline]]:
    """The open legal clocks of these households, soonest first, per household id: one query,
    for the coordinator's caseload. Households without an open clock are not in the answer."""
    due: dict[int, list[Deadline]] = defaultdict(list)
    open_clocks = (
        Deadline.objects.filter(household_id__in=list(household_ids), status=Deadline.Status.OPEN)
        .only("id", "household_id", "request_id", "law", "name", "unverified", "due_on", "status")
        .order_by("due_on", "id")
    )
    for deadline in open_clocks:
        due[deadline.household_id].append(deadline)
    return dict(due)


def requests_of(household: Household) -> QuerySet[SupportRequest]:
    return household.support_requests.prefetch_related(
        Prefetch(
            "deadlines", queryset=Deadline.objects.select_related("rule").order_by("due_on", "id")
        )
    )


def client_support() -> ClientSupport | None:
    return ClientSupport.objects.order_by("id").first()


def conversations_of(household: Household) -> QuerySet[Conversation]:
    return household.conversations.select_related("request")


def with_notes(conversations: QuerySet[Conversation]) -> QuerySet[Conversation]:
    """Conversations with their notes: the resident's, each with the responses to it."""
    return conversations.select_related("request").prefetch_related(
        Prefetch(
            "notes",
            queryset=ReportNote.objects.filter(in_reply_to=None).prefetch_related("responses"),
            to_attr="resident_notes",
        )
    )


def open_conversation(household: Household) -> Conversation | None:
    """The conversation being prepared or reported on now (not yet final), if any."""
    return (
        household.conversations.exclude(status=Conversation.Status.FINAL)
        .order_by("-created_at", "-id")
        .first()
    )
