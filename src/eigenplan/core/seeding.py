"""A deterministic synthetic municipality for scale tests.

`seed_municipality(households=N, seed=S)` builds N households with everything around them:
neighbourhoods (about one per 500 households), a neighbourhood team per four neighbourhoods (its
coordinators, a team lead and a colleague), a coordinator per about 100 households, one
resident account per household (nearly always), persons, representatives, circle members (some
with an account), a plan with goals across the life domains, actions, proposals (open and
answered), approved versions and audit events.

The same seed and size always give the same rows: one `random.Random(seed)` draws everything in
household order, times and due dates count from the fixed REFERENCE_DATE (never from today),
and the password hash uses a salt derived from the seed. Only the primary keys, and the audit
events' place in the audit chain (sequence number and hashes), depend on what the database held
before. The audit events are appended to the chain like any other, with their hashes computed
here per batch.

Speed: rows go in with `bulk_create`, one transaction per batch of households. Versions are not
made by `approve_plan`; their snapshots are built here in Python from the rows just inserted,
in exactly the shape of `plans.snapshot.build_snapshot` (a test compares the two). All seeded
users share one password hash, SEED_PASSWORD, computed once.

Usernames start with `s<seed>-` and CBS codes with `BU<8000 + seed % 1000>`, so they never meet
the demo (BU9999...) or another seed below 1000 apart.
"""

import datetime
import os
import random
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.test.utils import override_settings
from django.utils import translation

from eigenplan.accounts.models import Role
from eigenplan.community.models import CommunityOffer
from eigenplan.conversations.deadlines import rules_started_by
from eigenplan.conversations.models import (
    Conversation,
    Deadline,
    DeadlineRule,
    ReportNote,
    RequestKind,
    SupportRequest,
    Trigger,
)
from eigenplan.conversations.models import Law as RequestLaw
from eigenplan.conversations.services import new_clock
from eigenplan.core.workdays import Calendar
from eigenplan.decisions import letters
from eigenplan.decisions.demo import CATALOGUE, COORDINATOR_LAWS
from eigenplan.decisions.demo import RULES as LEGAL_GROUND_RULES
from eigenplan.decisions.models import (
    Decision,
    DecisionLetter,
    DecisionSettings,
    LegalGroundRule,
    Mandate,
    MandateRequest,
    Provision,
    SupportItem,
)
from eigenplan.decisions.models import Law as SupportLaw
from eigenplan.decisions.services import mandate_label
from eigenplan.households.models import (
    CircleMember,
    CoordinatorAssignment,
    Household,
    Neighbourhood,
    Person,
    Representative,
    Team,
    TeamMembership,
    TeamRole,
)
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
from eigenplan.plans.snapshot import SNAPSHOT_FORMAT
from eigenplan.privacy import chain
from eigenplan.privacy.audit import PROFESSIONAL_ROLES
from eigenplan.privacy.audit import append as append_audit_events
from eigenplan.privacy.models import AuditEvent, SharingDecision

REFERENCE_DATE = datetime.date(2026, 11, 2)
REFERENCE_TIME = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
SEED_PASSWORD = "eigenplan-seed"  # noqa: S105 - every seeded user; scale tests only
CITY = "Proefstad"
HOUSEHOLDS_PER_NEIGHBOURHOOD = 500
HOUSEHOLDS_PER_COORDINATOR = 100
NEIGHBOURHOODS_PER_TEAM = 4
DEFAULT_BATCH_SIZE = 2000  # households per transaction
INSERT_BATCH_SIZE = 2000  # rows per INSERT (SQLite lowers this to its parameter limit)


class SeedingError(Exception):
    pass


def username_prefix(seed: int) -> str:
    return f"s{seed}-"


def provision_prefix(seed: int) -> str:
    """The seed's own support catalogue: references start with this."""
    return f"S{seed}-"


def municipality_code(seed: int) -> str:
    return str(8000 + seed % 1000)


def seeded_households(seed: int):
    return Household.objects.filter(
        neighbourhood__cbs_code__startswith=f"BU{municipality_code(seed)}"
    )


# --- words ----------------------------------------------------------------------------------

FIRST_NAMES_F = [
    "Anna",
    "Emma",
    "Sanne",
    "Lotte",
    "Fleur",
    "Iris",
    "Noor",
    "Julia",
    "Sophie",
    "Eva",
    "Fatima",
    "Samira",
    "Yasmina",
    "Ayşe",
    "Elif",
    "Zeynep",
    "Daniëlle",
    "Ingrid",
    "Wilma",
    "Marja",
    "Thea",
    "Ria",
    "Anneke",
    "Sita",
    "Dewi",
    "Abena",
    "Lina",
    "Agnieszka",
    "Mirjam",
    "Chantal",
    "Kim",
    "Linda",
    "Sandra",
    "Patricia",
    "Esther",
    "Hanna",
    "Maria",
    "Olga",
]
FIRST_NAMES_M = [
    "Jan",
    "Henk",
    "Kees",
    "Piet",
    "Gerard",
    "Wim",
    "Ruud",
    "Bart",
    "Tim",
    "Sem",
    "Daan",
    "Luuk",
    "Kevin",
    "Dylan",
    "Jordy",
    "Marco",
    "Sander",
    "Mohamed",
    "Yassin",
    "Karim",
    "Mehmet",
    "Murat",
    "Emre",
    "Rami",
    "Omar",
    "Kwame",
    "Kofi",
    "Tomasz",
    "Piotr",
    "Yonas",
    "Ravi",
    "Raj",
    "Dennis",
    "Patrick",
    "Erik",
    "Johan",
    "Bram",
    "Thijs",
]
LAST_NAMES = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs",
    "de Haan", "Vermeulen", "van Dijk", "El Amrani", "Yılmaz", "Kaya", "Demir", "Şahin",
    "Bouzid", "El Idrissi", "Ramdin", "Mahabier", "Kromodikoro", "Pinas", "Nowak",
    "Kowalski", "Haddad", "Tesfay", "Osei", "Mensah", "Nguyen", "Silva", "Jovanović",
]  # fmt: skip


def _prefix_free(names: list[str]) -> list[str]:
    """ASCII names none of which begins another: a circle sorted by name then sorts the same
    in Python and under any database collation."""
    ascii_names = sorted({n for n in names if n.isascii() and n.isalpha()})
    return [n for n in ascii_names if not any(o != n and o.startswith(n) for o in ascii_names)]


CIRCLE_FIRST_NAMES = _prefix_free(
    [
        *FIRST_NAMES_F,
        *FIRST_NAMES_M,
        "Gerrit", "Fenna", "Ellen", "Willeke", "Karin", "Femke", "Rob", "Maarten", "Els",
        "Ilse", "Noa", "Dominique", "Youssef", "Hatice", "Gijs", "Mila", "Vera", "Roos",
        "Jeroen", "Hamid", "Nadia", "Priya", "Stefan", "Ewa",
    ]
)  # fmt: skip

NEIGHBOURHOOD_PARTS = [
    "Linde",
    "Eiken",
    "Beuken",
    "Kastanje",
    "Wilgen",
    "Essen",
    "Berken",
    "Populieren",
    "Vlier",
    "Hazelaar",
    "Meidoorn",
    "Klaver",
    "Zonne",
    "Molen",
    "Haven",
    "Kerk",
    "Sluis",
    "Dijk",
    "Polder",
    "Brug",
    "Vogel",
    "Merel",
    "Kievit",
    "Reiger",
    "Zwaluw",
    "Water",
]
NEIGHBOURHOOD_SUFFIXES = [
    "hof",
    "park",
    "wijk",
    "veld",
    "kwartier",
    "dorp",
    "rode",
    "horst",
    "kamp",
    "weide",
]
STREET_SUFFIXES = ["straat", "laan", "weg", "plein", "hof", "singel", "kade", "pad"]
POSTCODE_LETTERS = "ABCDEGHJKLMNPRTVWXZ"

STRENGTHS = [
    "Ik ben eerlijk en ik zeg wat ik denk.",
    "Ik kan goed koken en ik kook graag voor anderen.",
    "Mijn familie staat voor mij klaar.",
    "Ik ben handig, ik kan veel dingen zelf repareren.",
    "Ik geef niet snel op.",
    "Ik kan goed luisteren naar anderen.",
    "Mijn kinderen zijn lief en ze doen hun best op school.",
    "Ik heb goede buren.",
    "Ik hou van sport en van buiten zijn.",
    "Ik ben creatief: ik teken, ik naai en ik maak muziek.",
    "Ik heb jarenlang gewerkt en ik weet wat doorzetten is.",
    "Wij zijn een hecht gezin.",
    "Ik kan goed met kinderen omgaan.",
    "Ik spreek drie talen.",
    "Ik vraag hulp als ik het nodig heb. Dat heb ik geleerd.",
]
DREAMS = [
    "Rust in mijn hoofd en geen schulden meer.",
    "Dat ik in mijn eigen huis kan blijven wonen.",
    "Een vaste baan waar ik blij van word.",
    "Dat mijn kinderen gelukkig opgroeien.",
    "Weer mensen om mij heen, zodat ik niet alleen ben.",
    "Gezond oud worden, in mijn eigen buurt.",
    "Een diploma halen.",
    "Een groter huis, met een eigen kamer voor de kinderen.",
    "Dat ik me weer veilig voel.",
    "Dat ik weer kan genieten van kleine dingen.",
    "Op vakantie gaan met het hele gezin.",
    "Anderen helpen, zoals ik zelf geholpen ben.",
]
CONTRIBUTIONS = [
    "Ik kan koken voor de buurtmaaltijd.",
    "Ik kan helpen met vertalen.",
    "Ik kan fietsen repareren voor mensen in de buurt.",
    "Ik kan boodschappen doen voor mijn oudere buren.",
    "Ik kan vertellen hoe ik uit mijn schulden ben gekomen.",
    "Ik kan oppassen op kinderen van anderen.",
    "Ik kan helpen in de tuin van het buurthuis.",
    "Ik kan mensen helpen met de computer.",
    "Ik kan meegaan naar een afspraak als iemand dat spannend vindt.",
]

