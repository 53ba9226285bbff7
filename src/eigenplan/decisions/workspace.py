"""What support and decisions ask of a coordinator (households.attention): mandate requests
that wait for a decision; and the decisions section of the household file."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from eigenplan.decisions.models import Decision, MandateRequest
from eigenplan.households.attention import AttentionItem, provider, urgency_of
from eigenplan.households.household_file import SectionContent, section
from eigenplan.privacy.models import FilePart


@provider("mandate_requests")
def mandate_requests(household_ids: list[int]) -> dict[int, list[AttentionItem]]:
    """Support that waits for the decision of a mandate holder, by its deadline."""
    rows = (
        MandateRequest.objects.filter(
            household_id__in=household_ids, status=MandateRequest.Status.OPEN
        )
        .values("household_id")
        .annotate(n=Count("id"), first=Min("deadline"))
        .order_by()
    )
    today = timezone.localdate()
    return {
        row["household_id"]: [
            AttentionItem(
                kind="mandate_requests",
                label=gettext("Ondersteuning wacht op een besluit"),
                due=row["first"],
                url=reverse("decisions:support", args=[row["household_id"]]),
                urgency=urgency_of(row["first"], today),
                count=row["n"],
                part=FilePart.DECISIONS,
            )
        ]
        for row in rows
    }


@section("decisions")
def decisions_section(household, view) -> SectionContent | None:
    decisions = (
        Decision.objects.filter(household=household)
        .select_related("support_item")
        .order_by("-decided_at", "-id")[:10]
    )
    lines = [
        {
            "text": f"{decision.get_outcome_display()}: {decision.support_item.description}",
            "url": reverse("decisions:support_item", args=[household.pk, decision.support_item_id]),
            "date": timezone.localtime(decision.decided_at).date(),
        }
        for decision in decisions
    ]
    return SectionContent("households/_file_lines.html", {"lines": lines}) if lines else None
