"""What the plan asks of a coordinator (households.attention): proposals that wait for the
resident's answer, and actions whose date has passed. One query each, for any caseload."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from eigenplan.households.attention import AttentionItem, Urgency, provider, urgency_of
from eigenplan.plans.models import Action, Proposal

WAITED_TOO_LONG_DAYS = 28


@provider("proposals")
def proposals_waiting(household_ids: list[int]) -> dict[int, list[AttentionItem]]:
    rows = (
        Proposal.objects.filter(plan__household_id__in=household_ids, status=Proposal.Status.OPEN)
        .values("plan__household_id")
        .annotate(n=Count("id"), oldest=Min("created_at"))
        .order_by()
    )
    today = timezone.localdate()
    found: dict[int, list[AttentionItem]] = {}
    for row in rows:
        household_id = row["plan__household_id"]
        waited = (today - timezone.localtime(row["oldest"]).date()).days
        found[household_id] = [
            AttentionItem(
                kind="proposals",
                label=gettext("Voorstellen wachten op de inwoner"),
                due=None,
                url=reverse("plans:proposals", args=[household_id]),
                # After a month of waiting it is worth a conversation.
                urgency=Urgency.DUE_SOON if waited > WAITED_TOO_LONG_DAYS else Urgency.WAITING,
                count=row["n"],
            )
        ]
    return found


@provider("actions_overdue")
def actions_overdue(household_ids: list[int]) -> dict[int, list[AttentionItem]]:
    """Per household and life domain (a life domain is a part the resident may keep from the
    coordinator), the actions still to do whose date has passed."""
    today = timezone.localdate()
    rows = (
        Action.objects.filter(
            goal__plan__household_id__in=household_ids,
            status__in=(Action.Status.TODO, Action.Status.DOING),
            due_date__lt=today,
        )
        .values("goal__plan__household_id", "goal__life_domain")
        .annotate(n=Count("id"), earliest=Min("due_date"))
        .order_by()
    )
    found: dict[int, list[AttentionItem]] = {}
    for row in rows:
        household_id = row["goal__plan__household_id"]
        found.setdefault(household_id, []).append(
            AttentionItem(
                kind="actions_overdue",
                label=gettext("Acties over de datum"),
                due=row["earliest"],
                url=reverse("plans:overview", args=[household_id]) + "#doelen",
                urgency=urgency_of(row["earliest"], today),
                count=row["n"],
                part=row["goal__life_domain"],
            )
        )
    return found
