"""Every change to a conference goes through here: permission and the conference's step first,
then the change, then an audit event (the last write, see privacy.audit).

The steps (models.Status) follow each other in one order; TRANSITIONS says from which steps
each step may be reached, and `_move` refuses everything else. Private family time may be
opened again from the assessment, when the family wants to change its plan."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from eigenplan.accounts.models import Role
from eigenplan.conferences.access import conference_standing
from eigenplan.conferences.models import (
    OPEN_STATUSES,
    Conference,
    DraftAction,
    DraftGoal,
    Participant,
    ProfessionalInput,
    Status,
)
from eigenplan.households.access import standing
from eigenplan.households.models import (
    CircleMember,
    Household,
    TeamMembership,
)
from eigenplan.households.selectors import pen_holders
from eigenplan.notifications.models import Message
from eigenplan.notifications.services import queue_message, site_url
from eigenplan.plans import services as plan_services
from eigenplan.plans.models import Plan
from eigenplan.plans.selectors import plan_of
from eigenplan.privacy.audit import organisation_of, record_event

MAX_TEXT = 2000
# The follow-up call comes about four weeks after the conference (Eigen Kracht).
SUGGESTED_REVIEW_AFTER = datetime.timedelta(weeks=4)

# To each step, from which steps.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PREPARING: frozenset({Status.REFERRED}),
    Status.INFORMATION: frozenset({Status.PREPARING}),
    Status.PRIVATE_TIME: frozenset({Status.INFORMATION, Status.ASSESSMENT}),
    Status.PRESENTED: frozenset({Status.PRIVATE_TIME}),
    Status.ASSESSMENT: frozenset({Status.PRESENTED}),
    Status.APPROVED: frozenset({Status.ASSESSMENT}),
    Status.FOLLOW_UP: frozenset({Status.APPROVED, Status.FOLLOW_UP}),
    Status.REVIEWED: frozenset({Status.FOLLOW_UP}),
    Status.STOPPED: frozenset(
        {
            Status.REFERRED,
            Status.PREPARING,
            Status.INFORMATION,
            Status.PRIVATE_TIME,
            Status.PRESENTED,
            Status.ASSESSMENT,
        }
    ),
}


class InvalidTransition(ValidationError):
    """The conference is not in a step from which this step can be reached."""


def _clean_text(value, *, field: str, required: bool = True, max_length: int = MAX_TEXT) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise ValidationError({field: _("Vul dit in. Het mag kort zijn.")})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Dit is te lang. Gebruik niet meer dan %(max)s tekens.")
                % {"max": max_length}
            }
        )
    return text


def _locked(conference: Conference) -> Conference:
    return (
        Conference.objects.select_for_update(of=("self",))
        .select_related("household")
        .get(pk=conference.pk)
    )


def _deny(message=None):
    raise PermissionDenied(message or _("U mag dit niet doen bij deze conferentie."))


def _check_step(conference: Conference, to: str) -> None:
    if conference.status not in TRANSITIONS[to]:
        raise InvalidTransition(
            _("Dit kan nu niet. De conferentie is in de stap: %(step)s.")
            % {"step": conference.get_status_display()},
            code="invalid_transition",
        )


def _require_status(conference: Conference, *statuses: str) -> None:
    if conference.status not in statuses:
        raise InvalidTransition(
            _("Dit kan nu niet. De conferentie is in de stap: %(step)s.")
            % {"step": conference.get_status_display()},
            code="invalid_transition",
        )


def _move(conference: Conference, *, actor, to: str, stamp: str = "", detail=None) -> None:
    """The transition itself: check, change, audit. The caller has locked the row and checked
    who may do it."""
    _check_step(conference, to)
    before = conference.status
    conference.status = to
    fields = ["status", "revision", "updated_at"]
    if stamp:
        setattr(conference, stamp, timezone.now())
        fields.append(stamp)
    conference.revision += 1
    conference.save(update_fields=fields)
    record_event(
        actor=actor,
        household=conference.household,
        verb="conference_step",
        obj=conference,
        detail={"from": before, "to": to, **(detail or {})},
    )


# --- referral and preparation -----------------------------------------------------------------


@transaction.atomic
def refer(*, actor, household: Household, question: str) -> Conference:
    """Refer the household to a family group conference: by the resident (or representative)
    or the household's coordinator."""
    view = standing(actor, household)
    if not (view.holds_pen or view.is_coordinator):
        _deny()
    question = _clean_text(question, field="question")
    Household.objects.select_for_update().filter(pk=household.pk).first()
    if Conference.objects.filter(household=household, status__in=OPEN_STATUSES).exists():
        raise ValidationError(
            {"question": _("Er loopt al een conferentie voor dit huishouden.")},
            code="open_conference",
        )
    conference = Conference.objects.create(
        household=household,
        question=question,
        referred_by=actor,
        referred_by_name=str(actor),
        referred_at=timezone.now(),
    )
    record_event(
        actor=actor,
        household=household,
        verb="conference_step",
        obj=conference,
        detail={"from": "", "to": Status.REFERRED},
    )
    return conference


