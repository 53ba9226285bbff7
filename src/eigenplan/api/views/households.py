"""Households and their circle."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.mixins import ListModelMixin
from rest_framework.response import Response

from eigenplan.api import serializers as api
from eigenplan.api.views.base import (
    READ_ERRORS,
    WRITE_ERRORS,
    HouseholdScopedView,
    with_current_values,
)
from eigenplan.households import services
from eigenplan.households.models import CircleMember
from eigenplan.households.selectors import active_circle, households_for_user


@extend_schema(tags=["households"])
class HouseholdList(generics.ListAPIView):
    """The households you have any standing with: your own, the ones you represent or
    coordinate, and the ones whose circle you are in."""

    serializer_class = api.HouseholdSerializer

    def get_queryset(self):
        return (
            households_for_user(self.request.user)
            .select_related("neighbourhood", "coordinator")
            .order_by("pk")
        )


@extend_schema(tags=["households"])
class HouseholdDetail(HouseholdScopedView):
    """One household. The persons in it only for those who see the whole household."""

    serializer_class = api.HouseholdDetailSerializer

    @extend_schema(responses={200: api.HouseholdDetailSerializer, **READ_ERRORS})
    def get(self, request, household_id):
        serializer = api.HouseholdDetailSerializer(
            self.household, shows_persons=self.standing.sees_whole_plan
        )
        return Response(serializer.data)


@extend_schema(tags=["circle"])
class CircleList(ListModelMixin, HouseholdScopedView):
    """The active members of the household's circle. Only those who see the whole household
    see the circle; only the resident changes it."""

    read_perm = "households.view_circle"
    serializer_class = api.CircleMemberSerializer

    def get_queryset(self):
        return active_circle(self.household)

    @extend_schema(responses={200: api.CircleMemberSerializer(many=True), **READ_ERRORS})
    def get(self, request, household_id):
        return self.list(request)

    @extend_schema(
        request=api.NewCircleMemberSerializer,
        responses={201: api.CircleMemberSerializer, **WRITE_ERRORS},
    )
    def post(self, request, household_id):
        self.require("households.manage_circle")
        member = services.add_circle_member(
            actor=request.user,
            household=self.household,
            **self.validated(api.NewCircleMemberSerializer),
        )
        return Response(api.CircleMemberSerializer(member).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["circle"])
class CircleMemberDetail(HouseholdScopedView):
    """One member of the circle. Removing a member keeps them in old versions of the plan,
    but they lose access at once."""

    read_perm = "households.view_circle"
    serializer_class = api.CircleMemberSerializer

    def get_object(self) -> CircleMember:
        member = get_object_or_404(active_circle(self.household), pk=self.kwargs["member_id"])
        member.household = self.household
        return member

    @extend_schema(responses={200: api.CircleMemberSerializer, **READ_ERRORS})
    def get(self, request, household_id, member_id):
        return Response(api.CircleMemberSerializer(self.get_object()).data)

    @extend_schema(
        request=api.CircleMemberChangeSerializer,
        responses={200: api.CircleMemberSerializer, **WRITE_ERRORS},
    )
    def put(self, request, household_id, member_id):
        return self._change(partial=False)

    @extend_schema(
        request=api.CircleMemberChangeSerializer,
        responses={200: api.CircleMemberSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, household_id, member_id):
        return self._change(partial=True)

    @extend_schema(responses={204: None, **READ_ERRORS})
    def delete(self, request, household_id, member_id):
        self.require("households.manage_circle")
        services.remove_circle_member(actor=request.user, member=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _change(self, *, partial: bool) -> Response:
        self.require("households.manage_circle")
        member = self.get_object()
        fields = self.validated(api.CircleMemberChangeSerializer)
        revision = fields.pop("revision")
        if partial:
            fields = with_current_values(member, fields, api.CircleMemberChangeSerializer)
        member = services.update_circle_member(
            actor=self.request.user, member=member, expected_revision=revision, **fields
        )
        return Response(api.CircleMemberSerializer(member).data)

    def describe_conflict(self, current):
        return api.CircleMemberSerializer(current).data if current is not None else None
