"""Pages for the circle: a circle member's own commitments and their answers; the overview of
who promised what and the circle picture, for those who see the whole plan."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from eigenplan.circle import selectors, services
from eigenplan.circle.forms import DeclineForm, HandBackForm
from eigenplan.circle.services import Answer
from eigenplan.core.forms import apply_service
from eigenplan.plans.views import household_for

VIEW_CIRCLE = "households.view_circle"


@login_required
def my_commitments(request):
    return render(
        request,
        "circle/my_commitments.html",
        {"page": selectors.my_commitments(request.user)},
    )


DONE_MESSAGES = {
    Answer.ACCEPT: lambda: _("Dank u! U heeft ja gezegd. De inwoner ziet dat nu."),
    Answer.DECLINE: lambda: _("U heeft nee gezegd. De inwoner krijgt daar bericht over."),
    Answer.DONE: lambda: _("Mooi! De afspraak staat nu op klaar."),
    Answer.HAND_BACK: lambda: _("U heeft de afspraak teruggegeven. De inwoner krijgt bericht."),
}


@login_required
def commitment(request, action_id):
    """One action asked of the user, with the answers it can take now. Someone else's action
    does not exist here (404)."""
    action = selectors.commitments_of_user(request.user).filter(pk=action_id).first()
    if action is None:
        raise Http404
    forms_for = {
        Answer.DECLINE: lambda data: DeclineForm(data, prefix="nee"),
        Answer.HAND_BACK: lambda data: HandBackForm(data, prefix="terug"),
    }
    shown = {answer: make(None) for answer, make in forms_for.items()}
    failed = None
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        # Accepting and finishing have no fields: an empty form carries their refusal.
        form = forms_for.get(answer, lambda data: forms.Form(data))(request.POST)
        shown[answer] = form
        if form.is_valid():
            answered = apply_service(
                form,
                services.answer_commitment,
                actor=request.user,
                action=action,
                answer=answer,
                reason=form.cleaned_data.get("reason") or "",
            )
            if answered is not None:
                messages.success(request, DONE_MESSAGES[answer]())
                return redirect("circle:my_commitments")
        failed = form
        action = selectors.commitments_of_user(request.user).get(pk=action.pk)
    return render(
        request,
        "circle/commitment.html",
        {
            "action": action,
            "household": action.goal.plan.household,
            "decline": shown[Answer.DECLINE],
            "hand_back": shown[Answer.HAND_BACK],
            "failed": failed,
            "may_accept": services.may_answer(action, Answer.ACCEPT),
            "may_decline": services.may_answer(action, Answer.DECLINE),
            "may_finish": services.may_answer(action, Answer.DONE),
        },
    )


@login_required
def commitments(request, household_id):
    household, view = household_for(request, household_id, VIEW_CIRCLE)
    return render(
        request,
        "circle/commitments.html",
        {
            "household": household,
            "view": view,
            "rows": selectors.circle_commitments(household),
            "threshold": selectors.busy_threshold(),
        },
    )


@login_required
def circle_map(request, household_id):
    household, view = household_for(request, household_id, VIEW_CIRCLE)
    return render(
        request,
        "circle/map.html",
        {"household": household, "view": view, "picture": selectors.circle_picture(household)},
    )
