"""The plan, its goals and their actions. Only the resident changes them; everyone else sees
them (circle members only the shared life domains) and makes proposals."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.mixins import ListModelMixin
from rest_framework.response import Response

from eigenplan.api import serializers as api
from eigenplan.api.views.base import (
    READ_ERRORS,
    WRITE_ERRORS,
    HouseholdScopedView,
    with_current_values,
)
from eigenplan.plans import services


@extend_schema(tags=["plan"])
class PlanDetail(HouseholdScopedView):
    """The plan itself. What goes well, the dream and what the resident can give are left out
    for circle members the resident did not share the dream with."""

    read_perm = "plans.view_plan"
    serializer_class = api.PlanSerializer

    @extend_schema(responses={200: api.PlanSerializer, **READ_ERRORS})
    def get(self, request, household_id):
        return Response(self.plan_data())

    @extend_schema(
        request=api.PlanTextChangeSerializer,
        responses={200: api.PlanSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, household_id):
        self.require("plans.edit_plan")
        texts = self.validated(api.PlanTextChangeSerializer)
        revision = texts.pop("revision")
        services.update_plan_texts(
            actor=request.user, plan=self.plan, texts=texts, expected_revision=revision
        )
        return Response(self.plan_data())

    def describe_conflict(self, current):
        return self.plan_data()


@extend_schema(tags=["goals"])
class GoalList(ListModelMixin, HouseholdScopedView):
    """The goals with their actions; circle members only see the goals in the life domains
    the resident shared with them."""

    read_perm = "plans.view_plan"
    serializer_class = api.GoalSerializer

    def get_queryset(self):
        return self.visible_goals()

    @extend_schema(responses={200: api.GoalSerializer(many=True), **READ_ERRORS})
    def get(self, request, household_id):
        return self.list(request)

    @extend_schema(
        request=api.NewGoalSerializer, responses={201: api.GoalSerializer, **WRITE_ERRORS}
    )
    def post(self, request, household_id):
        self.require("plans.edit_plan")
        fields = self.validated(api.NewGoalSerializer)
        goal = services.add_goal(
            actor=request.user,
            plan=self.plan,
            text=fields.get("text"),
            life_domain=fields.get("life_domain"),
            person_id=fields.get("person_id"),
        )
        return Response(
            api.GoalSerializer(self.goal_or_404(goal.pk)).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=["goals"])
class GoalDetail(HouseholdScopedView):
    read_perm = "plans.view_plan"
    serializer_class = api.GoalSerializer

    @extend_schema(responses={200: api.GoalSerializer, **READ_ERRORS})
    def get(self, request, household_id, goal_id):
        return Response(api.GoalSerializer(self.goal_or_404(goal_id)).data)

    @extend_schema(
        request=api.GoalChangeSerializer, responses={200: api.GoalSerializer, **WRITE_ERRORS}
    )
    def put(self, request, household_id, goal_id):
        return self._change(goal_id, partial=False)

    @extend_schema(
        request=api.GoalChangeSerializer, responses={200: api.GoalSerializer, **WRITE_ERRORS}
    )
    def patch(self, request, household_id, goal_id):
        return self._change(goal_id, partial=True)

    @extend_schema(parameters=[api.RevisionQuerySerializer], responses={204: None, **WRITE_ERRORS})
    def delete(self, request, household_id, goal_id):
        self.require("plans.edit_plan")
        goal = self.goal_or_404(goal_id)
        query = self.validated(api.RevisionQuerySerializer, data=request.query_params)
        services.delete_goal(actor=request.user, goal=goal, expected_revision=query.get("revision"))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _change(self, goal_id, *, partial: bool) -> Response:
        self.require("plans.edit_plan")
        goal = self.goal_or_404(goal_id)
        fields = self.validated(api.GoalChangeSerializer)
        revision = fields.pop("revision")
        if partial:
            fields = with_current_values(goal, fields, api.GoalChangeSerializer)
        services.update_goal(
            actor=self.request.user, goal=goal, expected_revision=revision, **fields
        )
        return Response(api.GoalSerializer(self.goal_or_404(goal_id)).data)

    def describe_conflict(self, current):
        goal = self.visible_goals().filter(pk=self.kwargs["goal_id"]).first()
        return api.GoalSerializer(goal).data if goal is not None else None


@extend_schema(tags=["actions"])
class GoalActionList(HouseholdScopedView):
    """A new action for a goal."""

    read_perm = "plans.view_plan"
    serializer_class = api.ActionSerializer

    @extend_schema(
        request=api.NewActionSerializer, responses={201: api.ActionSerializer, **WRITE_ERRORS}
    )
    def post(self, request, household_id, goal_id):
        self.require("plans.edit_plan")
        goal = self.goal_or_404(goal_id)
        action = services.add_action(
            actor=request.user, goal=goal, **self.validated(api.NewActionSerializer)
        )
        return Response(
            api.ActionSerializer(self.action_or_404(action.pk)).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["actions"])
class ActionDetail(HouseholdScopedView):
    read_perm = "plans.view_plan"
    serializer_class = api.ActionSerializer

    @extend_schema(responses={200: api.ActionSerializer, **READ_ERRORS})
    def get(self, request, household_id, action_id):
        return Response(api.ActionSerializer(self.action_or_404(action_id)).data)

    @extend_schema(
        request=api.ActionChangeSerializer, responses={200: api.ActionSerializer, **WRITE_ERRORS}
    )
    def put(self, request, household_id, action_id):
        return self._change(action_id, partial=False)

    @extend_schema(
        request=api.ActionChangeSerializer, responses={200: api.ActionSerializer, **WRITE_ERRORS}
    )
    def patch(self, request, household_id, action_id):
        return self._change(action_id, partial=True)

    @extend_schema(parameters=[api.RevisionQuerySerializer], responses={204: None, **WRITE_ERRORS})
    def delete(self, request, household_id, action_id):
        self.require("plans.edit_plan")
        action = self.action_or_404(action_id)
        query = self.validated(api.RevisionQuerySerializer, data=request.query_params)
        services.delete_action(
            actor=request.user, action=action, expected_revision=query.get("revision")
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _change(self, action_id, *, partial: bool) -> Response:
        self.require("plans.edit_plan")
        action = self.action_or_404(action_id)
        fields = self.validated(api.ActionChangeSerializer)
        revision = fields.pop("revision")
        if partial:
            fields = with_current_values(action, fields, api.ActionChangeSerializer)
        services.update_action(
            actor=self.request.user, action=action, expected_revision=revision, **fields
        )
        return Response(api.ActionSerializer(self.action_or_404(action_id)).data)

    def describe_conflict(self, current):
        action = self.visible_actions().filter(pk=self.kwargs["action_id"]).first()
        return api.ActionSerializer(action).data if action is not None else None