GOALS = {
    LifeDomain.HOUSING: [
        "Ik wil in mijn huis kunnen blijven wonen.",
        "Wij willen een groter huis, want we hebben te weinig ruimte.",
        "Ik wil binnen een half jaar een eigen kamer.",
        "Ik wil dat mijn huis weer veilig en schoon is.",
        "Ik wil een huis zonder trap, dat beter past bij mijn lichaam.",
    ],
    LifeDomain.MONEY: [
        "Ik wil de huurachterstand afbetalen.",
        "Ik wil weten hoeveel schulden ik heb en een plan maken.",
        "Ik wil elke maand rondkomen zonder rood te staan.",
        "Ik wil mijn post openmaken en begrijpen.",
        "Ik wil de toeslagen krijgen waar ik recht op heb.",
        "Ik wil zelf mijn geld bijhouden.",
    ],
    LifeDomain.WORK: [
        "Ik wil weer aan het werk.",
        "Ik wil een opleiding afmaken.",
        "Ik wil vrijwilligerswerk doen, zodat ik een ritme heb.",
        "Ik wil beter Nederlands leren.",
        "Ik wil ander werk, dat minder zwaar is.",
    ],
    LifeDomain.HEALTH: [
        "Ik wil beter slapen en minder piekeren.",
        "Ik wil minder pijn hebben.",
        "Ik wil meer bewegen.",
        "Ik wil me minder somber voelen.",
        "Ik wil stoppen met roken.",
        "Ik wil blijven fietsen en niet vallen.",
    ],
    LifeDomain.FAMILY: [
        "Ik wil minder ruzie thuis.",
        "Ik wil mijn kinderen vaker zien.",
        "Ik wil meer tijd voor mijn kinderen.",
        "Ik wil goede afspraken met de vader van mijn kinderen.",
    ],
    LifeDomain.SOCIAL: [
        "Ik wil een paar keer per week onder de mensen zijn.",
        "Ik wil nieuwe vrienden maken.",
        "Ik wil mensen leren kennen in de buurt.",
        "Ik wil weer contact met mijn familie.",
    ],
    LifeDomain.SAFETY: [
        "Ik wil me weer veilig voelen in mijn eigen huis.",
        "Ik wil dat mijn ex mij met rust laat.",
        "Ik wil dat er geen ruzie meer is op straat voor ons huis.",
    ],
    LifeDomain.DAILY_LIVING: [
        "Ik wil zelf gezond leren koken.",
        "Ik wil mijn huis netjes houden, met een beetje hulp.",
        "Ik wil zelf mijn boodschappen kunnen doen.",
        "Ik wil een vast dagritme.",
    ],
}
CHILD_GOALS = {
    LifeDomain.WORK: [
        "{name} gaat weer elke dag naar school.",
        "{name} vindt een school die bij {name} past.",
        "{name} haalt een diploma.",
    ],
    LifeDomain.HEALTH: [
        "{name} kan boosheid beter kwijt, bijvoorbeeld met sport.",
        "{name} slaapt weer goed.",
    ],
    LifeDomain.FAMILY: [
        "{name} kan praten over wat er thuis gebeurd is.",
        "{name} krijgt ook aandacht.",
    ],
    LifeDomain.SOCIAL: [
        "{name} heeft vriendjes om mee te spelen.",
        "{name} gaat naar een club.",
    ],
}
DOMAIN_WEIGHTS = {
    LifeDomain.HOUSING: 12,
    LifeDomain.MONEY: 18,
    LifeDomain.WORK: 15,
    LifeDomain.HEALTH: 16,
    LifeDomain.FAMILY: 10,
    LifeDomain.SOCIAL: 14,
    LifeDomain.SAFETY: 4,
    LifeDomain.DAILY_LIVING: 11,
}
RESIDENT_ACTIONS = [
    "Elke week een lijstje maken van wat ik wil doen.",
    "Zelf bellen om een afspraak te maken.",
    "Alle brieven in één map doen.",
    "Elke ochtend een wandeling maken.",
    "Me inschrijven voor een cursus.",
    "Elke maand op tijd de huur betalen.",
    "Informatie zoeken op internet, samen met mijn dochter.",
    "Een lijst maken van wat ik zelf al kan.",
]
CIRCLE_ACTIONS = [
    "{name} gaat mee naar de afspraak.",
    "{name} kijkt elke week samen met mij naar de post.",
    "{name} haalt mij op voor de koffieochtend.",
    "{name} past twee middagen per week op.",
    "{name} belt elke zondag even.",
    "{name} helpt mij met de formulieren.",
    "{name} doet één keer per week boodschappen met mij.",
]
COMMUNITY_ACTIONS = [
    ("Naar de koffieochtend op dinsdag.", "Buurthuis De Linde"),
    ("Meedoen met de budgetcursus.", "Bibliotheek Proefstad"),
    ("Naar het formulierenspreekuur.", "Formulierenspreekuur"),
    ("Taalles, twee keer per week.", "Taalhuis Proefstad"),
    ("Meedoen met de wandelgroep.", "Wandelgroep Samen op Pad"),
    ("Helpen bij het Repair Café.", "Repair Café"),
    ("Een pakket halen bij de voedselbank.", "Voedselbank Proefstad"),
    ("Huiswerkbegeleiding op dinsdag en donderdag.", "Buurthuis De Linde"),
    ("Meedoen met de praatgroep voor mantelzorgers.", "Mantelzorgpunt"),
]
PROFESSIONAL_ACTIONS = {
    LifeDomain.HOUSING: [("Een betalingsregeling maken.", "Woningcorporatie")],
    LifeDomain.MONEY: [
        ("Aanmelden bij de schuldhulpverlening.", "Schuldhulpverlening"),
        ("Een betalingspauze aanvragen bij de schuldeisers.", "Buurtteam"),
    ],
    LifeDomain.WORK: [
        ("Gesprek over werk en een uitkering.", "Werkplein"),
        ("Gesprek met de mentor op school.", "Mentor op school"),
    ],
    LifeDomain.HEALTH: [
        ("Afspraak bij de huisarts.", "Huisarts"),
        ("Gesprekken met de praktijkondersteuner.", "Praktijkondersteuner"),
        ("Oefeningen bij de fysiotherapeut.", "Fysiotherapeut"),
    ],
    LifeDomain.FAMILY: [
        ("Gesprekken over opvoeden.", "Jeugdverpleegkundige"),
        ("Een praatgroep voor kinderen.", "Jeugdhulp"),
    ],
    LifeDomain.SOCIAL: [("Een gesprek over wat er in de buurt te doen is.", "Welzijnswerker")],
    LifeDomain.SAFETY: [
        ("Afspraken maken over wat ik doe als het niet veilig is.", "Wijkagent"),
        ("Advies over veiligheid thuis.", "Veilig Thuis"),
    ],
    LifeDomain.DAILY_LIVING: [
        ("Hulp bij het huishouden, één ochtend per week.", "Thuiszorg"),
        ("Iemand komt kijken wat er nodig is in huis.", "Ergotherapeut"),
    ],
}
RELATION_DETAILS = {
    CircleMember.Relation.FAMILY: [
        "mijn zus", "mijn broer", "mijn moeder", "mijn vader", "mijn dochter", "mijn zoon",
        "mijn tante", "mijn oom", "mijn nicht", "mijn neef", "mijn schoonzus", "oma",
    ],
    CircleMember.Relation.FRIEND: [
        "vriendin van vroeger", "vriend van de sportclub", "collega", "vriendin van de kerk",
        "vriend van school",
    ],
    CircleMember.Relation.NEIGHBOUR: [
        "buurvrouw van hiernaast", "buurman van de overkant", "bovenbuurvrouw",
        "buurman van de hoek",
    ],
    CircleMember.Relation.VOLUNTEER: [
        "taalmaatje", "maatje van Humanitas", "vrijwilliger van het buurthuis",
        "schuldhulpmaatje", "vrijwilliger van de voedselbank",
    ],
    CircleMember.Relation.PEER_EXPERT: [
        "ervaringsdeskundige", "lotgenoot van de praatgroep", "ervaringsdeskundige schulden",
    ],
    CircleMember.Relation.PROFESSIONAL: [
        "huisarts", "begeleider van de thuiszorg", "jeugdverpleegkundige", "mentor op school",
        "wijkverpleegkundige", "casemanager",
    ],
}  # fmt: skip
RELATION_WEIGHTS = {
    CircleMember.Relation.FAMILY: 38,
    CircleMember.Relation.FRIEND: 20,
    CircleMember.Relation.NEIGHBOUR: 14,
    CircleMember.Relation.VOLUNTEER: 9,
    CircleMember.Relation.PEER_EXPERT: 5,
    CircleMember.Relation.PROFESSIONAL: 14,
}
DECLINE_REASONS = [
    "Ik wil het eerst zelf proberen.",
    "Dit past nu niet bij mij. Misschien later.",
    "Mijn zus helpt mij hier al mee.",
    "Ik heb daar slechte ervaringen mee.",
    "Dat is te veel tegelijk.",
]
EXPLANATIONS = [
    "",
    "Dit kan u helpen om overzicht te krijgen.",
    "U noemde dit in ons gesprek.",
    "Dan hoeft u het niet alleen te doen.",
]

# Household compositions: (weight, number of adults, fewest and most children, age range).
COMPOSITIONS = [
    (30, 1, 0, 0, (23, 64)),
    (12, 1, 0, 0, (65, 93)),
    (4, 1, 0, 0, (18, 22)),
    (13, 2, 0, 0, (25, 64)),
    (7, 2, 0, 0, (65, 90)),
    (13, 1, 1, 4, (22, 50)),
    (21, 2, 1, 3, (26, 52)),
]
CIRCLE_SIZE_WEIGHTS = [7, 10, 16, 18, 16, 12, 9, 7, 5]  # 0..8 members
GOAL_COUNT_WEIGHTS = [14, 14, 18, 18, 14, 9, 6, 4, 3]  # 0..8 goals
ACTION_COUNT_WEIGHTS = [12, 28, 30, 20, 10]  # 0..4 actions per goal
VERSION_COUNT_WEIGHTS = [35, 30, 20, 10, 5]  # 0..4 versions
PROPOSAL_COUNT_WEIGHTS = [45, 25, 15, 10, 5]  # 0..4 proposals
PROPOSAL_KINDS = [
    (Proposal.Kind.ADD_ACTION, 40),
    (Proposal.Kind.ADD_GOAL, 20),
    (Proposal.Kind.CHANGE_GOAL, 10),
    (Proposal.Kind.CHANGE_ACTION, 15),
    (Proposal.Kind.CHANGE_TEXT, 15),
]
PROPOSAL_STATUSES = [
    (Proposal.Status.OPEN, 30),
    (Proposal.Status.ACCEPTED, 35),
    (Proposal.Status.ACCEPTED_WITH_CHANGES, 12),
    (Proposal.Status.DECLINED, 18),
    (Proposal.Status.OBSOLETE, 5),
]
STATUS_BACK = {  # what an action's status was one approval earlier
    Action.Status.DONE: Action.Status.DOING,
    Action.Status.DOING: Action.Status.TODO,
    Action.Status.STOPPED: Action.Status.DOING,
    Action.Status.TODO: Action.Status.TODO,
}

# --- the services around the plan ------------------------------------------------------------
# Circle picture, commitments, requests with their legal clocks, kitchen-table conversations,
# support with decisions and letters, and the neighbourhood's catalogue. Drawn from a second
# generator (see _Seeder.services_rng), so the plans, circles and proposals above stay exactly
# what they were before these were seeded: earlier benchmark results stay comparable.

CLOSENESS_WEIGHTS = {  # (close, near, further) by relation
    CircleMember.Relation.FAMILY: (55, 35, 10),
    CircleMember.Relation.FRIEND: (30, 50, 20),
    CircleMember.Relation.NEIGHBOUR: (10, 50, 40),
    CircleMember.Relation.VOLUNTEER: (5, 45, 50),
    CircleMember.Relation.PEER_EXPERT: (5, 40, 55),
    CircleMember.Relation.PROFESSIONAL: (2, 18, 80),
}
CLOSENESS = (
    CircleMember.Closeness.CLOSE,
    CircleMember.Closeness.NEAR,
    CircleMember.Closeness.FURTHER,
)
COMMITMENT_DECLINE_REASONS = [
    "Ik werk nu op die dagen. Misschien later weer.",
    "Ik ben zelf ziek. Het lukt me even niet.",
    "Dat vind ik te moeilijk. Vraag iemand anders.",
    "Ik woon te ver weg om dat elke week te doen.",
]
COMMITMENT_HAND_BACK_REASONS = [
    "",
    "Mijn moeder heeft nu zelf veel zorg nodig.",
    "Ik verhuis volgende maand.",
    "Het lukt me niet meer elke week.",
]

