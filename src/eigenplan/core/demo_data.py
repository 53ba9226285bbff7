"""The demo municipality "Gemeente Voorbeeld": four neighbourhoods, twenty households in their
own words, and a demo account for every role.

Everything a resident, circle member or coordinator did is built through the same services the
pages use (goals, actions, proposals, approvals, circle), so the audit trail, revisions and plan
versions are real. Only what has no service is created directly: neighbourhoods, households,
persons, users, representatives, and the link between a circle member and their account (in the
product that link is made by an invitation).

The story happens over the last months: while loading, the clock that the services and the
timestamp fields read is set back day by day, so version 1 of Fatima's plan really was approved
about three months ago. Due dates are relative to the day the demo is loaded.

Every demo user, also the residents not listed on the login page (sophie, mehmet, abena, marco,
lisa, nicole, sita, tomasz, wim, sander, yonas, esra) and the team colleagues esther and priya,
has the password DEMO_PASSWORD.

Three neighbourhood teams (TEAMS) serve the four neighbourhoods; the team lead Ruud leads all
three. Kevin and the Haddads live in Oude Haven but kept Sanne of Buurtteam Lindehof as their
coordinator, so their household belongs to that team instead of their neighbourhood's.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from eigenplan.accounts.models import Role
from eigenplan.circle import demo as circle_demo
from eigenplan.community import demo as community_demo
from eigenplan.conferences import demo as conference_demo
from eigenplan.conversations import demo as conversations_demo
from eigenplan.decisions import demo as decisions_demo
from eigenplan.households import services as household_services
from eigenplan.households.access import forget_standing
from eigenplan.households.models import (
    CircleMember,
    Household,
    Neighbourhood,
    Person,
    Representative,
    Team,
    TeamMembership,
    TeamRole,
    check_coordinator_in_team,
)
from eigenplan.plans import services as plan_services
from eigenplan.plans.models import (
    Action,
    Goal,
    LifeDomain,
    Performer,
    Plan,
    PlanVersion,
    Proposal,
)
from eigenplan.privacy.consent import decide_role_sharing
from eigenplan.privacy.models import AuditEvent, ProfessionalRole


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role_label: str  # Dutch, e.g. "Inwoner", "Regisseur", "Kringlid (zus van Fatima)"
    description: str  # one B1 sentence: who this is and what you can try as them


DEMO_PASSWORD = "eigenplan-demo"  # noqa: S105 - documented, demo mode only

DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount(
        "fatima",
        "Fatima El Amrani",
        "Inwoner",
        "Moeder van Yassin (15) met een huurachterstand: bekijk haar plan met twee versies en "
        "beantwoord de voorstellen van haar regisseur Sanne en haar zus Samira.",
    ),
    DemoAccount(
        "henk",
        "Henk Jansen",
        "Inwoner",
        "Weduwnaar van 81 die weer onder de mensen wil komen: zijn plan is één keer "
        "goedgekeurd en er staan nieuwe wijzigingen klaar om goed te keuren.",
    ),
    DemoAccount(
        "kevin",
        "Kevin de Boer",
        "Inwoner",
        "Jongen van 19 die uit de jeugdzorg komt en schulden heeft: zijn doelen staan er, maar "
        "hij heeft zijn plan nog nooit goedgekeurd.",
    ),
    DemoAccount(
        "lina",
        "Lina Haddad",
        "Inwoner",
        "Moeder in een gezin dat pas in Nederland woont en nog weinig mensen kent: hun plan is "
        "net begonnen en heeft nog geen doelen.",
    ),
    DemoAccount(
        "danielle",
        "Daniëlle Vermeer",
        "Inwoner en ouder van Mila",
        "Moeder van Mila (7) die ook doelen voor haar dochter opschrijft: veel acties zijn al "
        "klaar.",
    ),
    DemoAccount(
        "gerard",
        "Gerard Pronk",
        "Inwoner en mantelzorger",
        "Zorgt thuis voor zijn vrouw Ans, die dementie heeft: hij nam een voorstel aan met een "
        "aanpassing en zei nee tegen een ander, met zijn reden erbij.",
    ),
    DemoAccount(
        "jordy",
        "Jordy Koster",
        "Inwoner en ervaringsdeskundige",
        "Had zelf schulden en helpt nu anderen: bekijk wat hij kan geven, en het plan van Kevin, "
        "in wiens kring hij zit.",
    ),
    DemoAccount(
        "anja",
        "Anja Mulder",
        "Mentor (vertegenwoordiger van Peter)",
        "Mentor van Peter van Leeuwen (34), die een licht verstandelijke beperking heeft: zij "
        "schrijft zijn plan samen met hem en keurt het goed.",
    ),
    DemoAccount(
        "samira",
        "Samira El Amrani",
        "Kringlid (zus van Fatima)",
        "Ziet alleen de delen van Fatima's plan die Fatima met haar deelt, en wacht op antwoord "
        "op haar eigen voorstel.",
    ),
    DemoAccount(
        "ria",
        "Ria van Dijk",
        "Kringlid (buurvrouw van Henk)",
        "Buurvrouw die Henk meenam naar de koffieochtend: zij ziet alleen wat Henk met haar "
        "deelt en kan een voorstel doen.",
    ),
    DemoAccount(
        "sanne",
        "Sanne de Vries",
        "Regisseur buurtteam Lindehof",
        "Regisseur van onder anderen Fatima, Henk en Kevin: bekijk haar huishoudens en doe een "
        "voorstel in een plan.",
    ),
    DemoAccount(
        "joost",
        "Joost Verbeek",
        "Regisseur buurtteam Oude Haven",
        "Regisseur van onder anderen Peter en Gerard: zie hoe zij op zijn voorstellen antwoordden.",
    ),
    DemoAccount(
        "marieke",
        "Marieke Bos",
        "Regisseur buurtteam De Weide",
        "Regisseur van onder anderen Daniëlle, de familie Osei en Nicole.",
    ),
    DemoAccount(
        "ruud",
        "Ruud Hendriks",
        "Teamleider",
        "Teamleider van de buurtteams, die zelf ook twee gezinnen begeleidt.",
    ),
    DemoAccount(
        "mohamed",
        "Mohamed Bakkali",
        "Schuldhulpverlener buurtteam Lindehof",
        "Collega van Sanne in het buurtteam: bij Fatima ziet hij alleen de doelen over geld, "
        "want dat deelt zij met het team.",
    ),
    DemoAccount(
        "wendy",
        "Wendy Blom",
        "Onafhankelijk coördinator (Eigen Kracht)",
        "Bereidt de Eigen Kracht-conferentie van Fatima voor, en kijkt binnenkort met Daniëlle "
        "terug op het plan van haar conferentie.",
    ),
    DemoAccount(
        "lotte",
        "Lotte Smit",
        "Beleidsmedewerker",
        "Beleidsmedewerker van de gemeente: zij ziet geen plannen van inwoners, alleen cijfers "
        "per buurt.",
    ),
    DemoAccount(
        "beheerder",
        "Bas Beheer",
        "Beheerder",
        "Technisch beheerder: hij kan in het beheerscherm (/beheer/) alle gegevens zien.",
    ),
]

# The account on which the demo is recognised as loaded.
MARKER_USERNAME = "sanne"
MUNICIPALITY_CODE = "9999"  # fictional; no Dutch municipality has this CBS code
CITY = "Voorbeeld"
NEIGHBOURHOODS = {
    "lindehof": ("BU99990101", "Lindehof", "9991"),
    "haven": ("BU99990102", "Oude Haven", "9992"),
    "kastanje": ("BU99990203", "Kastanjepark", "9993"),
    "weide": ("BU99990304", "De Weide", "9994"),
}
DEMO_CBS_CODES = tuple(code for code, _name, _postcode in NEIGHBOURHOODS.values())
# name: (the neighbourhoods it serves, [(username, role in the team, function)])
TEAMS = {
    "Buurtteam Lindehof": (
        ("lindehof",),
        [
            ("sanne", TeamRole.COORDINATOR, ""),
            ("mohamed", TeamRole.COLLEAGUE, "schuldhulpverlener"),
            ("ruud", TeamRole.LEAD, ""),
        ],
    ),
    "Buurtteam Oude Haven": (
        ("haven", "kastanje"),
        [
            ("joost", TeamRole.COORDINATOR, ""),
            ("esther", TeamRole.COLLEAGUE, "jongerenwerker"),
            ("ruud", TeamRole.LEAD, ""),
        ],
    ),
    "Buurtteam De Weide": (
        ("weide",),
        [
            ("marieke", TeamRole.COORDINATOR, ""),
            ("priya", TeamRole.COLLEAGUE, "maatschappelijk werker"),
            ("ruud", TeamRole.LEAD, ""),
        ],
    ),
}

# (username, display name, first name, last name, role, is_staff and is_superuser)
_STAFF = [
    ("sanne", "Sanne de Vries", "Sanne", "de Vries", Role.COORDINATOR, False),
    ("joost", "Joost Verbeek", "Joost", "Verbeek", Role.COORDINATOR, False),
    ("marieke", "Marieke Bos", "Marieke", "Bos", Role.COORDINATOR, False),
    ("ruud", "Ruud Hendriks", "Ruud", "Hendriks", Role.TEAM_LEAD, False),
    # Colleagues in the teams (debt counsellor, youth worker, social worker): professionals
    # like the coordinators; their team membership says what they are.
    ("mohamed", "Mohamed Bakkali", "Mohamed", "Bakkali", Role.COORDINATOR, False),
    ("esther", "Esther Kok", "Esther", "Kok", Role.COORDINATOR, False),
    ("priya", "Priya Jagesar", "Priya", "Jagesar", Role.COORDINATOR, False),
    ("lotte", "Lotte Smit", "Lotte", "Smit", Role.ANALYST, False),
    ("wendy", "Wendy Blom", "Wendy", "Blom", Role.INDEPENDENT_COORDINATOR, False),
    ("beheerder", "Bas Beheer", "Bas", "Beheer", Role.ADMINISTRATOR, True),
]
# Users who are not a resident of their own household in the demo, nor staff.
_OTHERS = [
    ("anja", "Anja Mulder", "Anja", "Mulder", Role.RESIDENT),  # mentor of Peter
    ("samira", "Samira El Amrani", "Samira", "El Amrani", Role.CIRCLE_MEMBER),
    ("ria", "Ria van Dijk", "Ria", "van Dijk", Role.CIRCLE_MEMBER),
]
# Residents with an account who are not on the login page (same password).
_UNLISTED_RESIDENTS = (
    "sophie",
    "mehmet",
    "abena",
    "marco",
    "lisa",
    "nicole",
    "sita",
    "tomasz",
    "wim",
    "sander",
    "yonas",
    "esra",
)
_UNLISTED_STAFF = ("esther", "priya")
DEMO_USERNAMES: tuple[str, ...] = (
    *(account.username for account in DEMO_ACCOUNTS),
    *_UNLISTED_RESIDENTS,
    *_UNLISTED_STAFF,
)


class DemoDataError(Exception):
    pass


# --- a clock that the services read ---------------------------------------------------------


class _Clock:
    """Stands in for django.utils.timezone.now while the demo loads. Each call moves on a little,
    so events on the same day keep their order."""

    def __init__(self, real_now: datetime.datetime):
        self.real_now = real_now
        self.current: datetime.datetime | None = None

    def set(self, days_ago: int) -> None:
        """Half past nine in the morning, `days_ago` days ago (never later than now)."""
        morning = timezone.localtime(self.real_now).replace(hour=9, minute=30, second=0)
        self.current = min(
            morning - datetime.timedelta(days=days_ago),
            self.real_now - datetime.timedelta(hours=1),
        )

    def now(self) -> datetime.datetime:
        if self.current is None:
            return self.real_now
        self.current += datetime.timedelta(seconds=23)
        return min(self.current, self.real_now)


@contextmanager
def _backdated(clock: _Clock) -> Iterator[None]:
    with mock.patch.object(timezone, "now", clock.now):
        yield


# --- who does an action ---------------------------------------------------------------------


def me(person: Person) -> dict:
    return {"performer": Performer.RESIDENT, "person_id": person.pk}


def kring(member: CircleMember) -> dict:
    return {"performer": Performer.CIRCLE_MEMBER, "circle_member_id": member.pk}


def buurt(name: str) -> dict:
    return {"performer": Performer.COMMUNITY, "performer_name": name}


def pro(name: str) -> dict:
    return {"performer": Performer.PROFESSIONAL, "performer_name": name}


D = LifeDomain
DONE, DOING, TODO, STOPPED = (
    Action.Status.DONE,
    Action.Status.DOING,
    Action.Status.TODO,
    Action.Status.STOPPED,
)
FAMILY, FRIEND, NEIGHBOUR, VOLUNTEER, PEER, PROFESSIONAL = (
    CircleMember.Relation.FAMILY,
    CircleMember.Relation.FRIEND,
    CircleMember.Relation.NEIGHBOUR,
    CircleMember.Relation.VOLUNTEER,
    CircleMember.Relation.PEER_EXPERT,
    CircleMember.Relation.PROFESSIONAL,
)
BUURTHUIS = "Buurthuis De Linde"
SCHULDHULP = "Schuldhulpverlening Gemeente Voorbeeld"


class _Loader:
    def __init__(self, clock: _Clock):
        self.clock = clock
        self.today = clock.real_now.astimezone(timezone.get_current_timezone()).date()
        self.password = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo user
        self.users: dict = {}
        self.neighbourhoods: dict[str, Neighbourhood] = {}
        self.teams: dict[str, Team] = {}

    def user(self, username, display_name, first_name, last_name, role, admin=False):
        user = get_user_model().objects.create(
            username=username,
            display_name=display_name,
            first_name=first_name,
            last_name=last_name,
            role=role,
            password=self.password,
            is_staff=admin,
            is_superuser=admin,
        )
        self.users[username] = user
        return user

    def household(self, key, street, number, *, letters, coordinator, days_ago, team=None):
        return _Story(self, key, street, number, letters, coordinator, days_ago, team)


class _Story:
    """One household's history, told through the services in the order it happened."""

    def __init__(
        self, loader: _Loader, key, street, number, letters, coordinator, days_ago, team=None
    ):
        self.loader = loader
        self.today = loader.today
        self.day(days_ago)
        _code, _name, postcode = NEIGHBOURHOODS[key]
        self.household = Household.objects.create(
            street=street,
            house_number=str(number),
            postcode=f"{postcode} {letters}",
            city=CITY,
            neighbourhood=loader.neighbourhoods[key],
            coordinator=loader.users[coordinator] if coordinator else None,
            team=loader.teams[team] if team else None,  # else the neighbourhood's team
        )
        check_coordinator_in_team(self.household)
        self.plan = plan_services.create_plan(household=self.household)
        self.pen = None

    # time
    def day(self, days_ago: int) -> None:
        self.loader.clock.set(days_ago)

    def due(self, days: int | None) -> str | None:
        return None if days is None else (self.today + datetime.timedelta(days=days)).isoformat()

    # people
    def person(
        self, first_name, last_name, age, *, account=None, born_days=100, bsn=None
    ) -> Person:
        user = None
        if account:
            user = self.loader.users.get(account) or self.loader.user(
                account, f"{first_name} {last_name}", first_name, last_name, Role.RESIDENT
            )
        born = self.today.replace(year=self.today.year - age) - datetime.timedelta(born_days)
        person = Person(
            household=self.household,
            first_name=first_name,
            last_name=last_name,
            date_of_birth=born,
            user=user,
        )
        person.set_bsn(bsn)  # fictional test numbers (9999…), kept encrypted like any BSN
        person.save()
        if user is not None and self.pen is None:
            self.pen = user
        return person

    def represent(self, username, kind, *persons) -> None:
        user = self.loader.users[username]
        for person in persons:
            Representative.objects.create(
                household=self.household, user=user, represents=person, kind=kind
            )
        forget_standing(user)
        if self.pen is None:
            self.pen = user

    # the plan
    def texts(self, **texts) -> None:
        plan_services.update_plan_texts(actor=self.pen, plan=self.plan, texts=texts)

    def member(self, name, relation, detail="", *, domains=(), dream=False, account=None, **kw):
        member = household_services.add_circle_member(
            actor=self.pen,
            household=self.household,
            name=name,
            relation=relation,
            relation_detail=detail,
            shared_life_domains=list(domains),
            shares_dream=dream,
            **kw,
        )
        if account:
            # In the product an invitation with a one-time code makes this link.
            user = self.loader.users[account]
            CircleMember.objects.filter(pk=member.pk).update(user=user)
            member.user = user
            forget_standing(user)
        return member

    def goal(self, domain, text, person=None) -> Goal:
        return plan_services.add_goal(
            actor=self.pen,
            plan=self.plan,
            text=text,
            life_domain=domain,
            person_id=person.pk if person else None,
        )

    def action(self, goal, description, who, *, due=None, status=TODO) -> Action:
        return plan_services.add_action(
            actor=self.pen,
            goal=goal,
            description=description,
            due_date=self.due(due),
            status=status,
            **who,
        )

    def status(self, action: Action, status) -> Action:
        action.refresh_from_db()
        return plan_services.update_action(
            actor=self.pen,
            action=action,
            expected_revision=action.revision,
            description=action.description,
            performer=action.performer,
            person_id=action.person_id,
            circle_member_id=action.circle_member_id,
            performer_name=action.performer_name,
            due_date=action.due_date,
            status=status,
        )

    def approve(self, note="") -> PlanVersion:
        return plan_services.approve_plan(actor=self.pen, plan=self.plan, note=note)

    def propose(self, author, kind, payload, *, goal=None, action=None, why="") -> Proposal:
        return plan_services.make_proposal(
            actor=self.loader.users[author],
            plan=self.plan,
            kind=kind,
            payload=payload,
            goal=goal,
            action=action,
            explanation=why,
        )

    def propose_action(self, author, goal, description, who, *, due=None, why="") -> Proposal:
        payload = {"description": description, "due_date": self.due(due), **who}
        return self.propose(author, Proposal.Kind.ADD_ACTION, payload, goal=goal, why=why)

    def propose_goal(self, author, domain, text, *, why="") -> Proposal:
        payload = {"text": text, "life_domain": domain}
        return self.propose(author, Proposal.Kind.ADD_GOAL, payload, why=why)

    def accept(self, proposal, changes=None) -> Proposal:
        return plan_services.accept_proposal(actor=self.pen, proposal=proposal, changes=changes)

    def decline(self, proposal, reason) -> Proposal:
        return plan_services.decline_proposal(actor=self.pen, proposal=proposal, reason=reason)