def check_independence(*, household: Household, candidate) -> None:
    """An independent coordinator is a trained citizen with that role, and nobody who already
    works with or belongs to the household."""
    if (
        candidate is None
        or candidate.role != Role.INDEPENDENT_COORDINATOR
        or not candidate.is_active
    ):
        raise ValidationError(
            {"coordinator": _("Kies een onafhankelijk coördinator uit de lijst.")},
            code="not_independent",
        )
    view = standing(candidate, household)
    in_team = (
        household.team_id is not None
        and TeamMembership.objects.filter(team_id=household.team_id, user=candidate).exists()
    )
    if (
        in_team
        or household.coordinator_id == candidate.pk
        or view.is_team_professional
        or view.is_household_member
        or view.is_representative
        or view.is_circle_member
    ):
        raise ValidationError(
            {
                "coordinator": _(
                    "Deze persoon is niet onafhankelijk: die werkt al met dit huishouden of "
                    "hoort erbij. Kies iemand anders."
                )
            },
            code="not_independent",
        )


@transaction.atomic
def assign_coordinator(*, actor, conference: Conference, coordinator) -> Conference:
    """Assign (or change) the independent coordinator; the first assignment starts the
    preparation."""
    conference = _locked(conference)
    if not conference_standing(actor, conference).may_assign:
        _deny()
    _require_status(conference, Status.REFERRED, Status.PREPARING)
    check_independence(household=conference.household, candidate=coordinator)
    conference.independent_coordinator = coordinator
    conference.save(update_fields=["independent_coordinator", "updated_at"])
    if conference.status == Status.REFERRED:
        _move(conference, actor=actor, to=Status.PREPARING, detail={"coordinator": coordinator.pk})
    else:
        record_event(
            actor=actor,
            household=conference.household,
            verb="conference_coordinator",
            obj=conference,
            detail={"coordinator": coordinator.pk},
        )
    return conference


@transaction.atomic
def update_preparation(
    *,
    actor,
    conference: Conference,
    meeting_at: datetime.datetime | None,
    meeting_place: str,
    language: str,
    interpreter: str,
) -> Conference:
    conference = _locked(conference)
    if not conference_standing(actor, conference).may_prepare:
        _deny()
    _require_status(conference, Status.PREPARING)
    if meeting_at is not None and meeting_at < timezone.now():
        raise ValidationError({"meeting_at": _("Kies een moment in de toekomst.")})
    conference.meeting_at = meeting_at
    conference.meeting_place = _clean_text(
        meeting_place, field="meeting_place", required=False, max_length=200
    )
    conference.language = _clean_text(language, field="language", required=False, max_length=80)
    conference.interpreter = _clean_text(
        interpreter, field="interpreter", required=False, max_length=120
    )
    conference.revision += 1
    conference.save()
    record_event(
        actor=actor, household=conference.household, verb="conference_prepare", obj=conference
    )
    return conference


@transaction.atomic
def add_participant(
    *, actor, conference: Conference, name: str = "", relation: str = "", circle_member_id=None
) -> Participant:
    conference = _locked(conference)
    if not conference_standing(actor, conference).may_prepare:
        _deny()
    _require_status(conference, Status.PREPARING)
    member = None
    if circle_member_id not in (None, ""):
        member = CircleMember.objects.filter(
            pk=circle_member_id, household=conference.household, is_active=True
        ).first()
        if member is None:
            raise ValidationError({"circle_member_id": _("Kies iemand uit de kring.")})
        if conference.participants.filter(circle_member=member).exists():
            raise ValidationError(
                {"circle_member_id": _("%(name)s staat al op de lijst.") % {"name": member.name}}
            )
        name = name or member.name
        relation = relation or member.relation_detail or member.get_relation_display()
    participant = Participant.objects.create(
        conference=conference,
        name=_clean_text(name, field="name", max_length=150),
        relation=_clean_text(relation, field="relation", required=False, max_length=120),
        circle_member=member,
    )
    record_event(actor=actor, household=conference.household, verb="create", obj=participant)
    return participant


