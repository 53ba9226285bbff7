"""Every change to a plan goes through here: one transaction per call, permission and
validation first, an audit event with the change.

Optimistic concurrency: each editable object carries a `revision`. A caller passes the revision
it showed the user; when it no longer matches, ConflictError is raised and nothing is written.
The plan's own revision moves on every content change, so approval only freezes what the
resident actually saw.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenplan.circle import services as commitments
from eigenplan.core.errors import ConflictError
from eigenplan.households.access import standing
from eigenplan.households.models import CircleMember, Household, Person
from eigenplan.plans.models import (
    Action,
    Goal,
    LifeDomain,
    Performer,
    Plan,
    PlanVersion,
    Proposal,
    refresh_summary,
)
from eigenplan.plans.snapshot import build_snapshot
from eigenplan.privacy.audit import record_event

MAX_TEXT = 2000
PLAN_TEXT_FIELDS = ("strengths", "dream", "contributions")
GOAL_FIELDS = ("text", "life_domain", "person_id")
ACTION_FIELDS = (
    "description",
    "performer",
    "person_id",
    "circle_member_id",
    "performer_name",
    "due_date",
    "status",
)


def _require(actor, perm: str, household: Household) -> None:
    if not actor.has_perm(perm, household):
        raise PermissionDenied(_("U mag dit niet doen in dit plan."))


def _check_revision(obj, expected_revision: int | None) -> None:
    if expected_revision is not None and obj.revision != expected_revision:
        raise ConflictError(current=obj)


def _touch_plan(plan: Plan) -> None:
    """Every content change: a new plan revision, and something new to approve."""
    Plan.objects.filter(pk=plan.pk).update(
        revision=F("revision") + 1, has_unapproved_changes=True, updated_at=timezone.now()
    )
    plan.refresh_from_db(fields=["revision", "has_unapproved_changes", "updated_at"])


def _save_with_revision(obj, expected_revision: int | None, fields: list[str]) -> None:
    """Write `fields` only if nobody else wrote first (compare-and-set on revision)."""
    model = type(obj)
    current = obj.revision if expected_revision is None else expected_revision
    values = {name: getattr(obj, name) for name in fields}
    updated = model.objects.filter(pk=obj.pk, revision=current).update(
        revision=current + 1, **values
    )
    if not updated:
        raise ConflictError(current=model.objects.filter(pk=obj.pk).first())
    obj.revision = current + 1


# --- validation shared by direct edits and proposals ---------------------------------------


def _clean_text(value, *, field: str, required: bool = True, max_length: int = MAX_TEXT) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        raise ValidationError({field: _("Vul hier tekst in.")})
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


def _parse_id(value, *, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Kies iemand uit de lijst.")}) from None


def clean_goal_fields(household: Household, data: dict[str, Any]) -> dict[str, Any]:
    """Validate goal fields from a form, the API or a proposal payload."""
    text = _clean_text(data.get("text"), field="text")
    life_domain = data.get("life_domain")
    if life_domain not in LifeDomain.values:
        raise ValidationError({"life_domain": _("Kies een leefgebied.")})
    person_id = _parse_id(data.get("person_id"), field="person_id")
    if (
        person_id is not None
        and not Person.objects.filter(pk=person_id, household=household).exists()
    ):
        raise ValidationError({"person_id": _("Kies iemand uit uw huishouden.")})
    return {"text": text, "life_domain": life_domain, "person_id": person_id}


def _parse_date(value, *, field: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    parsed = None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            parsed = datetime.datetime.strptime(str(value).strip(), pattern).date()
            break
        except ValueError:
            continue
    if parsed is None:
        raise ValidationError({field: _("Dit is geen goede datum. Schrijf het zo: 31-12-2026.")})
    if not datetime.date(2000, 1, 1) <= parsed <= datetime.date(2100, 12, 31):
        raise ValidationError({field: _("Kies een datum tussen 2000 en 2100.")})
    return parsed


def clean_action_fields(household: Household, data: dict[str, Any]) -> dict[str, Any]:
    """Validate action fields. Who does it must be named in a way that fits the kind of
    performer: a person of the household, a circle member, or a name."""
    description = _clean_text(data.get("description"), field="description")
    performer = data.get("performer")
    if performer not in Performer.values:
        raise ValidationError({"performer": _("Kies wie het doet.")})
    person_id = _parse_id(data.get("person_id"), field="person_id")
    circle_member_id = _parse_id(data.get("circle_member_id"), field="circle_member_id")
    performer_name = _clean_text(
        data.get("performer_name"), field="performer_name", required=False, max_length=150
    )
    if performer == Performer.RESIDENT:
        circle_member_id, performer_name = None, ""
        if (
            person_id is not None
            and not Person.objects.filter(pk=person_id, household=household).exists()
        ):
            raise ValidationError({"person_id": _("Kies iemand uit uw huishouden.")})
    elif performer == Performer.CIRCLE_MEMBER:
        person_id, performer_name = None, ""
        if circle_member_id is None:
            raise ValidationError({"circle_member_id": _("Kies wie uit uw kring het doet.")})
        if not CircleMember.objects.filter(pk=circle_member_id, household=household).exists():
            raise ValidationError({"circle_member_id": _("Kies iemand uit uw eigen kring.")})
    else:
        person_id, circle_member_id = None, None
        if not performer_name:
            raise ValidationError(
                {"performer_name": _("Schrijf op wie het doet, bijvoorbeeld de naam van de club.")}
            )
    status = data.get("status") or Action.Status.TODO
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Kies hoe het ervoor staat.")})
    return {
        "description": description,
        "performer": performer,
        "person_id": person_id,
        "circle_member_id": circle_member_id,
        "performer_name": performer_name,
        "due_date": _parse_date(data.get("due_date"), field="due_date"),
        "status": status,
    }


def _jsonable(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in fields.items()}


# --- the plan itself -------------------------------------------------------------------------


@transaction.atomic
def create_plan(*, household: Household) -> Plan:
    plan, _created = Plan.objects.get_or_create(household=household)
    return plan


@transaction.atomic
def update_plan_texts(
    *, actor, plan: Plan, texts: dict[str, str], expected_revision: int | None = None
) -> Plan:
    """Change one or more of the plan's own texts (what goes well, the dream, what I can give)."""
    _require(actor, "plans.edit_plan", plan.household)
    unknown = set(texts) - set(PLAN_TEXT_FIELDS)
    if unknown or not texts:
        raise ValidationError({"field": _("Dit deel van het plan bestaat niet.")})
    plan = Plan.objects.select_for_update().select_related("household").get(pk=plan.pk)
    _check_revision(plan, expected_revision)
    changed = []
    for field, text in texts.items():
        cleaned = _clean_text(text, field=field, required=False, max_length=5000)
        if getattr(plan, field) != cleaned:
            setattr(plan, field, cleaned)
            changed.append(field)
    if changed:
        plan.save(update_fields=[*changed, "updated_at"])
        _touch_plan(plan)
        record_event(
            actor=actor,
            household=plan.household,
            verb="update",
            obj=plan,
            detail={"fields": changed},
        )
    return plan


