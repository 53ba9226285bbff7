"""The household's requests, legal clocks and conversations as JSON-ready data, for the
resident's download of everything kept about them (AVG art. 15 and 20; privacy.export). Four
queries whatever the size, each filtered by the household itself."""

import datetime

from django.utils import timezone

from eigenplan.conversations.models import Conversation, Deadline, ReportNote, SupportRequest
from eigenplan.households.models import Household


def _moment(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value is not None else None


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _deadline(deadline: Deadline) -> dict:
    return {
        "name": deadline.name,
        "law": str(deadline.get_law_display()),
        "period": f"{deadline.amount} {deadline.get_unit_display()}",
        "source": deadline.source,
        "unverified": deadline.unverified,
        "started_on": _day(deadline.started_on),
        "due_on": _day(deadline.due_on),
        "status": str(deadline.get_status_display()),
        "closed_at": _moment(deadline.closed_at),
        "closed_by": deadline.closed_by_name,
        "note": deadline.close_note,
    }


def _request(request: SupportRequest, deadlines: list[dict]) -> dict:
    return {
        "id": request.pk,
        "kind": str(request.get_kind_display()),
        "laws": request.law_labels,
        "own_words": request.own_words,
        "threat_eviction": request.threat_eviction,
        "threat_cutoff": request.threat_cutoff,
        "threat_insurance": request.threat_insurance,
        "received_on": _day(request.received_on),
        "recorded_by": request.recorded_by_name,
        "recorded_at": _moment(request.recorded_at),
        "own_plan": str(request.get_own_plan_display()),
        "deadlines": deadlines,
    }


def _note(note: ReportNote) -> dict:
    return {
        "id": note.pk,
        "kind": str(note.get_kind_display()),
        "text": note.text,
        "in_reply_to": note.in_reply_to_id,
        "written_by": note.author_name,
        "written_at": _moment(note.written_at),
    }


def _conversation(conversation: Conversation, notes: list[dict]) -> dict:
    return {
        "id": conversation.pk,
        "request": conversation.request_id,
        "status": str(conversation.get_status_display()),
        "preparation": {
            "going_well": conversation.going_well,
            "worries": conversation.worries,
            "who_helps": conversation.who_helps,
            "wishes": conversation.wishes,
            "saved_at": _moment(conversation.prepared_at),
        },
        "report": {
            "held_on": _day(conversation.held_on),
            "attendees": conversation.attendees,
            "discussed": conversation.discussed,
            "agreed": conversation.agreed,
            "written_by": conversation.coordinator_name,
        },
        "read_at": _moment(conversation.read_at),
        "read_by": conversation.read_by_name,
        "notes": notes,
    }


def export_conversations(household: Household) -> dict:
    deadlines: dict[int, list[dict]] = {}
    for deadline in Deadline.objects.filter(household=household).order_by("due_on", "id"):
        deadlines.setdefault(deadline.request_id, []).append(_deadline(deadline))
    notes: dict[int, list[dict]] = {}
    for note in ReportNote.objects.filter(conversation__household=household).order_by(
        "written_at", "id"
    ):
        notes.setdefault(note.conversation_id, []).append(_note(note))
    return {
        "requests": [
            _request(request, deadlines.get(request.pk, []))
            for request in SupportRequest.objects.filter(household=household).order_by("id")
        ],
        "conversations": [
            _conversation(conversation, notes.get(conversation.pk, []))
            for conversation in Conversation.objects.filter(household=household).order_by("id")
        ],
    }