REQUEST_SHARE = 0.15  # households with a request for support
REQUEST_KINDS = [(RequestKind.MELDING, 45), (RequestKind.HULPVRAAG, 35), (RequestKind.AANVRAAG, 20)]
REQUEST_LAWS = {  # kind -> (laws, weight); the Jeugdwet only where there are children
    RequestKind.MELDING: [
        ((RequestLaw.WMO,), 70),
        ((RequestLaw.JEUGDWET,), 20),
        ((RequestLaw.WMO, RequestLaw.WGS), 10),
    ],
    RequestKind.HULPVRAAG: [
        ((RequestLaw.WGS,), 70),
        ((RequestLaw.WMO,), 20),
        ((RequestLaw.JEUGDWET,), 10),
    ],
    RequestKind.AANVRAAG: [((RequestLaw.PARTICIPATIEWET,), 60), ((RequestLaw.WMO,), 40)],
}
REQUEST_WORDS = {
    RequestLaw.WMO: [
        "Het huishouden lukt me niet meer goed. Ik wil hulp bij het schoonmaken.",
        "Ik kom bijna de deur niet meer uit. Ik wil weer onder de mensen komen.",
        "De trap is te zwaar geworden. Ik wil graag in mijn eigen huis blijven wonen.",
        "Ik heb hulp nodig om mijn dag en mijn post op orde te houden.",
    ],
    RequestLaw.JEUGDWET: [
        "Mijn zoon gaat niet meer naar school. Ik weet niet meer wat ik moet doen.",
        "Er is veel ruzie thuis. De kinderen hebben er last van.",
        "Mijn dochter is vaak somber en praat niet meer met ons.",
    ],
    RequestLaw.PARTICIPATIEWET: [
        "Ik heb geen inkomen meer sinds mijn contract stopte. Ik wil bijstand aanvragen.",
        "De wasmachine is kapot en ik kan geen nieuwe betalen.",
        "Ik wil graag weer aan het werk. Ik wil hulp bij het zoeken.",
    ],
    RequestLaw.WGS: [
        "Ik heb schulden en ik kan de rekeningen niet meer betalen.",
        "De woningcorporatie stuurde een brief over de huurachterstand. Ik wil hulp om alles "
        "op een rij te zetten.",
        "Ik open de post niet meer. Ik weet niet hoeveel ik moet betalen.",
    ],
}
CLOCK_STOP_NOTES = [
    "De inwoner trok de vraag in.",
    "De vraag is samen met een andere vraag opgepakt.",
    "De inwoner verhuisde naar een andere gemeente.",
]
CONVERSATION_SHARE = 0.75  # requests that led to a kitchen-table conversation
CONVERSATION_STATES = [
    (Conversation.Status.PREPARING, 20),
    (Conversation.Status.DRAFT, 15),
    (Conversation.Status.FOR_READING, 15),
    (Conversation.Status.FINAL, 50),
]
PREPARATION = {
    "going_well": [
        "Ik kook elke dag zelf.",
        "De kinderen gaan graag naar school.",
        "Mijn zus helpt met de post.",
        "Ik wandel elke ochtend een rondje.",
    ],
    "worries": [
        "De rekeningen stapelen zich op.",
        "Ik slaap slecht en ik pieker veel.",
        "Ik ben vaak alleen.",
        "Het huishouden lukt niet meer.",
    ],
    "who_helps": [
        "Mijn dochter belt elke zondag.",
        "De buurvrouw kijkt naar me om.",
        "Niemand eigenlijk.",
    ],
    "wishes": [
        "Rust in mijn hoofd.",
        "Iemand die helpt met schoonmaken.",
        "Weer werk, een paar dagen per week.",
        "Dat de ruzie thuis stopt.",
    ],
}
REPORT_DISCUSSED = [
    "We spraken over hoe het thuis gaat en wat er nodig is. De inwoner vertelde wat goed gaat "
    "en wat zwaar is.",
    "De schulden zijn het grootste zorgpunt. We keken samen naar de brieven.",
    "Het huishouden is zwaar geworden. Familie helpt, maar niet elke week.",
]
REPORT_AGREED = [
    "De regisseur zoekt uit welke hulp er kan komen. Over twee weken bellen we.",
    "De inwoner zet alle brieven in één map. Samen maken we een overzicht.",
    "We vragen de buurvrouw of ze mee wil naar de koffieochtend.",
]
NOTE_CORRECTIONS = [
    "Ik kan wel koken. Alleen de boodschappen tillen is zwaar.",
    "Mijn zus woont niet bij ons. Ze komt alleen helpen.",
    "Het gaat om twee brieven, niet om één.",
]
NOTE_COMMENTS = [
    "Dank u voor het fijne gesprek.",
    "Ik wil er graag nog een keer over praten.",
]
NOTE_RESPONSES = [
    "Dank u. Ik had dat verkeerd begrepen. Uw woorden staan nu bij het verslag.",
    "Goed dat u het zegt. We bespreken het de volgende keer.",
]

SUPPORT_SHARE = 0.2  # households with a coordinator and a professional action
# Which provision of the catalogue (decisions.demo.CATALOGUE, by reference) fits an action in a
# life domain, with its weight, and the volume it is given in (fewest, most).
SUPPORT_BY_DOMAIN = {
    LifeDomain.MONEY: [("WGS-01", 6), ("PW-BB", 3), ("ALG-02", 1)],
    LifeDomain.HOUSING: [("WMO-01", 6), ("WMO-13", 2)],
    LifeDomain.WORK: [("PW-RE", 1)],
    LifeDomain.HEALTH: [("WMO-02", 7), ("WMO-07", 3)],
    LifeDomain.FAMILY: [("JW-45", 6), ("JW-41", 2)],
    LifeDomain.SOCIAL: [("WMO-07", 5), ("ALG-01", 5)],
    LifeDomain.SAFETY: [("WMO-02", 1)],
    LifeDomain.DAILY_LIVING: [("WMO-01", 8), ("ALG-02", 2)],
}
SUPPORT_VOLUMES = {
    "WMO-01": (2, 4),
    "WMO-02": (1, 3),
    "WMO-07": (1, 4),
    "WMO-13": (1, 1),
    "JW-45": (1, 3),
    "JW-41": (2, 6),
    "PW-BB": (150, 1200),
    "PW-RE": (1, 4),
    "WGS-01": (2, 8),
    "ALG-01": (1, 1),
    "ALG-02": (1, 2),
}
SUPPORT_OUTCOMES = [("granted", 55), ("waiting", 15), ("refused", 5), ("draft", 25)]
GRANT_REASONS = [
    "Deze ondersteuning helpt bij het doel in het plan.",
    "Met deze hulp kan de inwoner thuis blijven wonen.",
    "De inwoner en de kring doen zelf veel. Dit is wat er nog nodig is.",
]
REFUSE_REASONS = [
    "Er is een algemene voorziening in de buurt die hier goed bij past.",
    "De inwoner kan dit met hulp van de kring zelf regelen.",
]
MANDATE_REASONING = [
    "Dit is meer dan mijn mandaat. De inwoner heeft deze hulp nodig om het doel te halen.",
    "De ergotherapeut adviseert dit. Zonder deze hulp kan de inwoner niet thuis blijven wonen.",
    "Dit is jeugdhulp. Het kind heeft het nodig om weer naar school te gaan.",
]
# A letter is rendered (HTML and PDF) per household; that is what seeding spends most of its
# time on per row, so only this share of the households with decisions has had its letter yet.
LETTER_SHARE = 0.1
# The seeded letters' PDFs use the renderer's fallback font (Helvetica): embedding DejaVu takes
# six times as long per letter. os.devnull is a folder with no fonts in it.
LETTER_FONT_DIR = Path(os.devnull)
SEED_MANDATE_BUDGETS = (Decimal("5000"), Decimal("50000"))  # coordinator, team lead
PEER_EXPERT, INITIATIVE = CommunityOffer.Kind.PEER_EXPERT, CommunityOffer.Kind.INITIATIVE

# The catalogue of the neighbourhood: peer experts per team, initiatives per neighbourhood.
# (name, what they offer)
PEER_OFFERS = [
    (
        "Ervaringsdeskundigen schulden",
        "Mensen die zelf schulden hadden. Ze gaan mee naar afspraken en helpen met de post.",
    ),
    (
        "Moedergroep",
        "Moeders die elkaar helpen. Elke woensdag koffie en tips over school en formulieren.",
    ),
    (
        "Mantelzorgmaatjes",
        "Ervaren mantelzorgers die luisteren en meedenken als u voor iemand zorgt.",
    ),
    ("Lotgenotengroep", "Praten met mensen die hetzelfde meemaken. Elke twee weken."),
]
INITIATIVE_OFFERS = [
    ("Buurthuis", "Koffieochtend op dinsdag en samen eten op vrijdag. Iedereen is welkom."),
    ("Taalcafé", "Elke donderdagmiddag Nederlands oefenen met buren. Gratis."),
    ("Moestuin", "Samen groente kweken op zaterdagochtend. Geen ervaring nodig."),
    ("Repair Café", "Samen spullen repareren, elke eerste zaterdag van de maand."),
    ("Wandelgroep", "Elke maandag een uur wandelen door de buurt, in uw eigen tempo."),
    ("Sportclub", "Sporten voor jong en oud. De eerste maanden zijn gratis."),
]


def _email(first: str, last: str) -> str:
    local = unicodedata.normalize("NFKD", f"{first}.{last}".replace(" ", "").lower())
    return local.encode("ascii", "ignore").decode() + "@example.org"


def _at(days_before: float) -> datetime.datetime:
    return REFERENCE_TIME - datetime.timedelta(days=days_before)


# --- the rows of one batch, before they get primary keys -------------------------------------


@dataclass
class _ProposalSpec:
    proposal: Proposal
    kind: str
    goal: Goal | None = None
    action: Action | None = None
    text: str = ""
    performer_name: str = ""
    field_name: str = ""
    domain: str = ""
    new_due: datetime.date | None = None
    changed: bool = False


@dataclass
class _PlanSpec:
    plan: Plan
    household: Household
    pen: object | None  # the user who holds the pen, if any
    goals: list[tuple[Goal, list[Action]]] = field(default_factory=list)
    circle: list[CircleMember] = field(default_factory=list)
    versions: list[tuple[PlanVersion, int]] = field(default_factory=list)  # (version, steps back)
    proposals: list[_ProposalSpec] = field(default_factory=list)
    # What the services around the plan would have recorded, in order: (time, actor, role,
    # verb, object, detail or a function that makes it once the rows have their keys).
    events: list[tuple] = field(default_factory=list)


@dataclass
class _Batch:
    users: list = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    representatives: list[Representative] = field(default_factory=list)
    circle: list[CircleMember] = field(default_factory=list)
    plans: list[_PlanSpec] = field(default_factory=list)
    assignments: list[CoordinatorAssignment] = field(default_factory=list)
    requests: list[SupportRequest] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)
    notes: list[ReportNote] = field(default_factory=list)  # the resident's
    responses: list[ReportNote] = field(default_factory=list)  # the coordinator's, to those
    support_items: list[SupportItem] = field(default_factory=list)
    mandate_requests: list[MandateRequest] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    letters: list[tuple[DecisionLetter, list[Decision]]] = field(default_factory=list)


@contextmanager
def _fixed_timestamps(*model_classes) -> Iterator[None]:
    """Let bulk_create keep the timestamps set here instead of "now", so that a seed gives the
    same rows every time. Restored afterwards; seeding runs on its own, not beside requests."""
    saved = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


# --- snapshots --------------------------------------------------------------------------------