def update_plan_text(
    *, actor, plan: Plan, field: str, text: str, expected_revision: int | None = None
) -> Plan:
    return update_plan_texts(
        actor=actor, plan=plan, texts={field: text}, expected_revision=expected_revision
    )


def _next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_goal(*, actor, plan: Plan, text: str, life_domain: str, person_id=None) -> Goal:
    _require(actor, "plans.edit_plan", plan.household)
    return _create_goal(
        actor=actor,
        plan=plan,
        fields=clean_goal_fields(
            plan.household, {"text": text, "life_domain": life_domain, "person_id": person_id}
        ),
    )


def _create_goal(*, actor, plan: Plan, fields: dict[str, Any]) -> Goal:
    goal = Goal.objects.create(plan=plan, position=_next_position(plan.goals), **fields)
    _touch_plan(plan)
    record_event(actor=actor, household=plan.household, verb="create", obj=goal)
    return goal


@transaction.atomic
def update_goal(*, actor, goal: Goal, expected_revision: int | None = None, **data) -> Goal:
    plan = goal.plan
    _require(actor, "plans.edit_plan", plan.household)
    return _apply_goal_change(
        actor=actor,
        goal=goal,
        expected_revision=expected_revision,
        fields=clean_goal_fields(plan.household, data),
    )


