"""Reads for households, shaped for pages and the API."""

from django.db.models import Q, QuerySet

from eigenplan.households.models import CircleMember, Household


def households_for_user(user) -> QuerySet[Household]:
    """Every household the user has any standing with: their own, the ones they represent,
    the ones they coordinate, and the ones whose circle they are an active member of."""
    if not user.is_authenticated:
        return Household.objects.none()
    return Household.objects.filter(
        Q(persons__user=user)
        | Q(representatives__user=user)
        | Q(coordinator=user)
        | Q(circle__user=user, circle__is_active=True)
    ).distinct()


def active_circle(household: Household) -> QuerySet[CircleMember]:
    return household.circle.filter(is_active=True)