# --- the households -------------------------------------------------------------------------


def _fatima(load: _Loader) -> None:
    """A single mother with rent arrears and a son who skips school. Approved twice; open
    proposals from her coordinator and her sister; one earlier proposal declined."""
    s = load.household("lindehof", "Lindelaan", 14, letters="AB", coordinator="sanne", days_ago=130)
    fatima = s.person("Fatima", "El Amrani", 38, account="fatima", bsn="999990019")
    yassin = s.person("Yassin", "El Amrani", 15, born_days=40, bsn="999990032")
    s.represent("fatima", Representative.Kind.PARENT, yassin)
    s.day(126)
    s.texts(
        strengths=(
            "Ik ben een sterke moeder en ik geef niet op. Ik kan goed koken en ik help graag "
            "anderen. Yassin is lief en hij is heel goed in voetbal. Mijn zus Samira staat "
            "altijd voor ons klaar."
        ),
        dream=(
            "Dat we rustig in ons huis kunnen blijven wonen. Dat Yassin zijn diploma haalt. En "
            "dat ik zelf weer werk heb, het liefst in de kinderopvang."
        ),
        contributions=(
            "Ik kan koken voor de buurtmaaltijd. En ik kan helpen met vertalen uit het Arabisch, "
            "bijvoorbeeld bij een brief of bij de dokter."
        ),
    )
    samira = s.member(
        "Samira El Amrani",
        FAMILY,
        "mijn zus",
        domains=[D.MONEY, D.FAMILY],
        dream=True,
        account="samira",
        phone="06-12345678",
    )
    s.member("Karim El Amrani", FAMILY, "mijn broer in Rotterdam", domains=[D.FAMILY])
    s.member("Meryem Aydın", NEIGHBOUR, "buurvrouw van nummer 12", domains=[D.SOCIAL])
    dennis = s.member(
        "Dennis Kok", VOLUNTEER, "trainer van Yassin bij VV Voorbeeld", domains=[D.WORK]
    )
    s.day(120)
    rent = s.goal(
        D.MONEY, "Ik wil de huurachterstand afbetalen, zodat we niet uit ons huis hoeven."
    )
    call = s.action(
        rent,
        "Bellen met woningcorporatie Woonstede over een betalingsregeling.",
        me(fatima),
        due=-95,
    )
    along = s.action(
        rent, "Samira gaat mee naar het gesprek met Woonstede.", kring(samira), due=-90
    )
    s.action(rent, "Elke maand op de eerste de huur overmaken.", me(fatima), status=DOING)
    school = s.goal(D.WORK, "Yassin gaat weer elke dag naar school.", person=yassin)
    mentor = s.action(
        school,
        "Gesprek met meneer Peters, de mentor van Yassin op school.",
        pro("Meneer Peters, mentor op het Da Vinci College"),
        due=-5,
    )
    s.action(
        school,
        "Yassin gaat twee middagen per week naar huiswerkbegeleiding.",
        buurt(BUURTHUIS),
        due=30,
        status=DOING,
    )
    s.action(
        school,
        "Dennis praat met Yassin na de training over school.",
        kring(dennis),
        status=DOING,
    )
    home = s.goal(D.FAMILY, "Ik wil minder ruzie met Yassin en weer samen leuke dingen doen.")
    s.action(home, "Elke zondag samen koken, Yassin kiest het eten.", me(fatima), status=DOING)
    s.day(112)
    s.approve("Samen met Samira gemaakt.")

    s.day(70)
    p = s.propose_action(
        "sanne",
        rent,
        "Aanmelden bij de schuldhulpverlening, zodat iemand met u alle rekeningen op een rij zet.",
        pro(SCHULDHULP),
        due=-40,
        why="Dan weet u precies wat u moet betalen, en aan wie.",
    )
    s.day(66)
    s.accept(p, changes={"due_date": s.due(-30)})
    s.status(call, DONE)
    s.status(along, DONE)
    p = s.propose_action(
        "sanne",
        school,
        "Yassin aanmelden bij jeugdhulp voor gesprekken over school.",
        pro("Jeugdhulp Voorbeeld"),
        due=-20,
    )
    s.day(60)
    s.decline(
        p,
        "Yassin wil eerst zelf met zijn mentor praten. Als dat niet helpt, kijken we er "
        "opnieuw naar.",
    )
    s.day(50)
    work = s.goal(D.WORK, "Ik wil een opleiding doen voor werk in de kinderopvang.")
    s.action(
        work,
        "Informatie vragen bij het Werkplein over een opleiding met behoud van uitkering.",
        me(fatima),
        due=14,
    )
    s.member("Ilse Vermeulen", PEER, "Schuldhulpmaatje, had zelf ook schulden", domains=[D.MONEY])
    s.day(45)
    s.approve("Met mijn nieuwe doel over werk.")

    s.day(6)
    s.propose_action(
        "sanne",
        rent,
        "Een betalingspauze vragen bij de energieleverancier, zolang uw plan loopt.",
        pro("Sanne de Vries, buurtteam Lindehof"),
        due=10,
        why="Dan komen er geen nieuwe kosten bij terwijl u de huur afbetaalt.",
    )
    s.propose(
        "sanne",
        Proposal.Kind.CHANGE_ACTION,
        {
            "description": "Gesprek met meneer Peters, de mentor van Yassin. Yassin gaat mee.",
            "performer": Performer.PROFESSIONAL,
            "performer_name": "Meneer Peters, mentor op het Da Vinci College",
            "due_date": s.due(7),
            "status": TODO,
        },
        action=mentor,
        why="Het gesprek is nog niet geweest. Ik stel een nieuwe datum voor, met Yassin erbij.",
    )
    s.day(20)
    # Fatima lets the debt counsellor of the team see her goals about money, nothing else.
    decide_role_sharing(
        actor=s.pen,
        household=s.household,
        role=ProfessionalRole.TEAM_MEMBER,
        parts=[D.MONEY],
    )
    s.day(2)
    s.propose_action(
        "samira",
        rent,
        "Ik kom elke eerste zaterdag van de maand langs om samen de post door te nemen.",
        kring(samira),
        due=12,
        why="Dan hoef je het niet alleen te doen.",
    )