@transaction.atomic
def remove_participant(*, actor, participant: Participant) -> None:
    conference = _locked(participant.conference)
    if not conference_standing(actor, conference).may_prepare:
        _deny()
    _require_status(conference, Status.PREPARING)
    removed = Participant(pk=participant.pk)
    participant.delete()
    record_event(actor=actor, household=conference.household, verb="delete", obj=removed)


@transaction.atomic
def add_input(
    *, actor, conference: Conference, kind: str, text: str, condition: str = ""
) -> ProfessionalInput:
    """A professional of the household's team records what they know, or a concern with the
    condition the plan must meet; before the family's private time starts."""
    conference = _locked(conference)
    view = conference_standing(actor, conference)
    if not view.may_add_input:
        _deny(_("Alleen professionals van het buurtteam schrijven hier iets op."))
    _require_status(conference, Status.REFERRED, Status.PREPARING, Status.INFORMATION)
    if kind not in ProfessionalInput.Kind.values:
        raise ValidationError({"kind": _("Kies wat u opschrijft.")})
    is_condition = kind == ProfessionalInput.Kind.CONDITION
    item = ProfessionalInput.objects.create(
        conference=conference,
        kind=kind,
        author=actor,
        author_name=str(actor),
        author_organisation=organisation_of(actor, conference.household, view.household),
        text=_clean_text(text, field="text"),
        condition=_clean_text(condition, field="condition", required=is_condition),
    )
    record_event(
        actor=actor,
        household=conference.household,
        verb="create",
        obj=item,
        detail={"kind": kind},
    )
    return item


# --- the conference itself --------------------------------------------------------------------


def _lead(actor, conference: Conference) -> None:
    if not conference_standing(actor, conference).is_independent_coordinator:
        _deny(_("Dit doet de onafhankelijk coördinator."))


@transaction.atomic
def start_information_round(*, actor, conference: Conference) -> Conference:
    conference = _locked(conference)
    _lead(actor, conference)
    _check_step(conference, Status.INFORMATION)
    if conference.meeting_at is None or not conference.meeting_place:
        raise ValidationError(
            _("Spreek eerst met de familie af waar en wanneer de conferentie is."),
            code="not_prepared",
        )
    _move(conference, actor=actor, to=Status.INFORMATION, stamp="started_at")
    return conference


@transaction.atomic
def start_private_time(*, actor, conference: Conference) -> Conference:
    """The family's own time. The independent coordinator starts it after the information
    round; the family itself opens it again from the assessment, to change its plan (the
    assessments then start again). The first time, the family's plan starts as a copy of the
    household's plan as it is now."""
    conference = _locked(conference)
    view = conference_standing(actor, conference)
    if conference.status == Status.ASSESSMENT:
        if not view.holds_pen:
            _deny(_("Dit beslist de familie."))
        conference.inputs.update(
            is_met=None, assessment_reason="", assessed_by_name="", assessed_at=None
        )
    else:
        _lead(actor, conference)
    _check_step(conference, Status.PRIVATE_TIME)
    if not conference.draft_goals.exists():
        _copy_plan_into_draft(conference)
    _move(conference, actor=actor, to=Status.PRIVATE_TIME, stamp="private_time_started_at")
    return conference


def _copy_plan_into_draft(conference: Conference) -> None:
    plan = plan_of(conference.household)
    goals = list(plan.goals.prefetch_related("actions"))
    drafts = DraftGoal.objects.bulk_create(
        DraftGoal(
            conference=conference,
            source_goal=goal,
            text=goal.text,
            life_domain=goal.life_domain,
            person_id=goal.person_id,
            position=index,
        )
        for index, goal in enumerate(goals, start=1)
    )
    DraftAction.objects.bulk_create(
        DraftAction(
            goal=draft,
            source_action=action,
            description=action.description,
            performer=action.performer,
            person_id=action.person_id,
            circle_member_id=action.circle_member_id,
            performer_name=action.performer_name,
            due_date=action.due_date,
            status=action.status,
            position=index,
        )
        for draft, goal in zip(drafts, goals, strict=True)
        for index, action in enumerate(goal.actions.all(), start=1)
    )


