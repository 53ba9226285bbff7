"""The demo's catalogue: a few peer experts and initiatives per demo neighbourhood."""

from eigenplan.community.models import CommunityOffer
from eigenplan.community.services import save_offer
from eigenplan.households.models import Neighbourhood

PEER, INITIATIVE = CommunityOffer.Kind.PEER_EXPERT, CommunityOffer.Kind.INITIATIVE
# (name, kind, what they offer, contact person, phone, e-mail, the demo neighbourhoods' codes)
DEMO_OFFERS = [
    (
        "Jordy Koster",
        PEER,
        "Had zelf schulden en weet hoe zwaar dat is. Gaat mee naar afspraken en helpt met post "
        "openen en een overzicht maken.",
        "",
        "06 12345678",
        "",
        ("BU99990101", "BU99990102"),
    ),
    (
        "Moedergroep De Haven",
        PEER,
        "Moeders die zelf pas in Nederland wonen. Elke woensdag koffie, samen Nederlands praten "
        "en tips over school, de dokter en formulieren.",
        "Amina",
        "06 23456789",
        "moedergroep@voorbeeld.example",
        ("BU99990102", "BU99990203"),
    ),
    (
        "Buurthuis De Linde",
        INITIATIVE,
        "Koffieochtend op dinsdag, samen eten op vrijdag en een klusgroep. Iedereen is welkom, "
        "ook als u niemand kent.",
        "Wilma",
        "0123 456789",
        "info@buurthuisdelinde.example",
        ("BU99990101",),
    ),
    (
        "Taalcafé Oude Haven",
        INITIATIVE,
        "Elke donderdagmiddag Nederlands oefenen met buren, in de bibliotheek. Gratis, zonder "
        "aanmelden.",
        "",
        "",
        "taalcafe@voorbeeld.example",
        ("BU99990102",),
    ),
    (
        "Voetbal voor iedereen",
        INITIATIVE,
        "Sportclub Haven '54 zoekt nieuwe leden, jong en oud. De eerste maanden zijn gratis. "
        "Ouders kunnen helpen in de kantine.",
        "Marco",
        "06 34567890",
        "",
        ("BU99990102", "BU99990203"),
    ),
    (
        "Mantelzorgmaatje",
        PEER,
        "Ervaren mantelzorgers die luisteren en meedenken als u voor iemand zorgt.",
        "",
        "0123 567890",
        "",
        ("BU99990203", "BU99990304"),
    ),
    (
        "Moestuin De Weide",
        INITIATIVE,
        "Samen groente kweken op zaterdagochtend. Geen ervaring nodig.",
        "Kees",
        "",
        "moestuin@voorbeeld.example",
        ("BU99990304",),
    ),
]


def load_demo(*, actor=None) -> list[CommunityOffer]:
    neighbourhoods = dict(Neighbourhood.objects.values_list("cbs_code", "id"))
    return [
        save_offer(
            actor=actor,
            name=name,
            kind=kind,
            offer=offer,
            contact_name=contact,
            phone=phone,
            email=email,
            neighbourhoods=[neighbourhoods[code] for code in codes if code in neighbourhoods],
        )
        for name, kind, offer, contact, phone, email, codes in DEMO_OFFERS
    ]


def remove_demo() -> None:
    CommunityOffer.objects.filter(name__in=[offer[0] for offer in DEMO_OFFERS]).delete()