def _henk(load: _Loader) -> None:
    """An older man living alone after his wife died. Approved once; since then an accepted
    proposal and a finished action wait for approval."""
    s = load.household(
        "lindehof", "Kastanjestraat", 3, letters="CD", coordinator="sanne", days_ago=100
    )
    henk = s.person("Henk", "Jansen", 81, account="henk", born_days=200, bsn="999993653")
    s.day(98)
    s.texts(
        strengths=(
            "Ik heb veertig jaar bij de spoorwegen gewerkt. Ik kan nog goed fietsen en ik weet "
            "veel van de geschiedenis van de buurt. Mijn dochter Ellen belt elke zondag."
        ),
        dream=(
            "Dat ik in mijn eigen huis kan blijven wonen. En dat ik weer mensen om me heen heb, "
            "zoals vroeger met Truus."
        ),
        contributions=(
            "Ik kan verhalen vertellen over de buurt van vroeger. En ik kan kleine dingen "
            "repareren, zoals een fiets of een lamp."
        ),
    )
    ellen = s.member(
        "Ellen Jansen",
        FAMILY,
        "mijn dochter, woont in Zwolle",
        domains=list(LifeDomain.values),
        dream=True,
        email="ellen.jansen@example.org",
    )
    ria = s.member(
        "Ria van Dijk",
        NEIGHBOUR,
        "buurvrouw van nummer 5",
        domains=[D.SOCIAL, D.DAILY_LIVING],
        account="ria",
    )
    s.member("Gerrit Bosman", FRIEND, "oud-collega van het spoor", domains=[D.SOCIAL])
    s.member("Fenna de Jong", VOLUNTEER, "vrijwilliger bij Buurthuis De Linde")
    s.day(95)
    out = s.goal(D.SOCIAL, "Ik wil een paar keer per week onder de mensen zijn.")
    s.action(out, "Elke dinsdag naar de koffieochtend.", buurt(BUURTHUIS), status=DOING)
    first = s.action(
        out, "Ria haalt mij de eerste keer op voor de koffieochtend.", kring(ria), due=-80
    )
    cook = s.goal(D.DAILY_LIVING, "Ik wil zelf gezond leren koken voor één persoon.")
    s.action(cook, "Kookles voor mannen die alleen wonen.", buurt(BUURTHUIS), due=21)
    s.action(cook, "Ellen zoekt makkelijke recepten voor één persoon.", kring(ellen), due=-60)
    fall = s.goal(D.HEALTH, "Ik wil blijven fietsen en niet vallen.")
    s.action(fall, "Elke ochtend een rondje fietsen door het park.", me(henk), status=DOING)
    s.action(
        fall,
        "Training om niet te vallen bij de fysiotherapeut.",
        pro("Fysiotherapie Lindehof"),
        due=-10,
    )
    stairs = s.goal(
        D.HOUSING, "Ik wil in mijn huis blijven wonen. Misschien is er een traplift nodig."
    )
    s.action(
        stairs,
        "De ergotherapeut komt kijken naar de trap.",
        pro("Ergotherapeut van het buurtteam"),
        due=25,
    )
    s.day(90)
    s.approve()
    s.day(12)
    p = s.propose_action(
        "sanne",
        cook,
        "Drie keer per week een warme maaltijd laten bezorgen, tot de kookles begint.",
        buurt("Maaltijdservice Tafeltje-dek-je"),
        due=3,
        why="U vertelde dat u nu vaak een boterham eet. Dit is voor even.",
    )
    s.day(10)
    s.accept(p)
    s.status(first, DONE)


