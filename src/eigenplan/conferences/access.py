"""How a user stands towards a family group conference: the household's Standing, plus the one
link the Standing does not know, being the conference's independent coordinator.

The rule that matters most: in private family time the family's plan is the family's alone.
Professionals, the independent coordinator and professionals in the circle see nothing of it
until the family presents it."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from eigenplan.conferences.models import Conference, Participant, Status
from eigenplan.households.access import Standing, standing
from eigenplan.households.models import CircleMember
from eigenplan.plans.models import LifeDomain

ALL_DOMAINS = frozenset(LifeDomain.values)


def is_circle_only(view: Standing) -> bool:
    """Linked to the household only as a circle member: such a user sees a conference only
    when the family invited them."""
    return view.is_circle_member and not (
        view.holds_pen
        or view.is_household_member
        or view.is_team_professional
        or view.has_emergency_access
    )


@dataclass(frozen=True)
class ConferenceStanding:
    household: Standing
    is_independent_coordinator: bool = False
    # A circle member the resident added as a professional: not family in private time.
    is_professional_in_circle: bool = False
    is_professional_user: bool = False
    # A circle member the family invited to the conference (a participant).
    is_invited: bool = False

    @property
    def is_circle_only(self) -> bool:
        return is_circle_only(self.household)

    @property
    def exists(self) -> bool:
        """Whether the conference exists for this user at all (else 404). For a circle member
        only when the family invited them: inviting is what the family shares."""
        if self.is_independent_coordinator:
            return True
        if self.is_circle_only:
            return self.is_invited
        return self.household.has_any_access

    @property
    def holds_pen(self) -> bool:
        return self.household.holds_pen

    @property
    def is_team_professional(self) -> bool:
        view = self.household
        return view.is_team_professional and view.has_any_access

    @property
    def is_professional_side(self) -> bool:
        return (
            self.is_professional_user
            or self.is_independent_coordinator
            or self.household.is_team_professional
            or self.household.has_emergency_access
            or self.is_professional_in_circle
        )

    @property
    def is_family(self) -> bool:
        """The household and its circle, who have the private family time."""
        view = self.household
        return not self.is_professional_side and (
            view.holds_pen or view.is_household_member or view.is_circle_member
        )

    @property
    def may_see_inputs(self) -> bool:
        """What the professionals know, their concerns and conditions, and their assessment."""
        view = self.household
        return (
            view.holds_pen
            or view.is_household_member
            or self.is_independent_coordinator
            or self.is_team_professional
            or view.has_emergency_access
        )

    @property
    def may_add_input(self) -> bool:
        return self.is_team_professional

    @property
    def may_assign(self) -> bool:
        return self.holds_pen or self.household.is_coordinator

    @property
    def may_prepare(self) -> bool:
        return self.holds_pen or self.is_independent_coordinator

    def may_see_draft(self, conference: Conference) -> bool:
        """The family's plan: the family's own from private time on; the others see it only
        once the family presented it (and not at all when the family stopped before that)."""
        if conference.plan_is_presented:
            return (
                self.is_family
                or self.is_independent_coordinator
                or self.is_team_professional
                or self.household.has_emergency_access
            )
        if conference.status == Status.PRIVATE_TIME or (
            conference.status == Status.STOPPED and conference.private_time_started_at
        ):
            return self.is_family
        return False

    def draft_domains(self) -> frozenset[str]:
        """The life domains of the family's plan this user sees: all of them, except for circle
        members, who see what the resident shares with them."""
        view = self.household
        if view.sees_whole_plan or not self.is_family:
            return ALL_DOMAINS
        return view.shared_life_domains

    def may_edit_draft(self, conference: Conference) -> bool:
        return self.holds_pen and conference.status == Status.PRIVATE_TIME


def conference_standing(user, conference: Conference) -> ConferenceStanding:
    """One Standing (cached per request) and, for circle members, one more query: their
    relation and whether the family invited them."""
    view = standing(user, conference.household)
    if not user.is_authenticated:
        return ConferenceStanding(household=view)
    relation, invited = None, False
    if view.circle_member_id is not None:
        relation, invited = (
            CircleMember.objects.filter(pk=view.circle_member_id)
            .annotate(
                invited=Exists(
                    Participant.objects.filter(conference=conference, circle_member=OuterRef("pk"))
                )
            )
            .values_list("relation", "invited")
            .get()
        )
    return ConferenceStanding(
        household=view,
        # Purpose-bound: the link ends when the conference does (looked back on, or stopped).
        is_independent_coordinator=(
            conference.independent_coordinator_id is not None
            and conference.independent_coordinator_id == user.pk
            and conference.is_open
        ),
        is_professional_in_circle=relation == CircleMember.Relation.PROFESSIONAL,
        is_invited=invited,
        is_professional_user=bool(user.is_professional),
    )
