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
import random
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.test.utils import override_settings

from eigenplan.accounts.models import Role
from eigenplan.households.models import (
    CircleMember,
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


@dataclass
class _Batch:
    users: list = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    representatives: list[Representative] = field(default_factory=list)
    circle: list[CircleMember] = field(default_factory=list)
    plans: list[_PlanSpec] = field(default_factory=list)


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
    timestamped = (Household, CircleMember, Plan, Goal, Action, Proposal, AuditEvent)
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
    (with plans and versions, deleted in bulk by the cascade), neighbourhoods and users."""
    households = seeded_households(seed)
    counts = {"households": households.count()}
    # Their audit events stay: the trail is append-only, and its events keep the ids of the
    # households and users that no longer exist.
    households.delete()
    neighbourhoods = Neighbourhood.objects.filter(
        cbs_code__startswith=f"BU{municipality_code(seed)}"
    )
    teams = list(neighbourhoods.exclude(team=None).values_list("team_id", flat=True))
    neighbourhoods.delete()
    Team.objects.filter(pk__in=teams).delete()
    counts["users"], _detail = (
        get_user_model().objects.filter(username__startswith=username_prefix(seed)).delete()
    )
    return counts
