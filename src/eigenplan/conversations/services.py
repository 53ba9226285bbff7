"""Every change to requests, legal clocks and conversations goes through here: one transaction
per call, permission and validation first, an audit event as the last write."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenplan.conversations.deadlines import due_date, rules_started_by
from eigenplan.conversations.models import (
    EVENTS,
    Conversation,
    Deadline,
    Law,
    ReportNote,
    RequestKind,
    SupportRequest,
)
from eigenplan.core.errors import ConflictError
from eigenplan.core.workdays import Calendar
from eigenplan.households.access import standing
from eigenplan.households.models import Household
from eigenplan.households.selectors import pen_holders
from eigenplan.notifications.models import Message
from eigenplan.notifications.services import email_each, site_url
from eigenplan.plans.services import _clean_text as clean_text
from eigenplan.privacy.audit import record_event

MAX_TEXT = 4000
MAX_ATTENDEES = 300
PREPARATION_FIELDS = ("going_well", "worries", "who_helps", "wishes")
# How far back a request may be dated: a request received by letter is recorded later.
MAX_DAYS_BACK = 366


def _require(actor, perm: str, household: Household) -> None:
    if not actor.has_perm(perm, household):
        raise PermissionDenied(_("U mag dit niet doen bij dit huishouden."))


def _clean_text(value, *, field: str, required: bool = True, max_length: int = MAX_TEXT) -> str:
    return clean_text(value, field=field, required=required, max_length=max_length)


def _clean_day(value, *, field: str, today: datetime.date) -> datetime.date:
    if value in (None, ""):
        return today
    if not isinstance(value, datetime.date):
        raise ValidationError({field: _("Dit is geen goede datum. Schrijf het zo: 31-12-2026.")})
    if value > today:
        raise ValidationError({field: _("Deze datum is nog niet geweest. Kies vandaag of eerder.")})
    if (today - value).days > MAX_DAYS_BACK:
        raise ValidationError({field: _("Deze datum is meer dan een jaar geleden.")})
    return value


def _check_revision(conversation: Conversation, expected_revision: int | None) -> None:
    if expected_revision is not None and conversation.revision != expected_revision:
        raise ConflictError(current=conversation)


# --- requests and their clocks ----------------------------------------------------------------


def new_clock(request: SupportRequest, rule, start: datetime.date, calendar: Calendar) -> Deadline:
    """The clock `rule` starts for `request` on `start` (unsaved): a copy of the rule as it is
    now, due as conversations.deadlines counts it. core.seeding makes its clocks with it too."""
    return Deadline(
        household=request.household,
        request=request,
        rule=rule,
        law=rule.law,
        name=rule.name,
        amount=rule.amount,
        unit=rule.unit,
        source=rule.source,
        unverified=rule.unverified,
        started_on=start,
        due_on=due_date(start, rule.amount, rule.unit, calendar),
    )


def _start_clocks(
    request: SupportRequest, trigger: str, start: datetime.date, laws
) -> list[Deadline]:
    calendar = Calendar()
    deadlines = [
        new_clock(request, rule, start, calendar)
        for rule in rules_started_by(trigger, laws=laws, urgent=request.is_urgent)
    ]
    return Deadline.objects.bulk_create(deadlines)


@transaction.atomic
def record_request(
    *,
    actor,
    household: Household,
    kind: str,
    laws,
    own_words: str,
    received_on: datetime.date | None = None,
    threat_eviction: bool = False,
    threat_cutoff: bool = False,
    threat_insurance: bool = False,
) -> SupportRequest:
    """Record a request for support in the resident's own words, and start the legal clocks
    the municipality's rules name for its laws and kind, counted from the day it was received."""
    _require(actor, "conversations.record_request", household)
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("Kies wat voor vraag het is.")})
    chosen = set(laws or ())
    laws = [law for law in Law.values if law in chosen]
    if not laws or len(laws) != len(chosen):
        raise ValidationError({"laws": _("Kies waar de vraag over gaat. Eén keuze is genoeg.")})
    text = _clean_text(own_words, field="own_words")
    today = timezone.localdate()
    received_on = _clean_day(received_on, field="received_on", today=today)
    request = SupportRequest.objects.create(
        household=household,
        kind=kind,
        laws=laws,
        own_words=text,
        threat_eviction=bool(threat_eviction),
        threat_cutoff=bool(threat_cutoff),
        threat_insurance=bool(threat_insurance),
        received_on=received_on,
        recorded_by=actor,
        recorded_by_name=str(actor),
        recorded_by_role=standing(actor, household).role_label,
        recorded_at=timezone.now(),
    )
    deadlines = _start_clocks(request, kind, received_on, laws)
    record_event(
        actor=actor,
        household=household,
        verb="create",
        obj=request,
        detail={
            "kind": kind,
            "laws": laws,
            "urgent": request.is_urgent,
            "deadlines": [f"{d.name}: {d.due_on.isoformat()}" for d in deadlines],
        },
    )
    return request


