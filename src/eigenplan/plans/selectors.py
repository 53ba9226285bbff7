"""Reads for plans. Every function here runs a fixed number of queries, whatever the size of
the plan, so pages stay fast as plans grow."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from eigenplan.households.access import Standing
from eigenplan.households.models import CircleMember, Household, Person
from eigenplan.plans.models import Action, Goal, LifeDomain, Plan, PlanVersion, Proposal


def plan_of(household: Household) -> Plan:
    """The household's plan; every household has one from the moment it is registered."""
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


def _plan_with_summary(household: Household, *, with_latest: bool) -> tuple[Plan, int, object]:
    """The plan, its number of open proposals and (if asked) its latest version, in one query:
    subqueries on the indexes (plan, status) and (plan, number) instead of three round trips.
    The latest version carries only number, approved_at and approved_by_name, like .only()."""
    open_count = (
        Proposal.objects.filter(plan=OuterRef("pk"), status=Proposal.Status.OPEN)
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    plans = Plan.objects.filter(household=household).annotate(
        open_proposal_count=Coalesce(Subquery(open_count, output_field=IntegerField()), 0)
    )
    if with_latest:
        latest = PlanVersion.objects.filter(plan=OuterRef("pk")).order_by("-number")
        plans = plans.annotate(
            **{
                f"latest_{name}": Subquery(latest.values(name)[:1])
                for name in LATEST_VERSION_FIELDS
            }
        )
    plan = plans.first()
    if plan is None:  # a household registered without a plan: make it, as plan_of does
        return plan_of(household), 0, None
    plan.household = household
    version = None
    if with_latest and plan.latest_id is not None:
        loaded = {name: getattr(plan, f"latest_{name}") for name in LATEST_VERSION_FIELDS}
        loaded["plan_id"] = plan.pk
        fields = [f.attname for f in PlanVersion._meta.concrete_fields if f.attname in loaded]
        version = PlanVersion.from_db(plan._state.db, fields, [loaded[f] for f in fields])
        version.plan = plan
    return plan, plan.open_proposal_count, version


LATEST_VERSION_FIELDS = ("id", "number", "approved_at", "approved_by_name")


def plan_page(household: Household, view: Standing) -> PlanPage:
    plan, open_proposals, latest = _plan_with_summary(household, with_latest=view.sees_whole_plan)
    goals = list(visible_goals(plan, view))
    return PlanPage(
        plan=plan,
        view=view,
        groups=group_by_life_domain(goals),
        goal_count=len(goals),
        persons=list(household.persons.all()),
        circle=list(household.circle.filter(is_active=True)) if view.sees_whole_plan else [],
        open_proposals=open_proposals,
        latest_version=latest,
    )


def proposals_for(plan: Plan, view: Standing) -> QuerySet[Proposal]:
    """Proposals the viewer may see: all for those who see the whole plan, else their own."""
    proposals = plan.proposals.select_related("goal", "action", "action__goal")
    if not view.sees_whole_plan:
        proposals = proposals.filter(author_id=view.user_id)
    return proposals


def versions_of(plan: Plan) -> QuerySet[PlanVersion]:
    return plan.versions.defer("snapshot")