def _kevin(load: _Loader) -> None:
    """A young adult leaving youth care with debts. Goals, never approved; a proposal declined
    with his reason."""
    s = load.household(
        "haven",
        "Havenkade",
        27,
        letters="EF",
        coordinator="sanne",
        days_ago=40,
        team="Buurtteam Lindehof",
    )
    kevin = s.person("Kevin", "de Boer", 19, account="kevin", born_days=60, bsn="999990044")
    s.day(38)
    s.texts(
        strengths=(
            "Ik ben handig en ik werk graag met mijn handen. Ik kan goed met kinderen omgaan. "
            "Ik ben eerlijk, ook als het moeilijk is."
        ),
        dream=(
            "Een eigen huisje, een vaste baan als monteur en geen schulden meer. Rust in mijn "
            "hoofd."
        ),
    )
    jordy = s.member(
        "Jordy Koster",
        PEER,
        "ervaringsdeskundige, had zelf ook schulden",
        domains=[D.MONEY, D.WORK],
        account="jordy",
    )
    marja = s.member("Marja de Boer", FAMILY, "mijn tante", domains=[D.HOUSING, D.WORK])
    s.member("Dylan Vos", FRIEND, "vriend van de leefgroep")
    s.member("Mirjam Hoekstra", PROFESSIONAL, "mijn oud-mentor van de leefgroep")
    s.day(35)
    debts = s.goal(
        D.MONEY,
        "Ik wil weten hoeveel schulden ik precies heb en een plan maken om ze af te betalen.",
    )
    s.action(debts, "Alle brieven en rekeningen in één map doen.", me(kevin), status=DOING)
    s.action(debts, "Jordy helpt mij de brieven te begrijpen.", kring(jordy), due=7)
    s.action(debts, "Aanmelden bij de schuldhulpverlening.", pro(SCHULDHULP), due=-3)
    job = s.goal(D.WORK, "Ik wil een opleiding tot monteur doen, met een leerbaan erbij.")
    s.action(job, "Naar de open dag van het ROC.", me(kevin), due=20)
    s.action(
        job, "Tante Marja vraagt bij Garage Verbeek of er een leerplek is.", kring(marja), due=14
    )
    home = s.goal(D.HOUSING, "Ik wil over een jaar een eigen kamer of studio.")
    s.action(home, "Inschrijven als woningzoekende.", me(kevin), due=-20, status=DONE)
    s.day(20)
    p = s.propose_action(
        "sanne",
        debts,
        "Beschermingsbewind aanvragen: een bewindvoerder regelt dan uw geld.",
        pro("Bewindvoering Voorbeeld"),
        due=30,
    )
    s.day(18)
    s.decline(
        p,
        "Ik wil eerst zelf proberen mijn geld te regelen, met hulp van Jordy. Als het over "
        "drie maanden niet lukt, praten we er weer over.",
    )


def _haddad(load: _Loader) -> None:
    """A family new to the Netherlands with a very small circle. Just started: no goals yet."""
    s = load.household(
        "haven",
        "Zeilmakersstraat",
        8,
        letters="GH",
        coordinator="sanne",
        days_ago=9,
        team="Buurtteam Lindehof",
    )
    s.person("Rami", "Haddad", 41)
    s.person("Lina", "Haddad", 36, account="lina")
    omar = s.person("Omar", "Haddad", 9)
    noor = s.person("Noor", "Haddad", 6)
    s.represent("lina", Representative.Kind.PARENT, omar, noor)
    s.day(7)
    s.texts(
        strengths=(
            "We zijn een hecht gezin. Rami is elektricien. Ik spreek Arabisch en Engels en ik "
            "leer nu Nederlands. De kinderen gaan graag naar school."
        ),
        dream=(
            "Dat onze kinderen hier veilig opgroeien en goed Nederlands leren. Dat Rami weer als "
            "elektricien kan werken. En dat we vrienden hebben in de buurt."
        ),
    )
    s.member("Els Vos", VOLUNTEER, "mijn taalmaatje van VluchtelingenWerk", domains=[D.SOCIAL])


