"""Reads for conferences: a fixed number of queries per page, whatever the size of the plan."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from eigenplan.conferences.access import ALL_DOMAINS, ConferenceStanding
from eigenplan.conferences.models import (
    OPEN_STATUSES,
    STEPS,
    Conference,
    DraftAction,
    ProfessionalInput,
    Status,
)
from eigenplan.plans.models import Action, Goal, LifeDomain
from eigenplan.plans.selectors import DomainGroup, group_by_life_domain


def conferences_of(household) -> QuerySet[Conference]:
    return Conference.objects.filter(household=household).select_related("independent_coordinator")


def assigned_to(user) -> QuerySet[Conference]:
    """The independent coordinator's running conferences: their link to a household ends
    with the conference."""
    return (
        Conference.objects.filter(independent_coordinator=user, status__in=OPEN_STATUSES)
        .select_related("household")
        .order_by("-referred_at")
    )


def reviews_due(household_ids) -> dict[int, datetime.date]:
    """The review date of each of these households that has one coming or passed (a conference
    in follow-up), for the coordinator's caseload. One query."""
    rows = (
        Conference.objects.filter(
            household_id__in=list(household_ids),
            status=Status.FOLLOW_UP,
            review_date__isnull=False,
        )
        .order_by("review_date")
        .values_list("household_id", "review_date")
    )
    due: dict[int, datetime.date] = {}
    for household_id, review_date in rows:
        due.setdefault(household_id, review_date)
    return due


# --- what comes next, and who waits for whom --------------------------------------------------


@dataclass
class NextStep:
    what: str
    turn: str  # who must act now
    waiting: str  # who waits for them


@dataclass
class StepLine:
    label: str
    state: str  # "done", "current" or "todo"


def step_lines(conference: Conference) -> list[StepLine]:
    current = STEPS.index(conference.status) if conference.status in STEPS else -1
    return [
        StepLine(
            label=str(step.label),
            state="done" if index < current else "current" if index == current else "todo",
        )
        for index, step in enumerate(STEPS)
    ]


def next_step(conference: Conference, *, conditions: int, assessed: int) -> NextStep:
    coordinator = (
        str(conference.independent_coordinator)
        if conference.independent_coordinator_id
        else _("de onafhankelijk coördinator")
    )
    family = _("de familie")
    professionals = _("de professionals")
    status = conference.status
    if status == Status.REFERRED:
        return NextStep(
            _(
                "Er komt een onafhankelijk coördinator. Dat is iemand die niet bij het buurtteam "
                "werkt. Die bereidt de conferentie voor met de familie."
            ),
            _("de familie of de regisseur: zij kiezen de coördinator"),
            family,
        )
    if status == Status.PREPARING:
        when = (
            date_format(conference.meeting_at, "l j F Y, H:i")
            if conference.meeting_at
            else _("nog geen datum")
        )
        return NextStep(
            _(
                "Voorbereiden: wie komen er, waar en wanneer, in welke taal, en is er een tolk "
                "nodig? De professionals schrijven op wat zij weten, en hun zorgen en "
                "voorwaarden. De conferentie: %(when)s."
            )
            % {"when": when},
            _("%(coordinator)s en de familie, en de professionals") % {"coordinator": coordinator},
            _("iedereen wacht op de dag van de conferentie"),
        )
    if status == Status.INFORMATION:
        return NextStep(
            _(
                "De informatieronde: de professionals vertellen wat zij weten, en aan welke "
                "voorwaarden het plan moet voldoen. Daarna heeft de familie eigen tijd."
            ),
            coordinator,
            family,
        )
    if status == Status.PRIVATE_TIME:
        return NextStep(
            _(
                "De familie maakt het plan in eigen tijd, zonder de coördinator en zonder "
                "professionals. Niemand anders kan het plan nu lezen. Daarna presenteert de "
                "familie het plan."
            ),
            family,
            _("%(coordinator)s en de professionals") % {"coordinator": coordinator},
        )
    if status == Status.PRESENTED:
        return NextStep(
            _(
                "De familie heeft het plan gepresenteerd. De coördinator kijkt of het goed is "
                "opgeschreven, en vraagt de professionals om het te beoordelen."
            ),
            coordinator,
            _("de familie en de professionals"),
        )
    if status == Status.ASSESSMENT and assessed < conditions:
        return NextStep(
            _(
                "De professionals kijken per voorwaarde of het plan eraan voldoet: %(done)s van "
                "%(total)s beoordeeld. Daarna keurt de familie het plan goed."
            )
            % {"done": assessed, "total": conditions},
            professionals,
            family,
        )
    if status == Status.ASSESSMENT:
        return NextStep(
            _(
                "Alle voorwaarden zijn beoordeeld. Nu keurt de familie het plan goed. Dan is het "
                "de nieuwe versie van het plan."
            ),
            family,
            _("%(coordinator)s en de professionals") % {"coordinator": coordinator},
        )
    if status == Status.APPROVED:
        return NextStep(
            _(
                "Het plan is goedgekeurd. Nu kiezen we een datum om terug te kijken, over "
                "ongeveer 4 weken."
            ),
            _("%(coordinator)s of de familie") % {"coordinator": coordinator},
            _("niemand"),
        )
    if status == Status.FOLLOW_UP:
        return NextStep(
            _(
                "Iedereen doet wat in het plan is afgesproken. Op %(date)s kijken we terug: wat "
                "is afgesproken, en wat is gedaan? Een week vooraf komt er een herinnering."
            )
            % {"date": date_format(conference.review_date, "l j F Y")},
            _("iedereen met een afspraak in het plan"),
            _("de datum om terug te kijken"),
        )
    if status == Status.REVIEWED:
        return NextStep(
            _("We hebben teruggekeken. De familie werkt aan de volgende versie van het plan."),
            family,
            _("niemand"),
        )
    return NextStep(_("De familie is gestopt met deze conferentie."), _("niemand"), _("niemand"))


