"""What requests and conversations ask of a coordinator (households.attention), and their
sections of the household file (households.household_file). Fixed queries for any caseload."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from eigenplan.conversations.models import Conversation, Deadline
from eigenplan.conversations.selectors import conversations_of, requests_of
from eigenplan.households.attention import AttentionItem, Urgency, provider, urgency_of
from eigenplan.households.household_file import SectionContent, section
from eigenplan.privacy.models import FilePart


@provider("deadlines")
def legal_deadlines(household_ids: list[int]) -> dict[int, list[AttentionItem]]:
    """Open legal clocks: how many, and the first one due."""
    rows = (
        Deadline.objects.filter(household_id__in=household_ids, status=Deadline.Status.OPEN)
        .values("household_id")
        .annotate(n=Count("id"), first=Min("due_on"))
        .order_by()
    )
    today = timezone.localdate()
    return {
        row["household_id"]: [
            AttentionItem(
                kind="deadlines",
                label=gettext("Wettelijke termijnen lopen"),
                due=row["first"],
                url=reverse("conversations:requests", args=[row["household_id"]]),
                urgency=urgency_of(row["first"], today),
                count=row["n"],
                part=FilePart.CONVERSATIONS,
            )
        ]
        for row in rows
    }


@provider("reports")
def reports_to_finish(household_ids: list[int]) -> dict[int, list[AttentionItem]]:
    """Conversation reports the coordinator still has to write (the resident waits for them)."""
    rows = (
        Conversation.objects.filter(
            household_id__in=household_ids, status=Conversation.Status.DRAFT
        )
        .values("household_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        row["household_id"]: [
            AttentionItem(
                kind="reports",
                label=gettext("Verslag van een gesprek nog schrijven"),
                due=None,
                url=reverse("conversations:list", args=[row["household_id"]]),
                urgency=Urgency.WAITING,
                count=row["n"],
                part=FilePart.CONVERSATIONS,
            )
        ]
        for row in rows
    }


@section("conversations")
def conversations_section(household, view) -> SectionContent | None:
    lines = [
        {
            "text": conversation.get_status_display(),
            "url": reverse("conversations:detail", args=[household.pk, conversation.pk]),
            "date": conversation.held_on,
        }
        for conversation in conversations_of(household).order_by("-id")[:10]
    ]
    return SectionContent("households/_file_lines.html", {"lines": lines}) if lines else None


@section("requests")
def requests_section(household, view) -> SectionContent | None:
    lines = []
    for request in requests_of(household)[:10]:
        open_clocks = [d for d in request.deadlines.all() if d.status == Deadline.Status.OPEN]
        text = f"{request.get_kind_display()}: {request.own_words[:80]}"
        if open_clocks:
            text += " — " + gettext("termijn tot %(day)s") % {
                "day": open_clocks[0].due_on.strftime("%d-%m-%Y")
            }
        lines.append(
            {
                "text": text,
                "url": reverse("conversations:request_detail", args=[household.pk, request.pk]),
                "date": request.received_on,
            }
        )
    return SectionContent("households/_file_lines.html", {"lines": lines}) if lines else None