def _peter(load: _Loader) -> None:
    """A man with a mild intellectual disability; his mentor is his representative. Approved
    once by the mentor; a proposal declined with a reason."""
    s = load.household("kastanje", "Beukenhof", 41, letters="JK", coordinator="joost", days_ago=150)
    peter = s.person("Peter", "van Leeuwen", 34)
    s.represent("anja", Representative.Kind.MENTOR, peter)
    s.day(148)
    s.texts(
        strengths=(
            "Ik werk bij de kringloopwinkel. Daar ben ik goed in: spullen sorteren en klanten "
            "helpen. Ik ben altijd op tijd. Ik weet alles van treinen."
        ),
        dream="Ik wil een vriendin. En ik wil een keer alleen met de trein naar Groningen.",
        contributions="Ik kan mensen helpen met de treintijden en met overstappen.",
    )
    rob = s.member("Rob van Leeuwen", FAMILY, "mijn broer", domains=[D.SOCIAL], dream=True)
    s.member(
        "Femke Jacobs", PROFESSIONAL, "mijn begeleider van Zorggroep De Brug", domains=[D.MONEY]
    )
    s.day(145)
    friends = s.goal(D.SOCIAL, "Ik wil nieuwe vrienden maken.", person=peter)
    s.action(
        friends,
        "Naar de soosavond voor jongvolwassenen op vrijdag.",
        buurt(BUURTHUIS),
        status=DOING,
    )
    s.action(
        friends, "Rob gaat de eerste keer mee naar de soos.", kring(rob), due=-120, status=DONE
    )
    money = s.goal(D.MONEY, "Ik wil mijn geld zelf bijhouden met een app.", person=peter)
    s.action(
        money, "Anja leert mij de app gebruiken.", pro("Anja Mulder, mentor"), due=-30, status=DOING
    )
    till = s.goal(D.WORK, "Ik wil bij de kringloop ook achter de kassa werken.", person=peter)
    s.action(till, "Aan mijn baas vragen of ik mag oefenen.", me(peter), due=-100, status=DONE)
    s.action(till, "Twee keer per week oefenen aan de kassa.", me(peter), status=DOING)
    s.day(140)
    s.approve("Samen met Peter gelezen. Peter is het ermee eens.")
    s.day(40)
    p = s.propose_action(
        "joost",
        friends,
        "Aanmelden bij de dagbesteding van Zorggroep De Brug, daar ontmoet Peter leeftijdgenoten.",
        pro("Zorggroep De Brug"),
        due=30,
    )
    s.day(35)
    s.decline(
        p,
        "Peter wil niet naar een dagbesteding. Hij heeft al werk bij de kringloop en dat vindt "
        "hij fijn. Hij gaat liever naar de soos.",
    )


def _danielle(load: _Loader) -> None:
    """A mother with a young daughter: she writes goals for her child as her parent. Approved
    once; many actions done."""
    s = load.household(
        "weide", "Weidevogelstraat", 22, letters="LM", coordinator="marieke", days_ago=200
    )
    danielle = s.person("Daniëlle", "Vermeer", 31, account="danielle")
    mila = s.person("Mila", "Vermeer", 7)
    s.represent("danielle", Representative.Kind.PARENT, mila)
    s.day(198)
    s.texts(
        strengths=(
            "Mila is vrolijk en ze tekent prachtig. Ik werk drie dagen in de supermarkt en ik "
            "ben goed in plannen. Mijn moeder past op als het nodig is."
        ),
        dream="Dat Mila weer met plezier naar school gaat. En dat ik 's avonds ook eens rust heb.",
    )
    oma = s.member(
        "Thea Vermeer", FAMILY, "mijn moeder, de oma van Mila", domains=[D.FAMILY], dream=True
    )
    s.member("Sandra Peeters", FRIEND, "vriendin van school", domains=[D.SOCIAL])
    s.day(195)
    fun = s.goal(D.WORK, "Mila gaat weer met plezier naar school.", person=mila)
    s.action(fun, "Gesprek met de juf over het pesten.", me(danielle), due=-180, status=DONE)
    s.action(
        fun,
        "De school doet een lessenreeks over samen spelen.",
        pro("Basisschool De Regenboog"),
        due=-120,
        status=DONE,
    )
    s.action(
        fun,
        "Mila gaat op woensdag naar de knutselclub.",
        buurt("Speeltuinvereniging De Weide"),
        status=DOING,
    )
    rest = s.goal(D.HEALTH, "Ik wil minder moe zijn en beter slapen.")
    s.action(rest, "Oma haalt Mila twee middagen per week uit school.", kring(oma), status=DOING)
    s.action(
        rest,
        "Naar de huisarts voor een gesprek over mijn slaap.",
        me(danielle),
        due=-60,
        status=DONE,
    )
    s.day(185)
    s.approve()


def _gerard(load: _Loader) -> None:
    """A carer for his wife with dementia. Approved once; a proposal accepted with a change and
    one declined with a reason, waiting for his next approval."""
    s = load.household("kastanje", "Eikenlaan", 7, letters="NP", coordinator="joost", days_ago=160)
    s.person("Gerard", "Pronk", 74, account="gerard")
    ans = s.person("Ans", "Pronk", 72)
    s.day(158)
    s.texts(
        strengths=(
            "Ans en ik zijn vijftig jaar getrouwd. Ik kan goed voor haar zorgen, ik kook en ik "
            "doe het huishouden. Onze zoon Bart komt elke zaterdag."
        ),
        dream=(
            "Dat Ans zo lang mogelijk thuis kan blijven. En dat ik zelf ook af en toe kan "
            "biljarten bij de club, zonder zorgen."
        ),
    )
    bart = s.member(
        "Bart Pronk", FAMILY, "onze zoon", domains=[D.HEALTH, D.DAILY_LIVING], dream=True
    )
    willeke = s.member("Willeke Smits", NEIGHBOUR, "buurvrouw van nummer 9", domains=[D.SAFETY])
    s.member("Karin Dekker", PROFESSIONAL, "casemanager dementie", domains=list(LifeDomain.values))
    s.day(155)
    home = s.goal(D.HEALTH, "Ans kan thuis blijven wonen, zo lang het goed gaat.", person=ans)
    s.action(
        home,
        "Elke twee weken een gesprek met de casemanager dementie.",
        pro("Karin Dekker, casemanager dementie"),
        status=DOING,
    )
    s.action(
        home, "Bart neemt Ans elke zaterdag mee voor een wandeling.", kring(bart), status=DOING
    )
    me_time = s.goal(D.SOCIAL, "Ik wil één middag per week voor mezelf hebben.")
    s.action(
        me_time,
        "Samen met Ans naar het Alzheimer Café.",
        buurt("Alzheimer Café Voorbeeld"),
        due=-90,
        status=DONE,
    )
    safe = s.goal(D.SAFETY, "Ik wil weten dat Ans veilig is als ik even weg ben.")
    s.action(
        safe, "Willeke heeft een sleutel en belt aan als ik weg ben.", kring(willeke), status=DOING
    )
    s.action(safe, "Een deurmelder laten plaatsen.", pro("Thuiszorg Voorbeeld"), due=-15)
    s.day(150)
    s.approve()
    s.day(30)
    p = s.propose_action(
        "joost",
        me_time,
        "Ans gaat twee dagen per week naar de dagopvang, zodat u tijd voor uzelf heeft.",
        pro("Dagopvang De Zonnebloem"),
        due=20,
    )
    s.day(27)
    s.accept(
        p,
        changes={
            "description": "Ans gaat één dag per week naar de dagopvang. Eerst proberen of ze "
            "het fijn vindt."
        },
    )
    p = s.propose_action(
        "joost",
        home,
        "Ans aanmelden voor een plek in het verpleeghuis, want de wachtlijst is lang.",
        pro("Zorgkantoor"),
        due=60,
    )
    s.day(25)
    s.decline(
        p,
        "Ans wil niet naar een verpleeghuis. Zolang ik het volhoud, blijft ze thuis. Als het "
        "niet meer gaat, zeg ik het zelf.",
    )


