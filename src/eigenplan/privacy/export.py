"""Everything eigenplan keeps about one household, for the resident to take with them (AVG art.
15 and 20: the right of access and to data portability).

`export_household` returns plain, JSON-ready data: strings, numbers, booleans, None, lists and
dicts, with dates and times in ISO 8601 (times in the local time zone, with their offset). The
readable page (privacy/templates/privacy/my_data_overview.html) renders the same data, so the
file and the page never differ.

Only records of this household are read, each table once, filtered by the household itself and
never by a user: a coordinator, proposer or circle member who also stands with other households
brings nothing of those households along. Names are looked up in this household's own persons
and circle, not through foreign keys. The BSN is only ever in its masked form.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenplan.conferences.export import export_conferences
from eigenplan.households.models import (
    CircleInvitation,
    CircleMember,
    Household,
    Person,
    Representative,
)
from eigenplan.notifications.models import Message
from eigenplan.plans.models import Action, Goal, LifeDomain, Performer, Plan, PlanVersion, Proposal
from eigenplan.privacy.audit import record_event
from eigenplan.privacy.models import (
    AuditEvent,
    CorrectionRequest,
    EmergencyAccess,
    RoleSharingDecision,
    SharingDecision,
)

EXPORT_FORMAT = 1


def _moment(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value is not None else None


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _explanation(municipality: str) -> str:
    return _(
        "Dit zijn alle gegevens die eigenplan over uw huishouden bewaart: uw adres, de mensen in "
        "uw huishouden, uw kring, uw plan met doelen en acties, de voorstellen, alle "
        "goedgekeurde versies en wie wat deed of bekeek. %(municipality)s bewaart deze "
        "gegevens. Er staan persoonlijke gegevens in: deel ze alleen met mensen die u vertrouwt."
    ) % {"municipality": municipality}


def _bsn_note(municipality: str) -> str:
    return _(
        "Van het burgerservicenummer (BSN) staan hier alleen de laatste 3 cijfers. Het hele BSN "
        "bewaren we versleuteld (geheim gemaakt). Wilt u het hele nummer? Vraag het aan "
        "%(municipality)s."
    ) % {"municipality": municipality}


def _household(household: Household) -> dict:
    coordinator = household.coordinator
    return {
        "id": household.pk,
        "street": household.street,
        "house_number": household.house_number,
        "postcode": household.postcode,
        "city": household.city,
        "address": household.address,
        "neighbourhood": {
            "cbs_code": household.neighbourhood.cbs_code,
            "name": household.neighbourhood.name,
        },
        "coordinator": str(coordinator) if coordinator is not None else None,
        "created_at": _moment(household.created_at),
        "closed_at": _moment(household.closed_at),
    }


def _person(person: Person) -> dict:
    return {
        "id": person.pk,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "date_of_birth": _day(person.date_of_birth),
        # Only ever the masked form: the whole number is not in any export.
        "bsn": person.masked_bsn or None,
        "has_account": person.user_id is not None,
    }


def _person_ref(persons: dict[int, Person], person_id: int | None) -> dict | None:
    person = persons.get(person_id)
    if person is None:
        return None
    return {"id": person.pk, "name": str(person)}


def _circle_member(member: CircleMember, decisions: list[SharingDecision]) -> dict:
    return {
        "id": member.pk,
        "name": member.name,
        "relation": member.relation,
        "relation_label": str(member.get_relation_display()),
        "relation_detail": member.relation_detail,
        "closeness": member.closeness,
        "closeness_label": str(member.get_closeness_display()),
        "email": member.email,
        "phone": member.phone,
        "has_account": member.user_id is not None,
        "is_active": member.is_active,
        "shared_life_domains": list(member.shared_life_domains or []),
        "shares_dream": member.shares_dream,
        "created_at": _moment(member.created_at),
        "sharing_history": [
            {
                "shared_life_domains": list(decision.shared_life_domains or []),
                "shares_dream": decision.shares_dream,
                "decided_by": decision.decided_by_name,
                "decided_at": _moment(decision.decided_at),
            }
            for decision in decisions
        ],
    }


def _performer_label(
    action: Action, persons: dict[int, Person], circle: dict[int, CircleMember]
) -> str:
    """Action.performer_label, with names from this household's own records only."""
    if action.performer == Performer.CIRCLE_MEMBER and action.circle_member_id in circle:
        return circle[action.circle_member_id].name
    if action.performer == Performer.RESIDENT and action.person_id in persons:
        return persons[action.person_id].first_name
    if action.performer_name:
        return action.performer_name
    return str(action.get_performer_display())