# --- the family's plan (private family time) -----------------------------------------------------


def _editable(actor, conference: Conference) -> Conference:
    conference = _locked(conference)
    if not conference_standing(actor, conference).holds_pen:
        _deny(_("Alleen de familie schrijft het plan."))
    _require_status(conference, Status.PRIVATE_TIME)
    return conference


def _next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_draft_goal(*, actor, conference: Conference, **data) -> DraftGoal:
    conference = _editable(actor, conference)
    fields = plan_services.clean_goal_fields(conference.household, data)
    goal = DraftGoal.objects.create(
        conference=conference, position=_next_position(conference.draft_goals), **fields
    )
    record_event(actor=actor, household=conference.household, verb="create", obj=goal)
    return goal


@transaction.atomic
def update_draft_goal(*, actor, goal: DraftGoal, **data) -> DraftGoal:
    conference = _editable(actor, goal.conference)
    for name, value in plan_services.clean_goal_fields(conference.household, data).items():
        setattr(goal, name, value)
    goal.revision += 1
    goal.save()
    record_event(actor=actor, household=conference.household, verb="update", obj=goal)
    return goal


@transaction.atomic
def delete_draft_goal(*, actor, goal: DraftGoal) -> None:
    conference = _editable(actor, goal.conference)
    removed = DraftGoal(pk=goal.pk)
    goal.delete()
    record_event(actor=actor, household=conference.household, verb="delete", obj=removed)


@transaction.atomic
def add_draft_action(*, actor, goal: DraftGoal, **data) -> DraftAction:
    conference = _editable(actor, goal.conference)
    fields = plan_services.clean_action_fields(conference.household, data)
    action = DraftAction.objects.create(goal=goal, position=_next_position(goal.actions), **fields)
    record_event(actor=actor, household=conference.household, verb="create", obj=action)
    return action


@transaction.atomic
def update_draft_action(*, actor, action: DraftAction, **data) -> DraftAction:
    conference = _editable(actor, action.goal.conference)
    for name, value in plan_services.clean_action_fields(conference.household, data).items():
        setattr(action, name, value)
    action.revision += 1
    action.save()
    record_event(actor=actor, household=conference.household, verb="update", obj=action)
    return action


@transaction.atomic
def delete_draft_action(*, actor, action: DraftAction) -> None:
    conference = _editable(actor, action.goal.conference)
    removed = DraftAction(pk=action.pk)
    action.delete()
    record_event(actor=actor, household=conference.household, verb="delete", obj=removed)


@transaction.atomic
def present_plan(*, actor, conference: Conference) -> Conference:
    """The family ends its private time and presents its plan: from now on the coordinator and
    the professionals read it."""
    conference = _editable(actor, conference)
    if not conference.draft_goals.exists():
        raise ValidationError(
            _("Schrijf eerst minstens één doel op. Daarna kunt u het plan presenteren."),
            code="empty_plan",
        )
    _move(conference, actor=actor, to=Status.PRESENTED, stamp="presented_at")
    return conference


@transaction.atomic
def start_assessment(*, actor, conference: Conference) -> Conference:
    """The independent coordinator has the plan written down as presented, and asks the
    professionals to assess it."""
    conference = _locked(conference)
    _lead(actor, conference)
    _move(conference, actor=actor, to=Status.ASSESSMENT)
    return conference


@transaction.atomic
def assess_condition(*, actor, condition: ProfessionalInput, is_met: bool, reason: str):
    """A professional of the team says whether the presented plan meets a condition, and why."""
    conference = _locked(condition.conference)
    if not conference_standing(actor, conference).may_add_input:
        _deny(_("Alleen professionals van het buurtteam beoordelen het plan."))
    _require_status(conference, Status.ASSESSMENT)
    if not condition.is_condition:
        raise ValidationError({"is_met": _("Alleen een voorwaarde wordt beoordeeld.")})
    if is_met not in (True, False):
        raise ValidationError({"is_met": _("Kies of het plan hieraan voldoet.")})
    condition.is_met = is_met
    condition.assessment_reason = _clean_text(reason, field="reason")
    condition.assessed_by_name = str(actor)
    condition.assessed_at = timezone.now()
    condition.save(update_fields=["is_met", "assessment_reason", "assessed_by_name", "assessed_at"])
    record_event(
        actor=actor,
        household=conference.household,
        verb="assess",
        obj=condition,
        detail={"is_met": is_met},
    )
    return condition


