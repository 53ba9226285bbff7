"""What family group conferences ask of a coordinator (households.attention): a review date
coming up or passed, and a conference in the professionals' assessment step; and the reviews
section of the household file. Fixed queries for any caseload."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from eigenplan.conferences.models import Conference, Status
from eigenplan.households.attention import AttentionItem, Urgency, provider, urgency_of
from eigenplan.households.household_file import SectionContent, section


@provider("reviews")
def reviews(household_ids: list[int]) -> dict[int, list[AttentionItem]]:
    rows = (
        Conference.objects.filter(
            household_id__in=household_ids, status=Status.FOLLOW_UP, review_date__isnull=False
        )
        .order_by("review_date", "id")
        .values_list("household_id", "id", "review_date")
    )
    today = timezone.localdate()
    found: dict[int, list[AttentionItem]] = {}
    for household_id, conference_id, review_date in rows:
        if household_id in found:
            continue
        found[household_id] = [
            AttentionItem(
                kind="reviews",
                label=gettext("Terugkijken op het plan"),
                due=review_date,
                url=reverse("conferences:detail", args=[household_id, conference_id]),
                urgency=urgency_of(review_date, today),
            )
        ]
    return found


@provider("conference_assessment")
def conferences_to_assess(household_ids: list[int]) -> dict[int, list[AttentionItem]]:
    """The family presented its plan: the professionals say per condition whether it meets it."""
    rows = (
        Conference.objects.filter(household_id__in=household_ids, status=Status.ASSESSMENT)
        .order_by("id")
        .values_list("household_id", "id")
    )
    return {
        household_id: [
            AttentionItem(
                kind="conference_assessment",
                label=gettext("Plan van de conferentie beoordelen"),
                due=None,
                url=reverse("conferences:assessment", args=[household_id, conference_id]),
                urgency=Urgency.WAITING,
            )
        ]
        for household_id, conference_id in rows
    }


@section("reviews")
def conferences_section(household, view) -> SectionContent | None:
    lines = [
        {
            "text": gettext("Eigen Kracht-conferentie: %(status)s")
            % {"status": conference.get_status_display()},
            "url": reverse("conferences:detail", args=[household.pk, conference.pk]),
            "date": conference.review_date,
        }
        for conference in Conference.objects.filter(household=household).order_by("-id")[:10]
    ]
    return SectionContent("households/_file_lines.html", {"lines": lines}) if lines else None
