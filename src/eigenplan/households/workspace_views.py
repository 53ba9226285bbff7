"""The coordinator's household file and the hand-over to another coordinator."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from eigenplan.core.forms import apply_service
from eigenplan.households import household_file, selectors, services
from eigenplan.households.access import standing
from eigenplan.households.forms import HandOverForm
from eigenplan.households.models import Household, TeamMembership
from eigenplan.plans import selectors as plan_selectors
from eigenplan.plans.views import household_for
from eigenplan.privacy.audit import record_access
from eigenplan.privacy.parts import PLAN_PARTS


@login_required
def file(request, household_id):
    household, view = household_for(request, household_id, "households.view_file")
    plan = plan_selectors.plan_of(household)
    sees_plan = bool(view.shared_parts & PLAN_PARTS)
    goals = list(plan_selectors.visible_goals(plan, view)) if sees_plan else []
    return render(
        request,
        "households/file.html",
        {
            "household": household,
            "view": view,
            "plan": plan,
            "persons": list(household.persons.all()),
            "current": household_file.current_assignment(household),
            "assignments": household_file.coordinator_history(household),
            "attention": household_file.attention_of(household, view),
            "sees_plan": sees_plan,
            "groups": plan_selectors.group_by_life_domain(goals),
            "circle": selectors.invitation_overview(household) if view.sees_whole_plan else None,
            "history": household_file.history_of(household, view),
            "sections": household_file.sections_for(household, view),
            "can_hand_over": services.may_hand_over(request.user, household),
        },
    )


def _candidates(household: Household) -> list[TeamMembership]:
    """Who can take the household over: the professionals of its team but its coordinator."""
    if household.team_id is None:
        return []
    return list(
        TeamMembership.objects.filter(team_id=household.team_id, user__is_active=True)
        .exclude(user_id=household.coordinator_id)
        .select_related("user")
        .order_by("user__display_name", "user__username")
    )


@login_required
def hand_over(request, household_id):
    """For the current coordinator and the team lead. The team lead may hand over a household
    whose file the resident does not share with them: the page shows the address and who
    coordinates, nothing of the file."""
    household = get_object_or_404(
        Household.objects.select_related("team", "coordinator", "neighbourhood"), pk=household_id
    )
    if not services.may_hand_over(request.user, household):
        if standing(request.user, household).has_any_access:
            raise PermissionDenied
        raise Http404
    if request.method == "GET":
        record_access(actor=request.user, household=household, what="household")
    candidates = _candidates(household)
    form = HandOverForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["to_coordinator"]
        to_coordinator = (
            get_user_model().objects.filter(pk=chosen).first() if chosen.isdigit() else None
        )
        assignment = apply_service(
            form,
            services.hand_over_household,
            actor=request.user,
            household=household,
            to_coordinator=to_coordinator,
            reason=form.cleaned_data["reason"],
        )
        if assignment is not None:
            messages.success(
                request,
                _("%(name)s is nu de regisseur. We sturen %(name)s en de inwoner een bericht.")
                % {"name": assignment.coordinator_name},
            )
            if standing(request.user, household).is_coordinator:
                return redirect("households:file", household.pk)
            return redirect("plans:caseload")
    return render(
        request,
        "households/hand_over.html",
        {
            "household": household,
            "form": form,
            "current": household_file.current_assignment(household),
            "has_candidates": bool(candidates),
        },
    )
