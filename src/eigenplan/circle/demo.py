"""The demo's circles (core/demo_data.py calls `load_demo` once the households are there): every
circle member in a ring, and commitments in every state, answered through the services by the
circle members with an account, and by the resident for the others (they said yes in person).

Fatima asks a lot of her sister Samira, so Samira "carries a lot"; Samira declined one request
and one promise of hers is late. Ria, Henk's neighbour, handed a promise back. Jordy said yes to
Kevin."""

import datetime

from django.utils import timezone

from eigenplan.circle import services
from eigenplan.circle.services import Answer
from eigenplan.households.models import CircleMember, Household
from eigenplan.households.selectors import pen_holders
from eigenplan.plans import services as plan_services
from eigenplan.plans.models import Action, Goal, LifeDomain, Performer

Closeness = CircleMember.Closeness
Relation = CircleMember.Relation

# How close people usually stand, by relation; the exceptions by name below.
CLOSENESS_BY_RELATION = {
    Relation.FAMILY: Closeness.CLOSE,
    Relation.FRIEND: Closeness.NEAR,
    Relation.NEIGHBOUR: Closeness.NEAR,
    Relation.VOLUNTEER: Closeness.FURTHER,
    Relation.PEER_EXPERT: Closeness.FURTHER,
    Relation.PROFESSIONAL: Closeness.FURTHER,
}
CLOSENESS_BY_NAME = {
    "Karim El Amrani": Closeness.NEAR,  # the brother in Rotterdam
    "Ria van Dijk": Closeness.CLOSE,  # Henk's neighbour, who takes him along
    "Kees Bakker": Closeness.CLOSE,  # Marco sleeps on his couch
    "Willeke Smits": Closeness.CLOSE,  # she has Gerard's key
    "Jordy Koster": Closeness.NEAR,
    "Mirjam Hoekstra": Closeness.NEAR,  # Kevin's former mentor
}


def _household_of(username: str) -> Household:
    return Household.objects.get(persons__user__username=username)


def _member(household: Household, name: str) -> CircleMember:
    return household.circle.get(name=name)


def _goal(household: Household, domain: str) -> Goal:
    return Goal.objects.filter(plan__household=household, life_domain=domain).first()


def _ask(pen, goal: Goal, member: CircleMember, description: str, *, due: int | None) -> Action:
    today = timezone.localdate()
    return plan_services.add_action(
        actor=pen,
        goal=goal,
        description=description,
        performer=Performer.CIRCLE_MEMBER,
        circle_member_id=member.pk,
        due_date=None if due is None else today + datetime.timedelta(days=due),
    )


def load_demo(users: dict) -> None:
    """`users`: the demo's users by username."""
    for member in CircleMember.objects.filter(
        household__in=Household.objects.filter(persons__user__username__in=users).distinct()
    ).select_related("household"):
        closeness = CLOSENESS_BY_NAME.get(member.name, CLOSENESS_BY_RELATION[member.relation])
        pen = _pen_of(member.household)
        if pen is not None and closeness != member.closeness:
            services.place_in_circle(actor=pen, member=member, closeness=closeness)
    _answer_what_was_agreed(users)
    _fatima_asks_samira(users)
    _ria_hands_back(users)
    _jordy_says_yes(users)


def _pen_of(household: Household):
    holders = pen_holders(household)
    return holders[0] if holders else None


def _answer_what_was_agreed(users: dict) -> None:
    """Actions under way or finished were agreed before: the circle member said yes (the
    resident notes it for those without an account)."""
    asked = Action.objects.filter(
        goal__plan__household__persons__user__username__in=users,
        commitment=Action.Commitment.REQUESTED,
        status__in=(Action.Status.DOING, Action.Status.DONE),
    )
    for action in asked.select_related("circle_member__user", "goal__plan__household").distinct():
        member = action.circle_member
        actor = member.user or _pen_of(action.goal.plan.household)
        services.answer_commitment(actor=actor, action=action, answer=Answer.ACCEPT)


def _fatima_asks_samira(users: dict) -> None:
    fatima, samira = users["fatima"], users["samira"]
    household = _household_of("fatima")
    sister = _member(household, "Samira El Amrani")
    work = _goal(household, LifeDomain.WORK)
    money = _goal(household, LifeDomain.MONEY)
    homework = _ask(
        fatima, work, sister, "Samira helpt Yassin op woensdag met zijn huiswerk.", due=21
    )
    services.answer_commitment(actor=samira, action=homework, answer=Answer.ACCEPT)
    energy = _ask(fatima, money, sister, "Samira belt samen met mij de energieleverancier.", due=-3)
    services.answer_commitment(actor=samira, action=energy, answer=Answer.ACCEPT)
    _ask(fatima, work, sister, "Samira zoekt uit of er een sportfonds is voor Yassin.", due=30)
    babysit = _ask(
        fatima, work, sister, "Samira past op Yassin als ik naar de opleiding ga.", due=40
    )
    services.answer_commitment(
        actor=samira,
        action=babysit,
        answer=Answer.DECLINE,
        reason="Ik werk nu op woensdagavond. Misschien kan Karim het doen?",
    )


def _ria_hands_back(users: dict) -> None:
    henk, ria = users["henk"], users["ria"]
    household = _household_of("henk")
    neighbour = _member(household, "Ria van Dijk")
    goal = _goal(household, LifeDomain.SOCIAL)
    doctor = _ask(henk, goal, neighbour, "Ria gaat mee naar de huisarts voor de controle.", due=9)
    services.answer_commitment(actor=ria, action=doctor, answer=Answer.ACCEPT)
    services.answer_commitment(
        actor=ria,
        action=doctor,
        answer=Answer.HAND_BACK,
        reason="Ik ben die week bij mijn dochter in Spanje. Sorry Henk!",
    )


def _jordy_says_yes(users: dict) -> None:
    for action in Action.objects.filter(
        circle_member__user=users["jordy"], commitment=Action.Commitment.REQUESTED
    ):
        services.answer_commitment(actor=users["jordy"], action=action, answer=Answer.ACCEPT)
