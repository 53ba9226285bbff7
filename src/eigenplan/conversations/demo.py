"""The demo's requests and conversations, built through the services while the demo's clock runs
(core.demo_data): Henk's Wmo melding with its clocks, his prepared kitchen-table conversation
and its final report with his correction; Fatima's urgent request for debt help with a
three-working-day clock, and the conversation she is preparing now."""

from eigenplan.conversations import services
from eigenplan.households.models import Household


def _household_of(user) -> Household:
    return Household.objects.get(persons__user=user)


def load_demo(*, users: dict, set_day) -> None:
    """`users` by username; `set_day(days_ago)` moves the demo's clock."""
    _henk(users, set_day)
    _fatima(users, set_day)


def _henk(users, set_day) -> None:
    henk, sanne = users["henk"], users["sanne"]
    household = _household_of(henk)
    set_day(12)
    request = services.record_request(
        actor=henk,
        household=household,
        kind="melding",
        laws=["wmo"],
        own_words=(
            "Sinds Truus er niet meer is, lukt het huishouden me niet goed. Ik wil graag hulp "
            "bij het schoonmaken. En ik wil weer onder de mensen komen."
        ),
    )
    services.answer_own_plan(actor=henk, request=request, answer="yes")
    set_day(9)
    services.save_preparation(
        actor=henk,
        household=household,
        going_well="Ik kook elke dag zelf. Ik fiets nog naar de markt.",
        worries="Stofzuigen en de ramen lukken niet meer. Ik ben vaak alleen.",
        who_helps="Mijn dochter Ellen belt elke zondag. Ria van hiernaast kijkt naar me om.",
        wishes="Iemand die een paar uur per week helpt met schoonmaken. En een koffieochtend.",
    )
    set_day(7)
    own_plan = request.deadlines.get(rule__code="wmo-persoonlijk-plan")
    services.close_deadline(
        actor=sanne,
        deadline=own_plan,
        outcome="met",
        note="Henk gaf zijn plan op tijd, met Ellen erbij.",
    )
    conversation = services.start_conversation(actor=sanne, household=household, request=request)
    conversation = services.save_report(
        actor=sanne,
        conversation=conversation,
        expected_revision=conversation.revision,
        held_on=None,
        attendees="Henk Jansen, Ellen (dochter, via de telefoon), Sanne de Vries",
        discussed=(
            "Henk woont graag in zijn eigen huis. Het huishouden is zwaar sinds Truus overleed. "
            "Henk kan niet meer koken en doet weinig buiten de deur."
        ),
        agreed=(
            "Sanne zoekt uit of er hulp bij het schoonmaken kan komen. Ria neemt Henk mee naar "
            "de koffieochtend in buurthuis De Linde."
        ),
        for_reading=True,
    )
    set_day(5)
    correction = services.add_note(
        actor=henk,
        conversation=conversation,
        kind="correction",
        text=(
            "Ik kan wel koken. Ik kook elke dag zelf. Alleen de boodschappen tillen is zwaar. "
            "En ik fiets nog elke week naar de markt."
        ),
    )
    set_day(4)
    services.add_note(
        actor=sanne,
        conversation=conversation,
        kind="response",
        text="Dank u, Henk. Ik had dat verkeerd begrepen. Uw woorden staan nu bij het verslag.",
        in_reply_to=correction,
    )
    services.confirm_read(
        actor=henk, conversation=conversation, expected_revision=conversation.revision
    )


def _fatima(users, set_day) -> None:
    fatima = users["fatima"]
    household = _household_of(fatima)
    set_day(1)
    services.record_request(
        actor=users["sanne"],
        household=household,
        kind="hulpvraag",
        laws=["wgs"],
        own_words=(
            "Woonstede heeft een brief gestuurd: als de achterstand niet betaald wordt, moeten "
            "we misschien het huis uit. Ik wil hulp om alles op een rij te zetten."
        ),
        threat_eviction=True,
    )
    services.save_preparation(
        actor=fatima,
        household=household,
        going_well="Ik betaal de huur nu elke maand op tijd. Samira helpt met de post.",
        worries="De brief van Woonstede. Ik slaap er slecht van.",
        who_helps="Samira, mijn zus. Ilse, mijn schuldhulpmaatje.",
    )