def _jordy(load: _Loader) -> None:
    """A peer expert who offers his help to others (contributions). Approved once."""
    s = load.household(
        "lindehof", "Merelstraat", 31, letters="RS", coordinator="sanne", days_ago=240
    )
    jordy = s.person("Jordy", "Koster", 29, account="jordy")
    s.day(238)
    s.texts(
        strengths=(
            "Ik heb mijn schulden zelf afbetaald, met hulp. Ik kan goed luisteren en ik schrik "
            "niet van een stapel post."
        ),
        dream="Dat ik als ervaringsdeskundige mijn werk kan maken. En een gezin, later.",
        contributions=(
            "Ik help jongeren met hun post en met bellen naar schuldeisers. Ik weet hoe het voelt "
            "als je niet meer durft open te maken wat er op de mat ligt."
        ),
    )
    mam = s.member("Wilma Koster", FAMILY, "mijn moeder", domains=[D.HEALTH], dream=True)
    s.member("Schuldhulpmaatje Voorbeeld", VOLUNTEER, "waar ik zelf vrijwilliger ben")
    s.day(235)
    course = s.goal(D.WORK, "Ik wil de opleiding ervaringsdeskundige afmaken.")
    s.action(course, "Het laatste blok van de opleiding volgen.", me(jordy), due=45, status=DOING)
    s.action(
        course, "Stage lopen bij het buurtteam.", pro("Buurtteam Lindehof"), due=-30, status=DONE
    )
    fit = s.goal(D.HEALTH, "Ik wil blijven sporten, want dat houdt mij in balans.")
    s.action(fit, "Twee keer per week naar de sportschool.", me(jordy), status=DOING)
    s.action(fit, "Mam belt als ze merkt dat ik het te druk heb.", kring(mam), status=DOING)
    s.day(230)
    s.approve()


def _sophie(load: _Loader) -> None:
    s = load.household("haven", "Touwslagerij", 5, letters="TV", coordinator="joost", days_ago=25)
    sophie = s.person("Sophie", "Kramer", 23, account="sophie")
    s.day(24)
    s.texts(
        strengths=(
            "Ik ben creatief en ik kan goed schrijven. Ik doe een opleiding tot grafisch vormgever."
        ),
        dream="Mijn diploma halen, zonder schulden, en weer vrienden om mee af te spreken.",
    )
    s.member("Noa Kramer", FAMILY, "mijn zus", domains=[D.SOCIAL])
    s.day(22)
    debt = s.goal(D.MONEY, "Ik wil van mijn creditcardschuld af en niet meer rood staan.")
    s.action(debt, "Een overzicht maken van alles wat ik elke maand uitgeef.", me(sophie), due=5)
    s.action(debt, "Budgetcursus van de bibliotheek.", buurt("Bibliotheek Voorbeeld"), due=28)
    alone = s.goal(D.SOCIAL, "Ik voel me vaak alleen. Ik wil een club of groep vinden.")
    s.action(alone, "Meedoen met de schrijfgroep op donderdag.", buurt(BUURTHUIS), due=10)


def _yildiz(load: _Loader) -> None:
    s = load.household(
        "kastanje", "Lindenplein", 2, letters="WX", coordinator="joost", days_ago=120
    )
    s.person("Mehmet", "Yıldız", 68, account="mehmet")
    ayse = s.person("Ayşe", "Yıldız", 66)
    s.day(118)
    s.texts(
        strengths=(
            "We wonen al dertig jaar in deze buurt. Ayşe maakt de lekkerste börek van de straat."
        ),
        dream="Gezond oud worden in ons eigen huis, dicht bij onze kleinkinderen.",
    )
    emre = s.member("Emre Yıldız", FAMILY, "onze zoon", domains=[D.MONEY, D.HEALTH], dream=True)
    s.day(115)
    letters = s.goal(
        D.MONEY, "Wij willen de brieven van de gemeente en de zorgverzekering begrijpen."
    )
    s.action(letters, "Emre leest elke zondag de post met ons.", kring(emre), status=DOING)
    s.action(
        letters,
        "Naar het Formulierenspreekuur.",
        buurt("Formulierenspreekuur in de bibliotheek"),
        due=-40,
        status=DONE,
    )
    sugar = s.goal(D.HEALTH, "Ayşe wil haar suiker goed onder controle houden.", person=ayse)
    s.action(
        sugar,
        "Afspraak bij de praktijkondersteuner, met een tolk.",
        pro("Huisartsenpraktijk Kastanjepark"),
        due=12,
    )
    s.day(110)
    s.approve()


def _osei(load: _Loader) -> None:
    s = load.household(
        "weide", "Gruttostraat", 16, letters="YZ", coordinator="marieke", days_ago=180
    )
    s.person("Kwame", "Osei", 44)
    abena = s.person("Abena", "Osei", 40, account="abena")
    kofi = s.person("Kofi", "Osei", 14)
    ama = s.person("Ama", "Osei", 11)
    yaw = s.person("Yaw", "Osei", 4)
    s.represent("abena", Representative.Kind.PARENT, kofi, ama, yaw)
    s.day(178)
    s.texts(
        strengths=(
            "We zijn met z'n vijven en we helpen elkaar. De kerk is onze tweede familie. Kwame kan "
            "alles repareren."
        ),
        dream="Een huis waar de kinderen elk een eigen plek hebben om huiswerk te maken.",
        contributions="Ik kan koken voor grote groepen, en Kwame helpt buren met klussen.",
    )
    pastor = s.member("Dominee Mensah", VOLUNTEER, "van onze kerk", domains=[D.SOCIAL, D.FAMILY])
    s.day(175)
    house = s.goal(
        D.HOUSING, "We willen een groter huis, want we wonen met vijf mensen in drie kamers."
    )
    s.action(house, "Urgentie aanvragen bij de woningcorporatie.", me(abena), due=-150, status=DONE)
    s.action(house, "Iedere week reageren op woningen.", me(abena), status=DOING)
    study = s.goal(D.WORK, "Kofi wil een rustige plek om huiswerk te maken.", person=kofi)
    s.action(
        study,
        "Kofi maakt huiswerk in de bibliotheek.",
        buurt("Bibliotheek Voorbeeld"),
        status=DOING,
    )
    s.action(
        study,
        "De dominee vraagt of Kofi in het kerkzaaltje kan leren.",
        kring(pastor),
        due=-100,
        status=STOPPED,
    )
    s.day(170)
    s.approve()
    s.day(80)
    s.action(
        study,
        "Huiswerkbegeleiding op dinsdag en donderdag.",
        buurt(BUURTHUIS),
        due=-20,
        status=DONE,
    )
    s.day(78)
    s.approve("Met de huiswerkbegeleiding erbij.")
    s.day(4)
    s.propose_goal(
        "marieke",
        D.MONEY,
        "We willen de extra kosten van school voor drie kinderen kunnen betalen.",
        why="U noemde de schoolreis en de ouderbijdrage. Daar is hulp voor.",
    )


def _marco(load: _Loader) -> None:
    s = load.household("haven", "Lijnbaan", 44, letters="AC", coordinator="joost", days_ago=15)
    marco = s.person("Marco", "Visser", 47, account="marco")
    s.day(14)
    s.texts(
        strengths="Ik ben twintig jaar vrachtwagenchauffeur geweest. Ik ben een harde werker.",
        dream="Weer een eigen plek, en mijn kinderen om het weekend bij mij.",
    )
    kees = s.member("Kees Bakker", FRIEND, "ik slaap nu op zijn bank", domains=[D.HOUSING])
    s.day(12)
    home = s.goal(D.HOUSING, "Ik wil binnen drie maanden een eigen kamer.")
    s.action(home, "Elke dag kijken of er een kamer te huur is.", me(marco), status=DOING)
    s.action(home, "Kees vraagt bij zijn werk naar een kamer.", kring(kees), due=7)
    s.action(
        home,
        "Aanmelden voor een tijdelijke woning bij de gemeente.",
        pro("Woonloket Voorbeeld"),
        due=-2,
    )
    kids = s.goal(D.FAMILY, "Ik wil mijn kinderen weer vaker zien.")
    s.action(
        kids,
        "Afspraken maken met mijn ex, met hulp van een bemiddelaar.",
        pro("Buurtbemiddeling Voorbeeld"),
        due=30,
    )
    s.day(8)
    s.goal(D.WORK, "Ik wil weer aan het werk, het liefst weer als chauffeur.")


