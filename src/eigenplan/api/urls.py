from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _

from eigenplan.api.views import auth, docs, households, plans, proposals, versions

app_name = "api"

HOUSEHOLD = "households/<int:household_id>/"
PLAN = f"{HOUSEHOLD}plan/"


def not_found(request, path):
    # Unknown addresses under the API answer in JSON too, like everything else here.
    return JsonResponse({"detail": _("Niet gevonden.")}, status=404)


urlpatterns = [
    path("auth/token/", auth.ObtainToken.as_view(), name="token"),
    path("schema/", docs.ApiSchema.as_view(), name="schema"),
    path("docs/", docs.ApiDocs.as_view(), name="docs"),
    path("households/", households.HouseholdList.as_view(), name="household-list"),
    path(HOUSEHOLD, households.HouseholdDetail.as_view(), name="household-detail"),
    path(f"{HOUSEHOLD}circle/", households.CircleList.as_view(), name="circle-list"),
    path(
        f"{HOUSEHOLD}circle/<int:member_id>/",
        households.CircleMemberDetail.as_view(),
        name="circle-member-detail",
    ),
    path(PLAN, plans.PlanDetail.as_view(), name="plan-detail"),
    path(f"{PLAN}goals/", plans.GoalList.as_view(), name="goal-list"),
    path(f"{PLAN}goals/<int:goal_id>/", plans.GoalDetail.as_view(), name="goal-detail"),
    path(
        f"{PLAN}goals/<int:goal_id>/actions/",
        plans.GoalActionList.as_view(),
        name="goal-action-list",
    ),
    path(f"{PLAN}actions/<int:action_id>/", plans.ActionDetail.as_view(), name="action-detail"),
    path(f"{PLAN}proposals/", proposals.ProposalList.as_view(), name="proposal-list"),
    path(
        f"{PLAN}proposals/<int:proposal_id>/accept/",
        proposals.ProposalAccept.as_view(),
        name="proposal-accept",
    ),
    path(
        f"{PLAN}proposals/<int:proposal_id>/decline/",
        proposals.ProposalDecline.as_view(),
        name="proposal-decline",
    ),
    path(f"{PLAN}versions/", versions.VersionList.as_view(), name="version-list"),
    path(
        f"{PLAN}versions/compare/",
        versions.VersionComparison.as_view(),
        name="version-compare",
    ),
    path(f"{PLAN}versions/<int:number>/", versions.VersionDetail.as_view(), name="version-detail"),
    re_path(r"^(?P<path>.*)$", not_found),
]