# --- approval: the family's plan becomes the household's plan ------------------------------------


@transaction.atomic
def approve(*, actor, conference: Conference, note: str = "") -> Conference:
    """The family approves its plan after the professionals assessed every condition. The plan
    becomes the household plan's next version, through the plan's own services, so the version
    history and its comparison show what the conference changed."""
    conference = _locked(conference)
    if not conference_standing(actor, conference).holds_pen:
        _deny(_("Dit beslist de familie."))
    _check_step(conference, Status.APPROVED)
    waiting = conference.inputs.filter(
        kind=ProfessionalInput.Kind.CONDITION, is_met__isnull=True
    ).count()
    if waiting:
        raise ValidationError(
            _("De professionals hebben nog niet alle voorwaarden beoordeeld. Nog %(n)s te gaan.")
            % {"n": waiting},
            code="not_assessed",
        )
    note = _clean_text(note, field="note", required=False) or _(
        "Plan van de Eigen Kracht-conferentie"
    )
    plan = plan_of(conference.household)
    changed = _apply_draft(actor=actor, conference=conference, plan=plan)
    plan.refresh_from_db()
    if changed or plan.has_unapproved_changes or plan.latest_version_id is None:
        version = plan_services.approve_plan(actor=actor, plan=plan, note=note)
    else:
        version = plan.latest_version  # the family kept the plan as it was approved
    conference.approved_version = version
    conference.save(update_fields=["approved_version", "updated_at"])
    not_met = conference.inputs.filter(is_met=False).count()
    _move(
        conference,
        actor=actor,
        to=Status.APPROVED,
        stamp="approved_at",
        detail={"version": version.number, "conditions_not_met": not_met},
    )
    return conference


def _goal_fields(item) -> dict[str, Any]:
    return {"text": item.text, "life_domain": item.life_domain, "person_id": item.person_id}


def _action_fields(item) -> dict[str, Any]:
    return {
        "description": item.description,
        "performer": item.performer,
        "person_id": item.person_id,
        "circle_member_id": item.circle_member_id,
        "performer_name": item.performer_name,
        "due_date": item.due_date,
        "status": item.status,
    }


def _apply_draft(*, actor, conference: Conference, plan: Plan) -> bool:
    """Make the plan's goals and actions what the family's plan says: change what came from the
    plan, add what is new, take away what the family left out. Returns whether anything
    changed."""
    live_goals = {goal.pk: goal for goal in plan.goals.prefetch_related("actions")}
    kept_goals: set[int] = set()
    changed = False
    for draft in conference.draft_goals.prefetch_related("actions"):
        goal = live_goals.get(draft.source_goal_id)
        if goal is None:
            goal = plan_services.add_goal(actor=actor, plan=plan, **_goal_fields(draft))
            live_actions = {}
            changed = True
        else:
            kept_goals.add(goal.pk)
            live_actions = {action.pk: action for action in goal.actions.all()}
            if _goal_fields(goal) != _goal_fields(draft):
                plan_services.update_goal(actor=actor, goal=goal, **_goal_fields(draft))
                changed = True
        kept_actions: set[int] = set()
        for draft_action in draft.actions.all():
            action = live_actions.get(draft_action.source_action_id)
            if action is None:
                plan_services.add_action(actor=actor, goal=goal, **_action_fields(draft_action))
                changed = True
                continue
            kept_actions.add(action.pk)
            if _action_fields(action) != _action_fields(draft_action):
                plan_services.update_action(
                    actor=actor, action=action, **_action_fields(draft_action)
                )
                changed = True
        for pk, action in live_actions.items():
            if pk not in kept_actions:
                plan_services.delete_action(actor=actor, action=action)
                changed = True
    for pk, goal in live_goals.items():
        if pk not in kept_goals:
            plan_services.delete_goal(actor=actor, goal=goal)
            changed = True
    return changed


def suggested_review_date(conference: Conference) -> datetime.date:
    """About four weeks after the approval: the follow-up call of an Eigen Kracht-conferentie."""
    start = timezone.localdate(conference.approved_at) if conference.approved_at else None
    return (start or timezone.localdate()) + SUGGESTED_REVIEW_AFTER


