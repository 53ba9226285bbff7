"""Reads for growing a small circle. Bounded: at most two queries, whatever the size of the
circle or the catalogue."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from eigenplan.community.models import CommunityOffer
from eigenplan.households.access import Standing
from eigenplan.households.models import CircleInvitation, CircleMember, Household

# A circle with fewer active members than this gets suggestions to grow it.
SMALL_CIRCLE = 3
MAX_OFFERS = 12


@dataclass(frozen=True)
class GrowthSuggestions:
    active_members: int
    # Circle members without an account and never invited: people the resident mentioned.
    not_invited: list[CircleMember]
    offers: list[CommunityOffer]
    # Whether the viewer may add and invite people (the pen holder) or only suggest it.
    can_invite: bool
    # Whether the viewer may see who is in the circle (the pen holder, or a coordinator with
    # whom the resident shares the whole plan).
    shows_names: bool


def offers_for(neighbourhood_id: int, limit: int = MAX_OFFERS) -> list[CommunityOffer]:
    """The catalogue's offers for a neighbourhood: peer experts first, then initiatives."""
    return list(
        CommunityOffer.objects.filter(is_active=True, neighbourhoods=neighbourhood_id).order_by(
            "-kind", "name", "id"
        )[:limit]
    )


def growth_suggestions(household: Household, view: Standing) -> GrowthSuggestions | None:
    """Ways to grow the circle, for the pen holder and the coordinator, when the circle has
    fewer than three active members; None (and no query) for anyone else or a larger circle."""
    if not (view.holds_pen or view.is_coordinator):
        return None
    invited = CircleInvitation.objects.filter(circle_member=OuterRef("pk"))
    members = list(
        CircleMember.objects.filter(household=household, is_active=True)
        .annotate(was_invited=Exists(invited))
        .order_by("name", "id")[: SMALL_CIRCLE + 1]
    )
    if len(members) >= SMALL_CIRCLE:
        return None
    shows_names = view.holds_pen or view.sees_whole_plan
    return GrowthSuggestions(
        active_members=len(members),
        not_invited=[m for m in members if m.user_id is None and not m.was_invited]
        if shows_names
        else [],
        offers=offers_for(household.neighbourhood_id),
        can_invite=view.holds_pen,
        shows_names=shows_names,
    )
