"""Approved versions of the plan: frozen, never changed, and compared in plain words."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.mixins import ListModelMixin
from rest_framework.response import Response

from eigenplan.api import serializers as api
from eigenplan.api.views.base import READ_ERRORS, WRITE_ERRORS, HouseholdScopedView
from eigenplan.plans import services
from eigenplan.plans.models import PlanVersion
from eigenplan.plans.selectors import versions_of
from eigenplan.plans.snapshot import diff_snapshots


@extend_schema(tags=["versions"])
class VersionList(ListModelMixin, HouseholdScopedView):
    """The approved versions, newest first. Approving freezes the plan as it is now into a new
    version; only the resident approves."""

    read_perm = "plans.view_versions"
    serializer_class = api.VersionSummarySerializer

    def get_queryset(self):
        return versions_of(self.plan)

    @extend_schema(responses={200: api.VersionSummarySerializer(many=True), **READ_ERRORS})
    def get(self, request, household_id):
        return self.list(request)

    @extend_schema(
        request=api.ApprovalSerializer, responses={201: api.VersionSerializer, **WRITE_ERRORS}
    )
    def post(self, request, household_id):
        self.require("plans.approve_plan")
        fields = self.validated(api.ApprovalSerializer)
        version = services.approve_plan(
            actor=request.user,
            plan=self.plan,
            expected_revision=fields.get("revision"),
            note=fields.get("note", ""),
        )
        return Response(api.VersionSerializer(version).data, status=status.HTTP_201_CREATED)

    def describe_conflict(self, current):
        return self.plan_data()


@extend_schema(tags=["versions"])
class VersionDetail(HouseholdScopedView):
    read_perm = "plans.view_versions"
    serializer_class = api.VersionSerializer

    @extend_schema(responses={200: api.VersionSerializer, **READ_ERRORS})
    def get(self, request, household_id, number):
        version = get_object_or_404(self.plan.versions, number=number)
        return Response(api.VersionSerializer(version).data)


@extend_schema(tags=["versions"])
class VersionComparison(HouseholdScopedView):
    """What changed from one version to another, as sentences a resident understands."""

    read_perm = "plans.view_versions"
    serializer_class = api.ComparisonSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, required=True, description="The older version."),
            OpenApiParameter("to", int, required=True, description="The newer version."),
        ],
        responses={
            200: api.ComparisonSerializer,
            400: api.FieldErrorsSerializer,
            **READ_ERRORS,
        },
    )
    def get(self, request, household_id):
        versions, errors = {}, {}
        for param in ("from", "to"):
            try:
                versions[param] = self._version(request.query_params.get(param, ""))
            except ValueError as problem:
                errors[param] = [str(problem)]
        if errors:
            raise ValidationError(errors)
        older, newer = versions["from"], versions["to"]
        changes = diff_snapshots(older.snapshot, newer.snapshot)
        data = {"from": older.number, "to": newer.number, "changes": changes}
        return Response(api.ComparisonSerializer(data).data)

    def _version(self, number: str) -> PlanVersion:
        if not (number.isascii() and number.isdigit()):
            raise ValueError(_("Geef het nummer van een versie, bijvoorbeeld 1."))
        version = self.plan.versions.filter(number=int(number)).first()
        if version is None:
            raise ValueError(_("Versie %(number)s bestaat niet.") % {"number": number})
        return version