@transaction.atomic
def set_review_date(*, actor, conference: Conference, review_date) -> Conference:
    conference = _locked(conference)
    view = conference_standing(actor, conference)
    if not (view.is_independent_coordinator or view.holds_pen):
        _deny()
    _check_step(conference, Status.FOLLOW_UP)
    if not isinstance(review_date, datetime.date):
        raise ValidationError({"review_date": _("Kies een datum.")})
    if review_date <= timezone.localdate():
        raise ValidationError({"review_date": _("Kies een datum na vandaag.")})
    if review_date > timezone.localdate() + datetime.timedelta(days=366):
        raise ValidationError({"review_date": _("Kies een datum binnen een jaar.")})
    moved = conference.review_date != review_date
    conference.review_date = review_date
    if moved:
        conference.reminder_sent_at = None  # a new date gets its own reminder
    conference.save(update_fields=["review_date", "reminder_sent_at", "updated_at"])
    _move(
        conference,
        actor=actor,
        to=Status.FOLLOW_UP,
        detail={"review_date": review_date.isoformat()},
    )
    return conference


@transaction.atomic
def start_next_version(*, actor, conference: Conference) -> Conference:
    """After looking back, the family starts the next version of its plan: the conference is
    done, the plan is open for changes and proposals again until the family approves it."""
    conference = _locked(conference)
    if not conference_standing(actor, conference).holds_pen:
        _deny(_("Dit beslist de familie."))
    _move(conference, actor=actor, to=Status.REVIEWED, stamp="reviewed_at")
    return conference


@transaction.atomic
def stop(*, actor, conference: Conference) -> Conference:
    """The family does not want to go on (Jeugdwet art. 4.1.2: the parents may decline)."""
    conference = _locked(conference)
    if not conference_standing(actor, conference).holds_pen:
        _deny(_("Dit beslist de familie."))
    _move(conference, actor=actor, to=Status.STOPPED, stamp="stopped_at")
    return conference


# --- reminders before the review date ---------------------------------------------------------


def reminder_days() -> int:
    return int(getattr(settings, "EIGENPLAN_REVIEW_REMINDER_DAYS", 7))


def send_review_reminders(*, today: datetime.date | None = None, days: int | None = None) -> int:
    """Queue a reminder for every conference whose review date is at most `days` days away and
    not passed, to the pen holders, the independent coordinator and the household's
    coordinator. Each conference is claimed first (reminder_sent_at), so a reminder is never
    sent twice, also not by two runs at once. Returns the number of conferences reminded."""
    today = today or timezone.localdate()
    days = reminder_days() if days is None else days
    due = Conference.objects.filter(
        status=Status.FOLLOW_UP,
        reminder_sent_at__isnull=True,
        review_date__gte=today,
        review_date__lte=today + datetime.timedelta(days=days),
    ).values_list("pk", flat=True)
    reminded = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Conference.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if not claimed:
                continue
            conference = Conference.objects.select_related(
                "household__coordinator", "independent_coordinator"
            ).get(pk=pk)
            recipients = [
                *pen_holders(conference.household),
                conference.independent_coordinator,
                conference.household.coordinator,
            ]
            sent = _queue_reminders(conference, recipients)
            record_event(
                actor=None,
                household=conference.household,
                verb="remind",
                obj=conference,
                detail={"review_date": conference.review_date.isoformat(), "messages": sent},
            )
            reminded += 1
    return reminded


def _queue_reminders(conference: Conference, recipients) -> int:
    path = reverse("conferences:review", args=[conference.household_id, conference.pk])
    seen: set[int] = set()
    sent = 0
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active or not user.email:
            continue
        seen.add(user.pk)
        with translation.override("nl"):
            subject = _("Binnenkort terugkijken op het plan")
            body = "\n\n".join(
                [
                    _("Hallo %(name)s,") % {"name": user},
                    _(
                        "Op %(date)s kijken we terug op het plan van de Eigen Kracht-conferentie: "
                        "wat is afgesproken, en wat is gedaan?"
                    )
                    % {"date": date_format(conference.review_date, "l j F Y")},
                    _("U kunt alvast kijken:") + "\n" + site_url(path),
                ]
            )
        queue_message(
            kind=Message.Kind.REVIEW_REMINDER,
            channel=Message.Channel.EMAIL,
            address=user.email,
            subject=str(subject),
            body=str(body),
            recipient=user,
            household=conference.household,
            language="nl",
        )
        sent += 1
    return sent
