"""The household's family group conferences in the resident's data export (AVG art. 15 and
20), as plain JSON-ready data like privacy.export: one query per table, whatever the number of
conferences, filtered by the household itself."""

import datetime

from django.utils import timezone

from eigenplan.conferences.models import (
    Conference,
    DraftAction,
    DraftGoal,
    Participant,
    ProfessionalInput,
)
from eigenplan.plans.models import LifeDomain


def _moment(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value is not None else None


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_conferences(household) -> list[dict]:
    conferences = list(
        Conference.objects.filter(household=household)
        .select_related("independent_coordinator", "approved_version")
        .defer("approved_version__snapshot")
        .order_by("referred_at", "id")
    )
    if not conferences:
        return []  # one query for most households
    participants: dict[int, list[dict]] = {}
    for participant in Participant.objects.filter(conference__household=household).order_by("id"):
        participants.setdefault(participant.conference_id, []).append(
            {"name": participant.name, "relation": participant.relation}
        )
    inputs: dict[int, list[dict]] = {}
    for item in ProfessionalInput.objects.filter(conference__household=household).order_by(
        "created_at", "id"
    ):
        inputs.setdefault(item.conference_id, []).append(
            {
                "kind": item.kind,
                "kind_label": str(item.get_kind_display()),
                "author": item.author_name,
                "organisation": item.author_organisation,
                "text": item.text,
                "condition": item.condition,
                "is_met": item.is_met,
                "assessment_reason": item.assessment_reason,
                "assessed_by": item.assessed_by_name,
                "assessed_at": _moment(item.assessed_at),
                "created_at": _moment(item.created_at),
            }
        )
    actions: dict[int, list[dict]] = {}
    for action in DraftAction.objects.filter(goal__conference__household=household).order_by(
        "position", "id"
    ):
        actions.setdefault(action.goal_id, []).append(
            {
                "description": action.description,
                "performer": action.performer,
                "performer_name": action.performer_name,
                "due_date": _day(action.due_date),
                "status": action.status,
            }
        )
    goals: dict[int, list[dict]] = {}
    for goal in DraftGoal.objects.filter(conference__household=household).order_by(
        "position", "id"
    ):
        goals.setdefault(goal.conference_id, []).append(
            {
                "text": goal.text,
                "life_domain": goal.life_domain,
                "life_domain_label": str(LifeDomain(goal.life_domain).label),
                "actions": actions.get(goal.pk, []),
            }
        )
    return [
        {
            "question": conference.question,
            "status": conference.status,
            "status_label": str(conference.get_status_display()),
            "referred_by": conference.referred_by_name,
            "referred_at": _moment(conference.referred_at),
            "independent_coordinator": (
                str(conference.independent_coordinator)
                if conference.independent_coordinator_id
                else ""
            ),
            "meeting_at": _moment(conference.meeting_at),
            "meeting_place": conference.meeting_place,
            "language": conference.language,
            "interpreter": conference.interpreter,
            "participants": participants.get(conference.pk, []),
            "professional_inputs": inputs.get(conference.pk, []),
            "family_plan": goals.get(conference.pk, []),
            "approved_version": (
                conference.approved_version.number if conference.approved_version_id else None
            ),
            "review_date": _day(conference.review_date),
            "reviewed_at": _moment(conference.reviewed_at),
            "stopped_at": _moment(conference.stopped_at),
        }
        for conference in conferences
    ]
