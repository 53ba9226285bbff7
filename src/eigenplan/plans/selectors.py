"""Reads for plans. Every function here runs a fixed number of queries, whatever the size of
the plan, so pages stay fast as plans grow."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from eigenplan.households.access import Standing
from eigenplan.households.models import CircleMember, Household, Person
from eigenplan.plans.models import Action, Goal, LifeDomain, Plan, PlanVersion, Proposal
from eigenplan.privacy.emergency import active_emergency_accesses
from eigenplan.privacy.models import EmergencyAccess


def plan_of(household: Household) -> Plan:
    """The household's plan; every household has one from the moment it is registered. Costs no
    query when the household was read with `select_related("plan")`, as the pages and the API
    read it."""
    plan = None
    if Household.plan.is_cached(household):
        plan = getattr(household, "plan", None)  # None: the household has no plan yet
    if plan is None:
        plan, _created = Plan.objects.get_or_create(household=household)
    plan.household = household
    return plan


def visible_goals(plan: Plan, view: Standing) -> QuerySet[Goal]:
    """Goals with their actions, limited to the shared life domains for circle members."""
    goals = plan.goals.select_related("person").prefetch_related(
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("person", "circle_member"),
        )
    )
    if not view.sees_whole_plan:
        goals = goals.filter(life_domain__in=view.shared_life_domains)
    return goals


@dataclass
class DomainGroup:
    domain: str
    label: str
    goals: list[Goal]


def group_by_life_domain(goals) -> list[DomainGroup]:
    """Goals grouped per life domain in the fixed order of the eight domains."""
    by_domain: dict[str, list[Goal]] = {}
    for goal in goals:
        by_domain.setdefault(goal.life_domain, []).append(goal)
    return [
        DomainGroup(domain=value, label=str(label), goals=by_domain[value])
        for value, label in LifeDomain.choices
        if value in by_domain
    ]


@dataclass
class PlanPage:
    plan: Plan
    view: Standing
    groups: list[DomainGroup]
    goal_count: int
    persons: list[Person]
    circle: list[CircleMember]
    open_proposals: int
    latest_version: PlanVersion | None
    # Emergency accesses running now, shown to the resident and the coordinator only.
    emergencies: list[EmergencyAccess]


# How the pages read a household: with its neighbourhood, its plan and the plan's latest version
# (without the snapshot), in one query.
HOUSEHOLD_WITH_PLAN = ("neighbourhood", "plan__latest_version")
WITHOUT_SNAPSHOT = ("plan__latest_version__snapshot",)


def households_with_plan() -> QuerySet[Household]:
    return Household.objects.select_related(*HOUSEHOLD_WITH_PLAN).defer(*WITHOUT_SNAPSHOT)


def plan_page(household: Household, view: Standing, *, fresh: bool = False) -> PlanPage:
    """Everything the plan page shows. The plan comes with the household (households_with_plan)
    unless `fresh` asks to read it again, e.g. after a refused change."""
    if fresh or not Household.plan.is_cached(household):
        plan = (
            Plan.objects.select_related("latest_version")
            .defer("latest_version__snapshot")
            .filter(household=household)
            .first()
        )
        household.plan = plan if plan is not None else plan_of(household)
    plan = plan_of(household)
    goals = list(visible_goals(plan, view))
    # The banner for the resident and the coordinator; no query for anyone else.
    emergencies = (
        list(active_emergency_accesses(household)) if view.holds_pen or view.is_coordinator else []
    )
    return PlanPage(
        plan=plan,
        view=view,
        groups=group_by_life_domain(goals),
        goal_count=len(goals),
        persons=list(household.persons.all()),
        circle=list(household.circle.filter(is_active=True)) if view.sees_whole_plan else [],
        open_proposals=plan.open_proposal_count,
        latest_version=plan.latest_version if view.sees_whole_plan else None,
        emergencies=emergencies,
    )


def proposals_for(plan: Plan, view: Standing) -> QuerySet[Proposal]:
    """Proposals the viewer may see: all for those who see the whole plan, else their own."""
    proposals = plan.proposals.select_related("goal", "action", "action__goal")
    if not view.sees_whole_plan:
        proposals = proposals.filter(author_id=view.user_id)
    return proposals


def versions_of(plan: Plan) -> QuerySet[PlanVersion]:
    return plan.versions.defer("snapshot")
