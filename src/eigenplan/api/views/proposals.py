"""Proposals: how everyone who does not hold the pen suggests a change. The resident accepts
(possibly with their own changes) or declines."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.mixins import ListModelMixin
from rest_framework.response import Response

from eigenplan.api import serializers as api
from eigenplan.api.views.base import READ_ERRORS, WRITE_ERRORS, HouseholdScopedView
from eigenplan.plans import services
from eigenplan.plans.models import Action, Goal, Proposal
from eigenplan.plans.selectors import proposals_for


class ProposalView(HouseholdScopedView):
    read_perm = "plans.view_plan"
    serializer_class = api.ProposalSerializer

    def proposal_or_404(self, proposal_id) -> Proposal:
        return get_object_or_404(proposals_for(self.plan, self.standing), pk=proposal_id)


@extend_schema(tags=["proposals"])
class ProposalList(ListModelMixin, ProposalView):
    """All proposals for the household and the coordinator; their own for circle members."""

    def get_queryset(self):
        return proposals_for(self.plan, self.standing)

    @extend_schema(responses={200: api.ProposalSerializer(many=True), **READ_ERRORS})
    def get(self, request, household_id):
        return self.list(request)

    @extend_schema(
        request=api.NewProposalSerializer,
        responses={201: api.ProposalSerializer, **WRITE_ERRORS},
    )
    def post(self, request, household_id):
        self.require("plans.propose")
        fields = self.validated(api.NewProposalSerializer)
        proposal = services.make_proposal(
            actor=request.user,
            plan=self.plan,
            kind=fields["kind"],
            payload=fields["payload"],
            goal=self._referenced_goal(fields.get("goal")),
            action=self._referenced_action(fields.get("action")),
            explanation=fields.get("explanation", ""),
        )
        return Response(
            api.ProposalSerializer(self.proposal_or_404(proposal.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    def _referenced_goal(self, goal_id) -> Goal | None:
        if goal_id is None:
            return None
        goal = self.visible_goals().filter(pk=goal_id).first()
        if goal is None:
            raise ValidationError({"goal": _("Kies een doel uit dit plan.")})
        return goal

    def _referenced_action(self, action_id) -> Action | None:
        if action_id is None:
            return None
        action = self.visible_actions().filter(pk=action_id).first()
        if action is None:
            raise ValidationError({"action": _("Kies een actie uit dit plan.")})
        return action


class ProposalAnswerView(ProposalView):
    def describe_conflict(self, current):
        return api.ProposalSerializer(self.proposal_or_404(self.kwargs["proposal_id"])).data


@extend_schema(tags=["proposals"])
class ProposalAccept(ProposalAnswerView):
    """Take the proposal into the plan, with the resident's own changes if given."""

    @extend_schema(
        request=api.AcceptProposalSerializer,
        responses={200: api.ProposalSerializer, **WRITE_ERRORS},
    )
    def post(self, request, household_id, proposal_id):
        self.require("plans.answer_proposal")
        proposal = self.proposal_or_404(proposal_id)
        changes = self.validated(api.AcceptProposalSerializer).get("changes")
        services.accept_proposal(actor=request.user, proposal=proposal, changes=changes)
        return Response(api.ProposalSerializer(self.proposal_or_404(proposal_id)).data)


@extend_schema(tags=["proposals"])
class ProposalDecline(ProposalAnswerView):
    """Say no to the proposal, with a reason if the resident wants to give one."""

    @extend_schema(
        request=api.DeclineProposalSerializer,
        responses={200: api.ProposalSerializer, **WRITE_ERRORS},
    )
    def post(self, request, household_id, proposal_id):
        self.require("plans.answer_proposal")
        proposal = self.proposal_or_404(proposal_id)
        reason = self.validated(api.DeclineProposalSerializer).get("reason", "")
        services.decline_proposal(actor=request.user, proposal=proposal, reason=reason)
        return Response(api.ProposalSerializer(self.proposal_or_404(proposal_id)).data)
