"""Pages for the circle: a circle member's own commitments and their answers; the overview of
who promised what and the circle picture, for those who see the whole plan."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from eigenplan.circle import selectors, services
from eigenplan.circle.forms import DeclineForm, HandBackForm
from eigenplan.circle.services import Answer
from eigenplan.core.forms import apply_service
from eigenplan.plans.views import household_for

VIEW_CIRCLE = "households.view_circle"
MANAGE_CIRCLE = "households.manage_circle"


@login_required
def my_commitments(request):
    return render(
        request,
        "circle/my_commitments.html",
        {"page": selectors.my_commitments(request.user)},
    )


DONE_MESSAGES = {
    Answer.ACCEPT: lambda: _("Dank u! U heeft ja gezegd. De inwoner ziet dat nu."),
    Answer.DECLINE: lambda: _(
        "U heeft nee gezegd. De inwoner ziet dat en kan iemand anders vragen."
    ),
    Answer.DONE: lambda: _("Mooi! De afspraak staat nu op klaar."),
    Answer.HAND_BACK: lambda: _(
        "U heeft de afspraak teruggegeven. De inwoner ziet dat en kan iemand anders vragen."
    ),
}


@login_required
def commitment(request, action_id):
    """One action asked of the user, with the answers it can take now. Someone else's action
    does not exist here (404)."""
    action = selectors.commitments_of_user(request.user).filter(pk=action_id).first()
    if action is None:
        raise Http404
    return _answer_page(
        request,
        action,
        template="circle/commitment.html",
        reread=lambda: selectors.commitments_of_user(request.user).get(pk=action.pk),
        done=lambda answer: (DONE_MESSAGES[answer](), reverse("circle:my_commitments")),
    )


@login_required
def answer_for(request, household_id, action_id):
    """The pen holder notes the answer of a circle member without an account, who said yes or
    no in person or on the phone."""
    household, _view = household_for(request, household_id, MANAGE_CIRCLE)
    actions = selectors.circle_actions(household).select_related(
        "circle_member", "goal__plan__household"
    )
    action = get_object_or_404(actions, pk=action_id, circle_member__is_active=True)
    name = action.circle_member.name
    return _answer_page(
        request,
        action,
        template="circle/answer_for.html",
        reread=lambda: actions.get(pk=action.pk),
        done=lambda _answer: (
            _("Het antwoord van %(name)s is opgeslagen.") % {"name": name},
            reverse("circle:commitments", args=[household.pk])
            + f"#kringlid-{action.circle_member_id}",
        ),
        extra={"household": household, "member": action.circle_member},
        reason_labels={
            Answer.DECLINE: _("Waarom kan %(name)s het niet doen?") % {"name": name},
            Answer.HAND_BACK: _("Waarom geeft %(name)s het terug? (mag leeg blijven)")
            % {"name": name},
        },
    )


def _answer_page(request, action, *, template, reread, done, extra=None, reason_labels=None):
    """The answers the action can take now, for the circle member or the pen holder on their
    behalf; `reason_labels` words the reason fields for the latter."""
    labels = reason_labels or {}

    def labelled(form, answer):
        if answer in labels:
            form.fields["reason"].label = labels[answer]
        return form

    forms_for = {
        Answer.DECLINE: lambda data: labelled(DeclineForm(data, prefix="nee"), Answer.DECLINE),
        Answer.HAND_BACK: lambda data: labelled(
            HandBackForm(data, prefix="terug"), Answer.HAND_BACK
        ),
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
                message, url = done(answer)
                messages.success(request, message)
                return redirect(url)
        failed = form
        action = reread()
    return render(
        request,
        template,
        {
            "action": action,
            "household": action.goal.plan.household,
            "decline": shown[Answer.DECLINE],
            "hand_back": shown[Answer.HAND_BACK],
            "failed": failed,
            "may_accept": services.may_answer(action, Answer.ACCEPT),
            "may_decline": services.may_answer(action, Answer.DECLINE),
            "may_finish": services.may_answer(action, Answer.DONE),
            **(extra or {}),
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