# --- pages ------------------------------------------------------------------------------------


@dataclass
class ConferencePage:
    conference: Conference
    view: ConferenceStanding
    steps: list[StepLine]
    next: NextStep
    participants: list
    inputs: list[ProfessionalInput]  # empty for those who may not see them
    conditions: int
    assessed: int
    not_met: int
    may_see_draft: bool


def conference_page(conference: Conference, view: ConferenceStanding) -> ConferencePage:
    counts = list(
        conference.inputs.filter(kind=ProfessionalInput.Kind.CONDITION).values_list(
            "is_met", flat=True
        )
    )
    conditions = len(counts)
    assessed = sum(1 for value in counts if value is not None)
    return ConferencePage(
        conference=conference,
        view=view,
        steps=step_lines(conference),
        next=next_step(conference, conditions=conditions, assessed=assessed),
        participants=list(conference.participants.all()),
        inputs=list(conference.inputs.all()) if view.may_see_inputs else [],
        conditions=conditions,
        assessed=assessed,
        not_met=sum(1 for value in counts if value is False),
        may_see_draft=view.may_see_draft(conference),
    )


def draft_groups(conference: Conference, view: ConferenceStanding) -> list[DomainGroup]:
    """The family's plan, per life domain, limited to what this user may see. Callers check
    `may_see_draft` first."""
    goals = conference.draft_goals.select_related("person").prefetch_related(
        Prefetch("actions", queryset=DraftAction.objects.select_related("person", "circle_member"))
    )
    domains = view.draft_domains()
    if domains != ALL_DOMAINS:
        goals = goals.filter(life_domain__in=domains)
    return group_by_life_domain(goals)


# --- looking back -----------------------------------------------------------------------------


@dataclass
class ReviewedAction:
    description: str
    by: str
    due_date: datetime.date | None
    status_then: str
    status_now: str  # empty when the action was taken out of the plan since
    is_done: bool


@dataclass
class ReviewedGoal:
    text: str
    domain_label: str
    is_still_in_plan: bool
    actions: list[ReviewedAction] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(1 for action in self.actions if action.is_done)


def review_domains(view: ConferenceStanding) -> frozenset[str]:
    household = view.household
    if view.is_independent_coordinator or household.sees_whole_plan:
        return ALL_DOMAINS
    return household.shared_life_domains


def review_goals(conference: Conference, view: ConferenceStanding) -> list[ReviewedGoal]:
    """Per goal of the approved conference plan: what was promised (the actions, by whom, by
    when) and what is done now. Three queries: the version's snapshot, the plan's goals and
    its actions."""
    version = conference.approved_version
    if version is None:
        return []
    domains = review_domains(view)
    goals = [g for g in version.snapshot.get("goals", []) if g.get("life_domain") in domains]
    action_ids = [a["id"] for g in goals for a in g.get("actions", [])]
    now = {
        row["pk"]: row
        for row in Action.objects.filter(
            pk__in=action_ids, goal__plan__household_id=conference.household_id
        ).values("pk", "status")
    }
    still_there = set(
        Goal.objects.filter(
            pk__in=[g["id"] for g in goals], plan__household_id=conference.household_id
        ).values_list("pk", flat=True)
    )
    statuses = dict(Action.Status.choices)
    result = []
    for goal in goals:
        reviewed = ReviewedGoal(
            text=goal["text"],
            domain_label=str(dict(LifeDomain.choices).get(goal["life_domain"], "")),
            is_still_in_plan=goal["id"] in still_there,
        )
        for action in goal.get("actions", []):
            current = now.get(action["id"])
            status_now = current["status"] if current else ""
            reviewed.actions.append(
                ReviewedAction(
                    description=action["description"],
                    by=action.get("performer_label", ""),
                    due_date=(
                        datetime.date.fromisoformat(action["due_date"])
                        if action.get("due_date")
                        else None
                    ),
                    status_then=str(statuses.get(action["status"], action["status"])),
                    status_now=str(statuses.get(status_now, "")) if status_now else "",
                    is_done=status_now == Action.Status.DONE,
                )
            )
        result.append(reviewed)
    return result