@transaction.atomic
def start_event_clocks(
    *, actor, request: SupportRequest, event: str, on: datetime.date | None = None
) -> list[Deadline]:
    """Something happened after the request that starts a clock of its own (Jeugdwet art.
    4.1.3: the parents ask for the plan in writing; it is clear no familiegroepsplan will be
    made). Refused when that clock runs already."""
    _require(actor, "conversations.manage_deadlines", request.household)
    if event not in EVENTS:
        raise ValidationError({"event": _("Kies wat er gebeurde.")})
    law = EVENTS[event]
    if law not in request.laws:
        raise ValidationError(
            {"event": _("Deze vraag gaat niet over de %(law)s.") % {"law": Law(law).label}}
        )
    on = _clean_day(on, field="on", today=timezone.localdate())
    rules = rules_started_by(event, laws=[law], urgent=request.is_urgent)
    if not rules:
        raise ValidationError({"event": _("Voor dit moment staat geen termijn in de regels.")})
    if request.deadlines.filter(status=Deadline.Status.OPEN, rule__in=rules).exists():
        raise ValidationError({"event": _("Deze termijn loopt al.")})
    started = _start_clocks(request, event, on, [law])
    record_event(
        actor=actor,
        household=request.household,
        verb="start_clock",
        obj=request,
        detail={
            "event": event,
            "deadlines": [f"{d.name}: {d.due_on.isoformat()}" for d in started],
        },
    )
    return started


@transaction.atomic
def close_deadline(*, actor, deadline: Deadline, outcome: str, note: str = "") -> Deadline:
    """Stop a clock: what it asked for was done (met), or it no longer applies (stopped, with a
    reason the resident reads)."""
    household = deadline.request.household
    _require(actor, "conversations.manage_deadlines", household)
    if outcome not in (Deadline.Status.MET, Deadline.Status.STOPPED):
        raise ValidationError({"outcome": _("Kies of het gedaan is of niet meer nodig is.")})
    note = _clean_text(
        note, field="note", required=outcome == Deadline.Status.STOPPED, max_length=500
    )
    updated = Deadline.objects.filter(pk=deadline.pk, status=Deadline.Status.OPEN).update(
        status=outcome, closed_at=timezone.now(), closed_by_name=str(actor), close_note=note
    )
    if not updated:
        raise ConflictError(_("Deze termijn is al afgesloten."), current=None)
    deadline.refresh_from_db()
    record_event(
        actor=actor,
        household=household,
        verb="close_clock",
        obj=deadline,
        detail={"name": deadline.name, "outcome": outcome, "due_on": deadline.due_on.isoformat()},
    )
    return deadline


@transaction.atomic
def answer_own_plan(*, actor, request: SupportRequest, answer: str) -> SupportRequest:
    """The resident says whether they first make their own plan (Wmo persoonlijk plan,
    Jeugdwet familiegroepsplan)."""
    _require(actor, "conversations.prepare", request.household)
    if answer not in (SupportRequest.OwnPlan.YES, SupportRequest.OwnPlan.NO):
        raise ValidationError({"answer": _("Kies ja of nee.")})
    request.own_plan = answer
    request.own_plan_answered_at = timezone.now()
    request.save(update_fields=["own_plan", "own_plan_answered_at"])
    record_event(
        actor=actor,
        household=request.household,
        verb="answer_own_plan",
        obj=request,
        detail={"answer": answer},
    )
    return request


