"""What every view under /households/{household_id}/ shares."""

from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from rest_framework.generics import GenericAPIView
from rest_framework.metadata import SimpleMetadata

from eigenplan.api import serializers as api
from eigenplan.households.access import standing
from eigenplan.plans.models import Action, Goal, Plan
from eigenplan.plans.selectors import households_with_plan, plan_of, visible_goals
from eigenplan.privacy.audit import record_read

# Why the answer is no, for someone who can see the household but may not do this.
REFUSALS = {
    "households.view_circle": _("U mag de kring van dit huishouden niet zien."),
    "households.manage_circle": _("Alleen de inwoner zelf past de kring aan."),
    "plans.edit_plan": _("Alleen de inwoner zelf past het plan aan. U kunt wel een voorstel doen."),
    "plans.approve_plan": _("Alleen de inwoner zelf keurt het plan goed."),
    "plans.answer_proposal": _("Alleen de inwoner zelf beantwoordt voorstellen."),
    "plans.propose": _("U past het plan zelf aan. Een voorstel doen is voor anderen."),
    "plans.view_versions": _("U mag de goedgekeurde versies van dit plan niet zien."),
}

READ_ERRORS = {403: api.ErrorDetailSerializer, 404: api.ErrorDetailSerializer}
WRITE_ERRORS = {
    400: api.FieldErrorsSerializer,
    **READ_ERRORS,
    409: api.ConflictSerializer,
}


class WithoutBodyDescription(SimpleMetadata):
    """OPTIONS without the fields of a body: the views here read different serializers than
    they answer with, and the OpenAPI schema describes both."""

    def determine_actions(self, request, view):
        return {}


class HouseholdScopedView(GenericAPIView):
    """A household the user has no standing with answers 404, never 403, so household ids
    cannot be probed. `read_perm` is needed for every method of the view; writes also check
    their own permission before they read the body, so a refusal never depends on the input.
    Objects in the URL are looked up within this household only."""

    read_perm = "households.view_household"
    metadata_class = WithoutBodyDescription

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        household = (
            households_with_plan().select_related("coordinator").filter(pk=kwargs["household_id"])
        ).first()
        if household is None or not request.user.has_perm("households.view_household", household):
            raise Http404
        self.household = household
        self.standing = standing(request.user, household)
        self.require(self.read_perm)
        # A read by anyone but the pen holder shows in the resident's access log.
        record_read(request, household)

    def require(self, perm: str) -> None:
        if not self.request.user.has_perm(perm, self.household):
            raise PermissionDenied(REFUSALS.get(perm, _("U mag dit niet doen bij dit huishouden.")))

    @cached_property
    def plan(self) -> Plan:
        return plan_of(self.household)

    def visible_goals(self) -> QuerySet[Goal]:
        return visible_goals(self.plan, self.standing)

    def visible_actions(self) -> QuerySet[Action]:
        return Action.objects.select_related("goal", "person", "circle_member").filter(
            goal__in=self.visible_goals().values("pk")
        )

    def goal_or_404(self, goal_id) -> Goal:
        goal = get_object_or_404(self.visible_goals(), pk=goal_id)
        goal.plan = self.plan
        return goal

    def action_or_404(self, action_id) -> Action:
        action = get_object_or_404(self.visible_actions(), pk=action_id)
        action.goal.plan = self.plan
        return action

    def plan_data(self) -> dict:
        """The plan as this user may see it, read fresh."""
        plan = Plan.objects.select_related("latest_version").defer("latest_version__snapshot")
        plan = plan.get(pk=self.plan.pk)
        serializer = api.PlanSerializer(
            plan,
            shows_dream=self.standing.shows_dream,
            shows_versions=self.request.user.has_perm("plans.view_versions", self.household),
        )
        return serializer.data

    def validated(self, serializer_class, data=None) -> dict:
        serializer = serializer_class(data=self.request.data if data is None else data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def describe_conflict(self, current):
        """The object as it is now, for the body of a 409 answer."""
        return None


def with_current_values(obj, changes: dict, serializer_class) -> dict:
    """A PATCH body completed with the object's current values: the services always take the
    whole object."""
    names = [name for name in serializer_class().fields if name != "revision"]
    return {**{name: getattr(obj, name) for name in names}, **changes}