def _apply_goal_change(*, actor, goal: Goal, expected_revision, fields) -> Goal:
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.updated_at = timezone.now()
    _save_with_revision(goal, expected_revision, [*GOAL_FIELDS, "updated_at"])
    _touch_plan(goal.plan)
    record_event(actor=actor, household=goal.plan.household, verb="update", obj=goal)
    return goal


@transaction.atomic
def delete_goal(*, actor, goal: Goal, expected_revision: int | None = None) -> None:
    plan = goal.plan
    _require(actor, "plans.edit_plan", plan.household)
    _check_revision(goal, expected_revision)
    Proposal.objects.filter(plan=plan, status=Proposal.Status.OPEN, goal=goal).update(
        status=Proposal.Status.OBSOLETE
    )
    Proposal.objects.filter(plan=plan, status=Proposal.Status.OPEN, action__goal=goal).update(
        status=Proposal.Status.OBSOLETE
    )
    removed = Goal(pk=goal.pk)  # names the row in the audit event once it is gone
    goal.delete()
    _touch_plan(plan)
    refresh_summary(Plan.objects.filter(pk=plan.pk))
    # The audit event is the last write: it locks the chain head until commit.
    record_event(actor=actor, household=plan.household, verb="delete", obj=removed)


@transaction.atomic
def add_action(*, actor, goal: Goal, **data) -> Action:
    _require(actor, "plans.edit_plan", goal.plan.household)
    return _create_action(
        actor=actor, goal=goal, fields=clean_action_fields(goal.plan.household, data)
    )


def _create_action(*, actor, goal: Goal, fields: dict[str, Any]) -> Action:
    # An action given to a circle member is a request until they answer it.
    action = Action.objects.create(
        goal=goal,
        position=_next_position(goal.actions),
        **fields,
        **commitments.commitment_fields(fields),
    )
    _touch_plan(goal.plan)
    record_event(actor=actor, household=goal.plan.household, verb="create", obj=action)
    if action.commitment == Action.Commitment.REQUESTED:
        commitments.request_made(actor=actor, action=action)
    return action


@transaction.atomic
def update_action(*, actor, action: Action, expected_revision: int | None = None, **data) -> Action:
    household = action.goal.plan.household
    _require(actor, "plans.edit_plan", household)
    return _apply_action_change(
        actor=actor,
        action=action,
        expected_revision=expected_revision,
        fields=clean_action_fields(household, data),
    )


def _apply_action_change(*, actor, action: Action, expected_revision, fields) -> Action:
    # Given to someone else in the circle: a new request to them; to no one in the circle: no
    # commitment. A change of anything else keeps the answer the circle member gave.
    reassigned = commitments.assignment_changed(action, fields)
    for name, value in fields.items():
        setattr(action, name, value)
    saved = [*ACTION_FIELDS, "updated_at"]
    if reassigned:
        for name, value in commitments.commitment_fields(fields).items():
            setattr(action, name, value)
            saved.append(name)
    action.updated_at = timezone.now()
    _save_with_revision(action, expected_revision, saved)
    _touch_plan(action.goal.plan)
    record_event(actor=actor, household=action.goal.plan.household, verb="update", obj=action)
    if reassigned and action.commitment == Action.Commitment.REQUESTED:
        commitments.request_made(actor=actor, action=action)
    return action


@transaction.atomic
def delete_action(*, actor, action: Action, expected_revision: int | None = None) -> None:
    plan = action.goal.plan
    _require(actor, "plans.edit_plan", plan.household)
    _check_revision(action, expected_revision)
    Proposal.objects.filter(status=Proposal.Status.OPEN, action=action).update(
        status=Proposal.Status.OBSOLETE
    )
    removed = Action(pk=action.pk)
    action.delete()
    _touch_plan(plan)
    refresh_summary(Plan.objects.filter(pk=plan.pk))
    record_event(actor=actor, household=plan.household, verb="delete", obj=removed)


