"""The demo content of decisions: a small catalogue (Wmo, Jeugdwet, Participatiewet, Wgs and
general provisions), the rules that find the law, mandates for the coordinators and the team
lead, Fatima's debt counselling granted with its letter, and Henk's stair lift waiting on the
team lead. Built through the services, like everything in the demo."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from eigenplan.decisions import services
from eigenplan.decisions.models import Law, LegalGroundRule, MaatwerkKind, Mandate, Provision
from eigenplan.plans.models import Action, Performer

CATALOGUE = [
    # reference, name, plain words, category, code, unit, frequency, price, law
    (
        "WMO-01",
        "Hulp bij het huishouden",
        "Iemand helpt u met schoonmaken in huis.",
        "01",
        "01A01",
        "04",
        "2",
        "32.50",
        "",
    ),
    (
        "WMO-02",
        "Begeleiding individueel",
        "Iemand helpt u thuis om uw dag en uw post op orde te houden.",
        "02",
        "02A01",
        "04",
        "2",
        "62.00",
        "",
    ),
    (
        "WMO-07",
        "Dagbesteding",
        "Een paar dagdelen per week iets zinvols doen, samen met anderen.",
        "07",
        "07A01",
        "16",
        "2",
        "48.00",
        "",
    ),
    (
        "WMO-13",
        "Traplift",
        "Een traplift in uw huis, zodat u veilig boven komt.",
        "13",
        "13A02",
        "82",
        "6",
        "6800.00",
        "",
    ),
    (
        "JW-45",
        "Jeugdhulp ambulant",
        "Een hulpverlener praat met uw kind over thuis en school.",
        "45",
        "45A48",
        "04",
        "2",
        "95.00",
        "",
    ),
    (
        "JW-41",
        "Dagbehandeling jeugd",
        "Uw kind gaat overdag naar een groep met extra hulp.",
        "41",
        "41A10",
        "16",
        "2",
        "120.00",
        "",
    ),
    (
        "PW-BB",
        "Bijzondere bijstand",
        "Geld voor een kostenpost die u zelf niet kunt betalen.",
        "",
        "",
        "83",
        "6",
        "1.00",
        Law.PARTICIPATIEWET,
    ),
    (
        "PW-RE",
        "Werkfit-traject",
        "Een coach helpt u op weg naar werk of een opleiding.",
        "",
        "",
        "04",
        "2",
        "75.00",
        Law.PARTICIPATIEWET,
    ),
    (
        "WGS-01",
        "Schuldhulpverlening",
        "Iemand zet met u al uw schulden op een rij en zoekt met u een oplossing.",
        "",
        "",
        "04",
        "4",
        "70.00",
        Law.WGS,
    ),
    (
        "ALG-01",
        "Koffieochtend in het buurthuis",
        "Elke week koffie drinken met buren.",
        "09",
        "",
        "82",
        "2",
        "0.00",
        Law.GENERAL,
    ),
    (
        "ALG-02",
        "Schuldhulpmaatje",
        "Een vrijwilliger helpt u met uw post en geld.",
        "",
        "",
        "84",
        "2",
        "0.00",
        Law.GENERAL,
    ),
]

RULES = [
    # name, priority, category, maatwerk kind, min age, max age, law
    ("Jeugdhulp-categorieën 41 tot en met 55", 10, "45", "", None, None, Law.JEUGDWET),
    ("Dagbehandeling jeugd", 11, "41", "", None, None, Law.JEUGDWET),
    ("Maatwerk jeugd, jonger dan 18", 20, "", MaatwerkKind.YOUTH, None, 18, Law.JEUGDWET),
    ("Maatwerk jeugd, 18 of ouder", 21, "", MaatwerkKind.YOUTH, 18, None, Law.WMO),
    ("Hulp bij het huishouden", 30, "01", "", None, None, Law.WMO),
    ("Begeleiding", 31, "02", "", None, None, Law.WMO),
    ("Dagbesteding", 32, "07", "", None, None, Law.WMO),
    ("Woonvoorzieningen", 33, "13", "", None, None, Law.WMO),
    ("Maatwerk ondersteuning", 40, "", MaatwerkKind.SUPPORT, None, None, Law.WMO),
    ("Maatwerk inkomen en werk", 41, "", MaatwerkKind.INCOME, None, None, Law.PARTICIPATIEWET),
    ("Maatwerk schulden", 42, "", MaatwerkKind.DEBTS, None, None, Law.WGS),
]

COORDINATOR_LAWS = [Law.WMO, Law.WGS, Law.PARTICIPATIEWET, Law.GENERAL]


def _professional_action(street: str, number: str, text: str) -> Action:
    return Action.objects.select_related("goal__plan__household").get(
        goal__plan__household__street=street,
        goal__plan__household__house_number=number,
        performer=Performer.PROFESSIONAL,
        description__startswith=text,
    )


def load_demo() -> None:
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["sanne", "joost", "marieke", "ruud"])
    }
    provisions = {}
    for reference, name, words, category, code, unit, frequency, price, law in CATALOGUE:
        # The catalogue outlives a demo reset (it is the municipality's, not the demo's).
        provisions[reference], _new = Provision.objects.update_or_create(
            reference=reference,
            defaults={
                "name": name,
                "plain_description": words,
                "product_category": category,
                "product_code": code,
                "unit": unit,
                "frequency": frequency,
                "price_per_unit": Decimal(price),
                "law": law,
            },
        )
    for name, priority, category, kind, min_age, max_age, law in RULES:
        LegalGroundRule.objects.update_or_create(
            name=name,
            defaults={
                "priority": priority,
                "product_category": category,
                "maatwerk_kind": kind,
                "min_age": min_age,
                "max_age": max_age,
                "law": law,
            },
        )
    lead = Mandate.objects.create(
        holder=users["ruud"],
        level=2,
        laws=list(Law.values),
        yearly_budget_per_household=Decimal("50000"),
    )
    for username in ("sanne", "joost", "marieke"):
        Mandate.objects.create(
            holder=users[username],
            level=1,
            laws=COORDINATOR_LAWS,
            yearly_budget_per_household=Decimal("5000"),
            escalates_to=lead,
        )

    today = timezone.localdate()
    # Fatima: debt counselling for a year, granted by Sanne on her own mandate, with its letter.
    debts = _professional_action("Lindelaan", "14", "Aanmelden bij de schuldhulpverlening")
    item = services.create_support_item(
        actor=users["sanne"],
        action=debts,
        provision=provisions["WGS-01"],
        volume=2,
        start_date=today - datetime.timedelta(days=20),
        end_date=today + datetime.timedelta(days=344),
    )
    services.grant_within_mandate(
        actor=users["sanne"],
        item=item,
        reasons="Met hulp bij de schulden kan Fatima de huurachterstand afbetalen.",
    )
    services.issue_letter(actor=users["sanne"], household=debts.goal.plan.household)

    # Henk: a stair lift, above Sanne's budget: waiting on Ruud, the team lead.
    stairs = _professional_action("Kastanjestraat", "3", "De ergotherapeut komt kijken")
    lift = services.create_support_item(
        actor=users["sanne"],
        action=stairs,
        provision=provisions["WMO-13"],
        volume=1,
        start_date=today + datetime.timedelta(days=14),
        end_date=today + datetime.timedelta(days=14 + 365 * 5),
    )
    services.request_mandate_decision(
        actor=users["sanne"],
        item=lift,
        reasoning=(
            "Henk valt bijna op de trap. De ergotherapeut adviseert een traplift. Verhuizen "
            "wil hij niet: hij woont hier veertig jaar en zijn buren helpen hem."
        ),
    )