# --- the kitchen-table conversation -----------------------------------------------------------


def _open_conversation(household: Household) -> Conversation | None:
    return (
        Conversation.objects.select_for_update()
        .filter(household=household)
        .exclude(status=Conversation.Status.FINAL)
        .order_by("-created_at", "-id")
        .first()
    )


@transaction.atomic
def save_preparation(
    *, actor, household: Household, expected_revision: int | None = None, **texts
) -> tuple[Conversation, dict[str, list[str]]]:
    """The resident prepares the next conversation in their own words. Saves every field that
    is fine and returns the errors of those that are not (too long), so nothing the resident
    wrote is lost: the page shows those again with their message. Starts the conversation when
    there is none yet."""
    _require(actor, "conversations.prepare", household)
    unknown = set(texts) - set(PREPARATION_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    conversation = _open_conversation(household)
    if conversation is None:
        conversation = Conversation(household=household)
    else:
        _check_revision(conversation, expected_revision)
    errors: dict[str, list[str]] = {}
    changed = []
    for field in PREPARATION_FIELDS:
        if field not in texts:
            continue
        try:
            value = _clean_text(texts[field], field=field, required=False)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if getattr(conversation, field) != value:
            setattr(conversation, field, value)
            changed.append(field)
    if changed or conversation.pk is None:
        conversation.prepared_at = timezone.now()
        if conversation.pk is not None:
            conversation.revision += 1
        conversation.save()
        record_event(
            actor=actor,
            household=household,
            verb="prepare",
            obj=conversation,
            detail={"fields": changed},
        )
    return conversation, errors


@transaction.atomic
def start_conversation(
    *, actor, household: Household, request: SupportRequest | None = None
) -> Conversation:
    """The coordinator starts recording a conversation: the one the resident prepared (or is
    still writing) when there is one, else a new one."""
    _require(actor, "conversations.record", household)
    if request is not None and request.household_id != household.pk:
        raise PermissionDenied
    conversation = _open_conversation(household)
    created = conversation is None
    if created:
        conversation = Conversation.objects.create(household=household, request=request)
    elif request is not None and conversation.request_id is None:
        conversation.request = request
        conversation.save(update_fields=["request", "updated_at"])
    record_event(
        actor=actor,
        household=household,
        verb="create" if created else "continue",
        obj=conversation,
    )
    return conversation


@transaction.atomic
def save_report(
    *,
    actor,
    conversation: Conversation,
    expected_revision: int | None,
    held_on: datetime.date | None,
    attendees: str,
    discussed: str,
    agreed: str,
    for_reading: bool = False,
) -> Conversation:
    """The coordinator writes the report. It stays a draft: `for_reading` hands it to the
    resident, who reads it and says so (confirm_read) before it is final. A change after that
    needs the resident to read it again."""
    household = conversation.household
    _require(actor, "conversations.record", household)
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if conversation.is_final:
        raise ValidationError(
            _("Dit verslag is definitief. U kunt wel reageren op wat de inwoner schreef.")
        )
    _check_revision(conversation, expected_revision)
    today = timezone.localdate()
    values = {
        "held_on": _clean_day(held_on, field="held_on", today=today),
        "attendees": _clean_text(
            attendees, field="attendees", required=False, max_length=MAX_ATTENDEES
        ),
        "discussed": _clean_text(discussed, field="discussed", required=for_reading),
        "agreed": _clean_text(agreed, field="agreed", required=False),
    }
    for field, value in values.items():
        setattr(conversation, field, value)
    conversation.coordinator = actor
    conversation.coordinator_name = str(actor)
    conversation.revision += 1
    # The resident hears once that a report waits for them; a change while it still waits
    # is in the same report they have not read yet.
    newly_for_reading = for_reading and conversation.status != Conversation.Status.FOR_READING
    if for_reading:
        conversation.status = Conversation.Status.FOR_READING
        conversation.offered_for_reading_at = timezone.now()
    elif conversation.status == Conversation.Status.PREPARING:
        conversation.status = Conversation.Status.DRAFT
    conversation.save()
    if newly_for_reading:
        _tell_pen_holders_report_ready(conversation)
    record_event(
        actor=actor,
        household=household,
        verb="offer_report" if for_reading else "update",
        obj=conversation,
        detail={"revision": conversation.revision, "status": conversation.status},
    )
    return conversation


def _tell_pen_holders_report_ready(conversation: Conversation) -> None:
    """E-mail the pen holders that the report waits for them: nothing of what it says, only
    where to read it."""
    link = site_url(
        reverse("conversations:detail", args=[conversation.household_id, conversation.pk])
    )

    def compose(user):
        return _("Het verslag van uw gesprek is klaar"), [
            _(
                "%(name)s heeft het verslag van uw gesprek geschreven. Wilt u het lezen? Klopt er "
                "iets niet? Dan kunt u dat erbij schrijven."
            )
            % {"name": conversation.coordinator_name},
            _("Lees het verslag:") + "\n" + link,
        ]

    email_each(
        users=pen_holders(conversation.household),
        kind=Message.Kind.REPORT_FOR_READING,
        household=conversation.household,
        compose=compose,
    )


@transaction.atomic
def add_note(
    *,
    actor,
    conversation: Conversation,
    kind: str,
    text: str,
    in_reply_to: ReportNote | None = None,
) -> ReportNote:
    """The resident adds a correction or a comment to a report; the coordinator responds to
    one. Notes are never changed or deleted: a disagreement stays visible as both sides wrote
    it."""
    household = conversation.household
    if not conversation.has_report:
        raise ValidationError({"text": _("Er is nog geen verslag om op te reageren.")})
    if kind == ReportNote.Kind.RESPONSE:
        _require(actor, "conversations.record", household)
        if in_reply_to is None or in_reply_to.conversation_id != conversation.pk:
            raise ValidationError({"text": _("Kies waarop u reageert.")})
        if in_reply_to.kind == ReportNote.Kind.RESPONSE:
            raise ValidationError({"text": _("U kunt alleen reageren op wat de inwoner schreef.")})
    elif kind in (ReportNote.Kind.CORRECTION, ReportNote.Kind.COMMENT):
        _require(actor, "conversations.answer_report", household)
        in_reply_to = None
    else:
        raise ValidationError({"kind": _("Kies of het een verbetering of een opmerking is.")})
    note = ReportNote.objects.create(
        conversation=conversation,
        kind=kind,
        text=_clean_text(text, field="text"),
        in_reply_to=in_reply_to,
        author=actor,
        author_name=str(actor),
        written_at=timezone.now(),
    )
    record_event(
        actor=actor,
        household=household,
        verb="add_note",
        obj=note,
        detail={"conversation": conversation.pk, "kind": kind},
    )
    return note


@transaction.atomic
def confirm_read(
    *, actor, conversation: Conversation, expected_revision: int | None
) -> Conversation:
    """The resident has read the report as it stands (the revision they saw): now it is final.
    Their corrections and comments stay with it."""
    household = conversation.household
    _require(actor, "conversations.answer_report", household)
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if conversation.status != Conversation.Status.FOR_READING:
        raise ValidationError(_("Dit verslag wacht niet op u. Er valt nu niets te bevestigen."))
    if expected_revision is None or conversation.revision != expected_revision:
        raise ConflictError(
            _("Het verslag is veranderd sinds u het opende. Lees het opnieuw."),
            current=conversation,
        )
    conversation.status = Conversation.Status.FINAL
    conversation.read_at = timezone.now()
    conversation.read_by_name = str(actor)
    conversation.save(update_fields=["status", "read_at", "read_by_name", "updated_at"])
    record_event(
        actor=actor,
        household=household,
        verb="confirm_read",
        obj=conversation,
        detail={"revision": conversation.revision},
    )
    return conversation