# --- proposals -------------------------------------------------------------------------------


def _clean_proposal_payload(proposal_kind: str, household: Household, payload: dict) -> dict:
    if proposal_kind in (Proposal.Kind.ADD_GOAL, Proposal.Kind.CHANGE_GOAL):
        return _jsonable(clean_goal_fields(household, payload))
    if proposal_kind in (Proposal.Kind.ADD_ACTION, Proposal.Kind.CHANGE_ACTION):
        return _jsonable(clean_action_fields(household, payload))
    if proposal_kind == Proposal.Kind.CHANGE_TEXT:
        field = payload.get("field")
        if field not in PLAN_TEXT_FIELDS:
            raise ValidationError({"field": _("Kies welk deel van het plan.")})
        return {
            "field": field,
            "text": _clean_text(payload.get("text"), field="text", max_length=5000),
        }
    raise ValidationError({"kind": _("Dit soort voorstel bestaat niet.")})


@transaction.atomic
def make_proposal(
    *,
    actor,
    plan: Plan,
    kind: str,
    payload: dict,
    goal: Goal | None = None,
    action: Action | None = None,
    explanation: str = "",
) -> Proposal:
    household = plan.household
    _require(actor, "plans.propose", household)
    view = standing(actor, household)
    if kind in (Proposal.Kind.CHANGE_GOAL, Proposal.Kind.ADD_ACTION):
        if goal is None or goal.plan_id != plan.pk:
            raise ValidationError({"goal": _("Kies een doel uit dit plan.")})
        action = None
    elif kind == Proposal.Kind.CHANGE_ACTION:
        if action is None or action.goal.plan_id != plan.pk:
            raise ValidationError({"action": _("Kies een actie uit dit plan.")})
        goal = action.goal
    else:
        goal = action = None
    if not view.sees_whole_plan:
        domain = (
            payload.get("life_domain")
            if kind == Proposal.Kind.ADD_GOAL
            else (goal.life_domain if goal is not None else None)
        )
        if domain is not None and domain not in view.shared_life_domains:
            raise PermissionDenied(_("Dit deel van het plan is niet met u gedeeld."))
        if kind == Proposal.Kind.CHANGE_TEXT:
            raise PermissionDenied(_("Dit deel van het plan is niet met u gedeeld."))
    proposal = Proposal.objects.create(
        plan=plan,
        kind=kind,
        goal=goal,
        action=action,
        payload=_clean_proposal_payload(kind, household, payload),
        explanation=_clean_text(explanation, field="explanation", required=False),
        author=actor,
        author_name=str(actor),
        author_role=view.role_label,
    )
    refresh_summary(Plan.objects.filter(pk=plan.pk))
    record_event(
        actor=actor, household=household, verb="propose", obj=proposal, detail={"kind": kind}
    )
    return proposal