def _lisa(load: _Loader) -> None:
    s = load.household("lindehof", "Vlierhof", 9, letters="DE", coordinator="sanne", days_ago=90)
    lisa = s.person("Lisa", "Bakker", 27, account="lisa")
    s.person("Tim", "Bakker", 29)
    sem = s.person("Sem", "Bakker", 0, born_days=120)
    s.represent("lisa", Representative.Kind.PARENT, sem)
    s.day(88)
    s.texts(
        strengths=(
            "Tim is een lieve vader. Sem lacht al. Ik kan goed om hulp vragen, dat heb ik geleerd."
        ),
        dream="Dat ik weer van mijn dagen kan genieten, en van Sem.",
    )
    mam = s.member("Anneke Bakker", FAMILY, "mijn moeder", domains=[D.HEALTH, D.FAMILY], dream=True)
    s.day(85)
    mood = s.goal(D.HEALTH, "Ik wil me weer beter voelen, ik ben zo somber sinds de bevalling.")
    s.action(
        mood,
        "Gesprekken met de praktijkondersteuner voor psychische zorg.",
        pro("Huisartsenpraktijk Lindehof"),
        status=DOING,
    )
    s.action(mood, "Mam komt twee ochtenden per week helpen.", kring(mam), status=DOING)
    s.action(mood, "Elke dag een wandeling met Sem in de kinderwagen.", me(lisa), status=DOING)
    s.action(
        mood,
        "Naar de groep voor jonge moeders.",
        buurt("Jonge Moeders Groep, Buurthuis De Linde"),
        due=-5,
    )
    s.day(80)
    s.approve()


def _nicole(load: _Loader) -> None:
    s = load.household("weide", "Kievitlaan", 60, letters="FG", coordinator="marieke", days_ago=140)
    nicole = s.person("Nicole", "Brouwer", 38, account="nicole")
    luuk = s.person("Luuk", "Brouwer", 12)
    s.represent("nicole", Representative.Kind.PARENT, luuk)
    s.day(138)
    s.texts(
        strengths=(
            "Ik ben sterk, ik heb de stap gezet om weg te gaan. Luuk en ik hebben veel lol samen."
        ),
        dream="Een rustig leven, zonder angst, in een huis dat van ons is.",
    )
    sis = s.member("Ingrid Brouwer", FAMILY, "mijn zus", domains=[D.SAFETY, D.FAMILY], dream=True)
    s.day(135)
    safe = s.goal(D.SAFETY, "Ik wil me weer veilig voelen in mijn eigen huis.")
    s.action(
        safe,
        "Een extra slot op de achterdeur.",
        pro("Woningcorporatie Woonstede"),
        due=-120,
        status=DONE,
    )
    s.action(
        safe,
        "Afspraken maken met de wijkagent over wat ik doe als mijn ex langskomt.",
        pro("Wijkagent De Weide"),
        due=-110,
        status=DONE,
    )
    s.action(
        safe,
        "Mijn nieuwe telefoonnummer alleen geven aan mensen die ik vertrouw.",
        me(nicole),
        status=DONE,
    )
    s.action(
        safe,
        "Ingrid is mijn vaste contactpersoon als ik me niet veilig voel.",
        kring(sis),
        status=DOING,
    )
    boy = s.goal(D.FAMILY, "Luuk kan praten over wat er thuis is gebeurd.", person=luuk)
    s.action(
        boy,
        "Luuk gaat naar een praatgroep voor kinderen.",
        pro("Jeugdhulp Voorbeeld"),
        due=10,
        status=DOING,
    )
    s.day(130)
    s.approve()


def _sita(load: _Loader) -> None:
    s = load.household(
        "kastanje", "Hazelaarstraat", 18, letters="HJ", coordinator="joost", days_ago=260
    )
    sita = s.person("Sita", "Ramdin", 63, account="sita")
    dewi = s.person("Dewi", "Ramdin", 12)
    ravi = s.person("Ravi", "Ramdin", 10)
    s.represent("sita", Representative.Kind.GUARDIAN, dewi, ravi)
    s.day(258)
    s.texts(
        strengths=(
            "Ik zorg al vier jaar voor mijn kleinkinderen. We hebben een warm huis. Dewi is slim, "
            "Ravi is sportief."
        ),
        dream="Dat de kinderen een goede toekomst hebben, en dat ik het volhoud tot ze groot zijn.",
        contributions=(
            "Ik kan andere grootouders vertellen hoe het is om je kleinkinderen op te voeden."
        ),
    )
    raj = s.member("Raj Ramdin", FAMILY, "mijn broer", domains=[D.MONEY])
    s.member(
        "Hindoestaanse vrouwengroep",
        PEER,
        "lotgenoten, andere oma's die opvoeden",
        domains=[D.FAMILY],
    )
    s.day(255)
    money = s.goal(D.MONEY, "Ik wil rondkomen met mijn AOW en de kinderbijslag.")
    s.action(money, "Elke week mijn uitgaven opschrijven in een schrift.", me(sita), status=DOING)
    s.action(money, "Raj helpt mij een begroting te maken.", kring(raj), due=-230, status=DONE)
    s.action(
        money,
        "Toeslagen en kindgebonden budget laten nakijken.",
        pro("Formulierenbrigade"),
        due=-200,
        status=DONE,
    )
    ravi_goal = s.goal(
        D.HEALTH, "Ravi kan zijn boosheid beter kwijt, bijvoorbeeld met sport.", person=ravi
    )
    s.action(
        ravi_goal,
        "Ravi gaat op judo, het Jeugdfonds Sport betaalt.",
        buurt("Judoclub Kastanjepark"),
        due=-150,
        status=DONE,
    )
    s.day(250)
    s.approve()
    s.day(120)
    rest = s.goal(D.HEALTH, "Ik wil af en toe rust, want ik ben moe.")
    s.action(rest, "Eén weekend per maand logeren de kinderen bij Raj.", kring(raj), status=DOING)
    s.day(118)
    s.approve()
    s.day(3)
    s.propose_action(
        "joost",
        rest,
        "Een gesprek met de mantelzorgconsulent over wat u kan helpen.",
        pro("Mantelzorgpunt Voorbeeld"),
        due=21,
    )


def _tomasz(load: _Loader) -> None:
    s = load.household("haven", "Kraanstraat", 12, letters="KL", coordinator="joost", days_ago=110)
    tomasz = s.person("Tomasz", "Nowak", 38, account="tomasz")
    s.day(108)
    s.texts(
        strengths="Ik werk hard en ik leer snel. Ik spreek Pools, Engels en een beetje Nederlands.",
        dream="Een baan waar mijn rug niet kapot gaat, en mijn dochter in Polen kunnen bezoeken.",
    )
    piotr = s.member(
        "Piotr Kowalski", FRIEND, "collega van het distributiecentrum", domains=[D.WORK]
    )
    s.day(105)
    back = s.goal(D.HEALTH, "Ik wil minder pijn in mijn rug.")
    s.action(back, "Oefeningen van de fysiotherapeut, elke dag.", me(tomasz), status=DOING)
    job = s.goal(D.WORK, "Ik wil ander werk, zonder zwaar tillen.")
    s.action(
        job, "Taalles Nederlands, twee avonden per week.", buurt("Taalhuis Voorbeeld"), status=DOING
    )
    s.action(job, "Piotr vraagt naar werk als heftruckchauffeur.", kring(piotr), due=-12)
    s.action(
        job, "Gesprek over een uitkering en werk.", pro("Werkplein Voorbeeld"), due=-60, status=DONE
    )
    s.day(100)
    s.approve()


def _wim(load: _Loader) -> None:
    """Just started, nearly empty: registered after a neighbour's worried call."""
    s = load.household("weide", "Plevierstraat", 3, letters="MN", coordinator="marieke", days_ago=3)
    s.person("Wim", "de Groot", 58, account="wim")


def _dewit(load: _Loader) -> None:
    s = load.household("weide", "Tureluurlaan", 21, letters="PR", coordinator="ruud", days_ago=170)
    sander = s.person("Sander", "de Wit", 42, account="sander")
    s.person("Joyce", "de Wit", 40)
    daan = s.person("Daan", "de Wit", 12)
    fleur = s.person("Fleur", "de Wit", 9)
    s.represent("sander", Representative.Kind.PARENT, daan, fleur)
    s.day(168)
    s.texts(
        strengths=(
            "Daan weet alles van dinosaurussen en hij is heel eerlijk. Fleur is zorgzaam. Wij zijn "
            "een goed team als ouders."
        ),
        dream="Rust in huis, en dat Daan een school vindt die bij hem past.",
    )
    opa = s.member("Jan de Wit", FAMILY, "opa van Daan en Fleur", domains=[D.FAMILY], dream=True)
    s.day(165)
    school = s.goal(D.WORK, "Daan vindt een school die past bij zijn autisme.", person=daan)
    s.action(
        school,
        "Kijken bij twee scholen voor speciaal onderwijs.",
        me(sander),
        due=-140,
        status=DONE,
    )
    s.action(
        school,
        "Aanvraag voor een plek op De Ontdekking.",
        pro("Samenwerkingsverband Passend Onderwijs"),
        due=20,
        status=DOING,
    )
    rest = s.goal(D.FAMILY, "Fleur krijgt ook aandacht, niet alleen Daan.", person=fleur)
    s.action(rest, "Opa gaat elke woensdag met Fleur naar de manege.", kring(opa), status=DOING)
    s.day(160)
    s.approve()