def _action(action: Action, persons, circle) -> dict:
    member = circle.get(action.circle_member_id)
    return {
        "id": action.pk,
        "description": action.description,
        "performer": action.performer,
        "performer_label": _performer_label(action, persons, circle),
        "person": _person_ref(persons, action.person_id),
        "circle_member": {"id": member.pk, "name": member.name} if member is not None else None,
        "performer_name": action.performer_name,
        "due_date": _day(action.due_date),
        "status": action.status,
        "status_label": str(action.get_status_display()),
        # What the circle member answered when asked to do it (eigenplan.circle).
        "commitment": action.commitment,
        "commitment_label": str(action.get_commitment_display()) if action.commitment else "",
        "commitment_reason": action.commitment_reason,
        "commitment_answered_at": _moment(action.commitment_answered_at),
        "created_at": _moment(action.created_at),
        "updated_at": _moment(action.updated_at),
    }


def _goal(goal: Goal, actions: list[dict], persons) -> dict:
    return {
        "id": goal.pk,
        "text": goal.text,
        "life_domain": goal.life_domain,
        "life_domain_label": _label(LifeDomain, goal.life_domain),
        "person": _person_ref(persons, goal.person_id),
        "created_at": _moment(goal.created_at),
        "updated_at": _moment(goal.updated_at),
        "actions": actions,
    }


def _plan(plan: Plan, goals: list[dict]) -> dict:
    return {
        "strengths": plan.strengths,
        "dream": plan.dream,
        "contributions": plan.contributions,
        "has_unapproved_changes": plan.has_unapproved_changes,
        "created_at": _moment(plan.created_at),
        "updated_at": _moment(plan.updated_at),
        "goals": goals,
    }


def _proposal(proposal: Proposal) -> dict:
    answered_by = proposal.answered_by
    return {
        "id": proposal.pk,
        "kind": proposal.kind,
        "kind_label": str(proposal.get_kind_display()),
        "goal_id": proposal.goal_id,
        "action_id": proposal.action_id,
        "payload": proposal.payload,
        "explanation": proposal.explanation,
        "author": proposal.author_name,
        "author_role": proposal.author_role,
        "created_at": _moment(proposal.created_at),
        "status": proposal.status,
        "status_label": str(proposal.get_status_display()),
        "final_payload": proposal.final_payload,
        "decline_reason": proposal.decline_reason,
        "answered_by": str(answered_by) if answered_by is not None else None,
        "answered_at": _moment(proposal.answered_at),
    }


def _version(version: PlanVersion) -> dict:
    return {
        "number": version.number,
        "approved_by": version.approved_by_name,
        "approved_at": _moment(version.approved_at),
        "note": version.note,
        "snapshot": version.snapshot,
    }


def _emergency_access(access: EmergencyAccess) -> dict:
    return {
        "professional": str(access.user),
        "reason": access.reason,
        "granted_at": _moment(access.granted_at),
        "expires_at": _moment(access.expires_at),
    }


def _correction(correction: CorrectionRequest) -> dict:
    return {
        "id": correction.pk,
        "part": correction.part,
        "part_label": str(correction.get_part_display()) if correction.part else "",
        "what_is_wrong": correction.what_is_wrong,
        "what_it_should_be": correction.what_it_should_be,
        "requested_by": correction.requested_by_name,
        "received_at": _moment(correction.received_at),
        "first_deadline": _day(correction.first_deadline),
        "deadline": _day(correction.deadline),
        "extension_reason": correction.extension_reason,
        "extended_at": _moment(correction.extended_at),
        "status": correction.status,
        "status_label": str(correction.get_status_display()),
        "answer": correction.answer,
        "answered_by": correction.answered_by_name,
        "answered_at": _moment(correction.answered_at),
    }


def _event(event: AuditEvent) -> dict:
    # The plain words of the access log; imported here because the views import this module.
    from eigenplan.privacy.views import describe

    entry = describe(event)
    return {
        "sequence": event.sequence,
        "occurred_at": _moment(event.occurred_at),
        "actor": event.actor_name,
        "actor_role": event.actor_role,
        "actor_organisation": event.actor_organisation,
        "verb": event.verb,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "detail": event.detail if isinstance(event.detail, dict) else {},
        "description": entry.what,
        "role_description": entry.role,
        "reason": entry.why,
    }


def _invitation(invitation: CircleInvitation) -> dict:
    # The link's token and the code are kept only as hashes, and are no data about anyone.
    return {
        "id": invitation.pk,
        "circle_member_id": invitation.circle_member_id,
        "channel": invitation.channel,
        "address": invitation.address,
        "status": invitation.status,
        "sent_at": _moment(invitation.created_at),
        "expires_at": _moment(invitation.expires_at),
        "finished_at": _moment(invitation.finished_at),
    }