@transaction.atomic
def accept_proposal(*, actor, proposal: Proposal, changes: dict | None = None) -> Proposal:
    """Apply the proposal to the plan. With `changes`, the resident's edited version of the
    payload is applied instead and the proposal is marked as accepted with changes."""
    # Lock only the proposal row: PostgreSQL cannot lock the nullable side of an outer join.
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("plan__household", "goal", "action__goal")
        .get(pk=proposal.pk)
    )
    plan = proposal.plan
    _require(actor, "plans.answer_proposal", plan.household)
    if not proposal.is_open:
        raise ConflictError(_("Dit voorstel is al beantwoord."))
    final = _clean_proposal_payload(
        proposal.kind, plan.household, {**proposal.payload, **(changes or {})}
    )
    household = plan.household
    if proposal.kind == Proposal.Kind.ADD_GOAL:
        _create_goal(actor=actor, plan=plan, fields=clean_goal_fields(household, final))
    elif proposal.kind == Proposal.Kind.CHANGE_GOAL:
        if proposal.goal is None:
            raise ConflictError(_("Het doel van dit voorstel bestaat niet meer."))
        _apply_goal_change(
            actor=actor,
            goal=proposal.goal,
            expected_revision=None,
            fields=clean_goal_fields(household, final),
        )
    elif proposal.kind == Proposal.Kind.ADD_ACTION:
        if proposal.goal is None:
            raise ConflictError(_("Het doel van dit voorstel bestaat niet meer."))
        _create_action(
            actor=actor, goal=proposal.goal, fields=clean_action_fields(household, final)
        )
    elif proposal.kind == Proposal.Kind.CHANGE_ACTION:
        if proposal.action is None:
            raise ConflictError(_("De actie van dit voorstel bestaat niet meer."))
        _apply_action_change(
            actor=actor,
            action=proposal.action,
            expected_revision=None,
            fields=clean_action_fields(household, final),
        )
    else:
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        setattr(locked, final["field"], final["text"])
        locked.save(update_fields=[final["field"], "updated_at"])
        _touch_plan(locked)
    changed = final != proposal.payload
    proposal.status = Proposal.Status.ACCEPTED_WITH_CHANGES if changed else Proposal.Status.ACCEPTED
    proposal.final_payload = final
    proposal.answered_by = actor
    proposal.answered_at = timezone.now()
    proposal.save(update_fields=["status", "final_payload", "answered_by", "answered_at"])
    refresh_summary(Plan.objects.filter(pk=plan.pk))
    record_event(
        actor=actor,
        household=household,
        verb="accept",
        obj=proposal,
        detail={"with_changes": changed},
    )
    return proposal


@transaction.atomic
def decline_proposal(*, actor, proposal: Proposal, reason: str = "") -> Proposal:
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("plan__household")
        .get(pk=proposal.pk)
    )
    _require(actor, "plans.answer_proposal", proposal.plan.household)
    if not proposal.is_open:
        raise ConflictError(_("Dit voorstel is al beantwoord."))
    proposal.status = Proposal.Status.DECLINED
    proposal.decline_reason = _clean_text(reason, field="decline_reason", required=False)
    proposal.answered_by = actor
    proposal.answered_at = timezone.now()
    proposal.save(update_fields=["status", "decline_reason", "answered_by", "answered_at"])
    refresh_summary(Plan.objects.filter(pk=proposal.plan_id))
    record_event(actor=actor, household=proposal.plan.household, verb="decline", obj=proposal)
    return proposal


# --- approval --------------------------------------------------------------------------------


@transaction.atomic
def approve_plan(
    *, actor, plan: Plan, expected_revision: int | None = None, note: str = ""
) -> PlanVersion:
    """Freeze the plan as the resident sees it now into a new, immutable version."""
    _require(actor, "plans.approve_plan", plan.household)
    plan = Plan.objects.select_for_update().select_related("household").get(pk=plan.pk)
    if expected_revision is not None and plan.revision != expected_revision:
        raise ConflictError(
            _(
                "Het plan is veranderd sinds u het bekeek. Kijk het nog een keer na en keur het "
                "daarna goed."
            )
        )
    if not plan.goals.exists():
        raise ValidationError(
            {"plan": _("Schrijf eerst minstens één doel op. Daarna kunt u het plan goedkeuren.")}
        )
    last_number = plan.versions.aggregate(top=Max("number"))["top"] or 0
    if last_number and not plan.has_unapproved_changes:
        raise ValidationError(
            {
                "plan": _(
                    "Er is niets veranderd sinds versie %(number)s. U hoeft niets opnieuw "
                    "goed te keuren."
                )
                % {"number": last_number}
            }
        )
    version = PlanVersion.objects.create(
        plan=plan,
        number=last_number + 1,
        snapshot=build_snapshot(plan),
        approved_by=actor,
        approved_by_name=str(actor),
        approved_at=timezone.now(),
        note=_clean_text(note, field="note", required=False),
    )
    Plan.objects.filter(pk=plan.pk).update(has_unapproved_changes=False, latest_version=version)
    record_event(
        actor=actor,
        household=plan.household,
        verb="approve",
        obj=version,
        detail={"number": version.number},
    )
    return version
