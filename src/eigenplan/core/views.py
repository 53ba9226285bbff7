from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from eigenplan.accounts.models import Role
from eigenplan.households.access import standing
from eigenplan.households.selectors import households_for_user


@login_required
def home(request):
    """Send everyone to where their work is: a resident to their plan, a coordinator to their
    households, anyone else to the list of plans they are part of."""
    user = request.user
    if user.is_professional:
        return redirect("plans:caseload")
    if user.role == Role.INDEPENDENT_COORDINATOR:
        return redirect("conferences:mine")
    households = list(households_for_user(user).select_related("neighbourhood")[:50])
    own = [h for h in households if standing(user, h).holds_pen]
    if len(own) == 1 and len(households) == 1:
        return redirect("plans:overview", household_id=own[0].pk)
    entries = [(h, standing(user, h)) for h in households]
    return render(request, "core/home.html", {"entries": entries})
