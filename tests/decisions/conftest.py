import datetime
from decimal import Decimal

import pytest

from eigenplan.accounts.models import Role
from eigenplan.decisions.models import Law, LegalGroundRule, MaatwerkKind, Mandate, Provision
from eigenplan.households.models import Team, TeamMembership, TeamRole
from tests.factories import ActionFactory, CoordinatorFactory, GoalFactory, PersonFactory

MONDAY = datetime.date(2026, 3, 2)


class Catalogue:
    """A small municipal catalogue, its rules, and mandates: the coordinator may grant Wmo and
    general provisions up to 3,000 euro per household per year; the team lead everything up to
    40,000; the manager above the team lead, where missed deadlines end up."""

    def __init__(self, world):
        self.world = world
        self.begeleiding = Provision.objects.create(
            reference="WMO-02A",
            name="Begeleiding individueel",
            plain_description="Iemand helpt u thuis om uw dag en uw post op orde te houden.",
            product_category="02",
            product_code="02A01",
            unit="04",
            frequency="2",
            price_per_unit=Decimal("60.00"),
            law="",
        )
        self.jeugdhulp = Provision.objects.create(
            reference="JW-45",
            name="Jeugdhulp ambulant",
            plain_description="Een hulpverlener praat met uw kind over school en thuis.",
            product_category="45",
            product_code="45A48",
            unit="04",
            frequency="2",
            price_per_unit=Decimal("95.00"),
            law="jeugdwet",
        )
        self.buurthuis = Provision.objects.create(
            reference="ALG-01",
            name="Koffieochtend in het buurthuis",
            plain_description="Elke week koffie drinken met buren in het buurthuis.",
            product_category="09",
            unit="82",
            frequency="2",
            price_per_unit=Decimal("0"),
            law="general",
        )
        LegalGroundRule.objects.create(
            name="Jeugdhulp-categorieën", priority=10, product_category="45", law=Law.JEUGDWET
        )
        LegalGroundRule.objects.create(
            name="Maatwerk voor wie jonger is dan 18",
            priority=20,
            maatwerk_kind=MaatwerkKind.YOUTH,
            max_age=18,
            law=Law.JEUGDWET,
        )
        LegalGroundRule.objects.create(
            name="Maatwerk jeugd, 18 of ouder",
            priority=21,
            maatwerk_kind=MaatwerkKind.YOUTH,
            min_age=18,
            law=Law.WMO,
        )
        LegalGroundRule.objects.create(
            name="Begeleiding", priority=30, product_category="02", law=Law.WMO
        )
        LegalGroundRule.objects.create(
            name="Schulden", priority=40, maatwerk_kind=MaatwerkKind.DEBTS, law=Law.WGS
        )
        self.team = Team.objects.create(name="Buurtteam Test")
        world.household.team = self.team
        world.household.save()
        self.lead = CoordinatorFactory(username="ruud", role=Role.TEAM_LEAD, display_name="Ruud")
        self.manager = CoordinatorFactory(
            username="manager", role=Role.TEAM_LEAD, display_name="Mira Manager"
        )
        TeamMembership.objects.create(
            team=self.team, user=world.coordinator, role=TeamRole.COORDINATOR
        )
        TeamMembership.objects.create(team=self.team, user=self.lead, role=TeamRole.LEAD)
        self.manager_mandate = Mandate.objects.create(
            holder=self.manager,
            level=3,
            laws=list(Law.values),
            yearly_budget_per_household=Decimal("100000"),
        )
        self.lead_mandate = Mandate.objects.create(
            holder=self.lead,
            level=2,
            laws=list(Law.values),
            yearly_budget_per_household=Decimal("40000"),
            escalates_to=self.manager_mandate,
        )
        self.coordinator_mandate = Mandate.objects.create(
            holder=world.coordinator,
            level=1,
            laws=[Law.WMO, Law.GENERAL, Law.WGS],
            yearly_budget_per_household=Decimal("3000"),
            escalates_to=self.lead_mandate,
        )
        self.child = PersonFactory(
            household=world.household,
            first_name="Yassin",
            date_of_birth=datetime.date(2011, 1, 1),
        )
        self.money_goal = GoalFactory(
            plan=world.plan, life_domain="money", text="Rust in mijn geldzaken"
        )
        self.school_goal = GoalFactory(
            plan=world.plan,
            life_domain="work",
            text="Yassin gaat weer naar school",
            person=self.child,
        )
        self.help_at_home = ActionFactory(
            goal=self.money_goal,
            description="Hulp bij de post en de rekeningen",
            performer="professional",
            performer_name="Buurtteam",
        )
        self.youth_help = ActionFactory(
            goal=self.school_goal,
            description="Gesprekken met een jeugdhulpverlener",
            performer="professional",
            performer_name="Jeugdhulp Voorbeeld",
        )
        self.own_action = ActionFactory(goal=self.money_goal, description="Zelf de post openen")


@pytest.fixture
def catalogue(world):
    return Catalogue(world)


def support(catalogue, action=None, provision=None, *, volume=2, start=MONDAY, weeks=10, **kw):
    """A support item made through the service, as the coordinator."""
    from eigenplan.decisions.services import create_support_item

    return create_support_item(
        actor=catalogue.world.coordinator,
        action=action or catalogue.help_at_home,
        # provision=False: custom support (maatwerk)
        provision=None if provision is False else (provision or catalogue.begeleiding),
        volume=volume,
        start_date=start,
        end_date=start + datetime.timedelta(weeks=weeks, days=-1),
        **kw,
    )


class DecisionsScene:
    """For the permission matrix: in the world's household a professional action with granted
    support and a letter, and one waiting on the team lead's mandate."""

    def __init__(self, world, team_lead):
        from eigenplan.decisions import services

        provision = Provision.objects.create(
            reference="M-1",
            name="Begeleiding",
            plain_description="Hulp thuis.",
            product_category="02",
            unit="04",
            frequency="2",
            price_per_unit=Decimal("50"),
            law=Law.WMO,
        )
        lead = Mandate.objects.create(
            holder=team_lead, level=2, laws=list(Law.values), yearly_budget_per_household=9999
        )
        Mandate.objects.create(
            holder=world.coordinator,
            level=1,
            laws=[Law.WMO],
            yearly_budget_per_household=Decimal("2000"),
            escalates_to=lead,
        )
        goal = GoalFactory(plan=world.plan, life_domain="money", text="Grip op geld")
        action = ActionFactory(goal=goal, description="Hulp bij de post", performer="professional")

        def item(**kw):
            return services.create_support_item(
                actor=world.coordinator,
                action=action,
                provision=provision,
                volume=1,
                start_date=MONDAY,
                end_date=MONDAY + datetime.timedelta(days=27),
                **kw,
            )

        services.grant_within_mandate(actor=world.coordinator, item=item())
        self.letter = services.issue_letter(actor=world.coordinator, household=world.household)
        self.waiting_item = item(law=Law.JEUGDWET, law_reason="Voor de zoon.")
        self.request = services.request_mandate_decision(
            actor=world.coordinator, item=self.waiting_item, reasoning="Nodig."
        )
