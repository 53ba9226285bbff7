"""How a user stands towards a household. Every permission rule is built on this one answer,
computed once per user and household per request."""

from dataclasses import dataclass, field

from django.utils import timezone

from eigenplan.households.models import CircleMember, Household, Person, Representative
from eigenplan.privacy.models import EmergencyAccess


@dataclass(frozen=True)
class Standing:
    person: Person | None = None  # the user's own Person record in this household
    is_representative: bool = False
    is_coordinator: bool = False
    circle_member: CircleMember | None = None
    shared_life_domains: frozenset[str] = field(default_factory=frozenset)
    # A professional outside the team, reading for a limited time with a written reason.
    has_emergency_access: bool = False

    @property
    def holds_pen(self) -> bool:
        """The resident (an adult of the household) or a named representative."""
        adult = self.person is not None and self.person.is_adult_on(timezone.localdate())
        return adult or self.is_representative

    @property
    def is_household_member(self) -> bool:
        return self.person is not None

    @property
    def is_circle_member(self) -> bool:
        return self.circle_member is not None

    @property
    def sees_whole_plan(self) -> bool:
        return (
            self.holds_pen
            or self.is_household_member
            or self.is_coordinator
            or self.has_emergency_access
        )

    @property
    def has_any_access(self) -> bool:
        return self.sees_whole_plan or self.is_circle_member

    @property
    def role_label(self) -> str:
        if self.holds_pen:
            return "resident"
        if self.is_coordinator:
            return "coordinator"
        if self.is_household_member:
            return "household_member"
        if self.is_circle_member:
            return "circle_member"
        if self.has_emergency_access:
            return "emergency"
        return "none"


NO_STANDING = Standing()


def standing(user, household: Household) -> Standing:
    """The user's standing towards the household, cached on the user object for the request."""
    if user is None or not user.is_authenticated or household is None:
        return NO_STANDING
    # getattr/setattr, not __dict__: request.user is a lazy wrapper that forwards attributes to
    # the real user, so the cache must live on the user itself to be shared by every caller.
    cache = getattr(user, "_eigenplan_standing", None)
    if cache is None:
        cache = {}
        user._eigenplan_standing = cache
    if household.pk in cache:
        return cache[household.pk]
    now = timezone.now()
    person = Person.objects.filter(household=household, user=user).first()
    is_representative = Representative.objects.filter(household=household, user=user).exists()
    circle_member = CircleMember.objects.filter(
        household=household, user=user, is_active=True
    ).first()
    has_emergency_access = (
        user.is_professional
        and household.coordinator_id != user.pk
        and EmergencyAccess.objects.filter(
            household=household, user=user, granted_at__lte=now, expires_at__gt=now
        ).exists()
    )
    result = Standing(
        has_emergency_access=has_emergency_access,
        person=person,
        is_representative=is_representative,
        is_coordinator=household.coordinator_id == user.pk,
        circle_member=circle_member,
        shared_life_domains=frozenset(circle_member.shared_life_domains if circle_member else ()),
    )
    cache[household.pk] = result
    return result


def forget_standing(user) -> None:
    """Drop the cached standings, after a change to the links between user and household."""
    if hasattr(user, "_eigenplan_standing"):
        del user._eigenplan_standing