def _yonas(load: _Loader) -> None:
    # Mohamed took Yonas on first; the team lead handed him over to Sanne (the history shows it).
    s = load.household(
        "lindehof", "Populierenlaan", 77, letters="ST", coordinator="mohamed", days_ago=30
    )
    s.person("Yonas", "Tesfay", 22, account="yonas")
    s.day(28)
    s.texts(
        strengths="Ik ben jong en sterk en ik wil leren. Ik kan goed fietsen repareren.",
        dream="Goed Nederlands spreken, een opleiding doen, en hier vrienden hebben.",
        contributions="Ik kan fietsen repareren voor mensen in de buurt.",
    )
    buddy = s.member(
        "Maarten Prins",
        VOLUNTEER,
        "mijn buddy van het statushoudersproject",
        domains=[D.SOCIAL, D.WORK],
    )
    s.day(26)
    lang = s.goal(D.WORK, "Ik wil Nederlands leren, zodat ik een opleiding kan doen.")
    s.action(
        lang,
        "Inburgeringscursus, vier ochtenden per week.",
        pro("Taalschool Voorbeeld"),
        status=DOING,
    )
    s.action(lang, "Elke week Nederlands praten met Maarten.", kring(buddy), status=DOING)
    friends = s.goal(D.SOCIAL, "Ik wil mensen leren kennen in de buurt.")
    s.action(
        friends,
        "Helpen in de fietsenwerkplaats van het buurthuis.",
        buurt("Fietsenwerkplaats Buurthuis De Linde"),
        due=9,
    )
    s.day(20)
    household_services.hand_over_household(
        actor=load.users["ruud"],
        household=s.household,
        to_coordinator=load.users["sanne"],
        reason="Mohamed helpt Yonas verder als schuldhulpverlener; Sanne wordt zijn regisseur.",
    )


def _kaya(load: _Loader) -> None:
    s = load.household("kastanje", "Wilgenweg", 50, letters="VW", coordinator="ruud", days_ago=95)
    s.person("Murat", "Kaya", 45)
    s.person("Esra", "Kaya", 43, account="esra")
    elif_ = s.person("Elif", "Kaya", 16)
    s.represent("esra", Representative.Kind.PARENT, elif_)
    s.day(93)
    s.texts(
        strengths="Elif is slim en ze houdt van muziek. Wij praten veel met elkaar als gezin.",
        dream="Dat Elif weer zonder angst de deur uit gaat en haar school afmaakt.",
    )
    aunt = s.member(
        "Zeynep Kaya", FAMILY, "tante van Elif", domains=[D.HEALTH, D.SOCIAL], dream=True
    )
    s.day(90)
    out = s.goal(D.HEALTH, "Elif durft weer naar school en naar vriendinnen.", person=elif_)
    s.action(
        out,
        "Elif praat met een psycholoog van jeugdhulp.",
        pro("Jeugdhulp Voorbeeld"),
        status=DOING,
    )
    s.action(
        out, "Zeynep gaat met Elif naar de muziekschool, elke vrijdag.", kring(aunt), status=DOING
    )
    s.action(out, "Elif gaat eerst twee uur per dag naar school.", me(elif_), due=-7)
    s.day(85)
    s.approve()


# Jordy comes before Kevin: he is in Kevin's circle with his own account.
_STORIES = (
    _fatima,
    _henk,
    _jordy,
    _kevin,
    _haddad,
    _peter,
    _danielle,
    _gerard,
    _sophie,
    _yildiz,
    _osei,
    _marco,
    _lisa,
    _nicole,
    _sita,
    _tomasz,
    _wim,
    _dewit,
    _yonas,
    _kaya,
)


# --- loading and resetting ------------------------------------------------------------------


def demo_households():
    return Household.objects.filter(neighbourhood__cbs_code__in=DEMO_CBS_CODES)


def demo_counts() -> dict:
    households = demo_households()
    plans = Plan.objects.filter(household__in=households)
    return {
        "neighbourhoods": Neighbourhood.objects.filter(cbs_code__in=DEMO_CBS_CODES).count(),
        "households": households.count(),
        "persons": Person.objects.filter(household__in=households).count(),
        "users": get_user_model().objects.filter(username__in=DEMO_USERNAMES).count(),
        "circle_members": CircleMember.objects.filter(household__in=households).count(),
        "plans": plans.count(),
        "goals": Goal.objects.filter(plan__in=plans).count(),
        "actions": Action.objects.filter(goal__plan__in=plans).count(),
        "proposals": Proposal.objects.filter(plan__in=plans).count(),
        "versions": PlanVersion.objects.filter(plan__in=plans).count(),
        "audit_events": AuditEvent.objects.filter(household_id__in=households.values("pk")).count(),
    }


def demo_is_loaded() -> bool:
    return get_user_model().objects.filter(username=MARKER_USERNAME).exists()


@transaction.atomic
def remove_demo() -> None:
    """Delete the demo: its households (with everything in them, versions included: the
    cascade deletes rows in bulk, it never calls PlanVersion.delete()), its neighbourhoods and
    its users. Nothing outside the demo neighbourhoods and demo usernames is touched. The audit
    trail is append-only: the demo's events stay, with the ids of households and users that no
    longer exist."""
    households = demo_households()
    households.delete()
    Neighbourhood.objects.filter(cbs_code__in=DEMO_CBS_CODES).delete()
    Team.objects.filter(name__in=TEAMS).delete()
    get_user_model().objects.filter(username__in=DEMO_USERNAMES).delete()
    community_demo.remove_demo()


def load_demo(*, reset: bool = False) -> dict:
    """Load the demo municipality. Idempotent: when the demo is there already, nothing changes
    (unless reset=True: then the demo is deleted and loaded again). Returns the counts of demo
    data, with "created" telling whether anything was loaded."""
    if not settings.DEMO_MODE:
        raise DemoDataError(
            "The demo has accounts with a public password. It loads only in demo mode "
            "(EIGENPLAN_DEMO=1)."
        )
    with transaction.atomic():
        if reset:
            remove_demo()
        elif demo_is_loaded():
            return {"created": False, **demo_counts()}
        taken = list(
            get_user_model()
            .objects.filter(username__in=DEMO_USERNAMES)
            .values_list("username", flat=True)
        )
        if (
            taken
            or Neighbourhood.objects.filter(cbs_code__in=DEMO_CBS_CODES).exists()
            or Team.objects.filter(name__in=TEAMS).exists()
        ):
            raise DemoDataError(
                "Part of the demo exists already (users: "
                f"{', '.join(sorted(taken)) or 'none'}). Load it again with reset."
            )
        _load()
    return {"created": True, **demo_counts()}


def _load() -> None:
    clock = _Clock(timezone.now())
    loader = _Loader(clock)
    for username, display_name, first, last, role, admin in _STAFF:
        loader.user(username, display_name, first, last, role, admin)
    for username, display_name, first, last, role in _OTHERS:
        loader.user(username, display_name, first, last, role)
    for name, (_keys, members) in TEAMS.items():
        team = loader.teams[name] = Team.objects.create(name=name)
        TeamMembership.objects.bulk_create(
            TeamMembership(team=team, user=loader.users[username], role=role, function=function)
            for username, role, function in members
        )
    team_of = {key: loader.teams[name] for name, (keys, _m) in TEAMS.items() for key in keys}
    for key, (code, name, _postcode) in NEIGHBOURHOODS.items():
        loader.neighbourhoods[key] = Neighbourhood.objects.create(
            cbs_code=code, name=name, team=team_of[key]
        )
    with _backdated(clock):
        for story in _STORIES:
            story(loader)
        conversations_demo.load_demo(users=loader.users, set_day=clock.set)
        conference_demo.load_demo(loader)
    decisions_demo.load_demo()
    community_demo.load_demo(actor=loader.users["beheerder"])
    circle_demo.load_demo(loader.users)
