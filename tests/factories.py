"""Test data builders. Every factory makes a valid, minimal object; tests say what matters."""

import datetime

import factory
from factory.django import DjangoModelFactory

from eigenplan.accounts.models import Role, User
from eigenplan.households.models import (
    CircleMember,
    Household,
    Neighbourhood,
    Person,
    Representative,
)
from eigenplan.plans.models import Action, Goal, LifeDomain, Performer, Plan


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Faker("name", locale="nl_NL")
    role = Role.RESIDENT
    password = factory.django.Password("correct-horse-battery")


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR


class NeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ("cbs_code",)

    # BU00...: municipality code 0000 does not exist, so never a demo (BU9999...) or seeded code.
    cbs_code = factory.Sequence(lambda n: f"BU00{n:06d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = Household

    street = "Lindelaan"
    house_number = factory.Sequence(lambda n: str(n + 1))
    postcode = "1234 AB"
    city = "Voorbeeld"
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    coordinator = None


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    household = factory.SubFactory(HouseholdFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = datetime.date(1985, 5, 17)
    user = None


class RepresentativeFactory(DjangoModelFactory):
    class Meta:
        model = Representative

    household = factory.SubFactory(HouseholdFactory)
    user = factory.SubFactory(UserFactory)
    represents = factory.SubFactory(PersonFactory, household=factory.SelfAttribute("..household"))
    kind = Representative.Kind.MENTOR


class CircleMemberFactory(DjangoModelFactory):
    class Meta:
        model = CircleMember

    household = factory.SubFactory(HouseholdFactory)
    name = factory.Faker("first_name", locale="nl_NL")
    relation = CircleMember.Relation.FAMILY
    shared_life_domains = factory.LazyFunction(list)


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("household",)

    household = factory.SubFactory(HouseholdFactory)
    strengths = "Ik kan goed koken."
    dream = "Een rustig huis."


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Doel nummer {n}")
    life_domain = LifeDomain.HOUSING


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    goal = factory.SubFactory(GoalFactory)
    description = factory.Sequence(lambda n: f"Actie nummer {n}")
    performer = Performer.RESIDENT