def _performer_label(action: Action) -> str:
    """Action.performer_label, without the queries."""
    if action.performer == Performer.CIRCLE_MEMBER and action.circle_member is not None:
        return action.circle_member.name
    if action.performer == Performer.RESIDENT and action.person is not None:
        return action.person.first_name
    if action.performer_name:
        return action.performer_name
    return str(Performer(action.performer).label)


def _status_back(status: str, steps: int) -> str:
    for _ in range(steps):
        status = STATUS_BACK[status]
    return status


def snapshot_of(spec: _PlanSpec, back: int = 0) -> dict:
    """The plan as `build_snapshot` would have frozen it `back` approvals ago: the last `back`
    goals were not there yet, actions were that many steps less far, and circle members who
    left since were still in the circle. With back=0 it is exactly build_snapshot(plan)."""
    plan = spec.plan
    goals = spec.goals if back == 0 else spec.goals[: max(1, len(spec.goals) - back)]
    circle = [m for m in spec.circle if m.is_active or back > 0]
    circle.sort(key=lambda m: (m.name, m.pk))
    return {
        "format": SNAPSHOT_FORMAT,
        "strengths": plan.strengths,
        "dream": plan.dream,
        "contributions": plan.contributions,
        "goals": [
            {
                "id": goal.pk,
                "text": goal.text,
                "life_domain": goal.life_domain,
                "person": goal.person.first_name if goal.person is not None else "",
                "actions": [
                    {
                        "id": action.pk,
                        "description": action.description,
                        "performer": action.performer,
                        "performer_label": _performer_label(action),
                        "due_date": action.due_date.isoformat() if action.due_date else None,
                        "status": _status_back(action.status, back),
                    }
                    for action in actions
                ],
            }
            for goal, actions in goals
        ],
        "circle": [{"id": m.pk, "name": m.name, "relation": m.relation} for m in circle],
    }


# --- support and letters ----------------------------------------------------------------------


def _fits(mandate: Mandate, item: SupportItem, granted: dict[int, Decimal]) -> bool:
    """decisions.services.mandate_fit, with the household's granted support per year counted
    here instead of read back: its law, and every year within the budget."""
    if not mandate.covers_law(item.law):
        return False
    budget = mandate.yearly_budget_per_household
    return all(
        granted.get(year, Decimal("0")) + item.cost_in_year(year) <= budget for year in item.years
    )


def _add_granted(item: SupportItem, granted: dict[int, Decimal]) -> None:
    for year in item.years:
        granted[year] = granted.get(year, Decimal("0")) + item.cost_in_year(year)


class _Rows(list):
    def all(self) -> list:
        return self


@dataclass
class _Addressee:
    """What decisions.letters reads of a household: its persons and its address, here before
    the household is saved (no query)."""

    street: str
    house_number: str
    postcode: str
    city: str
    persons: _Rows

    def __init__(self, household: Household, persons: list[Person]):
        self.street, self.house_number = household.street, household.house_number
        self.postcode, self.city = household.postcode, household.city
        self.persons = _Rows(persons)


# --- the generator ----------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: list[int]) -> int:
    return rng.choices(range(len(weights)), weights=weights)[0]