def _message(message: Message) -> dict:
    # Without `secret`: a link or code still to be sent is no data about anyone, and it would
    # let whoever reads the export use it.
    return {
        "id": message.pk,
        "kind": message.kind,
        "channel": message.channel,
        "address": message.address,
        "subject": message.subject,
        "text": message.body,
        "status": message.status,
        "made_at": _moment(message.created_at),
        "sent_at": _moment(message.sent_at),
    }


def export_household(household: Household) -> dict:
    """Every record eigenplan keeps about `household`, as JSON-ready data (see the module's
    docstring). One query per table (fifteen, and one to five for the family group conferences),
    whatever the size of the household's data."""
    household = Household.objects.select_related("neighbourhood", "coordinator").get(
        pk=household.pk
    )
    municipality = settings.MUNICIPALITY_NAME

    persons = {p.pk: p for p in Person.objects.filter(household=household)}
    representatives = (
        Representative.objects.filter(household=household, represents__household=household)
        .select_related("user")
        .order_by("id")
    )
    circle = {m.pk: m for m in CircleMember.objects.filter(household=household)}
    decisions: dict[int, list[SharingDecision]] = {pk: [] for pk in circle}
    for decision in SharingDecision.objects.filter(
        household=household, circle_member__household=household
    ).order_by("decided_at", "id"):
        decisions[decision.circle_member_id].append(decision)

    plan = Plan.objects.filter(household=household).first()
    plan_data = None
    proposals, versions = [], []
    if plan is not None:
        actions: dict[int, list[dict]] = {}
        for action in Action.objects.filter(goal__plan=plan).order_by("goal_id", "position", "id"):
            actions.setdefault(action.goal_id, []).append(_action(action, persons, circle))
        goals = [
            _goal(goal, actions.get(goal.pk, []), persons)
            for goal in Goal.objects.filter(plan=plan).order_by("position", "id")
        ]
        plan_data = _plan(plan, goals)
        proposals = [
            _proposal(proposal)
            for proposal in Proposal.objects.filter(plan=plan)
            .select_related("answered_by")
            .order_by("created_at", "id")
        ]
        versions = [
            _version(version)
            for version in PlanVersion.objects.filter(plan=plan).order_by("number")
        ]

    team_sharing = [
        {
            "role": decision.role,
            "role_label": str(decision.get_role_display()),
            "parts": list(decision.parts),
            "decided_by": decision.decided_by_name,
            "decided_at": _moment(decision.decided_at),
        }
        for decision in RoleSharingDecision.objects.filter(household=household).order_by(
            "decided_at", "id"
        )
    ]
    emergency_accesses = [
        _emergency_access(access)
        for access in EmergencyAccess.objects.filter(household=household)
        .select_related("user")
        .order_by("granted_at", "id")
    ]
    corrections = [
        _correction(correction)
        for correction in CorrectionRequest.objects.filter(household=household).order_by(
            "received_at", "id"
        )
    ]
    invitations = [
        _invitation(invitation)
        for invitation in CircleInvitation.objects.filter(household=household).order_by(
            "created_at", "id"
        )
    ]
    messages = [
        _message(message)
        for message in Message.objects.filter(household=household).order_by("created_at", "id")
    ]
    events = [
        _event(event)
        for event in AuditEvent.objects.filter(household_id=household.pk).order_by("sequence")
    ]

    return {
        "format": EXPORT_FORMAT,
        "exported_at": _moment(timezone.now()),
        "municipality": municipality,
        "explanation": _explanation(municipality),
        "bsn_note": _bsn_note(municipality),
        "household": _household(household),
        "persons": [_person(person) for person in persons.values()],
        "representatives": [
            {
                "name": str(representative.user),
                "kind": representative.kind,
                "kind_label": str(representative.get_kind_display()),
                "represents": _person_ref(persons, representative.represents_id),
            }
            for representative in representatives
        ],
        "circle": [_circle_member(m, decisions[m.pk]) for m in circle.values()],
        "plan": plan_data,
        "proposals": proposals,
        "versions": versions,
        "team_sharing": team_sharing,  # what the neighbourhood team's roles may see, as history
        "emergency_accesses": emergency_accesses,
        "correction_requests": corrections,
        "conferences": export_conferences(household),
        "invitations": invitations,
        "messages": messages,
        "audit_events": events,
    }


def record_export(*, actor, household: Household, file_format: str) -> None:
    """Leave an audit event (verb "export") for a download of the household's data. Called after
    the data is gathered, as the request's last write."""
    record_event(
        actor=actor,
        household=household,
        verb="export",
        obj=household,
        detail={"format": file_format},
    )
