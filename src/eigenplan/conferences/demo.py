"""The conferences in the demo municipality, told through the services: Fatima's family is
preparing its Eigen Kracht-conferentie; Daniëlle's family made its plan six weeks ago and looks
back on it in five days (so `eigenplan reminders` has something to send)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from eigenplan.conferences import services
from eigenplan.households.models import CircleMember, Person
from eigenplan.plans import services as plan_services
from eigenplan.plans.models import Action

INDEPENDENT_COORDINATOR = "wendy"


def load_demo(loader) -> None:
    """`loader` is core.demo_data's: its users, its clock (`set(days_ago)`) and today."""
    users = get_user_model().objects.in_bulk(
        [INDEPENDENT_COORDINATOR, "sanne", "mohamed", "marieke", "fatima", "danielle"],
        field_name="username",
    )
    # Addresses for the outbox page, so that `eigenplan reminders` shows what it sends.
    for username in (INDEPENDENT_COORDINATOR, "danielle"):
        users[username].email = f"{username}@example.org"
        users[username].save(update_fields=["email"])
    _preparing(loader, users)
    _looking_back(loader, users)


def _household_of(username: str):
    return Person.objects.select_related("household").get(user__username=username).household


def _meeting(loader, days_ahead: int) -> datetime.datetime:
    day = loader.today + datetime.timedelta(days=days_ahead)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 0)))


def _preparing(loader, users) -> None:
    household = _household_of("fatima")
    fatima, wendy = users["fatima"], users[INDEPENDENT_COORDINATOR]
    loader.clock.set(9)
    conference = services.refer(
        actor=users["sanne"],
        household=household,
        question=(
            "Hoe zorgen we er samen voor dat Fatima en Yassin in hun huis kunnen blijven, en dat "
            "Yassin elke dag naar school gaat?"
        ),
    )
    loader.clock.set(8)
    services.assign_coordinator(actor=fatima, conference=conference, coordinator=wendy)
    loader.clock.set(6)
    services.update_preparation(
        actor=wendy,
        conference=conference,
        meeting_at=_meeting(loader, 6),
        meeting_place="Buurthuis De Linde, de grote zaal",
        language="Nederlands en Arabisch",
        interpreter="Arabisch, voor tante Latifa",
    )
    circle = CircleMember.objects.filter(household=household, is_active=True)
    for member in circle.filter(name__in=["Samira El Amrani", "Karim El Amrani", "Dennis Kok"]):
        services.add_participant(actor=wendy, conference=conference, circle_member_id=member.pk)
    services.add_participant(
        actor=wendy, conference=conference, name="Latifa Benali", relation="tante van Fatima"
    )
    loader.clock.set(4)
    services.add_input(
        actor=users["mohamed"],
        conference=conference,
        kind="condition",
        text=(
            "De huurachterstand is nu vier maanden. De verhuurder heeft gezegd dat hij naar de "
            "rechter gaat als er geen regeling komt."
        ),
        condition=(
            "Er is een afspraak met de verhuurder over het aflossen, en iemand helpt Fatima elke "
            "maand met de post en de rekeningen."
        ),
    )
    services.add_input(
        actor=users["sanne"],
        conference=conference,
        kind="information",
        text=(
            "Yassin mist sinds oktober veel lessen. De school en de leerplichtambtenaar willen "
            "graag meedenken. Yassin voetbalt wel elke week, daar gaat het goed."
        ),
    )


def _looking_back(loader, users) -> None:
    household = _household_of("danielle")
    danielle, wendy, marieke = users["danielle"], users[INDEPENDENT_COORDINATOR], users["marieke"]
    loader.clock.set(62)
    conference = services.refer(
        actor=danielle,
        household=household,
        question="Hoe zorgen we samen dat Mila na school niet alleen is, en dat ik rust krijg?",
    )
    loader.clock.set(61)
    services.assign_coordinator(actor=marieke, conference=conference, coordinator=wendy)
    loader.clock.set(58)
    services.update_preparation(
        actor=wendy,
        conference=conference,
        meeting_at=timezone.now() + datetime.timedelta(days=14),
        meeting_place="Bij Daniëlle thuis",
        language="Nederlands",
        interpreter="",
    )
    oma = CircleMember.objects.get(household=household, name="Thea Vermeer")
    services.add_participant(actor=danielle, conference=conference, circle_member_id=oma.pk)
    services.add_participant(
        actor=danielle, conference=conference, name="Bram Vermeer", relation="broer van Daniëlle"
    )
    condition = services.add_input(
        actor=marieke,
        conference=conference,
        kind="condition",
        text="Mila (7) is op dinsdag en donderdag na school alleen thuis tot zes uur.",
        condition="Er is elke schooldag na school een volwassene bij Mila.",
    )
    loader.clock.set(44)
    services.start_information_round(actor=wendy, conference=conference)
    services.start_private_time(actor=wendy, conference=conference)
    goal = services.add_draft_goal(
        actor=danielle,
        conference=conference,
        text="Mila is na school nooit alleen.",
        life_domain="family",
    )
    services.add_draft_action(
        actor=danielle,
        goal=goal,
        description="Oma haalt Mila op dinsdag uit school.",
        performer="circle_member",
        circle_member_id=oma.pk,
    )
    bram = services.add_draft_action(
        actor=danielle,
        goal=goal,
        description="Bram haalt Mila op donderdag uit school en kookt dan.",
        performer="community",
        performer_name="Bram Vermeer",
    )
    services.present_plan(actor=danielle, conference=conference)
    services.start_assessment(actor=wendy, conference=conference)
    services.assess_condition(
        actor=marieke,
        condition=condition,
        is_met=True,
        reason="Oma en Bram halen Mila op de twee middagen op. Dat is goed geregeld.",
    )
    services.approve(actor=danielle, conference=conference, note="Ons plan van de conferentie")
    loader.clock.set(43)
    conference.refresh_from_db()
    services.set_review_date(
        actor=wendy,
        conference=conference,
        review_date=loader.today + datetime.timedelta(days=5),
    )
    # Since then: Bram does what he promised.
    loader.clock.set(20)
    action = Action.objects.get(goal__plan__household=household, description=bram.description)
    plan_services.update_action(
        actor=danielle,
        action=action,
        description=action.description,
        performer=action.performer,
        performer_name=action.performer_name,
        status=Action.Status.DONE,
    )