class _Seeder:
    def __init__(self, *, households: int, seed: int, batch_size: int, insert_batch_size: int):
        self.total = households
        self.seed = seed
        self.prefix = username_prefix(seed)
        self.code = municipality_code(seed)
        self.batch_size = batch_size
        self.insert_batch_size = insert_batch_size
        self.rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        # The services around the plan draw from their own generator (see CLOSENESS_WEIGHTS).
        self.services_rng = random.Random(f"{seed}-services")  # noqa: S311 - test data
        self.provisions: dict[str, tuple[Provision, LegalGroundRule]] = {}
        salt = f"eigenplanseed{seed}".replace("-", "m")
        self.password = make_password(SEED_PASSWORD, salt=salt)
        self.user_model = get_user_model()
        self.counts: dict[str, int] = {}
        self.neighbourhoods: list[tuple[Neighbourhood, list[tuple[str, str]]]] = []
        self.coordinators: list = []
        self.next_numbers: dict[tuple, int] = {}
        self.circle_users = 0
        self.mentors = 0
        self.domains = list(DOMAIN_WEIGHTS)
        self.domain_weights = list(DOMAIN_WEIGHTS.values())
        self.relations = list(RELATION_WEIGHTS)
        self.relation_weights = list(RELATION_WEIGHTS.values())

    def count(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def insert(self, model, objs: list) -> None:
        if objs:
            model.objects.bulk_create(objs, batch_size=self.insert_batch_size)

    def user(self, username: str, first: str, last: str, role: str, joined: datetime.datetime):
        return self.user_model(
            username=f"{self.prefix}{username}",
            first_name=first,
            last_name=last,
            display_name=f"{first} {last}",
            role=role,
            password=self.password,
            date_joined=joined,
        )

    # -- fixed parts: neighbourhoods and coordinators

    def setup(self) -> None:
        rng = self.rng
        n_neighbourhoods = max(1, -(-self.total // HOUSEHOLDS_PER_NEIGHBOURHOOD))
        if n_neighbourhoods > 9999:
            raise SeedingError("Too many households for one municipality code.")
        names = [p + s.lower() for p in NEIGHBOURHOOD_PARTS for s in NEIGHBOURHOOD_SUFFIXES]
        rng.shuffle(names)
        neighbourhoods = []
        for k in range(n_neighbourhoods):
            name = names[k % len(names)]
            if k >= len(names):
                name = f"{name} {k // len(names) + 1}"
            wijk, buurt = divmod(k, 100)
            code = f"BU{self.code}{wijk:02d}{buurt:02d}"
            postcode = 1000 + (int(self.code) * 7 + k * 13) % 9000
            streets = []
            for s in range(12):
                base = rng.choice(NEIGHBOURHOOD_PARTS)
                suffix = rng.choice(STREET_SUFFIXES)
                letters = POSTCODE_LETTERS[s] + rng.choice(POSTCODE_LETTERS)
                streets.append((f"{base}{suffix}", f"{postcode} {letters}"))
            hood = Neighbourhood(cbs_code=code, name=name.capitalize())
            neighbourhoods.append(hood)
            self.neighbourhoods.append((hood, streets))
        n_coordinators = max(1, -(-self.total // HOUSEHOLDS_PER_COORDINATOR))
        for k in range(n_coordinators):
            female = rng.random() < 0.7
            first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
            last = rng.choice(LAST_NAMES)
            joined = _at(1200 + rng.randrange(900))
            self.coordinators.append(self.user(f"c{k + 1}", first, last, Role.COORDINATOR, joined))
        with transaction.atomic():
            teams, staff, memberships = self.teams(neighbourhoods)
            self.insert(Team, teams)
            for hood in neighbourhoods:
                hood.team = hood.team  # again, now that the team has its key
            self.insert(Neighbourhood, neighbourhoods)
            self.insert(self.user_model, self.coordinators + staff)
            for membership in memberships:
                membership.team, membership.user = membership.team, membership.user
            self.insert(TeamMembership, memberships)
        self.count("neighbourhoods", len(neighbourhoods))
        self.count("coordinators", len(self.coordinators))
        self.count("teams", len(teams))
        self.count("team_members", len(memberships))
        with transaction.atomic():
            self.setup_services(neighbourhoods, memberships)

    def teams(self, neighbourhoods: list[Neighbourhood]) -> tuple[list, list, list]:
        """A team per NEIGHBOURHOODS_PER_TEAM neighbourhoods, named after its first one, with a
        team lead and a colleague of its own, and as coordinators everyone who coordinates a
        household in its neighbourhoods (a coordinator whose households straddle two teams is
        in both). Drawn without the random generator, so the rest of a seed stays as it was."""
        teams, staff, memberships = [], [], []
        for k in range(0, len(neighbourhoods), NEIGHBOURHOODS_PER_TEAM):
            number = k // NEIGHBOURHOODS_PER_TEAM + 1
            team = Team(name=f"Buurtteam {neighbourhoods[k].name} ({self.prefix.rstrip('-')})")
            teams.append(team)
            for hood in neighbourhoods[k : k + NEIGHBOURHOODS_PER_TEAM]:
                hood.team = team
            joined = _at(1500 + number % 300)
            for role, letter, first_names, offset in (
                (TeamRole.LEAD, "l", FIRST_NAMES_M, 0),
                (TeamRole.COLLEAGUE, "t", FIRST_NAMES_F, 5),
            ):
                first = first_names[(number * 7) % len(first_names)]
                last = LAST_NAMES[(number * 11 + offset) % len(LAST_NAMES)]
                user_role = Role.TEAM_LEAD if role == TeamRole.LEAD else Role.COORDINATOR
                user = self.user(f"{letter}{number}", first, last, user_role, joined)
                staff.append(user)
                function = "schuldhulpverlener" if role == TeamRole.COLLEAGUE else ""
                memberships.append(
                    TeamMembership(team=team, user=user, role=role, function=function)
                )
        total, n_hoods, n_coordinators = self.total, len(neighbourhoods), len(self.coordinators)
        for c, coordinator in enumerate(self.coordinators):
            first = -(-c * total // n_coordinators)  # the first household i with i*n//total == c
            last = -(-(c + 1) * total // n_coordinators) - 1
            hoods = sorted({i * n_hoods // total for i in (first, last) if 0 <= i < total})
            team_numbers = sorted({h // NEIGHBOURHOODS_PER_TEAM for h in hoods})
            for team in (teams[t] for t in team_numbers):
                memberships.append(
                    TeamMembership(team=team, user=coordinator, role=TeamRole.COORDINATOR)
                )
        return teams, staff, memberships

    # -- one household, drawn completely before anything is written

    def household(self, i: int, batch: _Batch) -> None:
        rng = self.rng
        hood, streets = self.neighbourhoods[i * len(self.neighbourhoods) // self.total]
        coordinator = None
        if rng.random() >= 0.03:
            coordinator = self.coordinators[i * len(self.coordinators) // self.total]
        street, postcode = rng.choice(streets)
        number = self.next_numbers.get((hood.cbs_code, street), 1)
        self.next_numbers[(hood.cbs_code, street)] = number + rng.choice((1, 1, 2))
        age_days = 20 + rng.randrange(880)  # how long ago the plan started
        start = _at(age_days)
        household = Household(
            street=street,
            house_number=str(number) + ("" if rng.random() < 0.9 else rng.choice("ABC")),
            postcode=postcode,
            city=CITY,
            neighbourhood=hood,
            team_id=hood.team_id,
            coordinator=coordinator,
            created_at=start,
        )
        batch.households.append(household)

        # persons
        _w, n_adults, fewest, most, (young, old) = rng.choices(
            COMPOSITIONS, weights=[c[0] for c in COMPOSITIONS]
        )[0]
        family_name = rng.choice(LAST_NAMES)
        adults, children = [], []
        first_age = young + rng.randrange(old - young + 1)
        for a in range(n_adults):
            female = rng.random() < (0.55 if a == 0 else 0.5)
            age = first_age if a == 0 else max(18, first_age + rng.randrange(-6, 7))
            last = family_name if a == 0 or rng.random() < 0.6 else rng.choice(LAST_NAMES)
            adults.append(self.person(household, female, last, age))
        for _c in range(rng.randint(fewest, most) if most else 0):
            age = rng.randrange(max(1, min(18, first_age - 17)))
            children.append(self.person(household, rng.random() < 0.5, family_name, age))
        persons = adults + children
        batch.persons.extend(persons)

        # who holds the pen
        pen, joined = None, start - datetime.timedelta(days=rng.randrange(1, 30))
        roll = rng.random()
        first = adults[0]
        if roll < 0.97:
            pen = self.user(f"r{i + 1}", first.first_name, first.last_name, Role.RESIDENT, joined)
            first.user = pen
        elif roll < 0.98:
            self.mentors += 1
            pen = self.user(
                f"m{self.mentors}",
                rng.choice(FIRST_NAMES_F + FIRST_NAMES_M),
                rng.choice(LAST_NAMES),
                Role.RESIDENT,
                joined,
            )
            kind = rng.choice([Representative.Kind.MENTOR, Representative.Kind.CURATOR])
            batch.representatives.append(
                Representative(household=household, user=pen, represents=first, kind=kind)
            )
        if pen is not None:
            batch.users.append(pen)
            for child in children:
                batch.representatives.append(
                    Representative(
                        household=household,
                        user=pen,
                        represents=child,
                        kind=Representative.Kind.PARENT,
                    )
                )

        # the plan's own words
        just_started = pen is None or rng.random() < 0.08
        plan = Plan(
            household=household,
            strengths=self.sentences(STRENGTHS, 0.85 if not just_started else 0.3),
            dream=self.sentences(DREAMS, 0.75 if not just_started else 0.2),
            contributions=self.sentences(CONTRIBUTIONS, 0.35),
            created_at=start,
            updated_at=start,
        )
        spec = _PlanSpec(plan=plan, household=household, pen=pen)
        batch.plans.append(spec)

        # circle
        size = _weighted(rng, CIRCLE_SIZE_WEIGHTS)
        for name in rng.sample(CIRCLE_FIRST_NAMES, size):
            relation = rng.choices(self.relations, weights=self.relation_weights)[0]
            last = family_name if relation == CircleMember.Relation.FAMILY else None
            last = last if last and rng.random() < 0.7 else rng.choice(LAST_NAMES)
            member = CircleMember(
                household=household,
                name=f"{name} {last}",
                relation=relation,
                relation_detail=rng.choice(RELATION_DETAILS[relation]),
                email=_email(name, last) if rng.random() < 0.3 else "",
                phone=f"06-{rng.randrange(10**8):08d}" if rng.random() < 0.4 else "",
                shared_life_domains=self.shared_domains(),
                shares_dream=rng.random() < 0.35,
                is_active=rng.random() >= 0.05,
                created_at=start + datetime.timedelta(days=rng.random() * age_days / 2),
            )
            if (
                relation != CircleMember.Relation.PROFESSIONAL
                and member.is_active
                and rng.random() < 0.12
            ):
                self.circle_users += 1
                user = self.user(
                    f"k{self.circle_users}", name, last, Role.CIRCLE_MEMBER, member.created_at
                )
                member.user = user
                batch.users.append(user)
            spec.circle.append(member)
        batch.circle.extend(spec.circle)
        active = [m for m in spec.circle if m.is_active]

        # goals and actions
        n_goals = 0 if just_started else _weighted(rng, GOAL_COUNT_WEIGHTS)
        for position in range(1, n_goals + 1):
            domain = rng.choices(self.domains, weights=self.domain_weights)[0]
            person = None
            if children and domain in CHILD_GOALS and rng.random() < 0.35:
                person = rng.choice(children)
                text = rng.choice(CHILD_GOALS[domain]).format(name=person.first_name)
            else:
                text = rng.choice(GOALS[domain])
                if rng.random() < 0.15:
                    person = rng.choice(adults)
            created = start + datetime.timedelta(days=rng.random() * age_days)
            goal = Goal(
                plan=plan,
                text=text,
                life_domain=domain,
                person=person,
                position=position,
                created_at=created,
                updated_at=created,
            )
            actions = []
            for a_position in range(1, _weighted(rng, ACTION_COUNT_WEIGHTS) + 1):
                actions.append(self.action(goal, domain, a_position, adults, active, created))
            spec.goals.append((goal, actions))
        plan.revision = 1 + len(spec.goals) + sum(len(a) for _g, a in spec.goals)

        # versions: approvals spread over the plan's life
        n_versions = _weighted(rng, VERSION_COUNT_WEIGHTS) if spec.goals else 0
        unapproved = n_versions == 0 or rng.random() < 0.45
        plan.has_unapproved_changes = unapproved
        for number in range(1, n_versions + 1):
            approved_at = start + datetime.timedelta(
                days=age_days * number / (n_versions + 1), hours=rng.randrange(8)
            )
            version = PlanVersion(
                plan=plan,
                number=number,
                approved_by=pen,
                approved_by_name=str(pen),
                approved_at=approved_at,
                note=rng.choice(["", "", "Samen met mijn regisseur doorgelopen."]),
            )
            spec.versions.append((version, n_versions - number + (1 if unapproved else 0)))

        # proposals
        if coordinator is not None:
            for _p in range(_weighted(rng, PROPOSAL_COUNT_WEIGHTS)):
                proposal = self.proposal(spec, coordinator, adults, active, start, age_days)
                if proposal is not None:
                    spec.proposals.append(proposal)

        # what the services around the plan made: circle picture, commitments, requests,
        # conversations, support and decisions
        self.services(batch, spec, coordinator, adults, children, age_days)

    # -- the services around the plan (their own generator: see CLOSENESS_WEIGHTS)

    def setup_services(self, neighbourhoods, memberships) -> None:
        """What the municipality has before any household: its catalogue of support with a
        rule for the legal ground of each provision, a mandate for every coordinator and team
        lead, and the neighbourhood's catalogue of peer experts and initiatives. Also what
        counting legal periods needs: the deadline rules, the calendar and the settings."""
        rng = self.services_rng
        tag = self.prefix.rstrip("-")
        self.calendar = Calendar()
        self.deadline_rules = list(DeadlineRule.objects.filter(is_active=True))
        self.decision_settings = DecisionSettings.current()
        # The seed's own catalogue (a reference is unique). Each provision's rule holds for
        # that provision only, so it never decides the law of another catalogue's support.
        by_category = {
            category: law
            for _name, _priority, category, kind, fewest, most, law in LEGAL_GROUND_RULES
            if category and not kind and fewest is None and most is None
        }
        rules = []
        for reference, name, words, category, code, unit, frequency, price, law in CATALOGUE:
            provision = Provision(
                reference=f"{provision_prefix(self.seed)}{reference}",
                name=name,
                plain_description=words,
                product_category=category,
                product_code=code,
                unit=unit,
                frequency=frequency,
                price_per_unit=Decimal(price),
                law=law,
            )
            rule = LegalGroundRule(
                name=f"{name} ({tag})",
                priority=5,
                provision=provision,
                law=law or by_category[category],
            )
            self.provisions[reference] = (provision, rule)
            rules.append(rule)
        self.insert(Provision, [provision for provision, _rule in self.provisions.values()])
        self.insert(LegalGroundRule, rules)
        # Mandates: the team lead decides on what is above a coordinator's mandate.
        coordinator_budget, lead_budget = SEED_MANDATE_BUDGETS
        leads = {}
        for membership in memberships:
            if membership.role == TeamRole.LEAD:
                leads[membership.team.pk] = Mandate(
                    holder=membership.user,
                    level=2,
                    laws=list(SupportLaw.values),
                    yearly_budget_per_household=lead_budget,
                )
        self.insert(Mandate, list(leads.values()))
        first_team = {}
        for membership in memberships:
            if membership.role == TeamRole.COORDINATOR:
                first_team.setdefault(membership.user.pk, membership.team.pk)
        mandates = [
            Mandate(
                holder=coordinator,
                level=1,
                laws=[law.value for law in COORDINATOR_LAWS],
                yearly_budget_per_household=coordinator_budget,
                escalates_to=leads[first_team[coordinator.pk]],
            )
            for coordinator in self.coordinators
        ]
        self.insert(Mandate, mandates)
        self.mandates = {mandate.holder.pk: mandate for mandate in mandates}
        self.lead_teams = {mandate.pk: team_id for team_id, mandate in leads.items()}
        with translation.override("nl"):
            self.mandate_labels = {m.pk: mandate_label(m) for m in [*mandates, *leads.values()]}
        # The neighbourhood's catalogue: peer experts for a team's area, initiatives per
        # neighbourhood.
        offers = []
        for k in range(0, len(neighbourhoods), NEIGHBOURHOODS_PER_TEAM):
            area = neighbourhoods[k : k + NEIGHBOURHOODS_PER_TEAM]
            for name, words in rng.sample(PEER_OFFERS, 2):
                offers.append((self.offer(f"{name} {area[0].name}", PEER_EXPERT, words), area))
            for hood in area:
                for name, words in rng.sample(INITIATIVE_OFFERS, rng.randint(2, 4)):
                    offers.append((self.offer(f"{name} {hood.name}", INITIATIVE, words), [hood]))
        self.insert(CommunityOffer, [offer for offer, _hoods in offers])
        through = CommunityOffer.neighbourhoods.through
        self.insert(
            through,
            [
                through(communityoffer_id=offer.pk, neighbourhood_id=hood.pk)
                for offer, hoods in offers
                for hood in hoods
            ],
        )
        # As save_offer records them: by nobody in particular, about no household.
        append_audit_events(
            [
                AuditEvent(
                    occurred_at=offer.updated_at,
                    actor_id=None,
                    actor_name="system",
                    actor_role="",
                    actor_organisation="",
                    household_id=None,
                    verb="save",
                    object_type="communityoffer",
                    object_id=str(offer.pk),
                    detail={},
                )
                for offer, _hoods in offers
            ],
            batch_size=self.insert_batch_size,
        )
        self.count("provisions", len(self.provisions))
        self.count("mandates", len(mandates) + len(leads))
        self.count("community_offers", len(offers))
        self.count("audit_events", len(offers))

    def offer(self, name: str, kind: str, words: str) -> CommunityOffer:
        rng = self.services_rng
        return CommunityOffer(
            name=f"{name} ({self.prefix.rstrip('-')})",
            kind=kind,
            offer=words,
            contact_name=rng.choice(FIRST_NAMES_F + FIRST_NAMES_M) if rng.random() < 0.6 else "",
            phone=f"06 {rng.randrange(10**8):08d}" if rng.random() < 0.5 else "",
            email="buurt@voorbeeld.example" if rng.random() < 0.3 else "",
            updated_at=_at(30 + rng.randrange(300)),
        )

    def later(self, moment: datetime.datetime, days: float) -> datetime.datetime:
        """A moment up to `days` after `moment` (at least an hour), never past the reference
        time."""
        step = datetime.timedelta(hours=1, days=self.services_rng.random() * days)
        return min(moment + step, REFERENCE_TIME - datetime.timedelta(minutes=1))

    def services(self, batch, spec, coordinator, adults, children, age_days) -> None:
        rng = self.services_rng
        household, pen = spec.household, spec.pen
        for member in spec.circle:
            weights = CLOSENESS_WEIGHTS[member.relation]
            member.closeness = rng.choices(CLOSENESS, weights=weights)[0]
        for _goal, actions in spec.goals:
            for action in actions:
                if action.circle_member is not None:
                    self.commitment(action)
        if coordinator is not None:
            # As Household.save starts the history of coordinators.
            batch.assignments.append(
                CoordinatorAssignment(
                    household=household,
                    coordinator=coordinator,
                    coordinator_name=str(coordinator)[:150],
                    started_at=household.created_at,
                )
            )
        if (pen is not None or coordinator is not None) and rng.random() < REQUEST_SHARE:
            self.support_request(batch, spec, coordinator, adults, children, age_days)
        if coordinator is not None and rng.random() < SUPPORT_SHARE:
            self.support(batch, spec, coordinator, adults + children)

    def commitment(self, action: Action) -> None:
        """Some requests were declined, some promises handed back; every answer has its time."""
        rng = self.services_rng
        answered = self.later(action.created_at, 10)
        if action.commitment == Action.Commitment.REQUESTED:
            if rng.random() < 0.12:
                action.commitment = Action.Commitment.DECLINED
                action.commitment_reason = rng.choice(COMMITMENT_DECLINE_REASONS)
                action.commitment_answered_at = answered
        elif action.commitment == Action.Commitment.ACCEPTED:
            action.commitment_answered_at = answered
            if action.status == Action.Status.DOING and rng.random() < 0.08:
                action.commitment = Action.Commitment.HANDED_BACK
                action.commitment_reason = rng.choice(COMMITMENT_HAND_BACK_REASONS)
                action.commitment_answered_at = self.later(answered, 60)

    def support_request(self, batch, spec, coordinator, adults, children, age_days) -> None:
        """A request as record_request makes it, with its legal clocks; often a conversation."""
        rng = self.services_rng
        household, pen = spec.household, spec.pen
        kind = rng.choices([k for k, _w in REQUEST_KINDS], weights=[w for _k, w in REQUEST_KINDS])
        kind = kind[0]
        options = [
            (laws, w)
            for laws, w in REQUEST_LAWS[kind]
            if children or RequestLaw.JEUGDWET not in laws
        ]
        chosen = rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]
        laws = [law for law in RequestLaw.values if law in chosen]
        wgs = RequestLaw.WGS in laws
        received_on = REFERENCE_DATE - datetime.timedelta(days=rng.randrange(min(150, age_days)))
        by_coordinator = coordinator is not None and (pen is None or rng.random() < 0.65)
        actor = coordinator if by_coordinator else pen
        role = "coordinator" if by_coordinator else "resident"
        recorded_at = min(
            datetime.datetime.combine(received_on, datetime.time(8), datetime.UTC)
            + datetime.timedelta(minutes=rng.randrange(9 * 60)),
            REFERENCE_TIME - datetime.timedelta(hours=1),
        )
        request = SupportRequest(
            household=household,
            kind=kind,
            laws=laws,
            own_words=rng.choice(REQUEST_WORDS[laws[0]]),
            threat_eviction=wgs and rng.random() < 0.25,
            threat_cutoff=wgs and rng.random() < 0.1,
            threat_insurance=wgs and rng.random() < 0.05,
            received_on=received_on,
            recorded_by=actor,
            recorded_by_name=str(actor),
            recorded_by_role=role,
            recorded_at=recorded_at,
        )
        batch.requests.append(request)
        clocks = self.clocks(batch, spec, request, kind, received_on, laws, coordinator)
        spec.events.append(
            (
                recorded_at,
                actor,
                role,
                "create",
                request,
                {
                    "kind": kind,
                    "laws": laws,
                    "urgent": request.is_urgent,
                    "deadlines": [f"{d.name}: {d.due_on.isoformat()}" for d in clocks],
                },
            )
        )
        if pen is not None and kind == RequestKind.MELDING and RequestLaw.WMO in laws:
            # Whether the resident first makes their own plan (Wmo persoonlijk plan).
            answer = rng.choices(["", "yes", "no"], weights=[30, 45, 25])[0]
            if answer:
                request.own_plan = answer
                request.own_plan_answered_at = self.later(recorded_at, 6)
                event = {"answer": answer}
                spec.events.append(
                    (
                        request.own_plan_answered_at,
                        pen,
                        "resident",
                        "answer_own_plan",
                        request,
                        event,
                    )
                )
        if coordinator is not None and RequestLaw.JEUGDWET in laws and rng.random() < 0.3:
            # The parents ask for the plan on paper: a clock of its own (Jeugdwet art. 4.1.3).
            on = received_on + datetime.timedelta(days=rng.randint(3, 20))
            if on <= REFERENCE_DATE:
                trigger = Trigger.WRITTEN_PLAN_ASKED
                started = self.clocks(
                    batch, spec, request, trigger, on, [RequestLaw.JEUGDWET.value], coordinator
                )
                at = max(
                    recorded_at, datetime.datetime.combine(on, datetime.time(10), datetime.UTC)
                )
                spec.events.append(
                    (
                        min(at, REFERENCE_TIME - datetime.timedelta(minutes=1)),
                        coordinator,
                        "coordinator",
                        "start_clock",
                        request,
                        {
                            "event": trigger.value,
                            "deadlines": [f"{d.name}: {d.due_on.isoformat()}" for d in started],
                        },
                    )
                )
        if rng.random() < CONVERSATION_SHARE:
            self.conversation(batch, spec, request, coordinator, adults)

    def clocks(self, batch, spec, request, trigger, start, laws, coordinator) -> list[Deadline]:
        """The clocks the rules start, due as conversations.deadlines counts them; the assigned
        coordinator has closed some (most of those whose day has passed)."""
        rng = self.services_rng
        started = []
        rules = rules_started_by(
            trigger, laws=laws, urgent=request.is_urgent, rules=self.deadline_rules
        )
        for rule in rules:
            deadline = new_clock(request, rule, start, self.calendar)
            started.append(deadline)
            if coordinator is None:
                continue
            if deadline.due_on < REFERENCE_DATE:
                outcomes, weights = ("met", "stopped", "open"), (75, 10, 15)
            else:
                outcomes, weights = ("open", "met"), (85, 15)
            outcome = rng.choices(outcomes, weights=weights)[0]
            if outcome == "open":
                continue
            first = max(
                request.recorded_at,
                datetime.datetime.combine(start, datetime.time(9), datetime.UTC),
            )
            days = (min(deadline.due_on, REFERENCE_DATE) - start).days
            deadline.status = outcome
            deadline.closed_at = self.later(first, max(0, days - 1))
            deadline.closed_by_name = str(coordinator)
            deadline.close_note = rng.choice(CLOCK_STOP_NOTES) if outcome == "stopped" else ""
            spec.events.append(
                (
                    deadline.closed_at,
                    coordinator,
                    "coordinator",
                    "close_clock",
                    deadline,
                    {
                        "name": deadline.name,
                        "outcome": outcome,
                        "due_on": deadline.due_on.isoformat(),
                    },
                )
            )
        batch.deadlines.extend(started)
        return started

    def conversation(self, batch, spec, request, coordinator, adults) -> None:
        """A kitchen-table conversation as the services leave it: being prepared by the
        resident, its report a draft, offered for reading, or read and final; with the
        resident's corrections and comments and the coordinator's responses."""
        rng = self.services_rng
        household, pen = spec.household, spec.pen
        states = [
            (status, weight)
            for status, weight in CONVERSATION_STATES
            if (status == Conversation.Status.PREPARING and (pen or coordinator))
            or (
                status in (Conversation.Status.DRAFT, Conversation.Status.FOR_READING)
                and coordinator
            )
            or (status == Conversation.Status.FINAL and pen and coordinator)
        ]
        status = rng.choices([s for s, _w in states], weights=[w for _s, w in states])[0]
        moment = self.later(request.recorded_at, 10)
        conversation = Conversation(household=household, request=request, created_at=moment)
        events = spec.events
        prepared = pen is not None and (
            status == Conversation.Status.PREPARING or rng.random() < 0.6
        )
        if prepared:
            fields = [f for f in PREPARATION if rng.random() < 0.8] or ["worries"]
            for name in fields:
                setattr(conversation, name, rng.choice(PREPARATION[name]))
            conversation.prepared_at = moment
            events.append((moment, pen, "resident", "prepare", conversation, {"fields": fields}))
        if status != Conversation.Status.PREPARING or not prepared:
            # The coordinator starts recording it (the one the resident prepared, if any).
            if prepared:
                moment = self.later(moment, 7)
            verb = "continue" if prepared else "create"
            events.append((moment, coordinator, "coordinator", verb, conversation, {}))
        if status != Conversation.Status.PREPARING:
            conversation.held_on = moment.date()
            conversation.attendees = f"{adults[0].first_name} {adults[0].last_name}, {coordinator}"
            conversation.discussed = rng.choice(REPORT_DISCUSSED)
            conversation.agreed = rng.choice(REPORT_AGREED)
            conversation.coordinator = coordinator
            conversation.coordinator_name = str(coordinator)
            conversation.revision = 2
            conversation.status = Conversation.Status.DRAFT
            moment = self.later(moment, 3)
            detail = {"revision": 2, "status": Conversation.Status.DRAFT.value}
            events.append((moment, coordinator, "coordinator", "update", conversation, detail))
        if status in (Conversation.Status.FOR_READING, Conversation.Status.FINAL):
            moment = self.later(moment, 5)
            conversation.revision = 3
            conversation.status = Conversation.Status.FOR_READING
            conversation.offered_for_reading_at = moment
            detail = {"revision": 3, "status": Conversation.Status.FOR_READING.value}
            events.append(
                (moment, coordinator, "coordinator", "offer_report", conversation, detail)
            )
            if pen is not None and rng.random() < 0.3:
                moment = self.note(batch, spec, conversation, moment, coordinator)
        if status == Conversation.Status.FINAL:
            moment = self.later(moment, 5)
            conversation.status = Conversation.Status.FINAL
            conversation.read_at = moment
            conversation.read_by_name = str(pen)
            events.append((moment, pen, "resident", "confirm_read", conversation, {"revision": 3}))
        conversation.updated_at = moment
        batch.conversations.append(conversation)

    def note(self, batch, spec, conversation, moment, coordinator) -> datetime.datetime:
        rng = self.services_rng
        correction = rng.random() < 0.6
        kind = ReportNote.Kind.CORRECTION if correction else ReportNote.Kind.COMMENT
        moment = self.later(moment, 3)
        note = ReportNote(
            conversation=conversation,
            kind=kind,
            text=rng.choice(NOTE_CORRECTIONS if correction else NOTE_COMMENTS),
            author=spec.pen,
            author_name=str(spec.pen),
            written_at=moment,
        )
        batch.notes.append(note)
        spec.events.append(
            (moment, spec.pen, "resident", "add_note", note, self.note_detail(conversation, kind))
        )
        if correction and rng.random() < 0.6:
            moment = self.later(moment, 3)
            kind = ReportNote.Kind.RESPONSE
            response = ReportNote(
                conversation=conversation,
                kind=kind,
                text=rng.choice(NOTE_RESPONSES),
                in_reply_to=note,
                author=coordinator,
                author_name=str(coordinator),
                written_at=moment,
            )
            batch.responses.append(response)
            detail = self.note_detail(conversation, kind)
            spec.events.append((moment, coordinator, "coordinator", "add_note", response, detail))
        return moment

    @staticmethod
    def note_detail(conversation, kind) -> Callable[[], dict]:
        return lambda: {"conversation": conversation.pk, "kind": kind.value}

    def support(self, batch, spec, coordinator, persons) -> None:
        """Support for some of the plan's professional actions, as the decisions services make
        it: the coordinator grants within their mandate; above it, or to refuse, the team lead
        decides on a mandate request, or has not yet. Sometimes the letter is out."""
        rng = self.services_rng
        household = spec.household
        candidates = [
            (goal, action)
            for goal, actions in spec.goals
            for action in actions
            if action.performer == Performer.PROFESSIONAL
        ]
        if not candidates:
            return
        count = min(len(candidates), rng.choices((1, 2, 3), weights=(70, 25, 5))[0])
        chosen = [candidates[k] for k in sorted(rng.sample(range(len(candidates)), count))]
        mandate = self.mandates[coordinator.pk]
        granted: dict[int, Decimal] = {}  # the household's granted support per year
        decisions = []
        moment = max(action.created_at for _goal, action in chosen)
        moment = moment + (REFERENCE_TIME - moment) * (0.5 * rng.random())
        for goal, action in chosen:
            options = SUPPORT_BY_DOMAIN[goal.life_domain]
            reference = rng.choices([r for r, _w in options], weights=[w for _r, w in options])
            provision, rule = self.provisions[reference[0]]
            fewest, most = SUPPORT_VOLUMES[reference[0]]
            start_date = REFERENCE_DATE + datetime.timedelta(days=rng.randint(-200, 14))
            moment = self.later(moment, 5)
            item = SupportItem(
                household=household,
                action=action,
                goal=goal,
                goal_text=goal.text,
                person=goal.person,
                provision=provision,
                description=provision.plain_description,
                product_category=provision.product_category,
                product_code=provision.product_code,
                unit=provision.unit,
                frequency=provision.frequency,
                volume=rng.randint(fewest, most),
                price_per_unit=provision.price_per_unit,
                start_date=start_date,
                end_date=start_date + datetime.timedelta(days=rng.choice((90, 181, 364))),
                derived_law=rule.law,
                derived_by=rule,
                law=rule.law,
                created_by=coordinator,
                created_at=moment,
            )
            batch.support_items.append(item)
            spec.events.append(
                (
                    moment,
                    coordinator,
                    "coordinator",
                    "create_support",
                    item,
                    lambda item=item, goal=goal: {
                        "law": item.law,
                        "derived_law": item.derived_law,
                        "goal": goal.pk,
                    },
                )
            )
            outcome = rng.choices(
                [o for o, _w in SUPPORT_OUTCOMES], weights=[w for _o, w in SUPPORT_OUTCOMES]
            )[0]
            if outcome == "draft":
                continue
            moment = self.later(moment, 7)
            if outcome != "refused" and _fits(mandate, item, granted):
                reasons = rng.choice(GRANT_REASONS)
                decision = self.decide(
                    batch, item, coordinator, mandate, "granted", reasons, moment
                )
                decisions.append(decision)
                _add_granted(item, granted)
                spec.events.append(
                    (
                        moment,
                        coordinator,
                        "coordinator",
                        "grant_support",
                        decision,
                        lambda item=item, mandate=mandate: {
                            "support_item": item.pk,
                            "mandate": mandate.pk,
                            "law": item.law,
                        },
                    )
                )
                continue
            # Above the coordinator's mandate, or to be refused: the mandate holder decides.
            holder = mandate.escalates_to
            request = MandateRequest(
                support_item=item,
                household=household,
                requested_by=coordinator,
                reasoning=rng.choice(MANDATE_REASONING),
                mandate=holder,
                deadline=self.calendar.add_working_days(
                    moment.date(), self.decision_settings.mandate_deadline_working_days
                ),
                created_at=moment,
            )
            item.status = SupportItem.Status.WAITING
            batch.mandate_requests.append(request)
            spec.events.append(
                (
                    moment,
                    coordinator,
                    "coordinator",
                    "request_mandate_decision",
                    request,
                    lambda item=item, request=request: {
                        "support_item": item.pk,
                        "mandate": request.mandate.pk,
                        "deadline": str(request.deadline),
                    },
                )
            )
            if outcome == "waiting" or (outcome == "granted" and not _fits(holder, item, granted)):
                continue
            moment = self.later(moment, 8)
            reasons = rng.choice(GRANT_REASONS if outcome == "granted" else REFUSE_REASONS)
            lead = holder.holder
            # The team lead's standing: of the household's team, or (for a coordinator who
            # works in two teams) of the other one.
            role = "team_lead" if self.lead_teams[holder.pk] == household.team_id else "none"
            decision = self.decide(batch, item, lead, holder, outcome, reasons, moment, request)
            decisions.append(decision)
            if outcome == "granted":
                _add_granted(item, granted)
            request.status = MandateRequest.Status.DECIDED
            request.decided_at = moment
            spec.events.append(
                (
                    moment,
                    lead,
                    role,
                    "decide_mandate_request",
                    decision,
                    lambda request=request, outcome=outcome: {
                        "request": request.pk,
                        "outcome": outcome,
                        "mandate": request.mandate.pk,
                    },
                )
            )
        if decisions and rng.random() < LETTER_SHARE:
            self.letter(batch, spec, coordinator, persons, decisions, self.later(moment, 3))

    def decide(self, batch, item, actor, mandate, outcome, reasons, moment, request=None):
        decision = Decision(
            support_item=item,
            household=item.household,
            outcome=outcome,
            decided_by=actor,
            decided_by_name=str(actor),
            mandate=mandate,
            mandate_label=self.mandate_labels[mandate.pk],
            goal=item.goal,
            goal_text=item.goal_text,
            law=item.law,
            reasons=reasons,
            request=request,
            decided_at=moment,
        )
        item.status = outcome
        batch.decisions.append(decision)
        return decision

    def letter(self, batch, spec, coordinator, persons, decisions, moment) -> None:
        """The decision letter of every decision so far, made as issue_letter makes it."""
        issued_on = moment.date()
        with translation.override("nl"):
            content = letters.LetterContent.build(
                household=_Addressee(spec.household, persons),
                decisions=decisions,
                issued_on=issued_on,
                objection_deadline=self.calendar.legal_deadline(
                    issued_on, weeks=self.decision_settings.objection_weeks
                ),
                settings_row=self.decision_settings,
                signed_by=str(coordinator),
            )
            html = letters.render_html(content)
            pdf = letters.render_pdf(content, font_dir=LETTER_FONT_DIR, created_at=moment)
        letter = DecisionLetter(
            household=spec.household,
            title=content.title,
            language="nl",
            html=html,
            pdf=pdf,
            objection_deadline=content.objection_deadline,
            issued_by=coordinator,
            issued_at=moment,
        )
        batch.letters.append((letter, decisions))
        spec.events.append(
            (
                moment,
                coordinator,
                "coordinator",
                "issue_decision_letter",
                letter,
                lambda: {"decisions": [d.pk for d in decisions]},
            )
        )

    def person(self, household, female: bool, last: str, age: int) -> Person:
        rng = self.rng
        return Person(
            household=household,
            first_name=rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M),
            last_name=last,
            date_of_birth=REFERENCE_DATE - datetime.timedelta(days=age * 365 + rng.randrange(365)),
        )

    def sentences(self, choices: list[str], chance: float) -> str:
        if self.rng.random() >= chance:
            return ""
        return " ".join(self.rng.sample(choices, self.rng.randint(1, 3)))

    def shared_domains(self) -> list[str]:
        roll = self.rng.random()
        if roll < 0.1:
            return list(LifeDomain.values)
        if roll < 0.6:
            chosen = self.rng.sample(LifeDomain.values, self.rng.randint(1, 3))
            return [d for d in LifeDomain.values if d in chosen]
        return []

    def action(self, goal, domain, position, adults, active, created) -> Action:
        rng = self.rng
        roll = rng.random()
        person = member = None
        name = ""
        if roll < 0.22 and active:
            performer = Performer.CIRCLE_MEMBER
            member = rng.choice(active)
            description = rng.choice(CIRCLE_ACTIONS).format(name=member.name.split(" ")[0])
        elif roll < 0.40:
            performer = Performer.COMMUNITY
            description, name = rng.choice(COMMUNITY_ACTIONS)
        elif roll < 0.60:
            performer = Performer.PROFESSIONAL
            description, name = rng.choice(PROFESSIONAL_ACTIONS[domain])
        else:
            performer = Performer.RESIDENT
            person = rng.choice(adults)
            description = rng.choice(RESIDENT_ACTIONS)
        due = None
        if rng.random() < 0.85:
            due = REFERENCE_DATE + datetime.timedelta(days=rng.randint(-120, 150))
        if due is not None and due < REFERENCE_DATE:
            statuses, weights = ("done", "doing", "todo", "stopped"), (55, 20, 18, 7)
        else:
            statuses, weights = ("todo", "doing", "done", "stopped"), (45, 45, 7, 3)
        status = rng.choices(statuses, weights=weights)[0]
        return Action(
            goal=goal,
            description=description,
            performer=performer,
            person=person,
            circle_member=member,
            performer_name=name,
            due_date=due,
            status=status,
            # Asked of a circle member: still a request until begun, then promised.
            commitment=(
                ""
                if member is None
                else "requested"
                if status == Action.Status.TODO
                else "accepted"
            ),
            position=position,
            created_at=created,
            updated_at=created,
        )

    def proposal(self, spec, coordinator, adults, active, start, age_days):
        rng = self.rng
        kind = rng.choices([k for k, _w in PROPOSAL_KINDS], weights=[w for _k, w in PROPOSAL_KINDS])
        kind = kind[0]
        status = rng.choices(
            [s for s, _w in PROPOSAL_STATUSES], weights=[w for _s, w in PROPOSAL_STATUSES]
        )[0]
        if spec.pen is None:
            status = Proposal.Status.OPEN
        created = start + datetime.timedelta(days=rng.random() * age_days)
        goal_actions = [(g, a) for g, a in spec.goals]
        p = _ProposalSpec(proposal=None, kind=kind)  # type: ignore[arg-type]
        if kind in (Proposal.Kind.ADD_ACTION, Proposal.Kind.CHANGE_GOAL):
            if not goal_actions:
                return None
            p.goal, _actions = rng.choice(goal_actions)
        elif kind == Proposal.Kind.CHANGE_ACTION:
            with_actions = [a for _g, actions in goal_actions for a in actions]
            if not with_actions:
                return None
            p.action = rng.choice(with_actions)
            p.goal = p.action.goal
            p.new_due = REFERENCE_DATE + datetime.timedelta(days=rng.randint(7, 60))
        elif kind == Proposal.Kind.ADD_GOAL:
            p.domain = rng.choices(self.domains, weights=self.domain_weights)[0]
            p.text = rng.choice(GOALS[p.domain])
        else:
            p.field_name = rng.choice(["strengths", "dream", "contributions"])
            p.text = rng.choice(
                {"strengths": STRENGTHS, "dream": DREAMS, "contributions": CONTRIBUTIONS}[
                    p.field_name
                ]
            )
        if kind == Proposal.Kind.ADD_ACTION:
            p.text, p.performer_name = rng.choice(PROFESSIONAL_ACTIONS[p.goal.life_domain])
        if kind == Proposal.Kind.CHANGE_GOAL:
            p.text = rng.choice(GOALS[p.goal.life_domain])
        # A circle member with an account sometimes proposes, within what is shared with them.
        author, role = coordinator, "coordinator"
        domain = p.goal.life_domain if p.goal is not None else p.domain
        if kind in (Proposal.Kind.ADD_ACTION, Proposal.Kind.ADD_GOAL) and rng.random() < 0.2:
            sharing = [m for m in active if m.user is not None and domain in m.shared_life_domains]
            if sharing:
                author, role = rng.choice(sharing).user, "circle_member"
        p.changed = status == Proposal.Status.ACCEPTED_WITH_CHANGES
        answered = status not in (Proposal.Status.OPEN, Proposal.Status.OBSOLETE)
        answered_at = None
        if answered:
            answered_at = min(
                created + datetime.timedelta(days=1 + rng.randrange(14)),
                REFERENCE_TIME - datetime.timedelta(hours=1),
            )
        p.proposal = Proposal(
            plan=spec.plan,
            kind=kind,
            goal=p.goal if kind != Proposal.Kind.CHANGE_ACTION else p.action.goal,
            action=p.action,
            explanation=rng.choice(EXPLANATIONS),
            author=author,
            author_name=str(author),
            author_role=role,
            status=status,
            decline_reason=rng.choice(DECLINE_REASONS)
            if status == Proposal.Status.DECLINED
            else "",
            answered_by=spec.pen if answered else None,
            answered_at=answered_at,
            created_at=created,
        )
        if kind in (Proposal.Kind.ADD_GOAL, Proposal.Kind.CHANGE_TEXT):
            p.proposal.goal = None
        return p

    # -- after insert: what needs primary keys

    @staticmethod
    def payload(p: _ProposalSpec) -> dict:
        if p.kind == Proposal.Kind.ADD_GOAL:
            return {"text": p.text, "life_domain": p.domain, "person_id": None}
        if p.kind == Proposal.Kind.CHANGE_GOAL:
            return {
                "text": p.text,
                "life_domain": p.goal.life_domain,
                "person_id": p.goal.person_id,
            }
        if p.kind == Proposal.Kind.ADD_ACTION:
            return {
                "description": p.text,
                "performer": Performer.PROFESSIONAL.value,
                "person_id": None,
                "circle_member_id": None,
                "performer_name": p.performer_name,
                "due_date": None,
                "status": Action.Status.TODO.value,
            }
        if p.kind == Proposal.Kind.CHANGE_ACTION:
            a = p.action
            return {
                "description": a.description,
                "performer": a.performer,
                "person_id": a.person_id,
                "circle_member_id": a.circle_member_id,
                "performer_name": a.performer_name,
                "due_date": p.new_due.isoformat(),
                "status": a.status,
            }
        return {"field": p.field_name, "text": p.text}

    @staticmethod
    def final_payload(p: _ProposalSpec, payload: dict) -> dict | None:
        if p.proposal.status not in (
            Proposal.Status.ACCEPTED,
            Proposal.Status.ACCEPTED_WITH_CHANGES,
        ):
            return None
        if not p.changed:
            return payload
        final = dict(payload)
        key = "description" if "description" in final else "text"
        final[key] = f"{final[key]} Eerst één keer proberen."
        return final

    def write(self, batch: _Batch) -> None:
        with transaction.atomic():
            self.insert(self.user_model, batch.users)
            self.insert(Household, batch.households)
            self.insert(Person, batch.persons)
            self.insert(Representative, batch.representatives)
            self.insert(CircleMember, batch.circle)
            self.insert(
                SharingDecision,
                [
                    SharingDecision(
                        household_id=member.household_id,
                        circle_member_id=member.pk,
                        shared_life_domains=member.shared_life_domains,
                        shares_dream=member.shares_dream,
                        decided_by_name="",
                        decided_at=member.created_at,
                    )
                    for member in batch.circle
                    if member.is_active
                ],
            )
            self.insert(Plan, [spec.plan for spec in batch.plans])
            goals = [goal for spec in batch.plans for goal, _actions in spec.goals]
            self.insert(Goal, goals)
            actions = [a for spec in batch.plans for _g, acts in spec.goals for a in acts]
            self.insert(Action, actions)
            proposals = []
            for spec in batch.plans:
                for p in spec.proposals:
                    p.proposal.payload = self.payload(p)
                    p.proposal.final_payload = self.final_payload(p, p.proposal.payload)
                    proposals.append(p.proposal)
            self.insert(Proposal, proposals)
            versions = []
            for spec in batch.plans:
                for version, back in spec.versions:
                    version.snapshot = snapshot_of(spec, back)
                    versions.append(version)
            self.insert(PlanVersion, versions)
            refresh_summary(Plan.objects.filter(pk__in=[spec.plan.pk for spec in batch.plans]))
            self.write_services(batch)
            events = self.audit_events(batch)
            # Chained in this order (hashes computed here, in Python) under the chain's lock.
            append_audit_events(events, batch_size=self.insert_batch_size)
        self.count("users", len(batch.users))
        self.count("households", len(batch.households))
        self.count("persons", len(batch.persons))
        self.count("representatives", len(batch.representatives))
        self.count("circle_members", len(batch.circle))
        self.count("plans", len(batch.plans))
        self.count("goals", len(goals))
        self.count("actions", len(actions))
        self.count("proposals", len(proposals))
        self.count("versions", len(versions))
        self.count("audit_events", len(events))

    def write_services(self, batch: _Batch) -> None:
        self.insert(CoordinatorAssignment, batch.assignments)
        self.insert(SupportRequest, batch.requests)
        self.insert(Deadline, batch.deadlines)
        self.insert(Conversation, batch.conversations)
        self.insert(ReportNote, batch.notes)
        self.insert(ReportNote, batch.responses)  # after what they answer
        self.insert(SupportItem, batch.support_items)
        self.insert(MandateRequest, batch.mandate_requests)
        self.insert(Decision, batch.decisions)
        self.insert(DecisionLetter, [letter for letter, _decisions in batch.letters])
        through = DecisionLetter.decisions.through
        self.insert(
            through,
            [
                through(decisionletter_id=letter.pk, decision_id=decision.pk)
                for letter, decisions in batch.letters
                for decision in decisions
            ],
        )
        self.count("coordinator_assignments", len(batch.assignments))
        self.count("support_requests", len(batch.requests))
        self.count("deadlines", len(batch.deadlines))
        self.count("conversations", len(batch.conversations))
        self.count("report_notes", len(batch.notes) + len(batch.responses))
        self.count("support_items", len(batch.support_items))
        self.count("mandate_requests", len(batch.mandate_requests))
        self.count("decisions", len(batch.decisions))
        self.count("decision_letters", len(batch.letters))

    def audit_events(self, batch: _Batch) -> list[AuditEvent]:
        events = []
        for spec in batch.plans:
            household = spec.household
            team = household.neighbourhood.team.name

            def event(
                at, actor, role, verb, object_type, obj, detail, household=household, team=team
            ):
                return AuditEvent(
                    occurred_at=at,
                    actor_id=actor.pk if actor is not None else None,
                    actor_name=str(actor) if actor is not None else "system",
                    actor_role=role,
                    actor_organisation=team if role == "coordinator" else "",
                    household_id=household.pk,
                    verb=verb,
                    object_type=object_type,
                    object_id=str(obj.pk),
                    detail=detail,
                )

            for version, _back in spec.versions:
                events.append(
                    event(
                        version.approved_at,
                        spec.pen,
                        "resident",
                        "approve",
                        "planversion",
                        version,
                        {"number": version.number},
                    )
                )
            for p in spec.proposals:
                proposal = p.proposal
                events.append(
                    event(
                        proposal.created_at,
                        proposal.author,
                        proposal.author_role,
                        "propose",
                        "proposal",
                        proposal,
                        {"kind": proposal.kind},
                    )
                )
                if proposal.answered_at is not None:
                    accepted = proposal.status != Proposal.Status.DECLINED
                    events.append(
                        event(
                            proposal.answered_at,
                            spec.pen,
                            "resident",
                            "accept" if accepted else "decline",
                            "proposal",
                            proposal,
                            {"with_changes": p.changed} if accepted else {},
                        )
                    )
            # The services around the plan, in the order they happened.
            for at, actor, role, verb, obj, detail in sorted(spec.events, key=lambda e: e[0]):
                events.append(
                    AuditEvent(
                        occurred_at=at,
                        actor_id=actor.pk,
                        actor_name=str(actor),
                        actor_role=role,
                        actor_organisation=team if actor.role in PROFESSIONAL_ROLES else "",
                        household_id=household.pk,
                        verb=verb,
                        object_type=obj._meta.model_name,
                        object_id=str(obj.pk),
                        detail=chain.normalise_detail(detail() if callable(detail) else detail),
                    )
                )
        return events


def _check_free(seed: int) -> None:
    prefix = username_prefix(seed)
    users = get_user_model().objects.filter(username__startswith=prefix).count()
    if users:
        raise SeedingError(
            f"Seed {seed} is loaded already ({users} users have a name starting with "
            f"'{prefix}'). Nothing was added. Remove it first with "
            f"'eigenplan seed --seed {seed} --remove'."
        )
    code = f"BU{municipality_code(seed)}"
    if Neighbourhood.objects.filter(cbs_code__startswith=code).exists():
        raise SeedingError(
            f"Neighbourhood codes {code}.... are in use already, by another seed with the same "
            f"last three digits. Nothing was added. Choose another seed."
        )


def seed_municipality(
    *,
    households: int,
    seed: int,
    batch_size: int = DEFAULT_BATCH_SIZE,
    insert_batch_size: int = INSERT_BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Build the synthetic municipality for `seed` with `households` households. Refuses (with
    SeedingError, before writing anything) when this seed is loaded already. Returns the number
    of rows per kind and the elapsed seconds."""
    if households < 1:
        raise SeedingError("Give at least one household.")
    if seed < 0:
        raise SeedingError("The seed is a whole number of 0 or more.")
    started = time.monotonic()
    _check_free(seed)
    seeder = _Seeder(
        households=households,
        seed=seed,
        batch_size=batch_size,
        insert_batch_size=insert_batch_size,
    )
    timestamped = (
        Household,
        CircleMember,
        Plan,
        Goal,
        Action,
        Proposal,
        AuditEvent,
        Conversation,
        CommunityOffer,
    )
    with _fixed_timestamps(*timestamped), _no_query_log():
        seeder.setup()
        for first in range(0, households, batch_size):
            batch = _Batch()
            for i in range(first, min(first + batch_size, households)):
                seeder.household(i, batch)
            seeder.write(batch)
            if progress is not None:
                progress(min(first + batch_size, households), households)
    counts = {key: value for key, value in seeder.counts.items() if value or key == "households"}
    return {**counts, "seconds": round(time.monotonic() - started, 1)}


@contextmanager
def _no_query_log() -> Iterator[None]:
    """With DEBUG on (demo mode) Django logs every query with its parameters, and on SQLite
    quotes them with an extra query each time; for millions of rows that only costs time."""
    forced = connection.force_debug_cursor
    connection.force_debug_cursor = False
    try:
        with override_settings(DEBUG=False):
            yield
    finally:
        connection.force_debug_cursor = forced


@transaction.atomic
def remove_seeded(*, seed: int) -> dict:
    """Delete everything seed_municipality made for `seed` but its audit events: its households
    (with plans, versions, requests and decisions, deleted in bulk by the cascade), the
    neighbourhoods' catalogue, neighbourhoods, users (with their mandates) and the catalogue of
    support."""
    households = seeded_households(seed)
    counts = {"households": households.count()}
    # Their audit events stay: the trail is append-only, and its events keep the ids of the
    # households and users that no longer exist.
    households.delete()
    neighbourhoods = Neighbourhood.objects.filter(
        cbs_code__startswith=f"BU{municipality_code(seed)}"
    )
    offers = CommunityOffer.objects.filter(neighbourhoods__in=neighbourhoods)
    CommunityOffer.objects.filter(pk__in=list(offers.values_list("pk", flat=True))).delete()
    teams = list(neighbourhoods.exclude(team=None).values_list("team_id", flat=True))
    neighbourhoods.delete()
    Team.objects.filter(pk__in=teams).delete()
    counts["users"], _detail = (
        get_user_model().objects.filter(username__startswith=username_prefix(seed)).delete()
    )
    Provision.objects.filter(reference__startswith=provision_prefix(seed)).delete()
    return counts
